//! Third parties in a subject-access pack: every name the record knows that
//! is not the subject's, found wherever it appears and marked for review.
//!
//! The names come from the record ([`gather::others`](super::gather::others)):
//! the subject's network, other clients (the household first), the
//! household's networks, people present at notes and visits. Each name is
//! looked for whole and by its parts (given, family, preferred), with one
//! `aho-corasick` automaton (ASCII case-insensitive) built once per pack, as
//! privacy mode's sweep is. A part the subject's own name shares ("Quince"
//! when the subject is a Quince too) is looked for only within the other
//! person's whole name, so the subject's own name is never marked.
//!
//! What cannot be found is said plainly: a name typed only in free text,
//! that the record holds nowhere else, is not known and must be looked for
//! by a person.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::domain::Client;
use crate::domain::text::one_line;
use crate::privacy::sweep::is_persons_name;

/// Someone other than the subject whom the record names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Other {
    /// Their name as recorded.
    pub name: String,
    /// Where the record knows them from ("network: mother", "client 4, same household").
    pub known_as: String,
}

/// Titles are not names: "Dr" alone is not marked.
const TITLES: [&str; 8] = ["dr", "mr", "mrs", "ms", "mx", "miss", "prof", "rev"];

/// Joining words inside a name ("Marigold and Bernard Quince").
const JOINERS: [&str; 3] = ["and", "&", "of"];

/// Marks third parties' names in the pack's text and remembers where.
#[derive(Debug)]
pub struct Marker {
    matcher: Option<AhoCorasick>,
    /// For each pattern, the people whose name it is (indexes into `others`).
    owners: Vec<Vec<usize>>,
    others: Vec<Other>,
    /// Each marked name as written, with the people it may be and the places.
    found: BTreeMap<String, (Vec<usize>, Vec<String>)>,
}

/// The words of a name worth looking for on their own.
fn parts(name: &str) -> Vec<String> {
    one_line(name)
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 2)
        .filter(|w| {
            let l = w.to_lowercase();
            !TITLES.contains(&l.as_str()) && !JOINERS.contains(&l.as_str())
        })
        .map(str::to_string)
        .collect()
}

impl Marker {
    /// A marker for `others`, never marking the subject's own name.
    #[must_use]
    pub fn for_subject(subject: &Client, others: Vec<Other>) -> Marker {
        let mut own = vec![
            subject.display_name(),
            format!("{} {}", subject.given_name, subject.family_name),
            subject.given_name.clone(),
            subject.family_name.clone(),
        ];
        own.extend(subject.preferred_name.clone());
        Marker::new(&own, others)
    }

    /// A marker for `others`, never marking any of `own` (the subject's
    /// names as written, whole) or their parts.
    #[must_use]
    pub fn new(own: &[String], others: Vec<Other>) -> Marker {
        let own: Vec<String> = own
            .iter()
            .flat_map(|n| std::iter::once(n.clone()).chain(parts(n)))
            .map(|s| one_line(&s).trim().to_lowercase())
            .collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut add = |p: String, who: usize| {
            let key = p.to_lowercase();
            if key.chars().count() < 2 || own.contains(&key) {
                return;
            }
            match patterns.iter().position(|q| q.to_lowercase() == key) {
                Some(i) if !owners[i].contains(&who) => owners[i].push(who),
                Some(_) => {}
                None => {
                    patterns.push(p);
                    owners.push(vec![who]);
                }
            }
        };
        for (i, o) in others.iter().enumerate() {
            let whole = one_line(&o.name).trim().to_string();
            add(whole.clone(), i);
            // A service's words are ordinary ones ("Health", "Team"): only a
            // person's name is looked for by its parts.
            if is_persons_name(&whole) {
                for p in parts(&whole) {
                    add(p, i);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .ok();
        Marker {
            matcher,
            owners,
            others,
            found: BTreeMap::new(),
        }
    }

    /// `text` with every third party's name marked `[REVIEW third party: …]`
    /// (whole words, the longest name at each place); each is noted with `place`.
    pub fn mark(&mut self, text: &str, place: &str) -> String {
        let Some(ac) = &self.matcher else {
            return text.to_string();
        };
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut hits: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                !word(text[..m.start()].chars().next_back())
                    && !word(text[m.end()..].chars().next())
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        hits.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut out = String::with_capacity(text.len() + 32);
        let mut at = 0;
        for (s, e, p) in hits {
            if s < at {
                continue;
            }
            out.push_str(&text[at..s]);
            let name = &text[s..e];
            out.push_str(&format!("[REVIEW third party: {name}]"));
            let entry = self
                .found
                .entry(name.to_string())
                .or_insert_with(|| (self.owners[p].clone(), Vec::new()));
            if !entry.1.iter().any(|q| q == place) {
                entry.1.push(place.to_string());
            }
            at = e;
        }
        out.push_str(&text[at..]);
        out
    }

    /// Whether any name was marked.
    #[must_use]
    pub fn found_any(&self) -> bool {
        !self.found.is_empty()
    }

    /// The found list's lines: each marked name, whose name it may be, and
    /// every place it was marked; then the names known but not found.
    #[must_use]
    pub fn report(&self) -> String {
        let mut s = String::new();
        for (name, (who, places)) in &self.found {
            let whose: Vec<String> = who
                .iter()
                .map(|&i| format!("{} ({})", self.others[i].name, self.others[i].known_as))
                .collect();
            s.push_str(&format!(
                "- \"{}\", the name of {}: in {}\n",
                one_line(name),
                one_line(&whose.join("; ")),
                one_line(&places.join("; "))
            ));
        }
        if self.found.is_empty() {
            s.push_str("- none found\n");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject() -> Vec<String> {
        vec!["Ada Quince".into(), "Ada".into(), "Quince".into()]
    }

    fn other(name: &str) -> Other {
        Other {
            name: name.into(),
            known_as: "network: partner".into(),
        }
    }

    #[test]
    fn whole_names_and_parts_are_marked_the_subjects_own_never() {
        let mut m = Marker::new(&subject(), vec![other("Bernard Quince"), other("Ann")]);
        let out = m.mark(
            "Ada Quince said bernard and Bernard Quince argued; Annabel and Ann came.",
            "note 1",
        );
        assert_eq!(
            out,
            "Ada Quince said [REVIEW third party: bernard] and \
             [REVIEW third party: Bernard Quince] argued; Annabel and \
             [REVIEW third party: Ann] came."
        );
        let r = m.report();
        assert!(
            r.contains(
                "\"Bernard Quince\", the name of Bernard Quince (network: partner): in note 1"
            ),
            "{r}"
        );
        assert!(!r.contains("\"Quince\""), "{r}");
    }

    #[test]
    fn a_service_is_marked_whole_not_by_its_words() {
        let mut m = Marker::new(&subject(), vec![other("Fennick Health Team")]);
        let out = m.mark("The health team and Fennick Health Team met.", "plan");
        assert_eq!(
            out,
            "The health team and [REVIEW third party: Fennick Health Team] met."
        );
    }
}
