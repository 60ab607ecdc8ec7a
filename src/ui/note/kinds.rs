//! The note editor's kind picker keys: one distinct key per kind, shown
//! beside its name, so a letter never means two kinds (`h` was Hospital
//! when the picker stood on Home visit).

use crate::domain::NoteKind;

/// Each kind's key (distinct; the test below holds them so).
const KEYS: [(NoteKind, char); 10] = [
    (NoteKind::HomeVisit, 'h'),
    (NoteKind::Phone, 'p'),
    (NoteKind::Office, 'o'),
    (NoteKind::Hospital, 't'),
    (NoteKind::Video, 'v'),
    (NoteKind::Meeting, 'm'),
    (NoteKind::Review, 'r'),
    (NoteKind::Court, 'c'),
    (NoteKind::Other, 'e'),
    (NoteKind::Supervision, 's'),
];

/// The key that picks `kind`.
#[must_use]
pub fn kind_key(kind: NoteKind) -> char {
    KEYS.iter()
        .find(|(k, _)| *k == kind)
        .map_or('?', |(_, c)| *c)
}

/// The kind a key picks, if any.
#[must_use]
pub fn kind_for_key(c: char) -> Option<NoteKind> {
    KEYS.iter().find(|(_, k)| *k == c).map(|(kind, _)| *kind)
}

/// Every key, for the hint beside the picker.
#[must_use]
pub fn kind_keys() -> String {
    KEYS.iter().map(|(_, c)| *c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_key_and_no_key_two_kinds() {
        for &kind in NoteKind::ALL {
            assert_eq!(kind_for_key(kind_key(kind)), Some(kind), "{kind:?}");
        }
        assert_eq!(KEYS.len(), NoteKind::ALL.len());
        assert_eq!(kind_for_key('h'), Some(NoteKind::HomeVisit));
        assert_eq!(kind_for_key('t'), Some(NoteKind::Hospital));
    }
}
