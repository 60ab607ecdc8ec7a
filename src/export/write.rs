//! Writing exports: a chronology or outage pack is readable by its owner
//! only (folders 0700 and files 0600 on Unix, an owner-only access list on
//! Windows), through the platform layer (`platform::perms`), which holds
//! every `cfg` for it.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::{ExportError, Result};
use crate::platform::perms;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Creates `dir` (and missing parents), each folder it creates readable by
/// the owner only. A folder that already exists keeps its permissions.
pub fn private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    perms::create_dir_all(dir).map_err(io(dir))
}

/// Writes `bytes` to `path` (replacing it), readable by the owner only,
/// also when the file existed before.
pub fn private_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    let mut f = perms::open(&mut o, path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the platform, what these write is private: the mode on
    /// Unix; on Windows a protected access list (Wine does not keep one,
    /// so there the content and the folder are what is checked).
    #[test]
    fn folders_and_files_are_private_and_an_old_file_is_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        private_dir(&dir).unwrap();
        assert!(dir.is_dir());
        let f = dir.join("x.txt");
        fs::write(&f, "old and longer").unwrap();
        widen(&f);
        private_file(&f, b"new").unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "new");
        assert_private(&dir, 0o700);
        assert_private(&tmp.path().join("a"), 0o700);
        assert_private(&f, 0o600);
    }

    #[cfg(unix)]
    fn widen(f: &Path) {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(f, fs::Permissions::from_mode(0o644)).unwrap();
    }

    #[cfg(unix)]
    fn assert_private(p: &Path, want: u32) {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, want, "{}", p.display());
    }

    #[cfg(not(unix))]
    fn widen(_: &Path) {}

    #[cfg(not(unix))]
    fn assert_private(p: &Path, _: u32) {
        assert!(p.exists(), "{}", p.display());
    }
}
