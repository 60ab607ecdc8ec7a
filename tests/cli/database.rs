//! The database files: demo databases, a note surviving `kill -9`, and a
//! new database being ciphertext that reads back.

use super::*;

#[test]
fn demo_databases_are_fictional_throwaway_or_new_files_only() {
    let dir = tempfile::tempdir().unwrap();
    // --demo with no subcommand prints the due list and the week.
    let out = bin().arg("--demo").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("overdue") && text.contains("Agenda"),
        "{text}"
    );
    // --demo works with subcommands, on a throwaway database.
    let out = bin().args(["--demo", "due", "--json"]).output().unwrap();
    let due: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(due.as_array().unwrap().iter().any(|i| i["overdue"] == true));
    assert!(
        bin()
            .args(["--demo", "init"])
            .assert()
            .failure()
            .get_output()
            .stdout
            .is_empty()
    );

    // A named demo database, never over an existing file.
    let db = dir.path().join("demo.db");
    on(&db)
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("demo caseload"));
    let clients = json(&db, &["client", "list", "--all", "--json"]);
    assert!(clients.as_array().unwrap().len() >= 20);
    let e = fails(&db, &["demo"]);
    assert!(e.contains("already exists"), "{e}");
    assert_eq!(
        json(&db, &["client", "list", "--all", "--json"]),
        clients,
        "untouched"
    );
    assert!(
        bin()
            .arg("demo")
            .assert()
            .failure()
            .get_output()
            .stderr
            .len()
            > 10,
        "needs --db"
    );

    let synth = dir.path().join("synth.db");
    on(&synth)
        .args(["demo", "--clients", "5", "--seed", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "5 clients, 500 notes and 50 deadlines",
        ));
    assert!(ok(&synth, &["check"]).starts_with("ok"));
}

/// A demo killed before it could clean up (here `kill -9` on a `--demo
/// batch` waiting for its input) leaves its folder; the next `--demo`
/// removes it, but not the folder of a demo still running, nor anything
/// else in the temporary folder.
#[test]
fn the_next_demo_removes_the_folder_a_killed_demo_left() {
    use std::path::PathBuf;
    use std::process::{Child, Command as Std, Stdio};
    use std::time::{Duration, Instant};

    let sb = common::Sandbox::new();
    let tmp = sb.path("tmp");
    let demo = || {
        let mut c = Std::new(assert_cmd::cargo::cargo_bin("caseload"));
        c.arg("--demo")
            .env("CASELOAD_PASSPHRASE", PASS)
            .env("CASELOAD_NOW", NOW)
            .sandbox(&sb);
        c
    };
    let folders = || -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("caseload-demo-")
            })
            .collect();
        v.sort();
        v
    };
    // A demo waiting for its input.
    let batch = || -> Child {
        demo()
            .arg("batch")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // The one folder made since `before`, once made and locked.
    let made = |before: &[PathBuf]| -> PathBuf {
        let start = Instant::now();
        loop {
            let new: Vec<PathBuf> = folders()
                .into_iter()
                .filter(|f| !before.contains(f))
                .collect();
            if let [dir] = &new[..]
                && std::fs::read_to_string(dir.join("demo.lock")).is_ok_and(|t| !t.is_empty())
            {
                return dir.clone();
            }
            assert!(start.elapsed() < Duration::from_secs(60), "{new:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };

    let mut killed = batch();
    let left = made(&[]);
    killed.kill().unwrap(); // SIGKILL: no clean-up
    killed.wait().unwrap();
    assert!(left.join("demo.db").exists(), "kill -9 leaves the folder");
    let mut running = batch();
    let kept = made(std::slice::from_ref(&left));
    let other = tmp.join("caseload-demo-notes");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("demo.db"), "not the demo's").unwrap();

    let out = demo().arg("due").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(!left.exists(), "the killed demo's folder is removed");
    assert!(kept.join("demo.db").exists(), "a running demo's is kept");
    assert!(
        other.join("demo.db").exists(),
        "what a demo did not make is kept"
    );

    // The running demo, its input closed, removes its own.
    drop(running.stdin.take());
    assert!(running.wait().unwrap().success());
    assert_eq!(folders(), vec![other]);
}

/// `kill -9` at random moments: every id printed (acknowledged) is stored,
/// and the database stays sound.
#[test]
fn an_acknowledged_note_survives_kill_9() {
    use std::time::{Duration, Instant};

    let (_dir, db) = new_db_with_client("Ada", "Kestrel");
    let mut kl = common::kill::KillLoop::new();
    for round in 0..8 {
        // Three writers at once, so commits and kills interleave.
        let mut children = Vec::new();
        for i in 0..3 {
            let child = kl.writer(&db, &format!("Round {round} writer {i}: rang to check in."));
            let kill_after = (kl.rng.chance(60))
                .then(|| Duration::from_millis(kl.rng.range(0, 450).unsigned_abs()));
            children.push((child, kill_after));
        }
        let start = Instant::now();
        for (child, kill_after) in children {
            kl.reap(child, start, kill_after);
        }
    }
    let (acknowledged, killed) = (kl.acknowledged, kl.killed);
    // Under Wine (the Windows tests here) a writer often finishes before
    // the kill lands, so only Unix insists that some writers were killed;
    // every acknowledged note must survive everywhere.
    assert!(
        killed > 0 || !cfg!(unix),
        "the test must actually kill some writers"
    );
    let stored: Vec<i64> = json(&db, &["note", "list", "1", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_i64().unwrap())
        .collect();
    for id in &acknowledged {
        assert!(stored.contains(id), "acknowledged note {id} is missing");
    }
    assert!(ok(&db, &["check"]).starts_with("ok"));
    eprintln!(
        "{} acknowledged, {killed} killed, {} stored",
        acknowledged.len(),
        stored.len()
    );
}

/// The round trip every platform must pass (run under Wine for Windows):
/// a new database takes a client and a final note, a later run opens it
/// with the passphrase and reads them back, a wrong passphrase is refused,
/// and the file on disk is ciphertext, not a plain SQLite file.
#[test]
fn a_new_database_is_ciphertext_and_reads_back_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("caseload.db");
    ok(&db, &["init"]);
    let id = ok(
        &db,
        &["client", "add", "--given", "Wenna", "--family", "Pellow"],
    );
    let id = id.trim().to_string();
    let text = "Home visit; kitchen warm, Wenna well.";
    ok(
        &db,
        &[
            "note",
            "add",
            &id,
            "--kind",
            "home-visit",
            "--outcome",
            "seen",
            "--final",
            "--text",
            text,
        ],
    );

    let notes = json(&db, &["note", "list", &id, "--json"]);
    assert_eq!(notes[0]["body"], text);
    assert_eq!(notes[0]["status"], "final");
    let clients = json(&db, &["client", "list", "--json"]);
    assert_eq!(clients[0]["family_name"], "Pellow");
    let wrong = on(&db)
        .env("CASELOAD_PASSPHRASE", "not the passphrase")
        .args(["client", "list"])
        .output()
        .unwrap();
    assert!(!wrong.status.success(), "a wrong passphrase opened it");

    let bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() >= 4096, "{} bytes", bytes.len());
    assert!(!bytes.starts_with(b"SQLite format 3"), "plain SQLite file");
    assert!(
        !bytes.windows(5).any(|w| w == b"Wenna"),
        "name in plain text"
    );
}
