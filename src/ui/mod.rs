//! The terminal UI's screens and widgets.

pub mod lock;
pub mod session;
