//! The practitioner's facts, computed once: who has been seen and when, the
//! last contact, and when the next visit is due under each visiting rule.
//! Plain functions over domain values (no SQL, no terminal): the store hands
//! over what is recorded, and `due`, the agenda, Today, the Caseload table,
//! the Summary tab and the calendar all ask here, so they cannot disagree.
//!
//! The rules, in one place:
//! - A visit counts when the practitioner records it with an outcome of
//!   **seen** or **seen alone**. **Not seen** (no access) and **cancelled**
//!   are recorded but never satisfy a visiting rule.
//! - A note never counts while it is a draft. A *final* note of a kind a
//!   visiting rule accepts, with no visit record of its own, counts as the
//!   person seen on that day: notes written before visits were recorded
//!   (and notes written without one) keep counting. A note that belongs to a
//!   visit record counts only through that visit's outcome.
//! - A phone or video call is a contact, never a visit, unless a visiting
//!   rule's `contact_kinds` names it (a local rule in `rules.toml`).
//! - Completing a statutory visit deadline records the visit (the store does
//!   it in the same transaction), so the next visit counts from that day.
//! - A household visit records an outcome per person; each person's rules
//!   count only their own outcome.
//! - The practitioner's CPD year ends on 30 November ([`cpd`]); their own
//!   records are never a client's.

pub mod activity;
mod calendar;
pub mod cpd;
mod due;
pub mod journey;
mod legal;
mod legal_status;
mod seen;

pub use calendar::{CalendarDay, DayCounts, grid_range, month_grid, month_start};

pub use due::{
    ClientBasis, VisitFacts, agenda_items, due_items, falls_between, next_due, visit_facts,
    visits_due_between, weekly_counts,
};
pub use legal::{CurrentPeriod, current_periods};
pub use legal_status::legal_status;
pub use seen::{Contact, Evidence, last_contact, last_seen, latest_seen_by_kind};

#[cfg(test)]
mod tests;
