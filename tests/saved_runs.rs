//! `taskscope open FILE`: a saved run prints again exactly as it was (the same JSON, byte for
//! byte, and the same text), and a file that is not a saved run is refused with a message
//! that names it and says what is wrong (exit code 2).

#[path = "support/command.rs"]
mod command;

use std::io::Write;
use std::process::Output;
use std::sync::Arc;
use std::time::Duration;

use taskscope::attach::{AttachReport, Interruption, TaskCounts};
use taskscope::export::json::{VERSION, to_document, to_json_string};
use taskscope::export::text::to_text;
use taskscope::feed::{Pace, record_to_end};
use taskscope::runner::{self, RunOptions};
use taskscope::scenario::{ScenarioFile, builtin};
use taskscope::testkit;

use command::{stderr, stdout, taskscope, taskscope_ok};

/// A file holding `text`, kept until the end of the test.
fn file_with(text: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("a file");
    file.write_all(text).expect("write");
    file
}

/// Opens `path` headless; its stdout, or the failure.
fn open(path: &str, format: &str) -> Output {
    taskscope(&["open", path, "--headless", "--format", format])
}

#[test]
fn a_real_run_opens_to_the_same_json_and_the_same_text() {
    let scenario = Arc::new(builtin("failure-cancellation").expect("built-in"));
    let file = ScenarioFile::of(&scenario).expect("its text");
    let options = RunOptions {
        speed: 2.0,
        ..RunOptions::default()
    };
    let mut sources = [runner::start(scenario.clone(), options)];
    let (runs, timed_out) = record_to_end(&mut sources, Pace::headless(Duration::from_secs(30)));
    assert!(!timed_out);
    let run = &runs[0];
    let json = to_json_string(&to_document(run, Some((&scenario, &file)), None)) + "\n";
    let saved = file_with(json.as_bytes());
    let path = saved.path().to_str().unwrap();

    let again = open(path, "json");
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), json, "byte for byte the document it read");
    let text = open(path, "text");
    assert!(text.status.success(), "{}", stderr(&text));
    let quiz = scenario.quiz.as_ref().expect("a built-in asks a question");
    let quiz = taskscope::export::quiz::to_text(quiz, &run.timeline);
    let printed = format!("{}\n{quiz}", to_text(&run.timeline, 100));
    assert_eq!(
        stdout(&text),
        printed,
        "the text of run --headless, quiz included"
    );
}

#[test]
fn the_document_of_run_and_of_export_opens_again() {
    let run = taskscope_ok(&[
        "run",
        "concurrent-group",
        "--headless",
        "--format",
        "json",
        "--speed",
        "4",
    ]);
    let saved = file_with(&run.stdout);
    let again = open(saved.path().to_str().unwrap(), "json");
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&run));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export.json");
    let out = out.to_str().unwrap();
    let args = ["export", "await-chain", "--format", "json", "--out", out];
    let export = taskscope(&[&args[..], &["--speed", "8"]].concat());
    assert!(export.status.success(), "{}", stderr(&export));
    let again = open(out, "json");
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(again.stdout, std::fs::read(out).unwrap());
}

/// A saved attach session: no scenario, and the `attach` object with the app's counts.
#[test]
fn a_saved_attach_session_opens_without_a_scenario() {
    let run = testkit::group_failure();
    let report = AttachReport {
        target: "http://127.0.0.1:6669".into(),
        status: "connected".into(),
        error: None,
        publish_interval_ns: Some(50_000_000),
        sampled: true,
        note: taskscope::attach::SAMPLING_NOTE.into(),
        tasks: vec![TaskCounts {
            id: 1,
            console_id: 17,
            fields: [("task.name".to_string(), "flaky_call".to_string())].into(),
            app_polls: 9,
            app_busy_ns: 1_200,
            app_wakes: 8,
        }],
        interruptions: vec![Interruption {
            kind: "stalled".into(),
            after_ns: 1_000_000_000,
            for_ns: Some(3_000_000_000),
        }],
    };
    let attach = serde_json::to_value(&report).unwrap();
    let json = to_json_string(&to_document(&run, None, Some(attach))) + "\n";
    let saved = file_with(json.as_bytes());
    let path = saved.path().to_str().unwrap();
    let again = open(path, "json");
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), json);
    let text = stdout(&open(path, "text"));
    let expected = format!(
        "{}\n{}",
        to_text(&run.timeline, 100),
        report.text(&run.timeline)
    );
    assert_eq!(text, expected);
    assert!(text.contains("attached to http://127.0.0.1:6669 · updates every 50.0 ms"));
}

