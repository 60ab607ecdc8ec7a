//! The forms' choices read back only what was picked: for every form with
//! a choice, any index (in range or far past it) either writes the value
//! whose label was shown at that index, or is refused beside its field.
//! Also the checks every form shares (a required date, the stars).

use chrono::NaiveDate;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::*;
use crate::domain::{Completion, Deadline, EpisodeKind, LegalEpisode};
use crate::ui::theme::Theme;
use crate::ui::write::FollowChoice;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn type_into(form: &mut Form, key: &str, text: &str) {
    let f = form.field_mut(key).unwrap();
    for c in text.chars() {
        f.input.key(KeyEvent::from(KeyCode::Char(c)));
    }
}

/// The label a choice field shows at `i`, if it has one there.
fn shown(form: &Form, key: &str, i: usize) -> Option<String> {
    match &form.field(key).unwrap().kind {
        FieldKind::Choice(opts) => opts.get(i).cloned(),
        other => panic!("{key} is not a choice: {other:?}"),
    }
}

/// Sets choice `key` to index `i` and checks what `read` finds in the
/// write: the label shown at `i`, or a refusal naming `key`.
fn picks(
    form: &mut Form,
    key: &'static str,
    i: usize,
    read: impl Fn(&Write) -> String,
) -> Result<(), TestCaseError> {
    form.field_mut(key).unwrap().choice = i;
    let want = shown(form, key, i);
    check_pick(form, key, i, want, read)
}

/// As [`picks`], for a choice whose "(choose one)" must be refused by the
/// form itself (nothing recorded until an outcome is picked).
fn picks_chosen(
    form: &mut Form,
    key: &'static str,
    i: usize,
    read: impl Fn(&Write) -> String,
) -> Result<(), TestCaseError> {
    form.field_mut(key).unwrap().choice = i;
    let want = shown(form, key, i).filter(|l| !l.starts_with("(choose"));
    check_pick(form, key, i, want, read)
}

fn check_pick(
    form: &mut Form,
    key: &'static str,
    i: usize,
    want: Option<String>,
    read: impl Fn(&Write) -> String,
) -> Result<(), TestCaseError> {
    match (form.spec.to_write(today()), want) {
        (Ok(w), Some(label)) => prop_assert_eq!(read(&w), label),
        (Err(p), None) => prop_assert_eq!(p.field, key),
        (got, want) => prop_assert!(false, "{key} at {i}: {got:?}, shown {want:?}"),
    }
    Ok(())
}

fn episode(id: i64, kind: EpisodeKind) -> LegalEpisode {
    LegalEpisode {
        id,
        client_id: 1,
        kind,
        start_on: today(),
        end_on: None,
        notes: None,
        created_at: today().and_hms_opt(9, 0, 0).unwrap(),
        start_at: None,
        follows_id: None,
        end_at: None,
        end_reason: None,
    }
}

fn visit(people: &[i64]) -> crate::domain::Visit {
    crate::domain::Visit {
        id: 5,
        status: crate::domain::VisitStatus::Planned,
        kind: crate::domain::NoteKind::HomeVisit,
        planned_at: today().and_hms_opt(10, 0, 0),
        occurred_at: None,
        minutes: None,
        location: None,
        with_whom: None,
        lone_check: None,
        cancel_reason: None,
        note_id: None,
        deadline_id: None,
        people: people
            .iter()
            .map(|id| crate::domain::VisitPerson {
                client_id: *id,
                name: "Test Person".into(),
                outcome: None,
            })
            .collect(),
        moves: Vec::new(),
    }
}

/// A statutory visit deadline (CPPCR 2010 reg 28(2)(a): the first visit
/// in a placement), whose completion records the visit's outcome.
fn visit_deadline() -> Deadline {
    Deadline {
        id: 8,
        client_id: Some(1),
        episode_id: Some(2),
        what: "First visit to the child in the placement".into(),
        due: today(),
        warn_from: None,
        rule: Some("lac-visit-first".into()),
        source: None,
        weight: 75,
        chain_index: 0,
        completed_on: None,
        outcome: None,
        cancelled: false,
        created_at: today().and_hms_opt(9, 0, 0).unwrap(),
        due_at: None,
        window_opens: None,
        later_due: None,
    }
}

/// Any index: mostly near the options, sometimes far past them.
fn index() -> impl Strategy<Value = usize> {
    prop_oneof![4 => 0usize..12, 1 => any::<usize>()]
}

