//! `caseload batch`: many commands, one unlock. Each line of standard input
//! is one command (words as in a shell, or a JSON array of strings); each
//! answer goes to standard output as it is done.

use anyhow::{Result, bail};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use secrecy::SecretString;
use std::io::{BufRead, Write};

use super::{Cli, Command};
use crate::domain::text::sanitize;
use crate::store::Store;

/// Runs every command read from `input` on the open `store`. Plain answers
/// are the command's own output followed by `# ok` or `# error: …`; with
/// `json`, one JSON object per command on one line. Fails at the end if any
/// command failed.
pub fn run(store: &mut Store, key: &SecretString, input: impl BufRead, json: bool) -> Result<()> {
    let mut failed = 0usize;
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let number = index + 1;
        let outcome = if json {
            let (result, printed) = capture::stdout(|| one(store, key, text))?;
            answer_json(number, result, &printed)
        } else {
            let result = one(store, key, text);
            std::io::stdout().flush()?;
            match &result {
                Ok(()) => println!("# ok"),
                Err(e) => println!("# error: {}", sanitize(&format!("{e:#}"))),
            }
            result.is_ok()
        };
        if !outcome {
            failed += 1;
        }
    }
    if failed > 0 {
        bail!("{failed} command(s) in the batch failed");
    }
    Ok(())
}

/// One command line, parsed and run.
fn one(store: &mut Store, key: &SecretString, text: &str) -> Result<()> {
    let words = words(text)?;
    let matches = Cli::command()
        .try_get_matches_from(std::iter::once("caseload".to_string()).chain(words))
        .map_err(|e| anyhow::anyhow!("{}", e.render().to_string().trim_end()))?;
    // `--db` is filled from $CASELOAD_DB when a line does not name it: only
    // a database named on the line itself is another database.
    let named = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    if named("db") || named("demo") {
        bail!("a batch runs on one database; give --db to `caseload batch` itself");
    }
    let cli = Cli::from_arg_matches(&matches)?;
    match cli.command {
        None => bail!("an empty command"),
        Some(
            Command::Init
            | Command::Demo(_)
            | Command::Unlock { .. }
            | Command::Lock
            | Command::Status { .. }
            | Command::AgentServe { .. }
            | Command::Batch { .. }
            | Command::Passwd,
        ) => bail!("this command cannot run inside a batch"),
        Some(command) => super::run_on(store, key, command),
    }
}

/// Prints one JSON answer; whether the command succeeded.
fn answer_json(number: usize, result: Result<()>, printed: &[u8]) -> bool {
    let text = String::from_utf8_lossy(printed);
    let output = serde_json::from_str::<serde_json::Value>(&text)
        .unwrap_or_else(|_| serde_json::Value::String(text.into_owned()));
    let ok = result.is_ok();
    let mut v = serde_json::json!({ "line": number, "ok": ok, "output": output });
    if let Err(e) = result {
        v["error"] = serde_json::Value::String(sanitize(&format!("{e:#}")).into_owned());
    }
    println!("{v}");
    ok
}

/// Splits a command line into words: a JSON array of strings, or words
/// separated by spaces with '…' and "…" quoting and \ escapes.
pub fn words(text: &str) -> Result<Vec<String>> {
    if text.starts_with('[') {
        return Ok(serde_json::from_str::<Vec<String>>(text)?);
    }
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"') | None, '\\') => {
                if let Some(next) = chars.next() {
                    word.get_or_insert_default().push(next);
                }
            }
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => out.extend(word.take()),
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    if quote.is_some() {
        bail!("a quote is not closed");
    }
    out.extend(word);
    Ok(out)
}

#[cfg(unix)]
mod capture {
    use std::fs::File;
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};

    /// Runs `f` with standard output going into memory (a pipe drained by
    /// a thread, so a long answer cannot fill it); returns what it printed.
    pub fn stdout<T>(f: impl FnOnce() -> T) -> std::io::Result<(T, Vec<u8>)> {
        std::io::stdout().flush()?;
        let mut fds = [0; 2];
        // SAFETY: pipe writes two new descriptors into the array we own.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: both descriptors were just created and are owned here.
        let (read_end, write_end) =
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        // SAFETY: dup of our standard output, kept to restore it.
        let saved = unsafe { libc::dup(1) };
        if saved < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: `saved` is a fresh descriptor we own from here on.
        let saved = unsafe { OwnedFd::from_raw_fd(saved) };
        let reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = File::from(read_end).read_to_end(&mut buf);
            buf
        });
        use std::os::fd::AsRawFd;
        // SAFETY: replaces descriptor 1 with the pipe's write end.
        unsafe { libc::dup2(write_end.as_raw_fd(), 1) };
        drop(write_end);
        let out = f();
        let _ = std::io::stdout().flush();
        // SAFETY: puts the saved standard output back on descriptor 1; the
        // pipe's last writer closes, so the reader sees the end.
        unsafe { libc::dup2(saved.as_raw_fd(), 1) };
        drop(saved);
        let printed = reader.join().unwrap_or_default();
        Ok((out, printed))
    }
}

#[cfg(not(unix))]
mod capture {
    /// Not available on this platform yet.
    pub fn stdout<T>(_f: impl FnOnce() -> T) -> std::io::Result<(T, Vec<u8>)> {
        Err(std::io::Error::other(
            "batch --json is not available on this platform yet; use plain batch",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_a_shell_and_json_arrays_are_taken_as_they_are() {
        assert_eq!(
            words(r#"note add 3 --body "Rent 'paid'" it\ is"#).unwrap(),
            ["note", "add", "3", "--body", "Rent 'paid'", "it is"]
        );
        assert_eq!(words("due  --json").unwrap(), ["due", "--json"]);
        assert_eq!(words("x ''").unwrap(), ["x", ""]);
        assert_eq!(words(r#"["search", "a b"]"#).unwrap(), ["search", "a b"]);
        assert!(words("say 'unclosed").is_err());
    }
}
