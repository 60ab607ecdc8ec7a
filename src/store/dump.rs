//! The whole database as plain rows, for the lossless JSON export, and
//! loading those rows into a new, empty database. Every table is read
//! (so tables added by later migrations come along) except SQLite's own and
//! the full-text index, which is rebuilt from the records on import.

use crate::store::prelude::*;
use rusqlite::types::ValueRef;
use serde_json::Value;

use super::{Result, Store, StoreError};

/// One table's rows exactly as stored, in row order.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDump {
    /// The table.
    pub name: String,
    /// Its columns, in order.
    pub columns: Vec<String>,
    /// Each row's values (integers, reals, text, null; blobs as `{"blob": hex}`).
    pub rows: Vec<Vec<Value>>,
}

/// Every table of the database.
#[derive(Debug, Clone, PartialEq)]
pub struct Dump {
    /// The schema version the rows belong to.
    pub schema: i64,
    /// The tables, by name.
    pub tables: Vec<TableDump>,
}

/// Tables a dump holds: not SQLite's own, not the full-text index nor the
/// visit facts cache (both derived, rebuilt in the new database), and not
/// the practitioner's CPD (their own record, never part of an export:
/// `caseload backup` copies it, `cpd list --json` prints it).
const TABLES_SQL: &str = "SELECT name FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'search\\_index%' ESCAPE '\\'
    AND name NOT LIKE 'visit\\_facts%' ESCAPE '\\'
    AND name NOT LIKE 'cpd\\_%' ESCAPE '\\'
    ORDER BY name";

/// Tables whose rows mean the database already holds a caseload.
const RECORD_TABLES: [&str; 5] = ["clients", "notes", "deadlines", "actions", "audit"];

/// Rebuilds the full-text index from `search_map` and the records (the same
/// content the insert triggers write).
const REBUILD_SEARCH: &str = "
DELETE FROM search_index;
INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
SELECT m.id, n.body, coalesce(n.location, '') || ' ' || coalesce(n.present, ''),
       'c' || n.client_id, n.client_id, n.occurred_at
FROM search_map m JOIN notes n ON m.src = 0 AND n.id = m.src_id;
INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
SELECT m.id, a.body, a.reason, 'c' || n.client_id, n.client_id, a.written_at
FROM search_map m JOIN addenda a ON m.src = 1 AND a.id = m.src_id
JOIN notes n ON n.id = a.note_id;
INSERT INTO search_index (rowid, body, extra, tags, client_id, at)
SELECT m.id,
       p.needs || char(10) || p.outcomes || char(10) || p.strengths || char(10) || p.crisis_plan,
       coalesce((SELECT group_concat(what, ' ') FROM plan_actions WHERE plan_id = p.id), ''),
       'c' || p.client_id, p.client_id, p.created_at
FROM search_map m JOIN care_plans p ON m.src = 2 AND p.id = m.src_id;";

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn to_json(v: ValueRef<'_>) -> std::result::Result<Value, StoreError> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(
            std::str::from_utf8(t)
                .map_err(|_| StoreError::Refused("a stored text is not UTF-8".into()))?,
        ),
        ValueRef::Blob(b) => {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            serde_json::json!({ "blob": hex })
        }
    })
}

fn to_sql(v: &Value) -> std::result::Result<rusqlite::types::Value, StoreError> {
    use rusqlite::types::Value as V;
    let bad = || StoreError::Refused("the file holds a value of a kind no column stores".into());
    Ok(match v {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => V::Integer(i),
            None => V::Real(n.as_f64().ok_or_else(bad)?),
        },
        Value::String(s) => V::Text(s.clone()),
        Value::Object(o) => {
            let hex = o.get("blob").and_then(Value::as_str).ok_or_else(bad)?;
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| {
                    hex.get(i..i + 2)
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                })
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(bad)?;
            V::Blob(bytes)
        }
        Value::Array(_) => return Err(bad()),
    })
}

/// Every table as plain rows, and loading them back.
pub trait Dumps {
    /// Every row of every table, exactly as stored.
    fn dump(&self) -> Result<Dump>;

    /// Whether the database holds any client, note, deadline, action or audit row.
    fn holds_records(&self) -> Result<bool>;

    /// Loads `dump` into this empty database in one checked transaction, or changes nothing.
    fn load_dump(&mut self, dump: &Dump) -> Result<usize>;
}

