//! Demo folders left behind. A `--demo` that is killed before it exits (its
//! terminal closed, its tmux session killed, `kill -9`) cannot remove its
//! temporary folder, and the folder holds a few megabytes of a database
//! nobody can open again (its random key died with the process).
//!
//! So each demo holds a lock on `demo.lock` in its folder for as long as it
//! runs, and writes its process id into that file once the lock is held.
//! At start, `--demo` removes the folders whose lock is free again: their
//! demo has gone. Nothing else is touched: only folders named as a demo
//! names them, holding nothing but the files a demo makes, whose lock file
//! names the process in the folder's name. A folder without that file (one
//! being made this instant, or one an older build left) is kept.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use crate::platform::perms;

/// The lock file inside a demo folder.
const LOCK: &str = "demo.lock";
/// What a demo folder's name starts with.
pub(super) const PREFIX: &str = "caseload-demo-";
/// Everything a demo puts in its folder.
const FILES: [&str; 5] = [
    LOCK,
    "demo.db",
    "demo.db-wal",
    "demo.db-shm",
    "demo.db-journal",
];

/// The process id in a demo folder's name, `caseload-demo-PID-TOKEN` (the
/// token: 16 lowercase hex digits); `None` for any other name.
fn demo_pid(name: &str) -> Option<u32> {
    let (pid, token) = name.strip_prefix(PREFIX)?.split_once('-')?;
    let hex = token.len() == 16
        && token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    if hex && digits {
        pid.parse().ok()
    } else {
        None
    }
}

/// Takes the lock of the demo folder `dir` just made: `demo.lock`, locked,
/// then this process's id written into it. The demo keeps the file open
/// while it runs; the lock goes when it closes or the process dies.
pub(super) fn hold(dir: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    let mut file = perms::open(&mut options, &dir.join(LOCK))?;
    file.lock()?;
    write!(file, "{}", std::process::id())?;
    file.flush()?;
    Ok(file)
}

/// Removes the demo folders in `root` whose demo has gone (best effort:
/// a folder that cannot be read or removed is left); returns how many.
pub(super) fn sweep(root: &Path) -> usize {
    let Ok(entries) = fs::read_dir(root) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let pid = e.file_name().to_str().and_then(demo_pid);
            pid.is_some_and(|pid| abandoned(&e.path(), pid))
        })
        .filter(|e| fs::remove_dir_all(e.path()).is_ok())
        .count()
}

/// Whether `dir` is the folder of the demo `pid`, and that demo has gone.
fn abandoned(dir: &Path, pid: u32) -> bool {
    // A folder, not a link to one, holding only what a demo makes.
    if !fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    for entry in entries {
        let Ok(entry) = entry else {
            return false;
        };
        let known = entry
            .file_name()
            .to_str()
            .is_some_and(|n| FILES.contains(&n));
        if !known || !entry.file_type().is_ok_and(|t| t.is_file()) {
            return false;
        }
    }
    // Its lock is free, and the demo named in the folder's name had
    // written itself into the file: that demo has gone. (The file closes
    // before the folder is removed: Windows keeps an open file.)
    let Ok(mut lock) = File::open(dir.join(LOCK)) else {
        return false;
    };
    if lock.try_lock().is_err() {
        return false;
    }
    let mut written = String::new();
    lock.read_to_string(&mut written).is_ok() && written.trim().parse() == Ok(pid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A demo folder as a killed demo leaves it, in `root`.
    fn left(root: &Path, pid: u32, token: &str) -> PathBuf {
        let dir = root.join(format!("{PREFIX}{pid}-{token}"));
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join(LOCK), pid.to_string()).unwrap();
        fs::write(dir.join("demo.db"), "ciphertext").unwrap();
        fs::write(dir.join("demo.db-wal"), "ciphertext").unwrap();
        dir
    }

    const TOKEN: &str = "0123456789abcdef";

    #[test]
    fn a_folder_whose_demo_has_gone_is_removed() {
        let root = tempfile::tempdir().unwrap();
        let dir = left(root.path(), 4242, TOKEN);
        assert_eq!(sweep(root.path()), 1);
        assert!(!dir.exists());
    }

    #[test]
    fn a_running_demos_folder_is_kept() {
        let root = tempfile::tempdir().unwrap();
        let dir = root
            .path()
            .join(format!("{PREFIX}{}-{TOKEN}", std::process::id()));
        fs::create_dir(&dir).unwrap();
        let held = hold(&dir).unwrap();
        assert_eq!(sweep(root.path()), 0);
        assert!(dir.join(LOCK).exists());
        drop(held);
        // Once its demo lets go, it is stale.
        assert_eq!(sweep(root.path()), 1);
        assert!(!dir.exists());
    }

    #[test]
    fn anything_a_demo_did_not_make_is_kept() {
        let root = tempfile::tempdir().unwrap();
        let keep = |dir: &Path| {
            assert_eq!(sweep(root.path()), 0, "{}", dir.display());
            assert!(dir.exists(), "{}", dir.display());
            fs::remove_dir_all(dir).unwrap();
        };
        // A file the demo never makes.
        let dir = left(root.path(), 1, TOKEN);
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        keep(&dir);
        // A folder inside.
        let dir = left(root.path(), 2, TOKEN);
        fs::create_dir(dir.join("sub")).unwrap();
        keep(&dir);
        // No lock file (an older build's, or one being made now).
        let dir = left(root.path(), 3, TOKEN);
        fs::remove_file(dir.join(LOCK)).unwrap();
        keep(&dir);
        // A lock file not yet written (its demo is taking the lock).
        let dir = left(root.path(), 4, TOKEN);
        fs::write(dir.join(LOCK), "").unwrap();
        keep(&dir);
        // A lock file naming another process than the folder's name.
        let dir = left(root.path(), 5, TOKEN);
        fs::write(dir.join(LOCK), "6").unwrap();
        keep(&dir);
        // Names a demo does not give.
        for name in [
            "caseload-demo-7-0123456789ABCDEF",
            "caseload-demo-7-0123456789abcde",
            "caseload-demo-x-0123456789abcdef",
            "caseload-demos-7-0123456789abcdef",
            "other-7-0123456789abcdef",
        ] {
            let dir = root.path().join(name);
            fs::create_dir(&dir).unwrap();
            fs::write(dir.join(LOCK), "7").unwrap();
            keep(&dir);
        }
        // A file with a demo folder's name.
        let file = root.path().join(format!("{PREFIX}8-{TOKEN}"));
        fs::write(&file, "8").unwrap();
        assert_eq!(sweep(root.path()), 0);
        assert!(file.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_with_a_demo_folders_name_is_not_followed() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let target = left(elsewhere.path(), 9, TOKEN);
        let link = root.path().join(format!("{PREFIX}9-{TOKEN}"));
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(sweep(root.path()), 0);
        assert!(target.join("demo.db").exists());
    }

    #[test]
    fn a_missing_root_sweeps_nothing() {
        let root = tempfile::tempdir().unwrap();
        assert_eq!(sweep(&root.path().join("absent")), 0);
    }
}
