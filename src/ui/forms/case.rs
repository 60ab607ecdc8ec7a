//! The forms for what the CLI could do and the terminal UI could not:
//! closing a case (with what stops being tracked, asked about before it
//! is written), ending, revoking or moving a legal episode, and editing a network
//! member. Each converts to a typed write the app carries out with the same
//! store call as the CLI.

use chrono::{NaiveDate, NaiveDateTime};

use super::form::{Field, FieldKind, Form, Problem};
use super::{NetworkForm, Spec, typed_form};
use crate::domain::closure::ClosurePreview;
use crate::domain::retention::Closing;
use crate::domain::{LegalEpisode, NetworkMember};
use crate::ui::data::Source;
use crate::ui::screen::Effect;
use crate::ui::theme::Theme;
use crate::ui::write::Write;

typed_form! {
    /// Closing a case: why, the closure summary, and the day.
    CloseForm {
        /// Why the case is closing (short).
        reason,
        /// What was done, where things stand, who holds what.
        summary,
        /// The closing date.
        on,
    }
}

typed_form! {
    /// Ending a legal episode.
    EndEpisodeForm {
        /// Which open episode.
        episode,
        /// The end date.
        on,
        /// The end time (HH:MM), for a clock counted in hours.
        at,
    }
}

typed_form! {
    /// Revoking a community treatment order (s17F(4)).
    RevokeForm {
        /// Which open CTO.
        episode,
        /// The day of the revocation order.
        on,
        /// Its time (HH:MM): the revived s3's clocks count from it.
        at,
    }
}

typed_form! {
    /// Correcting a legal episode's start.
    MoveEpisodeForm {
        /// Which episode.
        episode,
        /// The new start date.
        start,
    }
}

/// A case form, with the records it concerns.
#[derive(Debug, Clone)]
pub enum CaseSpec {
    /// Closing a client's case; `preview` is what closing stops tracking,
    /// loaded when the form opens (the store's own preview).
    Close {
        /// The client.
        client_id: i64,
        /// What closing stops tracking (None until loaded).
        preview: Option<Box<ClosurePreview>>,
        /// The fields.
        form: Box<CloseForm>,
    },
    /// Ending one of the open episodes (their ids, in the order offered).
    EndEpisode(Vec<i64>, Box<EndEpisodeForm>),
    /// Revoking one of the open CTOs (their ids, in the order offered).
    RevokeCto(Vec<i64>, Box<RevokeForm>),
    /// Moving one of the episodes: each id with its start date and time,
    /// if it has one (a kind counted in hours keeps its time of day).
    MoveEpisode(
        Vec<(i64, NaiveDate, Option<chrono::NaiveTime>)>,
        Box<MoveEpisodeForm>,
    ),
    /// Editing a network member: the member's id and client.
    EditNetwork(i64, i64, Box<NetworkForm>),
}

impl CaseSpec {
    /// The fields, top to bottom.
    #[must_use]
    pub fn fields(&self) -> Vec<&Field> {
        match self {
            CaseSpec::Close { form, .. } => form.fields(),
            CaseSpec::EndEpisode(_, f) => f.fields(),
            CaseSpec::RevokeCto(_, f) => f.fields(),
            CaseSpec::MoveEpisode(_, f) => f.fields(),
            CaseSpec::EditNetwork(_, _, f) => f.fields(),
        }
    }

    /// The fields, mutably.
    pub fn fields_mut(&mut self) -> Vec<&mut Field> {
        match self {
            CaseSpec::Close { form, .. } => form.fields_mut(),
            CaseSpec::EndEpisode(_, f) => f.fields_mut(),
            CaseSpec::RevokeCto(_, f) => f.fields_mut(),
            CaseSpec::MoveEpisode(_, f) => f.fields_mut(),
            CaseSpec::EditNetwork(_, _, f) => f.fields_mut(),
        }
    }

