//! `record` and `export`: the files they write, checked by their formats' rules and, where
//! the program is installed, by the real `rsvg-convert` (the players are in record_cast.rs).

#[path = "support/command.rs"]
mod command;

#[path = "support/recording.rs"]
mod recording;
#[path = "support/replay.rs"]
mod replay;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use taskscope::cli::{Size, render};
use taskscope::runner::step_label;
use taskscope::scenario::{Action, Scenario, builtin, builtins};
use taskscope::testkit;
use taskscope::ui::Theme;

use command::taskscope;

fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Records a built-in at 80x24, fast, and returns the asciicast text.
fn cast_of(name: &str) -> String {
    let hold = Duration::from_millis(200);
    recording::record_builtin(name, (80, 24), 8.0, hold, Theme::plain(true))
}

/// Checks the asciicast v3 rules (the default) and returns the final screen as a terminal
/// shows it.
fn check_cast(name: &str, cast: &str) -> String {
    let mut lines = cast
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"));
    let header = lines.next().expect("a header");
    assert_eq!(header["version"], 3, "{name}");
    assert_eq!(
        (
            header["term"]["cols"].as_u64(),
            header["term"]["rows"].as_u64()
        ),
        (Some(80), Some(24))
    );
    for event in lines {
        let interval = event[0].as_f64().expect("an interval");
        assert!(interval >= 0.0, "{name}: a negative interval {interval}");
        assert!(
            matches!(event[1].as_str(), Some("o" | "m")),
            "{name}: {event}"
        );
    }
    let played = replay::replay(cast);
    assert!(!played.markers.is_empty(), "{name}: no markers");
    let screen = played.parser.screen();
    assert!(
        !screen.hide_cursor(),
        "{name}: the cursor is shown at the end"
    );
    screen.contents()
}

#[test]
fn every_builtin_records_a_valid_cast_whose_last_frame_names_every_task() {
    let names: Vec<&str> = builtins().iter().map(|b| b.name).collect();
    let threads: Vec<_> = names
        .chunks(names.len().div_ceil(4))
        .map(|chunk| {
            let chunk = chunk.to_vec();
            std::thread::spawn(move || {
                for name in chunk {
                    let cast = cast_of(name);
                    let screen = check_cast(name, &cast);
                    let scenario = builtin(name).unwrap();
                    assert!(screen.contains(&scenario.name), "{name}:\n{screen}");
                    for task in lane_names(&scenario) {
                        // Long names are cut with an ellipsis to fit the name column.
                        let shown: String = task.chars().take(12).collect();
                        assert!(
                            screen.contains(&shown),
                            "{name}: `{task}` missing from\n{screen}"
                        );
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a recording thread");
    }
}

/// The names of the lanes a scenario's run has: `main`, every task it spawns (alone or in
/// a group), every blocking closure and every forgotten future.
fn lane_names(scenario: &Scenario) -> Vec<String> {
    let mut names = vec!["main".to_string()];
    for (_, step) in scenario.steps() {
        match &step.action {
            Action::Spawn(member) => names.push(member.task.clone()),
            Action::Group(members) => names.extend(members.iter().map(|m| m.task.clone())),
            Action::Forget(function) => names.push(function.clone()),
            Action::SpawnBlocking(_) => names.extend(step_label(step)),
            _ => {}
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_text_export_of_blocking_freeze() {
    let scenario = Arc::new(builtin("blocking-freeze").unwrap());
    let size = Size {
        width: 100,
        height: 24,
    };
    let buffer = render(
        &scenario,
        &testkit::blocking_freeze(),
        size,
        Theme::plain(false),
        None,
    );
    insta::assert_snapshot!(taskscope::export::frame::to_plain(&buffer));
}

#[test]
fn the_svg_export_is_a_standalone_image_a_renderer_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("freeze.svg");
    let out = svg_path.to_str().unwrap();
    let output = taskscope(&[
        "export",
        "blocking-freeze",
        "--format",
        "svg",
        "--out",
        out,
        "--speed",
        "8",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    for name in ["slow_sync_call", "heartbeat", "fetch_weather", "monospace"] {
        assert!(svg.contains(name), "{name} missing");
    }
    if !installed("rsvg-convert") {
        taskscope::testkit::skipped(
            "rsvg-convert is not installed (Debian package `librsvg2-bin`)",
        );
        return;
    }
    let png = dir.path().join("freeze.png");
    let status = Command::new("rsvg-convert")
        .args([out, "-o", png.to_str().unwrap()])
        .status()
        .expect("run rsvg-convert");
    assert!(status.success());
    assert!(
        std::fs::metadata(&png).unwrap().len() > 10_000,
        "a suspiciously small image"
    );
}

#[test]
fn text_ansi_json_and_chrome_exports_are_written() {
    let dir = tempfile::tempdir().unwrap();
    for (format, check) in [
        ("text", "slow_sync_call"),
        ("ansi", "\u{1b}["),
        ("json", "\"wall_ns\""),
        ("chrome", "\"traceEvents\""),
    ] {
        let path = dir.path().join(format!("out.{format}"));
        let out = path.to_str().unwrap();
        let output = taskscope(&[
            "export",
            "blocking-freeze",
            "--format",
            format,
            "--out",
            out,
            "--speed",
            "8",
        ]);
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(check), "{format}: {check:?} missing");
    }
}

#[test]
fn bad_export_arguments_are_clear_errors_that_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("x.svg");
    let out = missing.to_str().unwrap();
    let output = taskscope(&[
        "export",
        "await-chain",
        "--format",
        "svg",
        "--out",
        out,
        "--speed",
        "8",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-folder/x.svg"));
    assert!(!missing.exists());

    let cast = dir.path().join("x.cast");
    let cast = cast.to_str().unwrap();
    let output = taskscope(&["record", "await-chain", "--out", cast, "--size", "80by24"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("WIDTHxHEIGHT"));
    let output = taskscope(&["record", "await-chain", "--out", cast, "--theme", "neon"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("high-contrast"));
    assert!(!Path::new(cast).exists());
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 0, "something was left behind");
}

/// `export --at D` draws the run as it was live D into it: live, the lanes cut there, the
/// findings known then (the worker still blocked), not the finished run with a cursor.
#[test]
fn export_at_draws_the_view_as_it_was_live_then() {
    let scenario = Arc::new(builtin("blocking-freeze").unwrap());
    let size = Size {
        width: 100,
        height: 24,
    };
    let plain = |at| {
        let buffer = render(
            &scenario,
            &testkit::blocking_freeze(),
            size,
            Theme::plain(false),
            at,
        );
        taskscope::export::frame::to_plain(&buffer)
    };
    let (end, during) = (plain(None), plain(Some(1_000_000_000)));
    assert_ne!(end, during);
    assert!(end.contains("■ DONE"), "{end}");
    assert!(
        during.contains("● LIVE") && during.contains("1.00 s"),
        "{during}"
    );
    assert!(!during.contains("cursor"), "no cursor:\n{during}");
    assert!(during.contains("⚠ NOW  worker 0 blocked"), "{during}");
    assert!(
        !during.contains('✓'),
        "nothing had ended but send_email:\n{during}"
    );
    // At 1 s the hog's blocking call holds the worker and the tickers are ready: the state
    // column beside each name says so.
    let state = |name: &str| {
        let line = during
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_default();
        line.split('│')
            .next()
            .unwrap_or_default()
            .trim_end()
            .chars()
            .last()
    };
    assert_eq!(state("worker 0"), Some('▓'), "{during}");
    assert_eq!(state("tick_a"), Some('▒'), "{during}");
    assert_eq!(state("hog"), Some('▓'), "{during}");
}
