//! The forms for visits: plan one (with the household, if any), record
//! what came of it, move it, cancel it. Each converts to a typed write.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::form::{Field, FieldKind, Form, Problem};
use super::{Spec, typed_form};
use crate::dates;
use crate::domain::{NewVisit, Visit, VisitOutcome};
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
        outcome,
        /// Everyone else's (a household visit).
        others,
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

fn labels() -> Vec<&'static str> {
    OUTCOMES.iter().map(|o| o.label()).collect()
}

/// A typed time: a date and HH:MM in any form `dates` knows ("tomorrow
/// 14:30", "24/12 10:00", "15:00" for today). Without a time, noon.
fn when(field: &Field, today: NaiveDate) -> Result<NaiveDateTime, Problem> {
    let noon = today.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
    if field.value().trim().is_empty() {
        return Err(field.problem("a date and time are needed"));
    }
    dates::parse_datetime(&field.value(), noon).map_err(|e| field.problem(&e))
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
        let pick = |f: &Field| {
            OUTCOMES
                .get(f.choice)
                .copied()
                .ok_or_else(|| f.problem("choose one of the outcomes offered"))
        };
        visit
            .people
            .iter()
            .map(|p| {
                let f = if p.client_id == main {
                    &self.outcome
                } else {
                    &self.others
                };
                Ok((p.client_id, pick(f)?))
            })
            .collect()
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
    Form::new(
        Spec::PlanVisit(client, household, form),
        title,
        today,
        theme,
    )
}

/// Recording what came of `visit`; the note for `main` opens afterwards.
#[must_use]
pub fn outcome(visit: Visit, main: i64, theme: Theme, today: NaiveDate) -> Form {
    let others = visit.people.len() > 1;
    let form = OutcomeForm {
        outcome: Field::choice("Outcome", "outcome", labels(), 0, theme),
        others: Field::choice(
            if others {
                "Everyone else"
            } else {
                "(no one else)"
            },
            "others",
            labels(),
            2,
            theme,
        ),
    };
    let when = visit
        .planned_at
        .map(crate::dates::display::short_day_time)
        .unwrap_or_default();
    let title = format!("Visit outcome ({when}); saving opens its note");
    Form::new(
        Spec::VisitOutcome(main, Box::new(visit), form),
        title,
        today,
        theme,
    )
}

/// Moving planned visit `id`.
#[must_use]
pub fn move_visit(id: i64, theme: Theme, today: NaiveDate) -> Form {
    let form = MoveForm {
        when: Field::text("New time", "when", FieldKind::Text, "", theme).required(),
    };
    Form::new(
        Spec::MoveVisit(id, form),
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
    Form::new(
        Spec::CancelVisit(id, form),
        "Cancel the visit (it stays in the record)".into(),
        today,
        theme,
    )
}

/// The write a visit form asks for.
pub(super) fn to_write(spec: &Spec, today: NaiveDate) -> Option<Result<Write, Problem>> {
    Some(match spec {
        Spec::PlanVisit(client, household, f) => {
            f.to_visit(*client, household, today).map(Write::PlanVisit)
        }
        Spec::VisitOutcome(main, visit, f) => {
            f.outcomes(*main, visit).map(|outcomes| Write::RecordVisit {
                id: visit.id,
                outcomes,
                note_for: *main,
            })
        }
        Spec::MoveVisit(id, f) => when(&f.when, today).map(|at| Write::MoveVisit { id: *id, at }),
        Spec::CancelVisit(id, f) => match f.reason.opt() {
            Some(reason) => Ok(Write::CancelVisit { id: *id, reason }),
            None => Err(f.reason.problem("say why it is cancelled")),
        },
        _ => return None,
    })
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
        let Spec::VisitOutcome(_, _, f) = &mut form.spec else {
            unreachable!()
        };
        f.outcome.choice = OUTCOMES.len();
        assert_eq!(form.spec.to_write(today()).unwrap_err().field, "outcome");
        let Spec::VisitOutcome(_, _, f) = &mut form.spec else {
            unreachable!()
        };
        f.outcome.choice = 2;
        f.others.choice = 99;
        assert_eq!(form.spec.to_write(today()).unwrap_err().field, "others");
        let Spec::VisitOutcome(_, _, f) = &mut form.spec else {
            unreachable!()
        };
        f.others.choice = 1;
        match form.spec.to_write(today()).unwrap() {
            Write::RecordVisit { outcomes, .. } => assert_eq!(
                outcomes,
                [(1, VisitOutcome::NotSeen), (2, VisitOutcome::SeenAlone)]
            ),
            other => panic!("{other:?}"),
        }
    }
}
