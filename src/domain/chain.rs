//! A break in a client's tamper-evidence chain, as the store's check names
//! it and the screens warn of it.

use serde::Serialize;

/// The first entry of a client's chain that does not match its seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    /// Whose chain.
    pub client_id: i64,
    /// "note" or "addendum".
    pub entity: &'static str,
    /// The entry's id.
    pub id: i64,
    /// The note it is (or belongs to).
    pub note_id: i64,
    /// What is wrong, in words.
    pub problem: String,
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.entity == "note" {
            write!(
                f,
                "client {}: note {} {}",
                self.client_id, self.id, self.problem
            )
        } else {
            write!(
                f,
                "client {}: addendum {} (on note {}) {}",
                self.client_id, self.id, self.note_id, self.problem
            )
        }
    }
}
