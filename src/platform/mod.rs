//! What differs between Unix and Windows, one small module per concern.
//! `cfg` appears only in these modules; the rest of the program calls the
//! same functions everywhere.
//!
//! The unlock agent's channel is not here yet: it is Unix-only for now (see
//! docs/windows.md).

pub mod crashdump;
pub mod crypto_init;
pub mod dirs;
pub mod perms;
pub mod signals;
pub mod sigpipe;
