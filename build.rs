//! Turns the embedded rule packs and the bank holiday list (TOML, as
//! written and reviewed in `data/`) into JSON in `OUT_DIR`, which the
//! program reads several times faster than TOML on every command. The
//! TOML files stay the source; a test checks both readings give the same
//! rules.

use std::error::Error;
use std::path::Path;

#[path = "build/facts_sources.rs"]
mod facts_sources;

const FILES: &[&str] = &[
    "rules/mental-health.toml",
    "rules/adults.toml",
    "rules/children.toml",
    "rules/visiting.toml",
    "bank-holidays-extra.toml",
];

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::var("OUT_DIR")?;
    for file in FILES {
        let source = Path::new("data").join(file);
        println!("cargo::rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source)?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", source.display()))?;
        let json = serde_json::to_string(&to_json(toml::Value::Table(table))?)?;
        let name = file.replace('/', "-").replace(".toml", ".json");
        std::fs::write(Path::new(&out).join(name), json)?;
    }
    write_facts_fingerprint(&out)?;
    Ok(())
}

/// Writes `facts_sources.rs`: the files that decide a visit fact and their
/// fingerprint with the crate version (see `build/facts_sources.rs`).
fn write_facts_fingerprint(out: &str) -> Result<(), Box<dyn Error>> {
    let root = Path::new(".");
    for entry in facts_sources::DECIDING {
        // A folder: cargo looks at every file in it.
        println!("cargo::rerun-if-changed={entry}");
    }
    println!("cargo::rerun-if-changed=build/facts_sources.rs");
    let files = facts_sources::files(root)?;
    let version = std::env::var("CARGO_PKG_VERSION")?;
    let hash = facts_sources::hash(root, &files, &version)?;
    let code = format!(
        "/// The files whose text decides a visit fact, as hashed.\n#[cfg(test)]\n\
         pub(crate) const FACT_SOURCES: &[&str] = &{files:?};\n\
         /// The crate version and those files' fingerprint when built.\n\
         pub(crate) const FACTS_SOURCE_HASH: &str = {hash:?};\n"
    );
    std::fs::write(Path::new(out).join("facts_sources.rs"), code)?;
    Ok(())
}

/// A TOML value as JSON: dates and times become their text, which the
/// program's date fields read either way.
fn to_json(v: toml::Value) -> Result<serde_json::Value, String> {
    use serde_json::Value as J;
    Ok(match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map(J::Number)
            .ok_or_else(|| format!("{f} has no JSON form"))?,
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => {
            J::Array(items.into_iter().map(to_json).collect::<Result<_, _>>()?)
        }
        toml::Value::Table(t) => J::Object(
            t.into_iter()
                .map(|(k, v)| Ok((k, to_json(v)?)))
                .collect::<Result<_, String>>()?,
        ),
    })
}