/// What `open` says about `bytes`, the file named FILE in the message.
fn refusal(bytes: &[u8]) -> String {
    let file = file_with(bytes);
    let path = file.path().to_str().unwrap();
    let output = open(path, "json");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    let message = stderr(&output);
    assert!(
        message.contains(path),
        "the message names the file: {message}"
    );
    message.replace(path, "FILE")
}

/// A real document to spoil.
fn good_document() -> String {
    let run = testkit::blocking_freeze();
    to_json_string(&to_document(&run, None, None))
}

#[test]
fn files_that_are_not_saved_runs_are_refused_clearly() {
    let good = good_document();
    let mut edited: serde_json::Value = serde_json::from_str(&good).unwrap();
    edited["tasks"][1]["segments"][0]["end_ns"] = 12345.into();
    let mut older = edited.clone();
    let object = older.as_object_mut().unwrap();
    for key in ["version", "speed", "steps", "scenario_file", "tape"] {
        object.remove(key);
    }
    let version = format!("\"version\": {VERSION}");
    let newer = good.replacen(&version, "\"version\": 7", 1);
    // Format version 1 had no branches and counted concurrency without main.
    let version_1 = good.replacen(&version, "\"version\": 1", 1);
    let bad_line = good.replacen("\"0 0 spawned\"", "\"0 zero spawned\"", 1);
    let mut bad_scenario: serde_json::Value = serde_json::from_str(&good).unwrap();
    bad_scenario["scenario_file"] = serde_json::json!({
        "origin": "mine.toml", "text": "name = \"x\"\n", "listings": {}
    });
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("not JSON", b"name = \"blocking-freeze\"\n".to_vec()),
        ("cut short", good.as_bytes()[..good.len() / 2].to_vec()),
        ("broken JSON", b"{\"version\": 1,, }".to_vec()),
        ("a JSON array", b"[1, 2, 3]".to_vec()),
        ("JSON of something else", b"{\"name\": \"x\"}".to_vec()),
        ("a Chrome trace", b"{\"traceEvents\": []}".to_vec()),
        ("a comparison", b"{\"left\": {}, \"right\": {}}".to_vec()),
        ("an older run", older.to_string().into_bytes()),
        ("a newer version", newer.into_bytes()),
        ("format version 1", version_1.into_bytes()),
        (
            "a version that is no number",
            b"{\"version\": \"1\"}".to_vec(),
        ),
        (
            "a field missing",
            format!("{{{version}, \"scenario\": \"x\"}}").into_bytes(),
        ),
        ("a bad tape entry", bad_line.into_bytes()),
        ("edited lanes", edited.to_string().into_bytes()),
        ("a broken scenario", bad_scenario.to_string().into_bytes()),
    ];
    let mut report = String::new();
    for (what, bytes) in cases {
        report.push_str(&format!("{what}:\n{}\n", refusal(&bytes)));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn a_run_saved_in_format_version_2_or_3_still_opens() {
    // Version 2 counted concurrency from the runtime's start, version 3 to the run's end
    // (not the last task's): the one figure that differs, and its finding's sentence.
    for version in [2, 3] {
        let mut older: serde_json::Value = serde_json::from_str(&good_document()).unwrap();
        older["version"] = version.into();
        older["concurrency"] = serde_json::json!(0.65);
        let findings = older["findings"].as_array_mut().unwrap();
        let summary = findings.iter_mut().find(|f| f["kind"] == "concurrency");
        summary.unwrap()["message"] = "concurrency 0.65x: on average 0.65 tasks in flight".into();
        let file = file_with(older.to_string().as_bytes());
        let output = open(file.path().to_str().unwrap(), "json");
        assert!(output.status.success(), "{version}: {}", stderr(&output));
        // Printed as this taskscope writes it: this version, concurrency counted again.
        assert_eq!(stdout(&output).trim(), good_document().trim());
        // Any other difference is still an edit.
        older["tasks"][1]["segments"][0]["end_ns"] = 12345.into();
        assert!(refusal(older.to_string().as_bytes()).contains("tasks[1].segments[0].end_ns"));
    }
}

#[test]
fn a_huge_file_a_folder_and_a_missing_file_are_refused_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.json");
    // Sparse: 2 GB on paper, nothing on disk.
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(2 << 30).unwrap();
    let huge = huge.to_str().unwrap();
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    for (path, says) in [
        (huge, "2147483648 bytes is more than a saved run may have"),
        (missing, "cannot read it"),
        (folder, "not a file"),
    ] {
        let output = open(path, "text");
        assert_eq!(output.status.code(), Some(2), "{path}");
        let message = stderr(&output);
        assert!(
            message.contains(path) && message.contains(says),
            "{message}"
        );
    }
}
