//! The law as it changes: each rule version states the law for a period
//! (`in_force_from`, `in_force_until`); a version waiting on a commencement
//! is not in force until the commencement has a date. The engine picks the
//! version in force for each period of an episode, following the version's
//! transitional rule for episodes that began under the earlier law.

use chrono::NaiveDate;

use super::pack::{Commencement, Rule, RuleSet, Transition};

impl RuleSet {
    /// Dates each version waiting on a commencement from its commencement
    /// (or leaves it not in force while the commencement has no date).
    pub(crate) fn resolve_commencements(&mut self) {
        for r in &mut self.rules {
            if let Some(c) = &r.commencement {
                r.in_force_from = self
                    .commencements
                    .iter()
                    .find(|k| &k.id == c)
                    .and_then(|k| k.on);
            }
        }
    }

    /// The named commencements and their dates.
    #[must_use]
    pub fn commencements(&self) -> &[Commencement] {
        &self.commencements
    }

    /// Sets a commencement's date (a council's `rules.toml`, or a test).
    pub fn commence(&mut self, id: &str, on: Option<NaiveDate>) -> bool {
        let Some(c) = self.commencements.iter_mut().find(|c| c.id == id) else {
            return false;
        };
        c.on = on;
        self.resolve_commencements();
        true
    }

    /// Every version of one rule, in pack order.
    #[must_use]
    pub fn versions(&self, id: &str) -> Vec<&Rule> {
        self.rules.iter().filter(|r| r.id == id).collect()
    }

    /// Whether a version has a first day (or, added locally, always applies).
    fn starts(r: &Rule) -> Option<NaiveDate> {
        match (&r.in_force_from, &r.commencement) {
            (Some(d), _) => Some(*d),
            (None, None) => Some(NaiveDate::MIN),
            (None, Some(_)) => None,
        }
    }

    /// The last day a version is in force: as written, else the day before
    /// the next dated version of the same rule.
    #[must_use]
    pub fn in_force_until(&self, r: &Rule) -> Option<NaiveDate> {
        if r.in_force_until.is_some() {
            return r.in_force_until;
        }
        let from = Self::starts(r)?;
        self.rules
            .iter()
            .filter(|o| o.id == r.id)
            .filter_map(Self::starts)
            .filter(|d| *d > from)
            .min()
            .and_then(|d| d.pred_opt())
    }

    /// Whether a version is in force on `day`.
    #[must_use]
    pub fn in_force_on(&self, r: &Rule, day: NaiveDate) -> bool {
        Self::starts(r).is_some_and(|from| from <= day)
            && self.in_force_until(r).is_none_or(|until| day <= until)
    }

    /// The version of rule `id` in force on `day`.
    #[must_use]
    pub fn rule_on(&self, id: &str, day: NaiveDate) -> Option<&Rule> {
        self.rules
            .iter()
            .filter(|r| r.id == id)
            .rfind(|r| self.in_force_on(r, day))
    }

    /// The version that governs a period beginning on `period_start` of an
    /// episode that began on `episode_start`: the latest version in force on
    /// the day its transitional rule looks at.
    #[must_use]
    pub fn version_for(
        &self,
        id: &str,
        period_start: NaiveDate,
        episode_start: NaiveDate,
    ) -> Option<&Rule> {
        self.rules
            .iter()
            .filter(|r| r.id == id)
            .rfind(|r| {
                let day = match r.transition {
                    Transition::PeriodStart => period_start,
                    Transition::EpisodeStart => episode_start,
                };
                self.in_force_on(r, day)
            })
            // An episode kept on the earlier law by a later version's
            // transitional rule stays on the version it began under.
            .or_else(|| self.rule_on(id, episode_start))
            .or_else(|| self.rule_on(id, period_start))
    }

    /// The version after `r` that is waiting or dated later ("from DATE
    /// this becomes …"), if any.
    #[must_use]
    pub fn next_version(&self, r: &Rule) -> Option<&Rule> {
        // A version not yet in force has no "next": it is the change itself.
        let from = Self::starts(r)?;
        self.rules
            .iter()
            .filter(|o| o.id == r.id && !std::ptr::eq(*o, r))
            .find(|o| Self::starts(o).is_none_or(|d| d > from))
    }

    /// The distinct rule ids, in pack order.
    #[must_use]
    pub fn rule_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for r in &self.rules {
            if !ids.contains(&r.id.as_str()) {
                ids.push(&r.id);
            }
        }
        ids
    }

    /// The period of law a version states, in words.
    #[must_use]
    pub fn version_period(&self, r: &Rule) -> String {
        let until = self.in_force_until(r);
        match (Self::starts(r), until) {
            (None, _) => {
                let c = r.commencement.as_deref().unwrap_or("");
                format!("not yet in force (waits on commencement {c})")
            }
            (Some(NaiveDate::MIN), None) => "always (added locally)".into(),
            (Some(from), None) => format!("in force from {}", crate::dates::display::date(from)),
            (Some(from), Some(until)) => format!(
                "in force {} to {}",
                crate::dates::display::date(from),
                crate::dates::display::date(until)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_waiting_version_is_named_as_the_change_and_dated_once_commenced() {
        let mut set = RuleSet::embedded().unwrap();
        let v = set.versions("cto-expiry");
        let (old, new) = (v[0], v[1]);
        assert_eq!(
            set.next_version(old).map(|n| n.then.clone()),
            Some(vec![3, 6])
        );
        assert_eq!(set.next_version(new), None);
        assert!(set.version_period(new).starts_with("not yet in force"));
        assert_eq!(set.version_period(old), "in force from 03/11/2008");
        assert!(!set.commence("no-such-commencement", Some(d(2027, 1, 1))));
        assert!(set.commence("mha-2025-detention-periods", Some(d(2027, 10, 1))));
        let old = set.versions("cto-expiry")[0];
        assert_eq!(set.in_force_until(old), Some(d(2027, 9, 30)));
        assert_eq!(set.version_period(old), "in force 03/11/2008 to 30/09/2027");
        // A CTO made before commencement keeps the 1983 length for the
        // period running; one made after takes the new version at once.
        assert_eq!(
            set.version_for("cto-expiry", d(2027, 9, 1), d(2027, 9, 1))
                .unwrap()
                .then,
            vec![6, 12]
        );
        assert_eq!(
            set.version_for("cto-expiry", d(2027, 10, 2), d(2027, 9, 1))
                .unwrap()
                .then,
            vec![3, 6]
        );
        // Under a transitional rule that keeps existing episodes on the
        // earlier law, the same CTO stays on 6, then 12.
        let kept = set
            .with_overrides(
                "rules.toml",
                "[[rule]]\nid = \"cto-expiry\"\ntransition = \"episode-start\"\n",
            )
            .unwrap();
        let v = kept
            .version_for("cto-expiry", d(2027, 10, 2), d(2027, 9, 1))
            .unwrap();
        assert_eq!(v.then, vec![6, 12]);
        let v = kept
            .version_for("cto-expiry", d(2027, 10, 2), d(2027, 10, 2))
            .unwrap();
        assert_eq!(v.then, vec![3, 6]);
    }
}
