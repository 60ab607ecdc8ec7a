//! The shared test support itself: a missing outside program skips a test
//! on a developer's machine and fails it where tools are required (CI).

mod common;

#[test]
fn a_missing_tool_skips_unless_tools_are_required() {
    assert!(common::tool_decision(
        true,
        true,
        "tmux",
        "apt-get install tmux"
    ));
    assert!(!common::tool_decision(
        false,
        false,
        "tmux",
        "apt-get install tmux"
    ));
}

#[test]
#[should_panic(
    expected = "SKIPPED: needs tmux (apt-get install tmux), and CASELOAD_REQUIRE_TOOLS=1"
)]
fn a_missing_tool_fails_where_tools_are_required() {
    common::tool_decision(false, true, "tmux", "apt-get install tmux");
}

#[test]
fn the_sandbox_points_home_and_xdg_inside_itself() {
    let sb = common::Sandbox::new();
    for (k, v) in sb.envs() {
        assert!(v.starts_with(sb.root.path()), "{k} escapes the sandbox");
    }
    let out = common::caseload()
        .arg("--db")
        .arg(sb.db())
        .arg("init")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(sb.db().exists());
}

/// The tmux driver: the real binary at the size asked, in the sandbox, its
/// exit seen, and its tmux server gone once the driver is dropped.
#[test]
fn the_tmux_driver_runs_caseload_sandboxed_at_its_size_and_cleans_up() {
    if !common::require_tool("tmux", "apt-get install tmux") {
        return;
    }
    let sb = common::Sandbox::new();
    let t = common::tmux::launch(&sb, "support")
        .size(100, 30)
        .env("CASELOAD_PASSPHRASE", common::PASS)
        .arg("init")
        .start();
    assert_eq!(t.size(), (100, 30));
    let pane = t.exited();
    assert!(pane.contains(common::tmux::EXITED), "{pane}");
    // No --db: the default database went into the sandbox's data folder.
    let made: Vec<_> = walk(&sb.path("home/.local/share"));
    assert!(
        made.iter()
            .any(|p| p.extension().is_some_and(|e| e == "db")),
        "{made:?}\n{pane}"
    );
    let socket = t.socket().to_string();
    drop(t);
    let alive = std::process::Command::new("tmux")
        .args(["-L", &socket, "has-session"])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!alive.success(), "the tmux server outlived its driver");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
