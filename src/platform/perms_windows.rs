//! Windows: a protected DACL whose one entry grants the current user full
//! control (inherited by files and folders created inside a folder).

use std::ffi::c_void;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::ptr::{null, null_mut};

use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::Security::Authorization::{SE_FILE_OBJECT, SetNamedSecurityInfoW};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACL, ACL_REVISION, AddAccessAllowedAceEx, CONTAINER_INHERIT_ACE,
    DACL_SECURITY_INFORMATION, GetLengthSid, GetTokenInformation, InitializeAcl,
    OBJECT_INHERIT_ACE, PROTECTED_DACL_SECURITY_INFORMATION, PSID, TOKEN_QUERY, TOKEN_USER,
    TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

pub(super) fn create_dir_all(dir: &Path) -> io::Result<()> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
        .map(Path::to_path_buf)
        .collect();
    fs::create_dir_all(dir)?;
    // Outermost first, so each inner folder starts from a private parent.
    missing.iter().rev().try_for_each(|d| owner_only(d, true))
}

pub(super) fn create_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir(dir)?;
    owner_only(dir, true)
}

pub(super) fn open(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    let file = options.open(path)?;
    owner_only(path, false)?;
    Ok(file)
}

pub(super) fn restrict(path: &Path) -> io::Result<()> {
    owner_only(path, path.is_dir())
}

/// A redirected handle has no path to set a list on, and cmd.exe opens it
/// without the right to change its list: left as it is (see `perms`).
pub(super) fn restrict_stdout() -> io::Result<bool> {
    Ok(false)
}

/// Replaces `path`'s DACL with [`owner_only_acl`], protected from the
/// parent's inherited entries.
fn owner_only(path: &Path, folder: bool) -> io::Result<()> {
    let user = CurrentUser::get()?;
    let mut acl = owner_only_acl(&user, folder)?;
    let wide: Vec<u16> = path
        .as_os_str()
        .encode_wide()
        .chain(std::iter::once(0))
        .collect();
    // SAFETY: `wide` is NUL-terminated and `acl` a valid ACL for the call.
    let rc = unsafe {
        SetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            acl.as_mut_ptr().cast::<ACL>(),
            null(),
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(
            i32::try_from(rc).unwrap_or(i32::MAX),
        ))
    }
}

/// An ACL (in a u32-aligned buffer, as an ACL must be) with one entry:
/// full control for `user`, passed on to what a folder holds.
fn owner_only_acl(user: &CurrentUser, folder: bool) -> io::Result<Vec<u32>> {
    // SAFETY: the SID is valid while `user` lives.
    let sid_len = unsafe { GetLengthSid(user.sid()) } as usize;
    let acl_len = size_of::<ACL>() + size_of::<ACCESS_ALLOWED_ACE>() + sid_len;
    let mut buf = vec![0u32; acl_len.div_ceil(4)];
    let size = u32::try_from(buf.len() * 4).map_err(io::Error::other)?;
    let acl = buf.as_mut_ptr().cast::<ACL>();
    let flags = if folder {
        OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE
    } else {
        0
    };
    // SAFETY: `acl` points at `size` writable, aligned bytes owned by `buf`.
    let built = unsafe {
        InitializeAcl(acl, size, ACL_REVISION) != 0
            && AddAccessAllowedAceEx(acl, ACL_REVISION, flags, FILE_ALL_ACCESS, user.sid()) != 0
    };
    if built {
        Ok(buf)
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The current user's SID, held in the `TOKEN_USER` buffer it came in.
struct CurrentUser(Vec<u64>);

impl CurrentUser {
    fn get() -> io::Result<CurrentUser> {
        let mut token: HANDLE = null_mut();
        // SAFETY: the pseudo-handle needs no closing; `token` is ours.
        if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &raw mut token) } == 0 {
            return Err(io::Error::last_os_error());
        }
        let mut len = 0u32;
        // SAFETY: a size query: no buffer, the length written to `len`.
        unsafe { GetTokenInformation(token, TokenUser, null_mut(), 0, &raw mut len) };
        let mut buf = vec![0u64; (len as usize).div_ceil(8).max(1)];
        let buf_ptr: *mut c_void = buf.as_mut_ptr().cast();
        // SAFETY: `buf` holds at least `len` bytes, 8-aligned.
        let ok = unsafe { GetTokenInformation(token, TokenUser, buf_ptr, len, &raw mut len) };
        let err = io::Error::last_os_error();
        // SAFETY: `token` was opened above and is closed once.
        unsafe { CloseHandle(token) };
        if ok == 0 {
            return Err(err);
        }
        Ok(CurrentUser(buf))
    }

    fn sid(&self) -> PSID {
        // SAFETY: the buffer holds a TOKEN_USER whose SID points inside it.
        unsafe { (*self.0.as_ptr().cast::<TOKEN_USER>()).User.Sid }
    }
}

// Wine (where CI runs these) accepts a file's DACL but does not keep it, so
// what is tested here is the list we hand to Windows, and that Windows
// takes it for files and folders.
#[cfg(test)]
mod tests {
    use super::*;
    use windows_sys::Win32::Security::{ACE_HEADER, EqualSid, GetAce};

    #[test]
    fn the_list_names_only_the_current_user_and_folders_pass_it_on() {
        let user = CurrentUser::get().unwrap();
        for (folder, inherit) in [
            (false, 0),
            (true, OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE),
        ] {
            let buf = owner_only_acl(&user, folder).unwrap();
            let acl = buf.as_ptr().cast::<ACL>();
            // SAFETY: `buf` holds the ACL built above; GetAce points into it.
            unsafe {
                assert_eq!((*acl).AceCount, 1, "exactly one entry");
                let mut ace: *mut c_void = null_mut();
                assert_ne!(GetAce(acl, 0, &raw mut ace), 0);
                let header = *ace.cast::<ACE_HEADER>();
                assert_eq!(header.AceType, 0, "an access-allowed entry");
                assert_eq!(u32::from(header.AceFlags), inherit);
                let allowed = ace.cast::<ACCESS_ALLOWED_ACE>();
                assert_eq!((*allowed).Mask, FILE_ALL_ACCESS);
                let sid: PSID = (&raw mut (*allowed).SidStart).cast();
                assert_ne!(EqualSid(sid, user.sid()), 0, "for the current user");
            }
        }
    }

    #[test]
    fn files_and_folders_take_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a").join("b");
        create_dir_all(&deep).unwrap();
        create_dir(&dir.path().join("c")).unwrap();
        assert!(create_dir(&dir.path().join("c")).is_err(), "name taken");
        let f = deep.join("f");
        open(OpenOptions::new().write(true).create_new(true), &f).unwrap();
        restrict(&f).unwrap();
        restrict(&deep).unwrap();
    }
}
