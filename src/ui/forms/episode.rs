//! The legal episode form (`L`): the framework, its start (with the time
//! for kinds counted in hours), and whether it follows one of the client's
//! open powers. Which transitions the law allows is the rule packs'
//! business: the form only carries the practitioner's choice, and saving
//! without one is refused when an open power could be followed (the app
//! asks the store, as `caseload episode add` does).

use chrono::{NaiveDate, NaiveDateTime};

use super::draft::DraftKey;
use super::{Choice, Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::domain::{EpisodeKind, LegalEpisode, NewEpisode};
use crate::ui::theme::Theme;
use crate::ui::write::{FollowChoice, Write};

typed_form! {
    /// A legal episode: the framework, its start and notes. Its deadlines
    /// follow from the rule packs when it is saved.
    EpisodeForm {
        /// The legal framework.
        kind: Choice<EpisodeKind>,
        /// When it started.
        start,
        /// The start time (HH:MM), for kinds counted in hours (s136, s5(2)…).
        time,
        /// Whether it follows an open power (s136 then s2, s2 then s3…).
        follows: Choice<FollowChoice>,
        /// Notes.
        notes,
    }
}

/// The choice offered before the open episodes when some are open.
const UNCHOSEN: &str = "(choose one)";
/// The choice saying it stands alone.
const ALONE: &str = "no: it stands alone";
/// The only choice when nothing is open.
const NOTHING_OPEN: &str = "nothing is open";

impl EpisodeForm {
    /// A blank form starting today; `open` are the client's open episodes,
    /// offered as what this one may follow.
    #[must_use]
    pub fn new(open: &[&LegalEpisode], theme: Theme) -> EpisodeForm {
        let kinds = EpisodeKind::ALL.iter().map(|k| (*k, k.label())).collect();
        let follows: Vec<(FollowChoice, String)> = if open.is_empty() {
            vec![(FollowChoice::Alone, NOTHING_OPEN.into())]
        } else {
            [
                (FollowChoice::Unchosen, UNCHOSEN.to_string()),
                (FollowChoice::Alone, ALONE.to_string()),
            ]
            .into_iter()
            .chain(open.iter().map(|e| {
                (
                    FollowChoice::Follows(e.id),
                    format!("follows {}", started(e)),
                )
            }))
            .collect()
        };
        EpisodeForm {
            kind: Choice::new("Framework", "kind", kinds, 0, theme),
            start: Field::text(
                "Start",
                "start",
                FieldKind::Date { required: true },
                "today",
                theme,
            ),
            time: Field::text("Start time", "start time", FieldKind::Text, "", theme),
            follows: Choice::new("Follows", "follows", follows, 0, theme),
            notes: Field::text("Notes", "notes", FieldKind::Text, "", theme),
        }
    }

    /// The start time typed (HH:MM) on the start day; none when blank.
    pub fn start_at(&self, on: NaiveDate) -> Result<Option<NaiveDateTime>, Problem> {
        match self.time.opt() {
            None => Ok(None),
            Some(t) => chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map(|t| Some(on.and_time(t)))
                .map_err(|_| self.time.problem("a time as HH:MM, e.g. 23:30")),
        }
    }

    /// The episode as filled in.
    pub fn to_episode(&self, client_id: i64, today: NaiveDate) -> Result<NewEpisode, Problem> {
        Ok(NewEpisode {
            client_id,
            kind: self.kind.picked("choose a framework")?,
            start_on: self.start.required_date(today, "a start date is needed")?,
            notes: self.notes.opt(),
        })
    }

    /// What was chosen in Follows (the open episodes are its options); a
    /// choice outside them is refused, never guessed.
    pub fn follow_choice(&self) -> Result<FollowChoice, Problem> {
        self.follows.picked("choose an open power, or none")
    }

    /// The write: the episode, its start time and what it follows.
    pub fn to_write(&self, client_id: i64, today: NaiveDate) -> Result<Write, Problem> {
        let e = self.to_episode(client_id, today)?;
        let at = self.start_at(e.start_on)?;
        let follows = self.follow_choice()?;
        Ok(Write::AddEpisode(e, at, follows))
    }
}

/// An open episode as offered: "MHA s136 (episode 4) from 06/12/2026 23:30".
fn started(e: &LegalEpisode) -> String {
    format!("{} (episode {}) from {}", e.kind.label(), e.id, e.started())
}

/// A new legal episode for a client.
#[derive(Debug, Clone)]
pub struct EpisodeSpec {
    /// The client.
    pub client_id: i64,
    /// The fields.
    pub form: EpisodeForm,
}

impl FormSpec for EpisodeSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        self.form.to_write(self.client_id, today)
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::Episode(self.client_id))
    }
}

