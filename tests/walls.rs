//! The walls between the rooms of `src/`, checked on the source text so
//! they cannot drift: the screens never reach the store (they get plain
//! data through `ui::data::Source`; the session in `app/` opens and locks
//! the store), and the domain is below the rule engine (plain types and
//! pure rules, which the rule engine reads, never the other way round).

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<dir>`, with its text.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut out = Vec::new();
    let mut todo = vec![root];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

/// The files under `src/<dir>` whose text names any of `names`.
fn naming(dir: &str, names: &[&str]) -> Vec<String> {
    sources(dir)
        .into_iter()
        .filter(|(_, text)| names.iter().any(|n| text.contains(n)))
        .map(|(p, _)| p.display().to_string())
        .collect()
}

/// `src/domain` never names the rule engine: the one folder cycle
/// (completion and late entry, which read rule packs and the working-day
/// calendar) lives in `src/rules`.
#[test]
fn the_domain_does_not_name_the_rule_engine() {
    let found = naming("domain", &["crate::rules"]);
    assert!(found.is_empty(), "src/domain names crate::rules: {found:?}");
}

/// Nothing under `src/ui` names the store or SQLite: screens read plain
/// domain values and hand writes to the app as data.
#[test]
fn the_screens_do_not_name_the_store() {
    let found = naming("ui", &["crate::store", "rusqlite"]);
    assert!(found.is_empty(), "src/ui names the store: {found:?}");
}
