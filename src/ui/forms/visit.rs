//! The forms for visits: plan one (with the household, if any), record
//! what came of it (each person's outcome chosen among the outcomes, never
//! defaulted), move it, cancel it. Each converts to a typed write.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::draft::DraftKey;
use super::{Choice, Field, FieldKind, Form, FormSpec, Problem, fields_of, typed_form};
use crate::dates;
use crate::domain::{NewVisit, Visit, VisitOutcome};
use crate::ui::screen::{Effect, Outcome};
use crate::ui::theme::Theme;
use crate::ui::write::Write;

typed_form! {
    /// Planning a visit.
    VisitForm {
        /// When.
        when,
        /// Expected length in minutes.
        minutes,
        /// Where.
        place,
        /// Who else is coming.
        with,
        /// Lone working: ring back by.
        check,
        /// Also see the rest of the household.
        household,
    }
}

typed_form! {
    /// What came of a visit: the main person's outcome, and the others'.
    OutcomeForm {
        /// The main person's outcome.
        outcome: Choice<VisitOutcome>,
        /// Everyone else's (a household visit).
        others: Choice<VisitOutcome>,
    }
}

typed_form! {
    /// Moving a planned visit.
    MoveForm {
        /// The new time.
        when,
    }
}

typed_form! {
    /// Cancelling a planned visit.
    CancelForm {
        /// Why.
        reason,
    }
}

/// The outcomes offered, in the order shown.
const OUTCOMES: [VisitOutcome; 4] = [
    VisitOutcome::Seen,
    VisitOutcome::SeenAlone,
    VisitOutcome::NotSeen,
    VisitOutcome::Cancelled,
];

/// A choice among the outcomes, `chosen` first shown.
fn outcomes(
    label: &'static str,
    key: &'static str,
    chosen: usize,
    theme: Theme,
) -> Choice<VisitOutcome> {
    let options = OUTCOMES.iter().map(|o| (*o, o.label())).collect();
    Choice::new(label, key, options, chosen, theme)
}

/// A typed time: a date and HH:MM in any form `dates` knows ("tomorrow
/// 14:30", "24/12 10:00", "15:00" for today). Without a time, noon.
fn when(field: &Field, today: NaiveDate) -> Result<NaiveDateTime, Problem> {
    let noon = today.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
    if field.value().trim().is_empty() {
        return Err(field.problem("a date and time are needed"));
    }
    dates::parse_datetime_for(&field.value(), noon, dates::Tense::Planned)
        .map_err(|e| field.problem(&e))
}

fn hh_mm(field: &Field) -> Result<Option<NaiveTime>, Problem> {
    match field.opt() {
        None => Ok(None),
        Some(t) => NaiveTime::parse_from_str(t.trim(), "%H:%M")
            .map(Some)
            .map_err(|_| field.problem("write the time as HH:MM, for example 17:00")),
    }
}

impl VisitForm {
    /// The visit as filled in, to `client` (and the household when ticked).
    pub fn to_visit(
        &self,
        client: i64,
        household: &[i64],
        today: NaiveDate,
    ) -> Result<NewVisit, Problem> {
        let minutes = match self.minutes.opt() {
            None => None,
            Some(m) => Some(
                m.trim()
                    .parse::<u32>()
                    .map_err(|_| self.minutes.problem("a number of minutes"))?,
            ),
        };
        let mut clients = vec![client];
        if self.household.checked {
            clients.extend_from_slice(household);
        }
        Ok(NewVisit {
            clients,
            at: Some(when(&self.when, today)?),
            kind: None,
            minutes,
            location: self.place.opt(),
            with_whom: self.with.opt(),
            lone_check: hh_mm(&self.check)?,
        })
    }
}

impl OutcomeForm {
    /// Each person's outcome: `main` gets the first choice, the others the
    /// second. A choice that is not one of the outcomes offered is a
    /// problem beside its field, never taken as any outcome.
    pub fn outcomes(&self, main: i64, visit: &Visit) -> Result<Vec<(i64, VisitOutcome)>, Problem> {
        visit
            .people
            .iter()
            .map(|p| {
                let f = if p.client_id == main {
                    &self.outcome
                } else {
                    &self.others
                };
                Ok((p.client_id, f.picked("choose one of the outcomes offered")?))
            })
            .collect()
    }
}

/// Planning a visit to a client (with the household members who may come too).
#[derive(Debug, Clone)]
pub struct PlanVisitSpec {
    /// The client.
    pub client_id: i64,
    /// The others of the household (a tick adds them).
    pub household: Vec<i64>,
    /// The fields.
    pub form: VisitForm,
}

impl FormSpec for PlanVisitSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        self.form
            .to_visit(self.client_id, &self.household, today)
            .map(Write::PlanVisit)
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Reload]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::PlanVisit(self.client_id))
    }
}

/// What came of a visit: the client whose note opens next, the visit.
#[derive(Debug, Clone)]
pub struct OutcomeSpec {
    /// The client whose note opens after saving.
    pub main: i64,
    /// The visit.
    pub visit: Box<Visit>,
    /// The fields.
    pub form: OutcomeForm,
}

impl FormSpec for OutcomeSpec {
    fields_of!(form);

    fn to_write(&self, _today: NaiveDate) -> Result<Write, Problem> {
        Ok(Write::RecordVisit {
            id: self.visit.id,
            outcomes: self.form.outcomes(self.main, &self.visit)?,
            note_for: self.main,
        })
    }

    // Recording a visit started its note: open it in the editor.
    fn after_save(&self, saved: &Outcome) -> Vec<Effect> {
        saved.id.map(Effect::OpenNote).into_iter().collect()
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::VisitOutcome(self.visit.id))
    }
}

