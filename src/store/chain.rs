//! Tamper evidence: every final note and addendum carries a SHA-256 over a
//! canonical encoding of its content, chained to the previous final entry of
//! the same client. `verify_chains` recomputes them and names the first
//! entry per client that does not match.

use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use super::{Result, Store};
use crate::domain::chain::ChainBreak;

/// One chain entry as stored, every field as its stored text.
#[derive(Debug, Clone)]
pub(crate) struct RawEntry {
    pub entity: &'static str,
    pub id: i64,
    pub note_id: i64,
    pub client_id: i64,
    pub status: String,
    /// Named fields in their canonical order.
    pub fields: Vec<(&'static str, Option<String>)>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
    pub chain_seq: Option<i64>,
}

const NOTE_SQL: &str = "SELECT id, client_id, CAST(kind AS TEXT), occurred_at, written_at, finalised_at,
    location, present, body, CAST(significant AS TEXT), late_reason, prev_hash, hash, chain_seq, status,
    outcome FROM notes";
const ADDENDUM_SQL: &str = "SELECT a.id, a.note_id, n.client_id, a.written_at, a.reason, a.body,
    a.prev_hash, a.hash, a.chain_seq FROM addenda a JOIN notes n ON n.id = a.note_id";

fn raw_note(r: &Row<'_>) -> rusqlite::Result<RawEntry> {
    let id: i64 = r.get(0)?;
    let client_id: i64 = r.get(1)?;
    let mut fields = vec![
        ("client_id", Some(client_id.to_string())),
        ("note_id", Some(id.to_string())),
        ("kind", r.get(2)?),
        ("occurred_at", r.get(3)?),
        ("written_at", r.get(4)?),
        ("finalised_at", r.get(5)?),
        ("location", r.get(6)?),
        ("present", r.get(7)?),
        ("body", r.get(8)?),
        ("significant", r.get(9)?),
        ("late_reason", r.get(10)?),
    ];
    // The outcome is sealed when there is one, so notes sealed before
    // outcomes keep their seals.
    if let Some(outcome) = r.get::<_, Option<String>>(15)? {
        fields.push(("outcome", Some(outcome)));
    }
    Ok(RawEntry {
        entity: "note",
        id,
        note_id: id,
        client_id,
        status: r.get(14)?,
        fields,
        prev_hash: r.get(11)?,
        hash: r.get(12)?,
        chain_seq: r.get(13)?,
    })
}

fn raw_addendum(r: &Row<'_>) -> rusqlite::Result<RawEntry> {
    let note_id: i64 = r.get(1)?;
    Ok(RawEntry {
        entity: "addendum",
        id: r.get(0)?,
        note_id,
        client_id: r.get(2)?,
        status: "final".into(),
        fields: vec![
            ("note_id", Some(note_id.to_string())),
            ("written_at", r.get(3)?),
            ("reason", r.get(4)?),
            ("body", r.get(5)?),
        ],
        prev_hash: r.get(6)?,
        hash: r.get(7)?,
        chain_seq: r.get(8)?,
    })
}

/// The seal of an entry: SHA-256 over a length-prefixed encoding of its
/// kind, the previous entry's seal and its fields, as lower-case hex.
pub(crate) fn seal(
    entity: &str,
    prev: Option<&str>,
    fields: &[(&'static str, Option<String>)],
) -> String {
    let mut h = Sha256::new();
    h.update(b"caseload chain v1\n");
    put(&mut h, "entry", Some(entity));
    put(&mut h, "prev", prev);
    for (name, value) in fields {
        put(&mut h, name, value.as_deref());
    }
    h.finalize()
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            use std::fmt::Write;
            let _ = write!(s, "{b:02x}");
            s
        })
}

// `name=-` for no value, `name=<byte length>:<value>` otherwise, so no two
// different entries share an encoding.
fn put(h: &mut Sha256, name: &str, value: Option<&str>) {
    h.update(name.as_bytes());
    match value {
        None => h.update(b"=-\n"),
        Some(v) => {
            h.update(format!("={}:", v.len()).as_bytes());
            h.update(v.as_bytes());
            h.update(b"\n");
        }
    }
}

/// The next sequence number and the seal to chain to, for a client.
pub(crate) fn chain_head(conn: &Connection, client_id: i64) -> Result<(i64, Option<String>)> {
    // Cached statements: a bulk load seals 200,000 notes through here.
    let head: Option<(i64, String)> = conn
        .prepare_cached("SELECT seq, hash FROM chain_heads WHERE client_id = ?1")?
        .query_row([client_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match head {
        Some((seq, hash)) => (seq + 1, Some(hash)),
        None => (1, None),
    })
}

/// Records the newest seal of a client's chain (same transaction).
pub(crate) fn advance(conn: &Connection, client_id: i64, seq: i64, hash: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO chain_heads (client_id, seq, hash) VALUES (?1, ?2, ?3)
         ON CONFLICT (client_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
    )?
    .execute(params![client_id, seq, hash])?;
    Ok(())
}

/// A draft note as it will be sealed when finalised at `finalised_at`.
fn note_for_sealing(
    conn: &Connection,
    id: i64,
    finalised_at: &str,
    late_reason: Option<&str>,
) -> Result<RawEntry> {
    let mut e = conn
        .prepare_cached(&format!("{NOTE_SQL} WHERE id = ?1"))?
        .query_row([id], raw_note)?;
    for (name, value) in &mut e.fields {
        match *name {
            "finalised_at" => *value = Some(finalised_at.to_string()),
            "late_reason" => *value = late_reason.map(str::to_string),
            _ => {}
        }
    }
    Ok(e)
}

/// Finalises draft note `id` inside the caller's transaction: seals it into
/// its client's chain and marks it final. Every path that makes a note final
/// goes through here (the caller writes the audit row).
pub(crate) fn seal_note(
    conn: &Connection,
    id: i64,
    client_id: i64,
    finalised_at: &str,
    late_reason: Option<&str>,
) -> Result<()> {
    let (seq, prev) = chain_head(conn, client_id)?;
    let entry = note_for_sealing(conn, id, finalised_at, late_reason)?;
    let hash = seal("note", prev.as_deref(), &entry.fields);
    conn.prepare_cached(
        "UPDATE notes SET status='final', finalised_at=?2, late_reason=?3, prev_hash=?4, hash=?5, chain_seq=?6,
            finalised_offset=?7
         WHERE id=?1 AND status='draft'",
    )?
    .execute(params![
        id,
        finalised_at,
        late_reason,
        prev,
        hash,
        seq,
        finalised_offset(finalised_at)
    ])?;
    advance(conn, client_id, seq, &hash)
}

/// The fields sealed for an addendum, in canonical order.
pub(crate) fn addendum_fields(
    note_id: i64,
    written_at: &str,
    reason: &str,
    body: &str,
) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("note_id", Some(note_id.to_string())),
        ("written_at", Some(written_at.to_string())),
        ("reason", Some(reason.to_string())),
        ("body", Some(body.to_string())),
    ]
}

