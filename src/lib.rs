//! caseload: an offline, encrypted caseload tracker for social workers.
//!
//! Everything testable lives in this library; `main.rs` only wires it up.

// No unwrap/expect/panic outside tests: a practitioner never sees a crash.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod action;
pub mod agent;
pub mod app;
pub mod attempts;
pub mod author;
pub mod cli;
pub mod clipboard;
pub mod clock;
pub mod config;
pub mod dates;
pub mod demo;
pub mod domain;
pub mod export;
pub mod hardening;
pub mod idle;
pub mod keymap;
pub mod passphrase;
pub mod paths;
pub mod platform;
pub mod practice;
pub mod privacy;
pub mod rules;
pub mod store;
pub mod tui;
pub mod ui;
