//! Files and folders only their owner can open.
//!
//! Unix: folders 0700, files 0600. Windows: an explicit, protected access
//! list (DACL) with a single entry granting the current user full control,
//! inherited by what is created inside our folders. We set it ourselves
//! rather than rely on the profile's inherited list: `%LOCALAPPDATA%` is
//! private on a standard installation, but `--db` may point anywhere (a
//! folder under `C:\`, a shared or USB drive, a profile a managed laptop's
//! image has widened), and an inherited list would then let other users of
//! the laptop read the files. Administrators can still take ownership, as
//! they can on Unix; the database is encrypted either way.
//!
//! Wine, where CI runs the Windows tests, accepts an ACL but does not keep
//! it, so there the list we build is tested, not the file's list read back.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` and any missing parents; each folder it creates is private.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    imp::create_dir_all(dir)
}

/// Creates the private folder `dir` (its parent must exist). Fails if the
/// name is taken, so a folder it returns is ours.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    imp::create_dir(dir)
}

/// Opens `path` with `options` and makes the file private before anything
/// is written to it (a file an older build left wider open is tightened).
pub fn open(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    imp::open(options, path)
}

/// Makes the existing file `path` private.
pub fn restrict(path: &Path) -> io::Result<()> {
    imp::restrict(path)
}

/// When standard output is a regular file the user owns and others may
/// read (`caseload export json > all.json` under the usual umask), makes
/// it private before anything is written to it; true when it did. A
/// terminal, a pipe or someone else's file is left alone. On Windows a
/// redirected handle cannot be given a new access list, so nothing is done
/// there (files written with `--out` get the owner-only list).
pub fn restrict_stdout() -> io::Result<bool> {
    imp::restrict_stdout()
}

#[cfg(unix)]
mod imp {
    use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
    use std::io;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    use std::path::Path;

    pub(super) fn create_dir_all(dir: &Path) -> io::Result<()> {
        DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }

    pub(super) fn create_dir(dir: &Path) -> io::Result<()> {
        DirBuilder::new().mode(0o700).create(dir)
    }

    pub(super) fn open(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
        let file = options.mode(0o600).open(path)?;
        file.set_permissions(Permissions::from_mode(0o600))?;
        Ok(file)
    }

    pub(super) fn restrict(path: &Path) -> io::Result<()> {
        fs::set_permissions(path, Permissions::from_mode(0o600))
    }

    pub(super) fn restrict_stdout() -> io::Result<bool> {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        // A second descriptor on the same open file: its mode is the file's.
        let file = File::from(io::stdout().as_fd().try_clone_to_owned()?);
        let meta = file.metadata()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if !meta.file_type().is_file() || meta.uid() != me || meta.mode() & 0o077 == 0 {
            return Ok(false);
        }
        file.set_permissions(Permissions::from_mode(0o600))?;
        Ok(true)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn mode(path: &Path) -> u32 {
            fs::metadata(path).unwrap().permissions().mode() & 0o777
        }

        #[test]
        fn a_file_opened_here_is_0600_and_an_open_one_is_tightened() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("f");
            fs::write(&path, "x").unwrap();
            fs::set_permissions(&path, Permissions::from_mode(0o644)).unwrap();
            open(OpenOptions::new().append(true), &path).unwrap();
            assert_eq!(mode(&path), 0o600);

            let new = dir.path().join("new");
            open(OpenOptions::new().write(true).create_new(true), &new).unwrap();
            assert_eq!(mode(&new), 0o600);
            fs::set_permissions(&new, Permissions::from_mode(0o644)).unwrap();
            restrict(&new).unwrap();
            assert_eq!(mode(&new), 0o600);
        }

        #[test]
        fn every_folder_created_is_0700() {
            let dir = tempfile::tempdir().unwrap();
            let deep = dir.path().join("a").join("b");
            create_dir_all(&deep).unwrap();
            assert_eq!(mode(&dir.path().join("a")), 0o700);
            assert_eq!(mode(&deep), 0o700);
            let one = dir.path().join("one");
            create_dir(&one).unwrap();
            assert_eq!(mode(&one), 0o700);
            assert!(create_dir(&one).is_err(), "a taken name must be refused");
        }
    }
}

#[cfg(windows)]
#[path = "perms_windows.rs"]
mod imp;
