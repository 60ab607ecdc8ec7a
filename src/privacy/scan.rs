//! Finding a client in text meant for someone else: before a CPD or
//! reflective entry is saved or pasted, its text is searched for every
//! name, record number and address the caseload knows, with the same
//! matcher privacy mode's sweep uses ([`super::sweep`]'s patterns, one
//! `aho-corasick` automaton, leftmost-longest, case-insensitive), so the
//! practitioner can anonymise it. What is found is said with where it is;
//! nothing is changed.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use super::sweep::{Patterns, is_persons_name};
use crate::domain::Client;
use crate::domain::text::one_line;

/// What a found piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Found {
    /// A client's or network member's name.
    Name,
    /// A client's record or NHS number.
    RecordNo,
    /// Part of a client's address (a street with its number, a postcode).
    Address,
}

impl Found {
    /// The words shown.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Found::Name => "a name",
            Found::RecordNo => "a record number",
            Found::Address => "an address",
        }
    }
}

/// One thing found, with where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Which field of the entry.
    pub field: &'static str,
    /// The line within it (from 1).
    pub line: usize,
    /// The character within the line (from 1).
    pub column: usize,
    /// The text as written there.
    pub text: String,
    /// What it is.
    pub what: Found,
}

/// The caseload's names, record numbers and addresses, compiled once.
#[derive(Debug, Clone, Default)]
pub struct Scanner {
    matcher: Option<AhoCorasick>,
    kinds: Vec<Found>,
}

/// The fewest characters an address part must have to be looked for.
const MIN_ADDRESS: usize = 5;

impl Scanner {
    /// A scanner for these clients (names, record and NHS numbers, the parts
    /// of their address that hold a number: the street and the postcode)
    /// and people's names from their networks.
    #[must_use]
    pub fn build<'a>(
        clients: impl IntoIterator<Item = &'a Client>,
        people: impl IntoIterator<Item = &'a str>,
    ) -> Scanner {
        let mut p = Patterns::default();
        let mut kinds = Vec::new();
        let tag = |p: &Patterns, kinds: &mut Vec<Found>, what: Found| {
            kinds.resize(p.find.len(), what);
        };
        for c in clients {
            for n in [
                Some(&c.given_name),
                Some(&c.family_name),
                c.preferred_name.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                p.name(n);
                tag(&p, &mut kinds, Found::Name);
            }
            for r in [c.record_no.as_ref(), c.nhs_number.as_ref()]
                .into_iter()
                .flatten()
            {
                p.record(r);
                tag(&p, &mut kinds, Found::RecordNo);
            }
            for part in c
                .address
                .as_deref()
                .unwrap_or_default()
                .split([',', '\n'])
                .map(|s| one_line(s).trim().to_string())
                .filter(|s| {
                    s.chars().count() >= MIN_ADDRESS && s.chars().any(|c| c.is_ascii_digit())
                })
            {
                p.push(part, String::new());
                tag(&p, &mut kinds, Found::Address);
            }
        }
        for name in people.into_iter().filter(|n| is_persons_name(n)) {
            p.name(name);
            tag(&p, &mut kinds, Found::Name);
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&p.find)
            .ok();
        Scanner { matcher, kinds }
    }

    /// Everything known found in `text` (the field named `field`), as whole
    /// words; a name only where it is written with a capital, as names are
    /// ("will" is not the client Will).
    #[must_use]
    pub fn find(&self, field: &'static str, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.matcher else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            for m in ac.find_iter(line) {
                let what = self.kinds.get(m.pattern().as_usize()).copied();
                let found = &line[m.start()..m.end()];
                let before = line[..m.start()].chars().next_back();
                let after = line[m.end()..].chars().next();
                let lower = found.chars().next().is_some_and(char::is_lowercase);
                if found.ends_with('…')
                    || before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                    || (what == Some(Found::Name) && lower)
                {
                    continue;
                }
                if let Some(what) = what {
                    out.push(Hit {
                        field,
                        line: n + 1,
                        column: line[..m.start()].chars().count() + 1,
                        text: found.to_string(),
                        what,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NewClient;
    use crate::store::prelude::*;

    fn client(given: &str, family: &str, address: Option<&str>) -> Client {
        let mut s = crate::store::Store::open_in_memory().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let id = s
            .add_client(
                &NewClient {
                    given_name: given.into(),
                    family_name: family.into(),
                    record_no: Some("MOS 771".into()),
                    address: address.map(str::to_string),
                    ..NewClient::default()
                },
                now,
            )
            .unwrap();
        s.client(id).unwrap()
    }

    #[test]
    fn a_name_record_and_street_are_found_with_where() {
        let c = client(
            "Orla",
            "Quillfeather",
            Some("14 Marsh Lane, Fennick, FN1 2AB"),
        );
        let s = Scanner::build([&c], ["Dr Hal Penrose"]);
        let text = "Working with a young person.\nOrla's worry about MOS 771 at 14 marsh lane; Dr Penrose.";
        let hits = s.find("learning", text);
        let got: Vec<(usize, usize, &str, Found)> = hits
            .iter()
            .map(|h| (h.line, h.column, h.text.as_str(), h.what))
            .collect();
        assert_eq!(
            got,
            [
                (2, 1, "Orla", Found::Name),
                (2, 20, "MOS 771", Found::RecordNo),
                (2, 31, "14 marsh lane", Found::Address),
                (2, 49, "Penrose", Found::Name),
            ]
        );
    }

    #[test]
    fn ordinary_words_are_not_names() {
        let c = client("Will", "Hope", None);
        let s = Scanner::build([&c], []);
        assert!(
            s.find("impact", "I will hope for the best; willing.")
                .is_empty()
        );
    }
}