proptest! {
    /// Issue 35: no form choice index produces a value the user did not pick.
    #[test]
    fn no_choice_index_gives_a_value_not_picked(i in index(), j in index()) {
        let theme = Theme::default();
        let mut f = episode_form(theme);
        picks(&mut f, "kind", i, |w| match w {
            Write::AddEpisode(e, ..) => e.kind.label().to_string(),
            other => format!("{other:?}"),
        })?;

        let mut f = deadline_done(&visit_deadline(), theme, today());
        picks_chosen(&mut f, "outcome", i, |w| match w {
            Write::CompleteDeadline { how: Completion::Visit(o), .. } => o.label().to_string(),
            other => format!("{other:?}"),
        })?;

        // MHA 1983 s66: a tribunal application window takes only its two
        // answers, picked.
        let mut window = visit_deadline();
        window.rule = Some("mha-s3-tribunal".into());
        let mut f = deadline_done(&window, theme, today());
        picks_chosen(&mut f, "outcome", i, |w| match w {
            Write::CompleteDeadline { how: Completion::Outcome(Some(o)), .. } => o.clone(),
            other => format!("{other:?}"),
        })?;

        let mut f = visit::outcome(visit(&[1, 2]), 1, theme, today());
        let main = |w: &Write| match w {
            Write::RecordVisit { outcomes, .. } => outcomes[0].1.label().to_string(),
            other => format!("{other:?}"),
        };
        picks(&mut f, "outcome", i, main)?;
        f.field_mut("outcome").unwrap().choice = 0;
        picks(&mut f, "others", j, |w| match w {
            Write::RecordVisit { outcomes, .. } => outcomes[1].1.label().to_string(),
            other => format!("{other:?}"),
        })?;

        let mut f = client(None, theme, today());
        type_into(&mut f, "given name", "Test");
        type_into(&mut f, "family name", "Person");
        let new = |w: &Write| match w {
            Write::AddClient(c) => c.clone(),
            other => panic!("{other:?}"),
        };
        picks(&mut f, "consent to share", i, |w| {
            match new(w).consent_to_share {
                None => "Not recorded",
                Some(true) => "Yes",
                Some(false) => "No",
            }
            .to_string()
        })?;
        f.field_mut("consent to share").unwrap().choice = 0;
        picks(&mut f, "service", i, |w| {
            new(w).service.map_or("none".into(), |s| s.label().to_string())
        })?;
        f.field_mut("service").unwrap().choice = 0;
        picks(&mut f, "risk", j, |w| {
            new(w).risk.map_or("none".into(), |r| r.label().to_string())
        })?;

        let eps = [episode(3, EpisodeKind::MhaS2), episode(4, EpisodeKind::Dols)];
        let label = |id: i64| {
            let e = eps.iter().find(|e| e.id == id).unwrap();
            format!("{} since {}", e.kind.label(), crate::dates::show(e.start_on))
        };
        let mut f = case::end_episode(&eps, theme, today()).unwrap();
        picks(&mut f, "episode", i, |w| match w {
            Write::EndEpisode { id, .. } => label(*id),
            other => format!("{other:?}"),
        })?;
        let mut f = case::move_episode(&eps, theme, today()).unwrap();
        picks(&mut f, "episode", j, |w| match w {
            Write::MoveEpisode { id, .. } => label(*id),
            other => format!("{other:?}"),
        })?;

        // What a new episode follows: "(choose …)", "no: it stands alone",
        // or "follows MHA s2 (episode 3) from …".
        let mut f = episode::episode(7, &eps, theme, today());
        picks(&mut f, "follows", i, |w| match w {
            Write::AddEpisode(_, _, FollowChoice::Unchosen) => {
                "(choose one)".into()
            }
            Write::AddEpisode(_, _, FollowChoice::Alone) => "no: it stands alone".into(),
            Write::AddEpisode(_, _, FollowChoice::Follows(id)) => {
                let e = eps.iter().find(|e| e.id == *id).unwrap();
                let from = crate::dates::display::date(e.start_on);
                format!("follows {} (episode {id}) from {from}", e.kind.label())
            }
            other => format!("{other:?}"),
        })?;

        let cto = [episode(5, EpisodeKind::Cto), episode(6, EpisodeKind::Cto)];
        let mut f = case::revoke_cto(&cto, theme, today()).unwrap();
        type_into(&mut f, "revocation time", "14:30");
        picks(&mut f, "episode", j, |w| match w {
            Write::RevokeCto { id, .. } => {
                let e = cto.iter().find(|e| e.id == *id).unwrap();
                format!("{} since {}", e.kind.label(), crate::dates::show(e.start_on))
            }
            other => format!("{other:?}"),
        })?;
    }
}

fn episode_form(theme: Theme) -> Form {
    episode::episode(7, &[], theme, today())
}

#[test]
fn a_deadline_needs_its_due_date_and_converts_to_a_typed_write() {
    let mut form = deadline(7, Theme::default(), today());
    let err = form.spec.to_write(today()).unwrap_err();
    assert_eq!(err.field, "due");
    type_into(&mut form, "what", "Ring the GP");
    type_into(&mut form, "due", "+3d");
    match form.spec.to_write(today()).unwrap() {
        Write::AddDeadline(d) => {
            assert_eq!(d.client_id, Some(7));
            assert_eq!(d.what, "Ring the GP");
            assert_eq!(d.due, NaiveDate::from_ymd_opt(2026, 11, 25));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn required_fields_carry_their_own_star_and_store_names_find_their_field() {
    let f = client(None, Theme::default(), today());
    let starred: Vec<&str> = f
        .spec
        .fields()
        .iter()
        .filter(|x| x.required)
        .map(|x| x.key)
        .collect();
    assert_eq!(starred, ["given name", "family name"]);
    let plan = plan(1, None, Theme::default(), today());
    assert_eq!(plan.key_for("owner"), "plan action");
    assert_eq!(plan.key_for("next review"), "next review");
}

/// Issue 25 (no guessed outcome): a statutory visit's "mark done" form,
/// saved as it opens, records nothing; the outcome must be picked.
#[test]
fn a_visit_deadline_done_as_it_opens_is_refused_until_an_outcome_is_picked() {
    let f = deadline_done(&visit_deadline(), Theme::default(), today());
    let refused = f.spec.to_write(today()).unwrap_err();
    assert_eq!(refused.field, "outcome");
    let mut window = visit_deadline();
    window.rule = Some("mha-s3-tribunal".into());
    let f = deadline_done(&window, Theme::default(), today());
    assert_eq!(f.spec.to_write(today()).unwrap_err().field, "outcome");
}
