//! The files whose text decides a visit fact (who was seen when, which
//! visits fall due): the practice layer, the rule engine and its data, the
//! domain types the rules read, the store's reading of the basis and the
//! cache's row form. `build.rs` hashes them, with the crate version, into
//! the fingerprint the visit facts cache is filled under, so any release
//! that could change a fact empties the cache; the cache's test reads the
//! same list to check the fingerprint is the files' as they are now.

use std::path::Path;

/// Folders (every file in them, at any depth) and single files that decide
/// a visit fact, from the crate's root.
pub const DECIDING: &[&str] = &[
    "src/practice",
    "src/rules",
    "src/domain/visit.rs",
    "src/domain/note.rs",
    "src/domain/deadline.rs",
    "src/domain/enums.rs",
    "src/store/visit_facts.rs",
    "src/store/facts_cache/row.rs",
    "src/store/facts_cache/settle.rs",
    "data/rules",
    "data/bank-holidays-extra.toml",
];

/// Every file under [`DECIDING`], relative to `root`, with `/` between
/// parts, sorted.
pub fn files(root: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in DECIDING {
        walk(root, entry, &mut out)?;
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(root: &Path, rel: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    let path = root.join(rel);
    if path.is_dir() {
        for entry in std::fs::read_dir(&path)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            walk(root, &format!("{rel}/{name}"), out)?;
        }
    } else {
        out.push(rel.to_string());
    }
    Ok(())
}

/// The fingerprint of `version` and `files` (each file's path and bytes):
/// 64-bit FNV-1a in hex. Only a change matters here, not secrecy.
pub fn hash(root: &Path, files: &[String], version: &str) -> std::io::Result<String> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(version.as_bytes());
    for file in files {
        feed(file.as_bytes());
        feed(&std::fs::read(root.join(file))?);
    }
    Ok(format!("{h:016x}"))
}