impl Dumps for Store {
    /// Every row of every table, exactly as stored.
    fn dump(&self) -> Result<Dump> {
        let mut tables = Vec::new();
        for name in self.dump_tables()? {
            let columns = self.columns(&name)?;
            let list = columns
                .iter()
                .map(|c| quote(c))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {list} FROM {} ORDER BY rowid",
                quote(&name)
            ))?;
            let mut rows = Vec::new();
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let mut row = Vec::with_capacity(columns.len());
                for i in 0..columns.len() {
                    row.push(to_json(r.get_ref(i)?)?);
                }
                rows.push(row);
            }
            tables.push(TableDump {
                name,
                columns,
                rows,
            });
        }
        Ok(Dump {
            schema: self.schema_version()?,
            tables,
        })
    }

    /// Whether the database holds any client, note, deadline, action or audit row.
    fn holds_records(&self) -> Result<bool> {
        for t in RECORD_TABLES {
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            if n > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Loads `dump` into this database, which must hold no records and have
    /// the same schema version: all of it in one transaction, checked
    /// (foreign keys, integrity, every tamper-evidence chain) before it is
    /// committed; on any problem nothing is changed.
    fn load_dump(&mut self, dump: &Dump) -> Result<usize> {
        let here = self.schema_version()?;
        if dump.schema != here {
            return Err(StoreError::Refused(format!(
                "the file was exported at schema version {}, this program is at {here}; import it with the same version of caseload",
                dump.schema
            )));
        }
        if self.holds_records()? {
            return Err(StoreError::Refused(
                "this database already holds records; import only into a new, empty database"
                    .into(),
            ));
        }
        let known = self.dump_tables()?;
        for t in &dump.tables {
            if !known.contains(&t.name) {
                return Err(StoreError::Refused(format!(
                    "the file has a table this database lacks: {}",
                    t.name
                )));
            }
            let cols = self.columns(&t.name)?;
            if let Some(c) = t.columns.iter().find(|c| !cols.contains(c)) {
                return Err(StoreError::Refused(format!(
                    "table {} has no column {c}",
                    t.name
                )));
            }
        }
        // Every value checked as the other doors check it, before anything is written.
        self.check_dump(dump, crate::clock::now().date())?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;")?;
        match self.load_inside(dump) {
            Ok(n) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(n)
            }
            Err(e) => {
                self.conn.execute_batch("ROLLBACK")?;
                Err(e)
            }
        }
    }
}

impl Store {
    fn dump_tables(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(TABLES_SQL)?;
        let names = stmt.query_map([], |r| r.get(0))?;
        Ok(names.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    fn columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT name FROM pragma_table_info({})",
            quote_str(table)
        ))?;
        let cols = stmt.query_map([], |r| r.get(0))?;
        Ok(cols.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    fn load_inside(&mut self, dump: &Dump) -> Result<usize> {
        // The rows are loaded exactly as they were: no trigger may add an
        // undo entry, a search row or an audit claim of its own.
        let triggers: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        let names: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?
        };
        for n in &names {
            self.conn
                .execute_batch(&format!("DROP TRIGGER {};", quote(n)))?;
        }
        let mut count = 0;
        for t in &dump.tables {
            self.conn
                .execute_batch(&format!("DELETE FROM {};", quote(&t.name)))?;
            let cols = t
                .columns
                .iter()
                .map(|c| quote(c))
                .collect::<Vec<_>>()
                .join(", ");
            let marks = (1..=t.columns.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = self.conn.prepare(&format!(
                "INSERT INTO {} ({cols}) VALUES ({marks})",
                quote(&t.name)
            ))?;
            for (i, row) in t.rows.iter().enumerate() {
                if row.len() != t.columns.len() {
                    return Err(StoreError::Refused(format!(
                        "a row of {} has the wrong number of values",
                        t.name
                    )));
                }
                let values = row
                    .iter()
                    .map(to_sql)
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                // The row is named: "code 20" alone says nothing about where.
                stmt.execute(rusqlite::params_from_iter(values))
                    .map_err(|e| {
                        StoreError::Refused(format!("{}[{i}]: {}", t.name, StoreError::from(e)))
                    })?;
                count += 1;
            }
        }
        self.conn.execute_batch(REBUILD_SEARCH)?;
        for sql in &triggers {
            self.conn.execute_batch(&format!("{sql};"))?;
        }
        let mut problems = self.integrity_problems()?;
        problems.extend(self.verify_chains()?.iter().map(ToString::to_string));
        if !problems.is_empty() {
            return Err(StoreError::Refused(format!(
                "the imported records do not pass the check ({} problem(s), first: {})",
                problems.len(),
                problems[0]
            )));
        }
        Ok(count)
    }
}

fn quote_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        crate::demo::seed(&mut s, now).unwrap();
        s
    }

    #[test]
    fn a_dump_loads_into_an_empty_database_and_dumps_the_same() {
        let a = demo();
        let dump = a.dump().unwrap();
        assert!(
            dump.tables
                .iter()
                .any(|t| t.name == "undo_log" && !t.rows.is_empty())
        );
        let mut b = Store::open_in_memory().unwrap();
        b.load_dump(&dump).unwrap();
        assert_eq!(b.dump().unwrap(), dump);
        assert!(b.verify_chains().unwrap().is_empty());
        // The search index was rebuilt: the same query finds the same records.
        let f = crate::store::SearchFilter::default();
        let ids = |s: &Store| {
            s.search("visit", &f)
                .unwrap()
                .iter()
                .map(|h| format!("{h:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
        // A second load is refused and changes nothing.
        assert!(b.load_dump(&dump).is_err());
        assert_eq!(b.dump().unwrap(), dump);
    }

    #[test]
    fn a_broken_dump_changes_nothing() {
        let mut dump = demo().dump().unwrap();
        let notes = dump.tables.iter_mut().find(|t| t.name == "notes").unwrap();
        let body = notes.columns.iter().position(|c| c == "body").unwrap();
        // Tampering with a sealed note breaks its chain: refused, nothing written.
        let sealed = notes
            .rows
            .iter_mut()
            .find(|r| r[notes.columns.iter().position(|c| c == "hash").unwrap()] != Value::Null)
            .unwrap();
        sealed[body] = Value::from("changed");
        let mut b = Store::open_in_memory().unwrap();
        assert!(b.load_dump(&dump).is_err());
        assert!(!b.holds_records().unwrap());
        let triggers: i64 = b
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(triggers > 10, "the triggers are back after a failed load");
    }
}
