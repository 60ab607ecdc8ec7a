//! The forms for what the CLI could do and the terminal UI could not:
//! ending, revoking or moving a legal episode (the episode chosen among the client's,
//! typed over their ids), and editing a network member. Each converts to a
//! typed write the app carries out with the same store call as the CLI.
//! (Closing a case is in `close.rs`.)

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::draft::DraftKey;
use super::{
    Choice, Field, FieldKind, Form, FormSpec, NetworkForm, Problem, fields_of, typed_form,
};
use crate::domain::{LegalEpisode, NetworkMember};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

pub use super::close::{CloseForm, CloseSpec, close};

typed_form! {
    /// Ending a legal episode.
    EndEpisodeForm {
        /// Which open episode (its id).
        episode: Choice<i64>,
        /// The end date.
        on,
        /// The end time (HH:MM), for a clock counted in hours.
        at,
    }
}

typed_form! {
    /// Revoking a community treatment order (s17F(4)).
    RevokeForm {
        /// Which open CTO (its id).
        episode: Choice<i64>,
        /// The day of the revocation order.
        on,
        /// Its time (HH:MM): the revived s3's clocks count from it.
        at,
    }
}

typed_form! {
    /// Correcting a legal episode's start.
    MoveEpisodeForm {
        /// Which episode: its id, start date and time (if it has one).
        episode: Choice<(i64, NaiveDate, Option<NaiveTime>)>,
        /// The new start date.
        start,
    }
}

/// Ending one of the client's open episodes.
#[derive(Debug, Clone)]
pub struct EndEpisodeSpec {
    /// The fields.
    pub form: EndEpisodeForm,
}

impl FormSpec for EndEpisodeSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        let f = &self.form;
        let on = f.on.required_date(today, "the end date is needed")?;
        let at = match f.at.opt() {
            None => None,
            Some(t) => Some(
                on.and_time(
                    NaiveTime::parse_from_str(t.trim(), "%H:%M")
                        .map_err(|_| f.at.problem("a time as HH:MM, e.g. 16:10"))?,
                ),
            ),
        };
        Ok(Write::EndEpisode {
            id: f.episode.picked("there is no open legal episode")?,
            on,
            at,
        })
    }

    // Only a choice, a date and a time are typed.
    fn draft_key(&self) -> Option<DraftKey> {
        None
    }
}

/// Revoking one of the client's open CTOs.
#[derive(Debug, Clone)]
pub struct RevokeCtoSpec {
    /// The fields.
    pub form: RevokeForm,
}

impl FormSpec for RevokeCtoSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        let f = &self.form;
        let on =
            f.on.required_date(today, "the day of the revocation is needed")?;
        let time =
            f.at.opt()
                .ok_or_else(|| f.at.problem("the time of the revocation order (HH:MM)"))?;
        let t = NaiveTime::parse_from_str(time.trim(), "%H:%M")
            .map_err(|_| f.at.problem("a time as HH:MM, e.g. 14:30"))?;
        Ok(Write::RevokeCto {
            id: f.episode.picked("there is no open CTO")?,
            at: on.and_time(t),
        })
    }

    // Only a choice, a date and a time are typed.
    fn draft_key(&self) -> Option<DraftKey> {
        None
    }
}

/// Correcting the start of one of the client's episodes (a kind counted in
/// hours keeps its time of day).
#[derive(Debug, Clone)]
pub struct MoveEpisodeSpec {
    /// The fields.
    pub form: MoveEpisodeForm,
}

impl FormSpec for MoveEpisodeSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        let f = &self.form;
        let (id, _, time) = f.episode.picked("there is no legal episode")?;
        let start = f
            .start
            .required_date(today, "the new start date is needed")?;
        Ok(Write::MoveEpisode {
            id,
            start,
            at: time.map(|t| NaiveDateTime::new(start, t)),
        })
    }

    fn draft_key(&self) -> Option<DraftKey> {
        None
    }

    /// The start offered is the chosen episode's start.
    fn follow_choice(&mut self) {
        let f = &mut self.form;
        if let Ok((_, start, _)) = f.episode.picked("") {
            f.start.input.set_text(&crate::dates::display::date(start));
        }
    }
}

/// Editing network member `id` of client `client_id`.
#[derive(Debug, Clone)]
pub struct EditNetworkSpec {
    /// The member.
    pub id: i64,
    /// Their client.
    pub client_id: i64,
    /// The fields.
    pub form: NetworkForm,
}

impl FormSpec for EditNetworkSpec {
    fields_of!(form);

    fn to_write(&self, _today: NaiveDate) -> Result<Write, Problem> {
        Ok(Write::UpdateNetwork(
            self.id,
            self.form.to_member(self.client_id),
        ))
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::EditNetwork(self.id))
    }
}

fn date_field(label: &'static str, key: &'static str, value: &str, theme: Theme) -> Field {
    Field::text(label, key, FieldKind::Date { required: true }, value, theme)
}

/// An episode as offered in a choice: "MHA s3 since Tue 1 Sep 2026".
fn episode_label(e: &LegalEpisode) -> String {
    format!(
        "{} since {}",
        e.kind.label(),
        crate::dates::show(e.start_on)
    )
}

/// The "end a legal episode" form over the client's open episodes; `None`
/// when none is open.
#[must_use]
pub fn end_episode(episodes: &[LegalEpisode], theme: Theme, today: NaiveDate) -> Option<Form> {
    let open: Vec<&LegalEpisode> = episodes.iter().filter(|e| e.end_on.is_none()).collect();
    if open.is_empty() {
        return None;
    }
    let form = EndEpisodeForm {
        episode: Choice::new(
            "Episode",
            "episode",
            open.iter().map(|e| (e.id, episode_label(e))).collect(),
            0,
            theme,
        ),
        on: date_field("Ended on", "end date", "today", theme),
        at: Field::text("End time", "end time", FieldKind::Text, "", theme),
    };
    let spec = EndEpisodeSpec { form };
    Some(Form::new(
        spec,
        "End a legal episode (open deadlines after it are cancelled)".into(),
        today,
        theme,
    ))
}