/// Checks one client's entries, in chain order, starting after the seal
/// `start` (`None` for the chain's beginning); the first mismatch, or the
/// newest seal checked (`None` when there was nothing to check).
fn check_chain(
    mut entries: Vec<RawEntry>,
    start: Option<&Verified>,
) -> std::result::Result<Option<Verified>, ChainBreak> {
    // Sealed entries in chain order; anything unsealed sorts last.
    entries.sort_by_key(|e| (e.chain_seq.is_none(), e.chain_seq, e.entity, e.id));
    let mut expected_prev: Option<String> = start.map(|v| v.hash.clone());
    let mut newest = start.cloned();
    for e in entries {
        let problem = match (&e.hash, e.chain_seq) {
            (None, _) | (_, None) => Some("is final but has no seal".to_string()),
            (Some(hash), Some(_)) => {
                if e.status != "final" {
                    Some("was sealed as final but is now marked as a draft".to_string())
                } else if e.prev_hash != expected_prev {
                    Some(
                        "does not follow the entry before it: an entry was removed or reordered"
                            .to_string(),
                    )
                } else if seal(e.entity, e.prev_hash.as_deref(), &e.fields) != *hash {
                    Some("does not match its seal: it was changed after it was finalised".into())
                } else {
                    None
                }
            }
        };
        if let Some(problem) = problem {
            return Err(ChainBreak {
                client_id: e.client_id,
                entity: e.entity,
                id: e.id,
                note_id: e.note_id,
                problem,
            });
        }
        if let (Some(seq), Some(hash)) = (e.chain_seq, e.hash.clone()) {
            newest = Some(Verified { seq, hash });
        }
        expected_prev = e.hash;
    }
    Ok(newest)
}

