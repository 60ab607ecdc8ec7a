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

/// The room a file of `src/ui` is in: its folder (`client`, `forms`, …),
/// or the file itself for one at the top (`screen`, `caseload`, …).
fn ui_room(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("ui");
    let rel = path.strip_prefix(&root).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The other rooms of `src/ui` a file's code (not its comments or tests)
/// names: `crate::ui::ROOM`, or `super::ROOM` from a file at the top.
fn rooms_named(path: &Path, text: &str) -> Vec<String> {
    let room = ui_room(path);
    let top = path.parent().is_some_and(|p| p.ends_with("ui"));
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut prefixes = vec!["crate::ui::"];
        if top {
            prefixes.push("super::");
        }
        for prefix in prefixes {
            for (i, _) in line.match_indices(prefix) {
                // `crate::ui::super::` never occurs; skip `x::super::` too.
                if prefix == "super::" && line[..i].ends_with("::") {
                    continue;
                }
                let rest = &line[i + prefix.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != room {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// Issue 35: no import circle between the rooms of `src/ui`: if a file in
/// one room names another room, nothing in that room names the first.
/// (Its own `mod.rs` naming a room's children is not a circle.)
#[test]
fn the_screens_rooms_have_no_import_circle() {
    let mut edges: std::collections::BTreeSet<(String, String)> = Default::default();
    for (path, text) in sources("ui") {
        let from = ui_room(&path);
        if from == "mod" {
            continue;
        }
        for to in rooms_named(&path, &text) {
            edges.insert((from.clone(), to));
        }
    }
    let circles: Vec<_> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .collect();
    assert!(circles.is_empty(), "rooms naming each other: {circles:?}");
}

/// Issue 35: every file of `src/ui` is small enough to hold in one's head:
/// none over 500 lines (split a screen into a folder, its drawing beside
/// it, before it grows past that).
#[test]
fn no_screen_file_is_over_500_lines() {
    let long: Vec<(String, usize)> = sources("ui")
        .into_iter()
        .map(|(p, text)| (p.display().to_string(), text.lines().count()))
        .filter(|(_, n)| *n > 500)
        .collect();
    assert!(long.is_empty(), "over 500 lines: {long:?}");
}

/// The files of `src/store` that open the store: their inherent
/// `impl Store` holds the constructors (`open`, `open_in_memory`, `exists`,
/// the upgrade door), which no record's trait can hold.
const OPENING: &[&str] = &["open.rs", "upgrade_hook.rs"];

/// The inherent `impl Store { … }` blocks of a file (each to its closing
/// brace at the start of a line).
fn inherent_store_blocks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("\nimpl Store {") {
        let block = &rest[i + 1..];
        let end = block.find("\n}").map_or(block.len(), |e| e + 2);
        out.push(&block[..end]);
        rest = &block[end..];
    }
    out
}

/// Issue 35 item 5: what `Store` offers is grouped by record behind small
/// traits (`src/store/prelude`), so a public method is never added to an
/// inherent `impl Store` outside the opening files: it goes into its
/// record's trait, with its doc line. (`pub(crate)` helpers may stay.)
#[test]
fn a_public_store_method_is_in_its_records_trait() {
    let mut loose = Vec::new();
    for (path, text) in sources("store") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if OPENING.contains(&name.as_str()) {
            continue;
        }
        for block in inherent_store_blocks(&text) {
            for line in block.lines() {
                let t = line.trim_start();
                if t.starts_with("pub fn ") || t.starts_with("pub const fn ") {
                    loose.push(format!("{}: {}", path.display(), t));
                }
            }
        }
    }
    assert!(
        loose.is_empty(),
        "public methods outside a record's trait (put each in its trait in src/store): {loose:?}"
    );
}

/// Issue 35 item 5: every record's trait is in `store::prelude` (so one
/// `use` reaches it) and every method it declares has a `///` line.
#[test]
fn every_store_trait_is_in_the_prelude_with_a_doc_per_method() {
    let sources = sources("store");
    let prelude = &sources
        .iter()
        .find(|(p, _)| p.ends_with("store/mod.rs"))
        .unwrap()
        .1;
    let mut problems = Vec::new();
    for (path, text) in &sources {
        for (i, _) in text.match_indices("\npub trait ") {
            let decl = &text[i + 1..];
            let name: String = decl["pub trait ".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !text.contains(&format!("impl {name} for Store")) {
                continue;
            }
            if !prelude.contains(&format!("::{name};")) {
                problems.push(format!("{name} is not in store::prelude"));
            }
            if !text[..i]
                .trim_end()
                .lines()
                .last()
                .unwrap_or("")
                .starts_with("///")
            {
                problems.push(format!("{name} has no doc line"));
            }
            let body = &decl[..decl.find("\n}").unwrap_or(decl.len())];
            let lines: Vec<&str> = body.lines().collect();
            for (n, line) in lines.iter().enumerate() {
                if !line.trim_start().starts_with("fn ") {
                    continue;
                }
                let doc = lines[..n]
                    .iter()
                    .rev()
                    .map(|l| l.trim_start())
                    .find(|l| !l.starts_with("#["));
                if !doc.is_some_and(|l| l.starts_with("///")) {
                    problems.push(format!(
                        "{}: {name}: {} has no doc line",
                        path.display(),
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:?}");
}