    /// The write this form asks for, or the field at fault.
    pub fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        Ok(match self {
            CaseSpec::Close {
                client_id, form, ..
            } => Write::CloseCase {
                client_id: *client_id,
                closing: Closing {
                    on: form.on.required_date(today, "the closing date is needed")?,
                    reason: form
                        .reason
                        .opt()
                        .ok_or_else(|| form.reason.problem("say why the case is closing"))?,
                    summary: form.summary.value(),
                },
            },
            CaseSpec::EndEpisode(ids, f) => {
                let on = f.on.required_date(today, "the end date is needed")?;
                let at = match f.at.opt() {
                    None => None,
                    Some(t) => Some(
                        on.and_time(
                            chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M")
                                .map_err(|_| f.at.problem("a time as HH:MM, e.g. 16:10"))?,
                        ),
                    ),
                };
                Write::EndEpisode {
                    id: *ids
                        .get(f.episode.choice)
                        .ok_or_else(|| f.episode.problem("there is no open legal episode"))?,
                    on,
                    at,
                }
            }
            CaseSpec::RevokeCto(ids, f) => {
                let on =
                    f.on.required_date(today, "the day of the revocation is needed")?;
                let time =
                    f.at.opt()
                        .ok_or_else(|| f.at.problem("the time of the revocation order (HH:MM)"))?;
                let t = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M")
                    .map_err(|_| f.at.problem("a time as HH:MM, e.g. 14:30"))?;
                Write::RevokeCto {
                    id: *ids
                        .get(f.episode.choice)
                        .ok_or_else(|| f.episode.problem("there is no open CTO"))?,
                    at: on.and_time(t),
                }
            }
            CaseSpec::MoveEpisode(eps, f) => {
                let (id, _, time) = eps
                    .get(f.episode.choice)
                    .ok_or_else(|| f.episode.problem("there is no legal episode"))?;
                let start = f
                    .start
                    .required_date(today, "the new start date is needed")?;
                Write::MoveEpisode {
                    id: *id,
                    start,
                    at: time.map(|t| NaiveDateTime::new(start, t)),
                }
            }
            CaseSpec::EditNetwork(id, client_id, f) => {
                Write::UpdateNetwork(*id, f.to_member(*client_id))
            }
        })
    }

    /// After the episode chosen changes: the start offered is its start.
    pub fn follow_choice(&mut self) {
        if let CaseSpec::MoveEpisode(eps, f) = self
            && let Some((_, start, _)) = eps.get(f.episode.choice)
        {
            f.start.input.set_text(&crate::dates::display::date(*start));
        }
    }

    /// What the form shows under its fields: for closing, what stops being
    /// tracked and the retention review it sets (if closed today).
    #[must_use]
    pub fn notes(&self, privacy: bool) -> Vec<String> {
        let CaseSpec::Close {
            preview: Some(p), ..
        } = self
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if p.needs_warning() {
            out.push("Closing this case stops tracking (you are asked before it closes):".into());
            out.extend(tracked(p, privacy).into_iter().map(|l| format!("• {l}")));
        } else {
            out.push("Nothing else is tracked for this client.".into());
        }
        if let Some(r) = &p.retention {
            out.push(format!("If closed today: {}.", r.words()));
        }
        out
    }

    /// Loads what the form needs from the store (closing: what it stops
    /// tracking).
    pub fn reload(&mut self, src: &dyn Source, today: NaiveDate) -> Result<(), String> {
        if let CaseSpec::Close {
            client_id, preview, ..
        } = self
        {
            *preview = Some(Box::new(src.closure(*client_id, today)?));
        }
        Ok(())
    }

    /// What saving does: the write, or first a question when closing stops
    /// tracking something (each thing listed, as `client close` warns; in
    /// privacy mode deadlines are counted, not named).
    #[must_use]
    pub fn confirm(&self, w: Write, privacy: bool) -> Vec<Effect> {
        let write = Effect::Write(Box::new(w));
        match self {
            CaseSpec::Close {
                preview: Some(p), ..
            } if p.needs_warning() => {
                let mut question = String::from("Closing this case stops tracking:\n");
                let lines = tracked(p, privacy);
                // Legal episodes come first and are always listed; a long
                // list of deadlines is cut short so the question fits.
                let shown = lines.len().min(MAX_LISTED.max(p.open_episodes.len()));
                for line in &lines[..shown] {
                    question.push_str(&format!("• {line}\n"));
                }
                if shown < lines.len() {
                    question.push_str(&format!(
                        "• and {} more (`caseload client close` lists them all)\n",
                        lines.len() - shown
                    ));
                }
                question.push_str("Close the case anyway?");
                vec![Effect::Confirm {
                    question,
                    yes: vec![write],
                    no: Vec::new(),
                }]
            }
            _ => vec![write],
        }
    }
}