/// The newest seal of a client's chain that this store has verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verified {
    seq: i64,
    hash: String,
}

/// Seals verified so far in this session, by client: opening a client again
/// checks only what was sealed since (a full check is `caseload check`).
pub(crate) type VerifiedSeals = std::cell::RefCell<std::collections::HashMap<i64, Verified>>;

// Each query names the column it filters on without an `?1 IS NULL OR`
// escape hatch: that form cannot use the per-client index, so one client's
// check used to decrypt every note in the caseload.
const NOTES_ALL: &str = "WHERE status = 'final' OR hash IS NOT NULL OR chain_seq IS NOT NULL";
const NOTES_OF_CLIENT: &str = "WHERE client_id = ?1
    AND (status = 'final' OR hash IS NOT NULL OR chain_seq IS NOT NULL)";
const NOTES_SEALED_AFTER: &str = "WHERE client_id = ?1 AND chain_seq > ?2";
const ADDENDA_OF_CLIENT: &str = "WHERE n.client_id = ?1";
const ADDENDA_SEALED_AFTER: &str = "WHERE n.client_id = ?1 AND a.chain_seq > ?2";

/// The sealed notes' hash chains: verifying them.
pub trait Chains {
    /// Verifies every client's chain; one entry per broken chain, by client.
    fn verify_chains(&self) -> Result<Vec<ChainBreak>>;

    /// Verifies one client's chain: the first entry that does not match.
    fn verify_chain(&self, client_id: i64) -> Result<Option<ChainBreak>>;
}

impl Chains for Store {
    /// Verifies every client's chain from its beginning; one entry per
    /// broken chain (the first that does not match), ordered by client.
    /// Empty when all hold.
    fn verify_chains(&self) -> Result<Vec<ChainBreak>> {
        let mut by_client: std::collections::BTreeMap<i64, Vec<RawEntry>> = Default::default();
        // Every note has a client, so the addenda query needs no filter.
        let all = self.chain_query(NOTES_ALL, "", &[])?;
        for e in all {
            by_client.entry(e.client_id).or_default().push(e);
        }
        Ok(by_client
            .into_values()
            .filter_map(|entries| check_chain(entries, None).err())
            .collect())
    }

    /// Verifies one client's chain: the first entry that does not match.
    /// The first time in a session it reads the client's whole chain (and
    /// only that client's rows); after that only entries sealed since the
    /// last verified seal, provided that seal is still in place.
    fn verify_chain(&self, client_id: i64) -> Result<Option<ChainBreak>> {
        let known = self.verified.borrow().get(&client_id).cloned();
        if let Some(known) = known
            && self.seal_still_in_place(client_id, &known)?
        {
            let newer = self.chain_query(
                NOTES_SEALED_AFTER,
                ADDENDA_SEALED_AFTER,
                &[&client_id, &known.seq],
            )?;
            return Ok(self.remember(client_id, check_chain(newer, Some(&known))));
        }
        let all = self.chain_query(NOTES_OF_CLIENT, ADDENDA_OF_CLIENT, &[&client_id])?;
        Ok(self.remember(client_id, check_chain(all, None)))
    }
}

