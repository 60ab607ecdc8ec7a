//! What a subject-access pack is made from, read through the store's typed
//! methods: the client's file, every visit (planned, done, cancelled), the
//! audit trail, and everyone else the record names (see [`super::third_party`]).

use crate::store::prelude::*;
use chrono::NaiveDate;

use super::gather::{self, ClientFile};
use super::third_party::Other;
use crate::domain::Visit;
use crate::store::{AuditEntry, Result, Store, VisitFilter};

/// Everything a subject-access pack holds about one client.
#[derive(Debug, Clone)]
pub struct SarFile {
    /// The client's file (notes, addenda, plans, network, chronology…).
    pub file: ClientFile,
    /// Every visit to the client, whatever its state, in diary order.
    pub visits: Vec<Visit>,
    /// The audit trail of the client's records.
    pub audit: Vec<AuditEntry>,
    /// Everyone else the record names, each once.
    pub others: Vec<Other>,
}

/// Reads the pack's records for `client_id`.
pub fn sar_file(store: &Store, client_id: i64, today: NaiveDate) -> Result<SarFile> {
    let file = gather::client_file(store, client_id, today, super::files::SUMMARY_DAYS)?;
    let visits = store.visits(&VisitFilter {
        client: Some(client_id),
        from: None,
        to: None,
    })?;
    let audit = gather::client_audit(store, client_id)?;
    let others = others(store, &file, &visits)?;
    Ok(SarFile {
        file,
        visits,
        audit,
        others,
    })
}

/// The names in a free-text list of people ("Ann (mother), Bo and Cy"):
/// each comma, semicolon or "and" separated name with a capital letter,
/// a role in brackets left off.
#[must_use]
pub fn names_in_list(list: &str) -> Vec<String> {
    list.split([',', ';', '\n', '/'])
        .flat_map(|s| s.split(" and "))
        .filter_map(|part| {
            let name = part.split('(').next().unwrap_or(part).trim();
            name.chars()
                .any(char::is_uppercase)
                .then(|| name.to_string())
        })
        .collect()
}

/// Everyone the record names who is not the subject: their network (and
/// the household's), the household, every other client, people present at
/// notes and coming to visits. First mention wins when a name recurs.
fn others(store: &Store, file: &ClientFile, visits: &[Visit]) -> Result<Vec<Other>> {
    let me = file.client.id;
    let mut v: Vec<Other> = Vec::new();
    let mut push = |name: &str, known_as: String| {
        let name = name.trim();
        let subject = [
            file.client.display_name(),
            format!("{} {}", file.client.given_name, file.client.family_name),
        ];
        if name.chars().count() < 2
            || subject.iter().any(|s| s.eq_ignore_ascii_case(name))
            || v.iter().any(|o| o.name.eq_ignore_ascii_case(name))
        {
            return;
        }
        v.push(Other {
            name: name.to_string(),
            known_as,
        });
    };
    for m in &file.network {
        let archived = if m.archived { ", archived" } else { "" };
        push(&m.name, format!("network: {}{archived}", m.role));
    }
    let household = store.household_of(me)?;
    for &id in &household {
        let c = store.client(id)?;
        push(&c.display_name(), format!("client {id}, same household"));
        push(
            &format!("{} {}", c.given_name, c.family_name),
            format!("client {id}, same household"),
        );
        for m in store.network(id)? {
            push(
                &m.name,
                format!("network of client {id} (household): {}", m.role),
            );
        }
    }
    for c in store.clients(true)? {
        if c.id != me && !household.contains(&c.id) {
            let id = c.id;
            push(&c.display_name(), format!("client {id}"));
            push(
                &format!("{} {}", c.given_name, c.family_name),
                format!("client {id}"),
            );
        }
    }
    for (n, _) in &file.notes {
        for name in n.present.as_deref().map(names_in_list).unwrap_or_default() {
            push(&name, format!("present at note {}", n.id));
        }
    }
    for visit in visits {
        for name in visit
            .with_whom
            .as_deref()
            .map(names_in_list)
            .unwrap_or_default()
        {
            push(&name, format!("at visit {}", visit.id));
        }
    }
    Ok(v)
}