/// Moving planned visit `id`.
#[derive(Debug, Clone)]
pub struct MoveVisitSpec {
    /// The visit.
    pub id: i64,
    /// The fields.
    pub form: MoveForm,
}

impl FormSpec for MoveVisitSpec {
    fields_of!(form);

    fn to_write(&self, today: NaiveDate) -> Result<Write, Problem> {
        when(&self.form.when, today).map(|at| Write::MoveVisit { id: self.id, at })
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Reload]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::MoveVisit(self.id))
    }
}

/// Cancelling planned visit `id`.
#[derive(Debug, Clone)]
pub struct CancelVisitSpec {
    /// The visit.
    pub id: i64,
    /// The fields.
    pub form: CancelForm,
}

impl FormSpec for CancelVisitSpec {
    fields_of!(form);

    fn to_write(&self, _today: NaiveDate) -> Result<Write, Problem> {
        match self.form.reason.opt() {
            Some(reason) => Ok(Write::CancelVisit {
                id: self.id,
                reason,
            }),
            None => Err(self.form.reason.problem("say why it is cancelled")),
        }
    }

    fn after_save(&self, _: &Outcome) -> Vec<Effect> {
        vec![Effect::Reload]
    }

    fn draft_key(&self) -> Option<DraftKey> {
        Some(DraftKey::CancelVisit(self.id))
    }
}

/// Planning a visit to `client`; `household` are the others who can come
/// on the same visit (a tick adds them).
#[must_use]
pub fn plan(client: i64, household: Vec<i64>, theme: Theme, today: NaiveDate) -> Form {
    let form = VisitForm {
        when: Field::text("When", "when", FieldKind::Text, "", theme).required(),
        minutes: Field::text("Minutes", "minutes", FieldKind::Text, "60", theme),
        place: Field::text("Where", "where", FieldKind::Text, "", theme),
        with: Field::text("Who else is coming", "with", FieldKind::Text, "", theme),
        check: Field::text(
            "Ring back by HH:MM",
            "lone working check",
            FieldKind::Text,
            "",
            theme,
        ),
        household: Field::check("Household too", "household", !household.is_empty(), theme),
    };
    let title = "Plan a visit (when: \"fri 14:30\", \"24/12 10:00\")".into();
    let spec = PlanVisitSpec {
        client_id: client,
        household,
        form,
    };
    Form::new(spec, title, today, theme)
}

/// Recording what came of `visit`; the note for `main` opens afterwards.
#[must_use]
pub fn outcome(visit: Visit, main: i64, theme: Theme, today: NaiveDate) -> Form {
    let others = visit.people.len() > 1;
    let form = OutcomeForm {
        outcome: outcomes("Outcome", "outcome", 0, theme),
        others: outcomes(
            if others {
                "Everyone else"
            } else {
                "(no one else)"
            },
            "others",
            2,
            theme,
        ),
    };
    let when = visit
        .planned_at
        .map(crate::dates::display::short_day_time)
        .unwrap_or_default();
    let title = format!("Visit outcome ({when}); saving opens its note");
    let spec = OutcomeSpec {
        main,
        visit: Box::new(visit),
        form,
    };
    Form::new(spec, title, today, theme)
}

/// Moving planned visit `id`.
#[must_use]
pub fn move_visit(id: i64, theme: Theme, today: NaiveDate) -> Form {
    let form = MoveForm {
        when: Field::text("New time", "when", FieldKind::Text, "", theme).required(),
    };
    Form::new(
        MoveVisitSpec { id, form },
        "Move the visit".into(),
        today,
        theme,
    )
}

/// Cancelling planned visit `id`.
#[must_use]
pub fn cancel_visit(id: i64, theme: Theme, today: NaiveDate) -> Form {
    let form = CancelForm {
        reason: Field::text("Reason", "reason", FieldKind::Text, "", theme).required(),
    };
    let title = "Cancel the visit (it stays in the record)".into();
    Form::new(CancelVisitSpec { id, form }, title, today, theme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NoteKind, VisitPerson, VisitStatus};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn visit() -> Visit {
        let person = |client_id| VisitPerson {
            client_id,
            name: "Test Person".into(),
            outcome: None,
        };
        Visit {
            id: 5,
            status: VisitStatus::Planned,
            kind: NoteKind::HomeVisit,
            planned_at: today().and_hms_opt(10, 0, 0),
            occurred_at: None,
            minutes: None,
            location: None,
            with_whom: None,
            lone_check: None,
            cancel_reason: None,
            note_id: None,
            deadline_id: None,
            people: vec![person(1), person(2)],
            moves: Vec::new(),
        }
    }

    /// Issue 35: a choice index past the options (a kept draft from another
    /// version, a bug elsewhere) was read as "Seen", the one outcome that
    /// satisfies a statutory visit. It must be refused beside its field.
    #[test]
    fn an_outcome_out_of_range_is_refused_never_taken_as_seen() {
        let mut form = outcome(visit(), 1, Theme::default(), today());
        let mut choose = |key: &str, i: usize| form.field_mut(key).unwrap().choice = i;
        choose("outcome", OUTCOMES.len());
        assert_eq!(form.spec.to_write(today()).unwrap_err().field, "outcome");
        let mut choose = |key: &str, i: usize| form.field_mut(key).unwrap().choice = i;
        choose("outcome", 2);
        choose("others", 99);
        assert_eq!(form.spec.to_write(today()).unwrap_err().field, "others");
        form.field_mut("others").unwrap().choice = 1;
        match form.spec.to_write(today()).unwrap() {
            Write::RecordVisit { outcomes, .. } => assert_eq!(
                outcomes,
                [(1, VisitOutcome::NotSeen), (2, VisitOutcome::SeenAlone)]
            ),
            other => panic!("{other:?}"),
        }
    }
}
