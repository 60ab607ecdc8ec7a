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
