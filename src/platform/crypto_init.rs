//! OpenSSL (SQLCipher's cryptography) set up once, before the first key is
//! applied, without reading an `openssl.cnf` and without loading the
//! library's error strings.
//!
//! The configuration file (or one named by `OPENSSL_CONF`) can load engines
//! and providers into the process; this program uses OpenSSL only through
//! SQLCipher, with SQLCipher's own settings, so nothing outside the program
//! gets to change how its records are encrypted. The error strings are
//! never shown. Leaving both out also saves a few tenths of a millisecond
//! on every command.

use std::os::raw::{c_int, c_void};
use std::sync::Once;

/// `OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS`: once given, later requests to
/// load them are ignored.
const NO_LOAD_CRYPTO_STRINGS: u64 = 0x0000_0001;
/// `OPENSSL_INIT_NO_LOAD_CONFIG`: once given, later requests to load the
/// configuration are ignored.
const NO_LOAD_CONFIG: u64 = 0x0000_0080;

// The vendored OpenSSL linked in for SQLCipher (libsqlite3-sys,
// `bundled-sqlcipher-vendored-openssl`).
unsafe extern "C" {
    fn OPENSSL_init_crypto(opts: u64, settings: *const c_void) -> c_int;
}

static INIT: Once = Once::new();

/// Sets OpenSSL up (once per process; later calls do nothing). Called
/// before any key is applied.
pub fn once() {
    INIT.call_once(|| {
        // SAFETY: OPENSSL_init_crypto is thread-safe, takes a null
        // settings pointer, and only sets up the library's own state.
        let ok = unsafe {
            OPENSSL_init_crypto(NO_LOAD_CRYPTO_STRINGS | NO_LOAD_CONFIG, std::ptr::null())
        };
        if ok != 1 {
            tracing::warn!("OpenSSL set-up without its configuration file failed");
        }
    });
}
