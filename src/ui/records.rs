//! Records on screen: the late-entry reason asked for on finalising, and the
//! warning shown on a client whose tamper-evidence chain is broken.

use chrono::NaiveDate;
use ratatui::text::{Line, Span};

use super::form::{Field, FieldKind, Form, FormKind};
use super::theme::Theme;
use crate::store::ChainBreak;

/// The form asking why a note is being finalised late; saving it finalises.
#[must_use]
pub fn late_reason_form(note_id: i64, days: u32, theme: Theme, today: NaiveDate) -> Form {
    Form::new(
        FormKind::LateReason { note_id },
        format!("Late entry: finalised {days} working days after the contact"),
        vec![Field::text(
            "Reason for the late entry",
            "reason for late entry",
            FieldKind::Text,
            "",
            theme,
        )],
        today,
    )
}

/// The red line over a client whose chain does not verify.
#[must_use]
pub fn chain_warning(b: &ChainBreak, theme: Theme) -> Line<'static> {
    let what = if b.entity == "note" {
        format!("note {}", b.id)
    } else {
        format!("addendum {} (on note {})", b.id, b.note_id)
    };
    Line::from(Span::styled(
        format!(
            "⚠ Records changed outside caseload: {what} {} — run `caseload check`",
            b.problem
        ),
        theme.danger(),
    ))
}
