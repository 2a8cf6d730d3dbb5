//! The command line as a user meets it: exit codes, messages, and what reaches stdout.

#[path = "support/command.rs"]
mod command;

use taskscope::export::json::{OutcomeJson, RunJson};

use command::{scenario_file, stderr, stdout, taskscope, taskscope_ok};

#[test]
fn list_names_every_builtin_with_its_summary() {
    let output = taskscope(&["list"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for builtin in taskscope::scenario::builtins() {
        let line = text
            .lines()
            .find(|l| l.starts_with(builtin.name))
            .unwrap_or_else(|| panic!("{} missing from:\n{text}", builtin.name));
        assert!(line.len() > builtin.name.len() + 10, "no summary: {line}");
    }
}

#[test]
fn check_accepts_every_scenario_file_shipped() {
    for entry in std::fs::read_dir("scenarios").expect("scenarios/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue; // scenarios/listings/ holds the code listings
        }
        let output = taskscope(&["check", path.to_str().unwrap()]);
        assert!(
            output.status.success(),
            "{}: {}",
            path.display(),
            stderr(&output)
        );
    }
}

#[test]
fn check_rejects_a_bad_file_with_its_position_and_exit_code_2() {
    let file = scenario_file(
        "name = \"x\"\nsummary = \"y\"\n[functions]\nmain = [\n  { sleep = \"1 sec\" },\n]\n",
    );
    let path = file.path().to_str().unwrap();
    let output = taskscope(&["check", path]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains(&format!("{path}:5:")), "{message}");
    assert!(message.contains("1 sec"), "{message}");
}

/// One missing file, one wording, whichever command read it.
#[test]
fn check_and_run_say_the_same_of_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let missing = missing.to_str().unwrap();
    let said = |args: &[&str]| {
        let output = taskscope(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        stderr(&output)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let expected = format!("{missing}: error: no such scenario file");
    assert_eq!(said(&["check", missing]), expected);
    assert_eq!(said(&["run", missing, "--headless"]), expected);
}

#[test]
fn run_of_an_unknown_scenario_lists_the_builtins_and_exits_2() {
    let output = taskscope(&["run", "no-such-scenario", "--headless"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("blocking-freeze"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_run_stopped_at_its_timeout_prints_the_timeline_so_far_and_exits_3() {
    let file = scenario_file(
        "name = \"forever\"\nsummary = \"never ends\"\n[functions]\nmain = [\n  { spawn = \"wait\" },\n  { sleep = \"10m\", label = \"a very long wait\" },\n]\nwait = [\n  { sleep = \"10m\" },\n]\n",
    );
    let path = file.path().to_str().unwrap();
    let output = taskscope(&[
        "run",
        path,
        "--headless",
        "--format",
        "json",
        "--timeout",
        "300ms",
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let run: RunJson = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(run.wall_ns, 300_000_000);
    assert_eq!(run.tasks.len(), 2);
    assert!(
        run.tasks
            .iter()
            .all(|t| t.outcome == OutcomeJson::Running && t.ended_ns.is_none())
    );
    assert!(stderr(&output).contains("timeout"), "{}", stderr(&output));
}

#[test]
fn a_panicking_step_is_a_panicked_task_not_a_crash() {
    let file = scenario_file(
        "name = \"boom\"\nsummary = \"a panic\"\n[functions]\nmain = [\n  { spawn = \"bad\" },\n  { join = \"bad\" },\n]\nbad = [\n  { panic = \"index out of bounds\" },\n]\n",
    );
    let path = file.path().to_str().unwrap();
    let output = taskscope_ok(&["run", path, "--headless", "--format", "json"]);
    assert!(
        !stderr(&output).contains("panicked at"),
        "the panic leaked: {}",
        stderr(&output)
    );
    let run: RunJson = serde_json::from_slice(&output.stdout).expect("JSON");
    let bad = run.tasks.iter().find(|t| t.name == "bad").expect("bad");
    assert_eq!(bad.outcome, OutcomeJson::Panicked);
    assert_eq!(bad.error.as_deref(), Some("index out of bounds"));
    let main = run.tasks.iter().find(|t| t.name == "main").expect("main");
    assert_eq!(main.outcome, OutcomeJson::Failed);
}

#[test]
fn text_output_draws_a_swimlane_and_the_findings() {
    let output = taskscope(&["run", "blocking-freeze", "--headless", "--speed", "8"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for expected in [
        "worker 0",
        "slow_sync_call",
        "heartbeat",
        "blocked",
        "ready meanwhile",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }
}

#[test]
fn speed_scales_every_scripted_duration() {
    let wall = |speed: &str| {
        let output = taskscope(&[
            "run",
            "await-chain",
            "--headless",
            "--format",
            "json",
            "--speed",
            speed,
        ]);
        serde_json::from_slice::<RunJson>(&output.stdout)
            .expect("JSON")
            .wall_ns
    };
    let (fast, faster) = (wall("4"), wall("8"));
    assert!(
        fast as f64 > 1.6 * faster as f64,
        "speed 4: {fast} ns, speed 8: {faster} ns"
    );
}

#[test]
fn bad_speed_is_refused_with_a_clear_message() {
    let output = taskscope(&["run", "await-chain", "--headless", "--speed", "0"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("--speed") && message.contains("from 0.01") && message.contains("to 100"),
        "{message}"
    );
}

#[test]
fn compare_runs_both_at_once_and_the_chain_takes_twice_the_group() {
    let output = taskscope_ok(&[
        "compare",
        "await-chain",
        "concurrent-group",
        "--headless",
        "--format",
        "json",
        "--speed",
        "4",
    ]);
    let both: taskscope::cli::CompareJson = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(both.left.scenario, "await-chain");
    assert_eq!(both.right.scenario, "concurrent-group");
    let ratio = both.left.wall_ns as f64 / both.right.wall_ns as f64;
    assert!((1.6..2.4).contains(&ratio), "chain / group = {ratio:.2}");
}
