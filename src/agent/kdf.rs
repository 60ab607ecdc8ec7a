//! The key SQLCipher derives from a passphrase, derived once here so that
//! later opens can hand SQLCipher the raw key and skip its PBKDF2.
//!
//! SQLCipher 4's defaults: PBKDF2-HMAC-SHA512, 256,000 iterations, a 32-byte
//! key, salted with the first 16 bytes of the database file. The raw-key
//! form `x'<64 hex key><32 hex salt>'` names the salt too, so a copy keyed
//! with it (a backup) still opens with the passphrase.

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha512};
use std::io::Read;
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

/// SQLCipher 4's PBKDF2 iteration count.
pub const KDF_ITERATIONS: u32 = 256_000;
/// Bytes of salt at the start of every SQLCipher file.
pub const SALT_LEN: usize = 16;
const KEY_LEN: usize = 32;
const BLOCK: usize = 128;

/// The salt of the database at `path` (its first 16 bytes).
pub fn file_salt(path: &Path) -> std::io::Result<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    std::fs::File::open(path)?.read_exact(&mut salt)?;
    Ok(salt)
}

/// The raw key SQLCipher would derive from `passphrase` for a file salted
/// with `salt`, in the `x'…'` form `PRAGMA key` accepts (key, then salt).
#[must_use]
pub fn raw_key(passphrase: &SecretString, salt: &[u8; SALT_LEN]) -> SecretString {
    raw_key_with(passphrase, salt, KDF_ITERATIONS)
}

fn raw_key_with(passphrase: &SecretString, salt: &[u8; SALT_LEN], rounds: u32) -> SecretString {
    let key = pbkdf2_sha512(passphrase.expose_secret().as_bytes(), salt, rounds);
    let mut text = Zeroizing::new(String::with_capacity(3 + 2 * (KEY_LEN + SALT_LEN)));
    text.push_str("x'");
    push_hex(&mut text, key.as_slice());
    push_hex(&mut text, salt);
    text.push('\'');
    SecretString::from(text.as_str())
}

/// Whether `key` is in the raw `x'…'` form (not a passphrase).
#[must_use]
pub fn is_raw_key(key: &SecretString) -> bool {
    let k = key.expose_secret();
    k.len() == 3 + 2 * (KEY_LEN + SALT_LEN)
        && k.starts_with("x'")
        && k.ends_with('\'')
        && k[2..k.len() - 1].bytes().all(|b| b.is_ascii_hexdigit())
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

/// HMAC-SHA512 with the key's inner and outer states computed once.
struct Hmac {
    inner: Sha512,
    outer: Sha512,
}

impl Hmac {
    fn new(key: &[u8]) -> Hmac {
        let mut block = Zeroizing::new([0u8; BLOCK]);
        if key.len() > BLOCK {
            block[..64].copy_from_slice(&Sha512::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut pad = Zeroizing::new([0u8; BLOCK]);
        for (p, k) in pad.iter_mut().zip(block.iter()) {
            *p = k ^ 0x36;
        }
        let inner = Sha512::new_with_prefix(pad.as_slice());
        for (p, k) in pad.iter_mut().zip(block.iter()) {
            *p = k ^ 0x5c;
        }
        let outer = Sha512::new_with_prefix(pad.as_slice());
        Hmac { inner, outer }
    }

    fn mac(&self, parts: &[&[u8]]) -> Zeroizing<[u8; 64]> {
        let mut inner = self.inner.clone();
        for p in parts {
            inner.update(p);
        }
        let mut outer = self.outer.clone();
        outer.update(inner.finalize());
        let mut out = Zeroizing::new([0u8; 64]);
        out.copy_from_slice(&outer.finalize());
        out
    }
}

/// PBKDF2-HMAC-SHA512 (RFC 8018) for one 32-byte block of output.
fn pbkdf2_sha512(password: &[u8], salt: &[u8], rounds: u32) -> Zeroizing<[u8; KEY_LEN]> {
    let prf = Hmac::new(password);
    let mut u = prf.mac(&[salt, &1u32.to_be_bytes()]);
    let mut t = u.clone();
    for _ in 1..rounds {
        u = prf.mac(&[u.as_slice()]);
        for (a, b) in t.iter_mut().zip(u.iter()) {
            *a ^= b;
        }
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(&t[..KEY_LEN]);
    t.zeroize();
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::prelude::*;

    fn hex(b: &[u8]) -> String {
        let mut s = String::new();
        push_hex(&mut s, b);
        s
    }

    #[test]
    fn pbkdf2_matches_the_published_sha512_vectors() {
        // RFC 6070's inputs with SHA-512 (the widely published vectors).
        assert_eq!(
            hex(pbkdf2_sha512(b"password", b"salt", 1).as_slice()),
            "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
        );
        assert_eq!(
            hex(pbkdf2_sha512(b"password", b"salt", 2).as_slice()),
            "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"
        );
        assert_eq!(
            hex(pbkdf2_sha512(b"password", b"salt", 4096).as_slice()),
            "d197b1b33db0143e018b12f3d1d1479e6cdebdcc97c5c0f87f6902e072f457b5"
        );
    }

    #[test]
    fn the_raw_key_names_key_and_salt() {
        let salt = [7u8; SALT_LEN];
        let k = raw_key_with(&SecretString::from("pass"), &salt, 2);
        assert!(is_raw_key(&k));
        assert!(k.expose_secret().ends_with(&format!("{}'", hex(&salt))));
        assert!(!is_raw_key(&SecretString::from("x'nothex'")));
    }

    #[test]
    fn sqlcipher_opens_its_file_with_the_derived_key() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let pass = SecretString::from("correct horse battery");
        drop(crate::store::Store::open(&db, &pass).unwrap());
        let raw = raw_key(&pass, &file_salt(&db).unwrap());
        let store = crate::store::Store::open(&db, &raw).unwrap();
        assert!(store.clients(false).unwrap().is_empty());
        let wrong = raw_key(
            &SecretString::from("wrong horse battery"),
            &file_salt(&db).unwrap(),
        );
        assert!(matches!(
            crate::store::Store::open(&db, &wrong),
            Err(crate::store::StoreError::WrongPassphrase)
        ));
    }
}