/// What closing stops tracking, one line each: the store's own lines, with
/// the deadlines (hand-written text) counted instead in privacy mode.
fn tracked(p: &ClosurePreview, privacy: bool) -> Vec<String> {
    let lines = p.stops_tracking();
    if !privacy || p.open_deadlines.is_empty() {
        return lines;
    }
    let episodes = p.open_episodes.len();
    let deadlines = p.open_deadlines.len();
    let n = i64::try_from(deadlines).unwrap_or(i64::MAX);
    let mut out: Vec<String> = lines[..episodes].to_vec();
    out.push(crate::domain::text::count(n, "open deadline"));
    out.extend(lines[episodes + deadlines..].iter().cloned());
    out
}

/// The most lines of what closing stops tracking the question lists.
const MAX_LISTED: usize = 8;

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

/// The closing form for a client.
#[must_use]
pub fn close(client_id: i64, theme: Theme, today: NaiveDate) -> Form {
    let form = Box::new(CloseForm {
        reason: Field::text("Reason", "reason", FieldKind::Text, "", theme).required(),
        summary: Field::text(
            "Closure summary",
            "closure summary",
            FieldKind::Long,
            "",
            theme,
        ),
        on: date_field("Closing date", "closing date", "today", theme),
    });
    let spec = Spec::Case(CaseSpec::Close {
        client_id,
        preview: None,
        form,
    });
    Form::new(spec, "Close the case".into(), today, theme)
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
        episode: Field::choice(
            "Episode",
            "episode",
            open.iter().map(|e| episode_label(e)).collect(),
            0,
            theme,
        ),
        on: date_field("Ended on", "end date", "today", theme),
        at: Field::text("End time", "end time", FieldKind::Text, "", theme),
    };
    let spec = Spec::Case(CaseSpec::EndEpisode(
        open.iter().map(|e| e.id).collect(),
        Box::new(form),
    ));
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
        episode: Field::choice(
            "CTO",
            "episode",
            open.iter().map(|e| episode_label(e)).collect(),
            0,
            theme,
        ),
        on: date_field("Revoked on", "revocation date", "today", theme),
        at: Field::text("At (HH:MM)", "revocation time", FieldKind::Text, "", theme).required(),
    };
    let spec = Spec::Case(CaseSpec::RevokeCto(
        open.iter().map(|e| e.id).collect(),
        Box::new(form),
    ));
    Some(Form::new(
        spec,
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
        episode: Field::choice(
            "Episode",
            "episode",
            episodes.iter().map(episode_label).collect(),
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
    let spec = Spec::Case(CaseSpec::MoveEpisode(
        episodes
            .iter()
            .map(|e| (e.id, e.start_on, e.start_at.map(|t| t.time())))
            .collect(),
        Box::new(form),
    ));
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
    let spec = Spec::Case(CaseSpec::EditNetwork(
        m.id,
        m.client_id,
        Box::new(NetworkForm::filled(m, theme)),
    ));
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

    fn type_into(f: &mut Field, text: &str) {
        f.input
            .key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        for c in text.chars() {
            f.input.key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    fn case(form: Form) -> CaseSpec {
        match form.spec {
            Spec::Case(c) => c,
            _ => panic!("not a case form"),
        }
    }

    #[test]
    fn closing_needs_a_reason_and_carries_the_summary_and_date() {
        let mut c = case(close(4, Theme::default(), today()));
        assert_eq!(c.to_write(today()).unwrap_err().field, "reason");
        if let CaseSpec::Close { form, .. } = &mut c {
            type_into(&mut form.reason, "Moved away");
            type_into(&mut form.summary, "Handed over.");
            type_into(&mut form.on, "20/11/2026");
        }
        match c.to_write(today()).unwrap() {
            Write::CloseCase { client_id, closing } => {
                assert_eq!(client_id, 4);
                assert_eq!(closing.reason, "Moved away");
                assert_eq!(closing.summary, "Handed over.");
                assert_eq!(closing.on, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn closing_asks_first_only_when_something_stops_being_tracked() {
        let mut c = case(close(4, Theme::default(), today()));
        let w = Write::Undo;
        // Not loaded yet, or nothing tracked: straight to the write.
        assert!(matches!(
            c.confirm(w.clone(), false)[..],
            [Effect::Write(_)]
        ));
        let mut p = ClosurePreview {
            open_episodes: vec![],
            open_deadlines: vec![],
            open_actions: 0,
            drafts: 0,
            retention: None,
        };
        if let CaseSpec::Close { preview, .. } = &mut c {
            *preview = Some(Box::new(p.clone()));
        }
        assert!(matches!(
            c.confirm(w.clone(), false)[..],
            [Effect::Write(_)]
        ));
        p.open_episodes = vec![episode(9, EpisodeKind::Dols, today())];
        if let CaseSpec::Close { preview, .. } = &mut c {
            *preview = Some(Box::new(p));
        }
        match &c.confirm(w, false)[..] {
            [Effect::Confirm { question, yes, .. }] => {
                assert!(question.contains("legal episode 9: DoLS"), "{question}");
                assert!(matches!(yes[..], [Effect::Write(_)]));
            }
            other => panic!("{other:?}"),
        }
    }

    /// Issue 36: an hour clock (s136) ends at the time typed; a time that
    /// is not HH:MM is put beside its field.
    #[test]
    fn an_hour_clock_ends_at_the_time_typed() {
        let mut s136 = episode(2, EpisodeKind::MhaS136, today());
        s136.start_at = today().and_hms_opt(1, 15, 0);
        let mut c = case(end_episode(&[s136], Theme::default(), today()).unwrap());
        if let CaseSpec::EndEpisode(_, f) = &mut c {
            type_into(&mut f.at, "16:10");
        }
        match c.to_write(today()).unwrap() {
            Write::EndEpisode { at, .. } => assert_eq!(at, today().and_hms_opt(16, 10, 0)),
            other => panic!("{other:?}"),
        }
        if let CaseSpec::EndEpisode(_, f) = &mut c {
            type_into(&mut f.at, "4pm-ish");
        }
        assert_eq!(c.to_write(today()).unwrap_err().field, "end time");
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
        let c = case(end_episode(&all, Theme::default(), today()).unwrap());
        match c.to_write(today()).unwrap() {
            Write::EndEpisode { id, on, at } => assert_eq!((id, on, at), (2, today(), None)),
            other => panic!("{other:?}"),
        }
        let mut form = move_episode(&all, Theme::default(), today()).unwrap();
        // Choosing the other episode offers its own start.
        form.key(KeyEvent::from(KeyCode::Right));
        let mut c = case(form);
        if let CaseSpec::MoveEpisode(_, f) = &mut c {
            assert_eq!(f.episode.choice, 1);
            assert_eq!(f.start.value(), crate::dates::display::date(start));
            type_into(&mut f.start, "2026-11-21");
        }
        match c.to_write(today()).unwrap() {
            Write::MoveEpisode { id, start, at } => {
                assert_eq!(id, 2);
                assert_eq!(start, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
                assert_eq!(at, start.and_hms_opt(22, 15, 0));
            }
            other => panic!("{other:?}"),
        }
    }
}