impl Store {
    fn chain_query(
        &self,
        notes_where: &str,
        addenda_where: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<RawEntry>> {
        let mut out = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{NOTE_SQL} {notes_where}"))?;
        for e in stmt.query_map(params, raw_note)? {
            out.push(e?);
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{ADDENDUM_SQL} {addenda_where}"))?;
        for e in stmt.query_map(params, raw_addendum)? {
            out.push(e?);
        }
        Ok(out)
    }

    /// Whether the entry holding a remembered seal still carries it.
    fn seal_still_in_place(&self, client_id: i64, known: &Verified) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT hash FROM notes WHERE client_id = ?1 AND chain_seq = ?2
             UNION ALL
             SELECT a.hash FROM addenda a JOIN notes n ON n.id = a.note_id
              WHERE n.client_id = ?1 AND a.chain_seq = ?2",
        )?;
        let hashes: Vec<Option<String>> = stmt
            .query_map(params![client_id, known.seq], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(hashes.len() == 1 && hashes[0].as_deref() == Some(known.hash.as_str()))
    }

    fn remember(
        &self,
        client_id: i64,
        outcome: std::result::Result<Option<Verified>, ChainBreak>,
    ) -> Option<ChainBreak> {
        let mut verified = self.verified.borrow_mut();
        match outcome {
            Ok(Some(newest)) => {
                verified.insert(client_id, newest);
                None
            }
            Ok(None) => None,
            Err(broken) => {
                verified.remove(&client_id);
                Some(broken)
            }
        }
    }
}

/// The UTC offset of a finalising time given as stored text.
fn finalised_offset(finalised_at: &str) -> Option<String> {
    chrono::NaiveDateTime::parse_from_str(finalised_at, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(crate::clock::stamp_offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewClient, NewNote, NoteKind};
    use crate::store::prelude::*;
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, d)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn final_note(s: &mut Store, client_id: i64, d: u32) -> i64 {
        let new = NewNote {
            client_id,
            kind: Some(NoteKind::HomeVisit),
            outcome: crate::demo::written_outcome(NoteKind::HomeVisit),
            occurred_at: at(d),
            location: None,
            present: None,
            body: format!("Visit {d}."),
            significant: false,
        };
        let id = s.add_note(&new, at(d)).unwrap();
        s.finalise_note(id, None, at(d)).unwrap();
        id
    }

    /// A store with one client and two final notes, its chain verified once.
    fn verified_client() -> (Store, i64, i64, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let new = NewClient {
            given_name: "Ann".into(),
            family_name: "Example".into(),
            ..NewClient::default()
        };
        let c = s.add_client(&new, at(1)).unwrap();
        let n1 = final_note(&mut s, c, 2);
        let n2 = final_note(&mut s, c, 3);
        assert_eq!(s.verify_chain(c).unwrap(), None);
        (s, c, n1, n2)
    }

    fn tamper(s: &Store, id: i64) {
        s.conn
            .execute_batch("DROP TRIGGER IF EXISTS notes_final_immutable")
            .unwrap();
        s.conn
            .execute("UPDATE notes SET body = 'Changed.' WHERE id = ?1", [id])
            .unwrap();
    }

    #[test]
    fn a_verified_chain_is_remembered_at_its_newest_seal() {
        let (mut s, c, _, n2) = verified_client();
        let seq: i64 = s
            .conn
            .query_row("SELECT chain_seq FROM notes WHERE id = ?1", [n2], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(s.verified.borrow()[&c].seq, seq);
        let n3 = final_note(&mut s, c, 4);
        assert_eq!(s.verify_chain(c).unwrap(), None);
        assert_eq!(s.verified.borrow()[&c].seq, seq + 1, "moved to note {n3}");
    }

    #[test]
    fn an_entry_sealed_after_the_remembered_one_is_still_checked() {
        let (mut s, c, _, _) = verified_client();
        let n3 = final_note(&mut s, c, 4);
        tamper(&s, n3);
        let b = s.verify_chain(c).unwrap().unwrap();
        assert_eq!((b.entity, b.id), ("note", n3));
        assert!(!s.verified.borrow().contains_key(&c));
    }

    #[test]
    fn older_entries_are_left_to_the_full_check() {
        let (s, c, n1, _) = verified_client();
        tamper(&s, n1);
        // The session already vouched for note 1: only `check` reads it again.
        assert_eq!(s.verify_chain(c).unwrap(), None);
        let breaks = s.verify_chains().unwrap();
        assert_eq!(breaks.len(), 1);
        assert_eq!(breaks[0].id, n1);
    }

    #[test]
    fn a_changed_remembered_seal_sends_the_client_back_to_a_full_check() {
        let (s, c, n1, n2) = verified_client();
        tamper(&s, n1);
        s.conn
            .execute("UPDATE notes SET hash = 'forged' WHERE id = ?1", [n2])
            .unwrap();
        let b = s.verify_chain(c).unwrap().unwrap();
        assert_eq!(b.id, n1, "the full check names the first break: {b}");
    }

    #[test]
    fn the_encoding_tells_fields_apart() {
        let a = seal("note", None, &[("a", Some("x".into())), ("b", None)]);
        let b = seal("note", None, &[("a", None), ("b", Some("x".into()))]);
        let c = seal("note", None, &[("a", Some(String::new())), ("b", None)]);
        let d = seal("note", Some(&a), &[("a", Some("x".into())), ("b", None)]);
        assert_eq!(a.len(), 64);
        assert!(a != b && a != c && b != c && a != d);
        assert_eq!(
            a,
            seal("note", None, &[("a", Some("x".into())), ("b", None)])
        );
    }
}
