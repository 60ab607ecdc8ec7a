//! Turns the embedded rule packs (every `data/rules/*.toml`) and the bank
//! holiday list (TOML, as written and reviewed in `data/`) into JSON in
//! `OUT_DIR`, which the program reads several times faster than TOML on
//! every command, and writes `packs.rs`, the one list of packs (adding a
//! pack is adding a file). The TOML files stay the source; a test checks
//! both readings give the same rules. Also writes the visit facts
//! fingerprint (`facts_sources.rs`).

use std::error::Error;
use std::path::Path;

#[path = "build/facts_sources.rs"]
mod facts_sources;

fn main() -> Result<(), Box<dyn Error>> {
    let out = std::env::var("OUT_DIR")?;
    let out = Path::new(&out);
    println!("cargo::rerun-if-changed=data/rules");
    println!("cargo::rerun-if-changed=data/bank-holidays-extra.toml");
    let holidays = to_json_text(Path::new("data/bank-holidays-extra.toml"))?.1;
    std::fs::write(out.join("bank-holidays-extra.json"), holidays)?;
    let mut packs = Vec::new();
    for entry in std::fs::read_dir("data/rules")? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".toml") {
            let (order, json) = to_json_text(&Path::new("data/rules").join(&name))?;
            std::fs::write(out.join(format!("rules-{stem}.json")), json)?;
            packs.push((order, name));
        }
    }
    packs.sort();
    std::fs::write(out.join("packs.rs"), packs_rs(&packs))?;
    write_facts_fingerprint(out)?;
    Ok(())
}

/// A TOML file as JSON text, with its `order` (0 if none).
fn to_json_text(source: &Path) -> Result<(i64, String), Box<dyn Error>> {
    let text = std::fs::read_to_string(source)?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", source.display()))?;
    let order = table
        .get("order")
        .and_then(toml::Value::as_integer)
        .unwrap_or(0);
    Ok((
        order,
        serde_json::to_string(&to_json(toml::Value::Table(table))?)?,
    ))
}

/// The packs' two lists, in their `order`: the TOML texts and the JSON.
fn packs_rs(packs: &[(i64, String)]) -> String {
    let mut toml = String::new();
    let mut json = String::new();
    for (_, name) in packs {
        let stem = name.trim_end_matches(".toml");
        toml.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/data/rules/{name}\"))),\n"
        ));
        json.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/rules-{stem}.json\"))),\n"
        ));
    }
    format!(
        "/// The embedded packs: (file name, TOML text), every file in\n\
         /// `data/rules/`, in their `order`.\n\
         pub const EMBEDDED_PACKS: &[(&str, &str)] = &[\n{toml}];\n\n\
         /// The same packs as JSON, written from the TOML by `build.rs` (read\n\
         /// several times faster on every command; a test checks the two agree).\n\
         const EMBEDDED_JSON: &[(&str, &str)] = &[\n{json}];\n"
    )
}

/// Writes `facts_sources.rs`: the files that decide a visit fact and their
/// fingerprint with the crate version (see `build/facts_sources.rs`).
fn write_facts_fingerprint(out: &Path) -> Result<(), Box<dyn Error>> {
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
    std::fs::write(out.join("facts_sources.rs"), code)?;
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
