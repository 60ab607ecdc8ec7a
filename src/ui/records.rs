//! Records on screen: the warning shown on a client whose tamper-evidence
//! chain is broken.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::domain::chain::ChainBreak;

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
