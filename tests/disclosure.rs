//! Issue 30, disclosure you can sign: files the program writes are private,
//! the command line sets every field, subject access marks third parties,
//! search covers what the practitioner wrote, paste packs are complete.
//! Fictional people only.

mod common;

#[path = "disclosure/cli_fields.rs"]
mod cli_fields;
#[path = "disclosure/csv.rs"]
mod csv;
#[path = "disclosure/files.rs"]
mod files;
#[path = "disclosure/sar.rs"]
mod sar;
