//! The passphrase: a wrong one refused and slowed, new ones checked,
//! and `passwd` rekeying the database.

use super::*;

#[test]
fn a_wrong_passphrase_says_so_and_ten_in_five_minutes_delay_the_next() {
    let sb = Sandbox::new();
    sb.cmd(&["init"]).assert().success();
    let attempts = sb.path("data/x.db.attempts");
    sb.cmd(&["client", "list"])
        .env("CASELOAD_PASSPHRASE", "not the right one")
        .assert()
        .failure()
        .stderr(predicates::str::contains("wrong passphrase"));
    let text = std::fs::read_to_string(&attempts).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(
        text.trim().parse::<u64>().is_ok(),
        "only a time is kept: {text}"
    );

    // Ten recent failures: even the right passphrase is not tried yet.
    let now = caseload::attempts::unix_now();
    let ten: String = (0..10).map(|i| format!("{}\n", now - i)).collect();
    std::fs::write(&attempts, ten).unwrap();
    sb.cmd(&["client", "list"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("too many wrong passphrases"))
        .stderr(predicates::str::contains("wait"));

    // Old failures no longer count; a right passphrase clears the record.
    let old: String = (0..10).map(|i| format!("{}\n", now - 400 - i)).collect();
    std::fs::write(&attempts, old).unwrap();
    sb.cmd(&["client", "list"]).assert().success();
    assert!(!attempts.exists());
}

#[test]
fn new_passphrases_must_be_long_and_uncommon() {
    let sb = Sandbox::new();
    sb.cmd(&["init"])
        .env("CASELOAD_PASSPHRASE", "short7!")
        .assert()
        .failure()
        .stderr(predicates::str::contains("at least 12 characters"));
    sb.cmd(&["init"])
        .env("CASELOAD_PASSPHRASE", "Password123")
        .assert()
        .failure()
        .stderr(predicates::str::contains("most common"));
    assert!(
        !Store::exists(&sb.db()),
        "a refused passphrase created nothing"
    );
    sb.cmd(&["init"])
        .env("CASELOAD_PASSPHRASE", "kettle42x")
        .assert()
        .success()
        .stderr(predicates::str::contains("shorter than 12"));
}

#[test]
fn passwd_rekeys_the_database_and_the_old_passphrase_stops_working() {
    let sb = Sandbox::new();
    let new = "blue kettle on the river";
    sb.cmd(&["init"]).assert().success();
    sb.cmd(&["client", "add", "--given", "Cy", "--family", "Rekeyed"])
        .assert()
        .success();
    let old_backup = sb.path("data/before.db");
    sb.cmd(&["backup", old_backup.to_str().unwrap()])
        .assert()
        .success();
    sb.cmd(&["passwd"])
        .env("CASELOAD_NEW_PASSPHRASE", "password1")
        .assert()
        .failure()
        .stderr(predicates::str::contains("most common"));
    sb.cmd(&["passwd"])
        .env("CASELOAD_NEW_PASSPHRASE", PASS)
        .assert()
        .failure()
        .stderr(predicates::str::contains("same as the current"));
    sb.cmd(&["passwd"])
        .env("CASELOAD_NEW_PASSPHRASE", new)
        .assert()
        .success()
        .stdout(predicates::str::contains("Passphrase changed"));

    // Reopen: the new passphrase works, the old one does not.
    sb.cmd(&["client", "list"])
        .env("CASELOAD_PASSPHRASE", new)
        .assert()
        .success()
        .stdout(predicates::str::contains("Rekeyed"));
    assert!(matches!(
        Store::open(&sb.db(), &SecretString::from(PASS)),
        Err(caseload::store::StoreError::WrongPassphrase)
    ));
    let store = Store::open(&sb.db(), &SecretString::from(new)).unwrap();
    assert!(store.integrity_problems().unwrap().is_empty());
    let ops: Vec<String> = store
        .audit_log(None, 10)
        .unwrap()
        .into_iter()
        .map(|a| a.op)
        .collect();
    assert!(ops.contains(&"rekey".to_string()), "{ops:?}");
    drop(store);
    // A backup made before keeps the old passphrase.
    sb.cmd_on(&old_backup, &["check"]).assert().success();
}
