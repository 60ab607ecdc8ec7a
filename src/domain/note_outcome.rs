//! What came of a contact a note records, as the practitioner chose it.
//! "Seen" comes only from here (or a visit's outcome), never from a note's
//! kind: a home-visit note saying "no answer at the door" is not a visit.

use super::note::NoteKind;
use super::visit::VisitOutcome;

string_enum! {
    /// What came of the contact a note records.
    pub enum NoteOutcome {
        /// The person was seen.
        Seen => ("seen", "Seen"),
        /// The person was seen alone.
        SeenAlone => ("seen-alone", "Seen alone"),
        /// Not seen: no access, nobody in, refused.
        NotSeen => ("not-seen", "Not seen / no access"),
        /// The contact did not happen.
        Cancelled => ("cancelled", "Cancelled"),
        /// Not a seeing contact: a call, a message, a meeting about the person.
        NotApplicable => ("not-applicable", "Not applicable"),
    }
}

impl NoteOutcome {
    /// Whether the person was seen (seen or seen alone).
    #[must_use]
    pub fn seen(self) -> bool {
        matches!(self, NoteOutcome::Seen | NoteOutcome::SeenAlone)
    }

    /// Whether a contact of `kind` with this outcome happened and counts:
    /// for an in-person kind only seeing the person does; for a call or a
    /// meeting, anything but not seen or cancelled.
    #[must_use]
    pub fn happened(self, kind: NoteKind) -> bool {
        if kind.is_in_person() {
            self.seen()
        } else {
            !matches!(self, NoteOutcome::NotSeen | NoteOutcome::Cancelled)
        }
    }

    /// The same outcome for a visit record (none for "not applicable").
    #[must_use]
    pub fn as_visit(self) -> Option<VisitOutcome> {
        match self {
            NoteOutcome::Seen => Some(VisitOutcome::Seen),
            NoteOutcome::SeenAlone => Some(VisitOutcome::SeenAlone),
            NoteOutcome::NotSeen => Some(VisitOutcome::NotSeen),
            NoteOutcome::Cancelled => Some(VisitOutcome::Cancelled),
            NoteOutcome::NotApplicable => None,
        }
    }

    /// A visit's outcome as a note's.
    #[must_use]
    pub fn from_visit(o: VisitOutcome) -> NoteOutcome {
        match o {
            VisitOutcome::Seen => NoteOutcome::Seen,
            VisitOutcome::SeenAlone => NoteOutcome::SeenAlone,
            VisitOutcome::NotSeen => NoteOutcome::NotSeen,
            VisitOutcome::Cancelled => NoteOutcome::Cancelled,
        }
    }

    /// Why this outcome cannot go with `kind`, if it cannot: a visit in
    /// person is seen or not, never "not applicable".
    #[must_use]
    pub fn problem_with(self, kind: NoteKind) -> Option<&'static str> {
        if self == NoteOutcome::NotApplicable && kind.is_in_person() {
            return Some(
                "cannot be \"not applicable\" for a contact in person: choose seen, seen alone, not seen or cancelled",
            );
        }
        (self.seen() && kind == NoteKind::Phone).then_some(
            "cannot be seen for a phone call: a call is a contact, not a visit (choose not-applicable, not-seen or cancelled)",
        )
    }
}

/// Whether a note of `kind` must carry an outcome before it is finalised:
/// every kind of contact with the person.
#[must_use]
pub fn outcome_required(kind: NoteKind) -> bool {
    kind.is_contact()
}

/// The words shown beside a final contact note that has no outcome because
/// it was written before notes had one (it counts by its kind, as then).
pub const BEFORE_OUTCOMES: &str = "recorded before outcomes";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_seeing_counts_for_a_visit_and_not_seen_never_counts() {
        for o in NoteOutcome::ALL {
            assert_eq!(o.happened(NoteKind::HomeVisit), o.seen(), "{o:?}");
        }
        assert!(NoteOutcome::NotApplicable.happened(NoteKind::Phone));
        assert!(!NoteOutcome::NotSeen.happened(NoteKind::Phone));
        assert!(!NoteOutcome::Cancelled.happened(NoteKind::Meeting));
        assert!(
            NoteOutcome::NotApplicable
                .problem_with(NoteKind::HomeVisit)
                .is_some()
        );
        assert!(
            NoteOutcome::NotApplicable
                .problem_with(NoteKind::Phone)
                .is_none()
        );
    }
}