/// The "revoke a CTO" form over the client's open community treatment
/// orders; `None` when none is open.
#[must_use]
pub fn revoke_cto(episodes: &[LegalEpisode], theme: Theme, today: NaiveDate) -> Option<Form> {
    let open: Vec<&LegalEpisode> = episodes
        .iter()
        .filter(|e| e.end_on.is_none() && e.kind == crate::domain::EpisodeKind::Cto)
        .collect();
    if open.is_empty() {
        return None;
    }
    let form = RevokeForm {
        episode: Choice::new(
            "CTO",
            "episode",
            open.iter().map(|e| (e.id, episode_label(e))).collect(),
            0,
            theme,
        ),
        on: date_field("Revoked on", "revocation date", "today", theme),
        at: Field::text("At (HH:MM)", "revocation time", FieldKind::Text, "", theme).required(),
    };
    Some(Form::new(
        RevokeCtoSpec { form },
        "Revoke the CTO (s17F(4)): the section 3 revives for 6 months (s17G)".into(),
        today,
        theme,
    ))
}

/// The "correct an episode's start" form; `None` when there is no episode.
#[must_use]
pub fn move_episode(episodes: &[LegalEpisode], theme: Theme, today: NaiveDate) -> Option<Form> {
    let first = episodes.first()?;
    let form = MoveEpisodeForm {
        episode: Choice::new(
            "Episode",
            "episode",
            episodes
                .iter()
                .map(|e| {
                    let at = e.start_at.map(|t| t.time());
                    ((e.id, e.start_on, at), episode_label(e))
                })
                .collect(),
            0,
            theme,
        ),
        start: date_field(
            "New start",
            "start",
            &crate::dates::display::date(first.start_on),
            theme,
        ),
    };
    let spec = MoveEpisodeSpec { form };
    Some(Form::new(
        spec,
        "Correct a legal episode's start (deadlines are recalculated)".into(),
        today,
        theme,
    ))
}

/// The form editing network member `m`, filled from what is stored.
#[must_use]
pub fn edit_network(m: &NetworkMember, theme: Theme, today: NaiveDate) -> Form {
    let spec = EditNetworkSpec {
        id: m.id,
        client_id: m.client_id,
        form: NetworkForm::filled(m, theme),
    };
    Form::new(spec, "Edit network member".into(), today, theme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EpisodeKind;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn episode(id: i64, kind: EpisodeKind, start: NaiveDate) -> LegalEpisode {
        LegalEpisode {
            id,
            client_id: 1,
            kind,
            start_on: start,
            end_on: None,
            notes: None,
            created_at: today().and_hms_opt(9, 0, 0).unwrap(),
            start_at: None,
            follows_id: None,
            end_at: None,
            end_reason: None,
        }
    }

    fn type_into(form: &mut Form, key: &str, text: &str) {
        let f = form.field_mut(key).unwrap();
        f.input
            .key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        for c in text.chars() {
            f.input.key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    /// Issue 36: an hour clock (s136) ends at the time typed; a time that
    /// is not HH:MM is put beside its field.
    #[test]
    fn an_hour_clock_ends_at_the_time_typed() {
        let mut s136 = episode(2, EpisodeKind::MhaS136, today());
        s136.start_at = today().and_hms_opt(1, 15, 0);
        let mut form = end_episode(&[s136], Theme::default(), today()).unwrap();
        type_into(&mut form, "end time", "16:10");
        match form.spec.to_write(today()).unwrap() {
            Write::EndEpisode { at, .. } => assert_eq!(at, today().and_hms_opt(16, 10, 0)),
            other => panic!("{other:?}"),
        }
        type_into(&mut form, "end time", "4pm-ish");
        assert_eq!(form.spec.to_write(today()).unwrap_err().field, "end time");
    }

    #[test]
    fn ending_offers_open_episodes_only_and_moving_keeps_the_time_of_day() {
        let start = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut ended = episode(1, EpisodeKind::MhaS2, start - chrono::Days::new(30));
        ended.end_on = Some(start);
        let mut s136 = episode(2, EpisodeKind::MhaS136, start);
        s136.start_at = start.and_hms_opt(22, 15, 0);
        let all = vec![ended.clone(), s136];
        assert!(end_episode(&[ended], Theme::default(), today()).is_none());
        let form = end_episode(&all, Theme::default(), today()).unwrap();
        match form.spec.to_write(today()).unwrap() {
            Write::EndEpisode { id, on, at } => assert_eq!((id, on, at), (2, today(), None)),
            other => panic!("{other:?}"),
        }
        let mut form = move_episode(&all, Theme::default(), today()).unwrap();
        // Choosing the other episode offers its own start.
        form.key(KeyEvent::from(KeyCode::Right));
        assert_eq!(form.field("episode").unwrap().choice, 1);
        let shown = form.field("start").unwrap().value();
        assert_eq!(shown, crate::dates::display::date(start));
        type_into(&mut form, "start", "2026-11-21");
        match form.spec.to_write(today()).unwrap() {
            Write::MoveEpisode { id, start, at } => {
                assert_eq!(id, 2);
                assert_eq!(start, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
                assert_eq!(at, start.and_hms_opt(22, 15, 0));
            }
            other => panic!("{other:?}"),
        }
    }
}