/// The legal episode form for a client with these episodes (the open ones
/// are offered in Follows, newest first).
#[must_use]
pub fn episode(client_id: i64, episodes: &[LegalEpisode], theme: Theme, today: NaiveDate) -> Form {
    let mut open: Vec<&LegalEpisode> = episodes.iter().filter(|e| e.end_on.is_none()).collect();
    open.sort_by_key(|e| std::cmp::Reverse((e.start_on, e.start_at, e.id)));
    let spec = EpisodeSpec {
        client_id,
        form: EpisodeForm::new(&open, theme),
    };
    let title = "New legal episode (deadlines follow from the rules)".into();
    Form::new(spec, title, today, theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn type_into(f: &mut Field, text: &str) {
        for c in text.chars() {
            f.input.key(ratatui::crossterm::event::KeyEvent::from(
                ratatui::crossterm::event::KeyCode::Char(c),
            ));
        }
    }

    fn s136(id: i64) -> LegalEpisode {
        LegalEpisode {
            id,
            client_id: 7,
            kind: EpisodeKind::MhaS136,
            start_on: today(),
            start_at: today().and_hms_opt(23, 30, 0),
            end_on: None,
            end_at: None,
            end_reason: None,
            notes: None,
            created_at: today().and_hms_opt(23, 40, 0).unwrap(),
            follows_id: None,
        }
    }

    fn form(episodes: &[LegalEpisode]) -> EpisodeForm {
        let mut open: Vec<&LegalEpisode> = episodes.iter().filter(|e| e.end_on.is_none()).collect();
        open.sort_by_key(|e| std::cmp::Reverse((e.start_on, e.start_at, e.id)));
        EpisodeForm::new(&open, Theme::default())
    }

    /// Issue 36: the episode form (`L`) takes a start time for kinds
    /// counted in hours (an s136 from 23:30), refusing one not in HH:MM.
    #[test]
    fn the_episode_form_takes_a_start_time_for_hour_clocks() {
        let mut f = form(&[]);
        f.kind.field.choice = f.kind.index_of(|k| *k == EpisodeKind::MhaS136).unwrap();
        type_into(&mut f.time, "23:30");
        match f.to_write(7, today()).unwrap() {
            Write::AddEpisode(e, at, follows) => {
                assert_eq!(e.kind, EpisodeKind::MhaS136);
                assert_eq!(at, today().and_hms_opt(23, 30, 0));
                assert_eq!(follows, FollowChoice::Alone, "nothing was open");
            }
            other => panic!("{other:?}"),
        }
        type_into(&mut f.time, "x");
        assert_eq!(f.to_write(7, today()).unwrap_err().field, "start time");
    }

    /// Issue 36: with an open power, Follows starts unchosen (saving then
    /// asks, in the app), and each choice means what it says; a choice
    /// outside the list is refused, never taken as one of them.
    #[test]
    fn follows_is_chosen_never_guessed() {
        let mut ended = s136(3);
        ended.end_on = Some(today());
        let spec = episode(7, &[ended, s136(4)], Theme::default(), today());
        let FieldKind::Choice(offered) = &spec.field("follows").unwrap().kind else {
            panic!("Follows is a choice");
        };
        assert_eq!(offered.len(), 3, "only open episodes are offered");
        let mut f = form(&[s136(4)]);
        assert_eq!(f.follow_choice().unwrap(), FollowChoice::Unchosen);
        f.follows.field.choice = 1;
        assert_eq!(f.follow_choice().unwrap(), FollowChoice::Alone);
        f.follows.field.choice = 2;
        assert_eq!(f.follow_choice().unwrap(), FollowChoice::Follows(4));
        f.follows.field.choice = 3;
        assert_eq!(f.follow_choice().unwrap_err().field, "follows");
        let FieldKind::Choice(options) = &f.follows.field.kind else {
            panic!("Follows is a choice");
        };
        assert!(options[2].contains("episode 4") && options[2].contains("23:30"));
    }
}
