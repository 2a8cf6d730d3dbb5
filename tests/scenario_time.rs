//! Every figure a person reads is in the scenario's own time, whatever the speed: the
//! headless text and the compare text, through the real binary. The JSON keeps real
//! nanoseconds and the speed, so scenario time = real × speed.

use std::process::{Command, Output};

use taskscope::export::json::RunJson;

fn taskscope(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(args)
        .output()
        .expect("run taskscope");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn a_slowed_down_blocking_freeze_still_says_2_seconds() {
    let output = taskscope(&["run", "blocking-freeze", "--headless", "--speed", "0.25"]);
    let text = String::from_utf8_lossy(&output.stdout);
    let findings = text.split("findings:").nth(1).expect("findings");
    // "worker 0 blocked 2.00 s by ...": the scripted 2 s (8 s real), give or take the few
    // milliseconds a loaded machine adds to a sleep.
    let blocked = seconds_after(findings, "worker 0 blocked ");
    assert!((1.99..2.06).contains(&blocked), "{text}");
    assert!(findings.contains("s by `std::thread::sleep(2s)`"), "{text}");
    assert!(!findings.contains("8.0"), "{findings}");
    // The header says the run's scenario time, then how it was played.
    let header = text.lines().next().unwrap();
    assert!(header.contains("wall 3."), "{header}");
    assert!(header.contains("played at 0.25x (12."), "{header}");
    // The axis is labelled in scenario time: its last tick is under the 3.1 s wall.
    let axis = text.lines().nth(1).unwrap();
    assert!(axis.contains("3.00 s") && !axis.contains("12."), "{axis}");
    // The stats too: the blocking task was busy 2 s.
    let stats = text
        .lines()
        .rfind(|l| l.trim_start().starts_with("slow_sync_call"))
        .expect("the blocking task's stats");
    // "slow_sync_call   2   2.00 s ...": the name, its polls, then its busy time.
    let columns: Vec<&str> = stats.split_whitespace().collect();
    assert_eq!(columns.get(3), Some(&"s"), "busy time in seconds: {stats}");
    let busy: f64 = columns[2].parse().expect("the busy time");
    assert!((1.99..2.06).contains(&busy), "{stats}");
}

/// The first number after `what` in `text` (spaces skipped), as written: "2.00" of "2.00 s".
fn seconds_after(text: &str, what: &str) -> f64 {
    let at = text
        .find(what)
        .unwrap_or_else(|| panic!("{what:?} in {text}"))
        + what.len();
    let digits: String = (text[at..].trim_start().chars())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number after {what:?} in {text}"))
}

#[test]
fn the_json_keeps_real_nanoseconds_and_the_speed() {
    let output = taskscope(&[
        "run",
        "hedged-requests",
        "--headless",
        "--format",
        "json",
        "--speed",
        "0.5",
    ]);
    let run: RunJson = serde_json::from_slice(&output.stdout).expect("the JSON contract");
    assert_eq!(run.speed, 0.5);
    // The scripted 1.7 s take 3.4 s real; in scenario time (real × speed), 1.7 s.
    let scenario_s = run.wall_ns as f64 * run.speed / 1e9;
    assert!((1.68..1.9).contains(&scenario_s), "{scenario_s} s");
    let finding = run.findings.iter().find(|f| f.message.starts_with("race:"));
    assert!(finding.is_some(), "{:?}", run.findings);
}

#[test]
fn the_compare_text_is_in_scenario_time() {
    let output = taskscope(&[
        "compare",
        "await-chain",
        "concurrent-group",
        "--headless",
        "--speed",
        "2",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    let last = text.lines().last().unwrap();
    // "wall time: await-chain 3.00 s · concurrent-group 1.50 s (2.00x)": 3 s and 1.5 s as
    // scripted (1.5 s and 0.75 s real at 2x), give or take a loaded machine's delays.
    let number_after = |what: &str| -> f64 {
        let rest = &last[last
            .find(what)
            .unwrap_or_else(|| panic!("{what} in {last}"))
            + what.len()..];
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("a number after {what} in {last}"))
    };
    let (chain, group) = (
        number_after("await-chain "),
        number_after("concurrent-group "),
    );
    assert!(
        (2.95..3.4).contains(&chain),
        "scripted 3 s, in scenario time: {last}"
    );
    assert!(
        (1.45..1.9).contains(&group),
        "scripted 1.5 s, in scenario time: {last}"
    );
    let ratio = number_after("(");
    assert!((1.7..2.2).contains(&ratio), "about twice as long: {last}");
}
