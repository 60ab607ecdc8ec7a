//! The lossless JSON document: every table's rows exactly as stored (drafts,
//! addenda, seals, plan versions, episodes, deadlines with their rules, the
//! audit trail, the undo journal), under a header with the format and schema
//! versions. Text is kept byte for byte (JSON escapes control characters):
//! sealed notes must still match their seals after an import.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::collections::HashSet;

use super::{ExportError, Made, Result};
use crate::store::{Dump, TableDump};

/// The `format` field of every export.
pub const FORMAT: &str = "caseload-export";
/// The version of this document's layout.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Document {
    format: String,
    format_version: u32,
    schema_version: i64,
    made_at: String,
    program: String,
    tables: Map<String, Value>,
}

/// The dump as a JSON document.
pub fn document(dump: &Dump, made: &Made) -> Result<String> {
    let mut tables = Map::new();
    for t in &dump.tables {
        let table = Table {
            columns: t.columns.clone(),
            rows: t.rows.clone(),
        };
        tables.insert(t.name.clone(), serde_json::to_value(table).map_err(fail)?);
    }
    let doc = Document {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: dump.schema,
        made_at: made.at.format(crate::domain::DATETIME_FMT).to_string(),
        program: format!("caseload {}", env!("CARGO_PKG_VERSION")),
        tables,
    };
    let mut s = serde_json::to_string_pretty(&doc).map_err(fail)?;
    s.push('\n');
    Ok(s)
}

fn fail(e: serde_json::Error) -> ExportError {
    // serde_json's own message can quote a value ("invalid type: string
    // \"Ann\""): only the kind of problem and where it is are reported.
    let what = match e.classify() {
        serde_json::error::Category::Io => "could not be read",
        serde_json::error::Category::Syntax => "is not valid JSON",
        serde_json::error::Category::Data => "does not have the shape of a caseload export",
        serde_json::error::Category::Eof => "ends too early (cut short?)",
    };
    ExportError::Format(format!(
        "the file {what} (line {}, column {})",
        e.line(),
        e.column()
    ))
}

/// Walks a JSON text refusing any object that repeats a key (serde_json
/// would silently keep the last value), remembering where.
struct Unique<'a> {
    path: String,
    found: &'a RefCell<Option<String>>,
}

impl Unique<'_> {
    fn at(&self, step: String) -> Self {
        Unique {
            path: step,
            found: self.found,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Unique<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Unique<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(self.at(format!("{}[{i}]", self.path)))?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if !seen.insert(key) {
                *self.found.borrow_mut() = Some(path);
                return Err(serde::de::Error::custom("repeated key"));
            }
            map.next_value_seed(self.at(path))?;
        }
        Ok(())
    }
}

/// Refuses a text in which an object repeats a key, naming its path.
fn refuse_repeated_keys(text: &str) -> Result<()> {
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let walked = Unique {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut de);
    match (walked, found.take()) {
        (_, Some(path)) => Err(ExportError::Format(format!(
            "{path}: the key appears twice in the file (which value was meant?); nothing was imported"
        ))),
        (Err(e), None) => Err(fail(e)),
        (Ok(()), None) => Ok(()),
    }
}

/// Reads a document made by [`document`] back into a dump.
pub fn parse(text: &str) -> Result<Dump> {
    refuse_repeated_keys(text)?;
    let doc: Document = serde_json::from_str(text).map_err(fail)?;
    if doc.format != FORMAT {
        return Err(ExportError::Format("this is not a caseload export".into()));
    }
    if doc.format_version != FORMAT_VERSION {
        return Err(ExportError::Format(format!(
            "export format version {} is not one this program reads ({FORMAT_VERSION})",
            doc.format_version
        )));
    }
    let mut tables = Vec::new();
    for (name, v) in doc.tables {
        let t: Table = serde_json::from_value(v).map_err(fail)?;
        tables.push(TableDump {
            name,
            columns: t.columns,
            rows: t.rows,
        });
    }
    Ok(Dump {
        schema: doc.schema_version,
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_reads_back_as_the_same_dump() {
        let dump = Dump {
            schema: 4,
            tables: vec![TableDump {
                name: "notes".into(),
                columns: vec!["id".into(), "body".into(), "x".into()],
                rows: vec![vec![1.into(), "a\u{1b}b".into(), Value::Null]],
            }],
        };
        let made = Made {
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            schema: 4,
        };
        let doc = document(&dump, &made).unwrap();
        assert!(doc.contains("\"schema_version\": 4") && !doc.contains('\u{1b}'));
        assert_eq!(parse(&doc).unwrap(), dump);
        assert!(parse("{\"format\": \"other\"}").is_err());
        // A wrong value is reported without quoting it.
        let err = parse(&doc.replace("\"schema_version\": 4", "\"schema_version\": \"Ann Vale\""))
            .unwrap_err()
            .to_string();
        assert!(!err.contains("Ann") && err.contains("line"), "{err}");
        // A repeated key is refused with its path (serde_json keeps the last).
        let twice = doc.replacen("\"columns\"", "\"rows\": [], \"columns\"", 1);
        let err = parse(&twice).unwrap_err().to_string();
        assert!(
            err.contains("tables.notes.rows: the key appears twice"),
            "{err}"
        );
    }
}
