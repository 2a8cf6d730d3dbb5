//! `record` and `export` through the binary: the format by `--out`'s extension, the size
//! reported, the story's markers, saved runs drawn as recorded, and every `--out` that
//! cannot be written refused before the scenario runs, leaving nothing behind.

#[path = "support/command.rs"]
mod command;

#[path = "support/replay.rs"]
mod replay;

use std::path::Path;
use std::time::{Duration, Instant};

use taskscope::export::markers::story_markers;

use command::{stderr, taskscope, taskscope_ok};

/// `record SUBJECT --out PATH`, fast, with a short hold; asserts it succeeded and reported
/// the file with its exact size.
fn record(subject: &str, path: &Path, more: &[&str]) -> Vec<u8> {
    let out = path.to_str().unwrap();
    let output = taskscope(&[&["record", subject, "--out", out, "--hold", "200ms"], more].concat());
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    let bytes = std::fs::read(path).expect("the recording");
    let report = format!("wrote {out}: {}", written_size(bytes.len()));
    assert!(
        message.contains(&report),
        "`{report}` missing from: {message}"
    );
    bytes
}

/// `1,234 bytes`, as the report writes sizes.
fn written_size(bytes: usize) -> String {
    let digits = bytes.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped} bytes")
}

#[test]
fn the_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let fast = ["--speed", "8"];
    let v3 = record("await-chain", &dir.path().join("run.cast"), &fast);
    let header = |cast: &[u8]| -> serde_json::Value {
        let first = cast.split(|&b| b == b'\n').next().unwrap();
        serde_json::from_slice(first).expect("a JSON header")
    };
    assert_eq!(header(&v3)["version"], 3);
    let v2 = record(
        "await-chain",
        &dir.path().join("old.CAST"),
        &["--speed", "8", "--cast-version", "2"],
    );
    assert_eq!(header(&v2)["version"], 2);
    let svg = record("await-chain", &dir.path().join("run.svg"), &fast);
    let svg = String::from_utf8(svg).unwrap();
    roxmltree::Document::parse(&svg).expect("the SVG is XML");
    assert!(svg.contains("@keyframes"), "an animated SVG");
    let gif = record("await-chain", &dir.path().join("run.gif"), &fast);
    let decoder = gif::DecodeOptions::new()
        .read_info(gif.as_slice())
        .expect("a GIF");
    assert_eq!(
        (decoder.width(), decoder.height()),
        (900, 540),
        "100x30 cells of 9x18"
    );
}

/// A run saved as JSON, then recorded from the file: the markers are the finished run's
/// captions and findings at the moments they happened, and the frames are the same every
/// time (no run, no timing luck).
#[test]
fn a_saved_run_records_the_same_frames_with_the_story_markers() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("freeze.json");
    let output = taskscope_ok(&[
        "run",
        "blocking-freeze",
        "--headless",
        "--format",
        "json",
        "--speed",
        "4",
    ]);
    std::fs::write(&saved, &output.stdout).unwrap();
    let saved = saved.to_str().unwrap();
    let started = Instant::now();
    let first = record(saved, &dir.path().join("a.cast"), &[]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a saved run is drawn without waiting for its clock"
    );
    let second = record(saved, &dir.path().join("b.cast"), &[]);
    let events = |cast: &[u8]| {
        String::from_utf8(cast.to_vec())
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        events(&first),
        events(&second),
        "the same frames every time"
    );

    let run = taskscope::saved::open(Path::new(saved)).expect("the saved run");
    let scenario = run.scenario.clone().expect("its scenario");
    let expected = story_markers(&scenario, &run.run.timeline);
    let played = replay::replay(&String::from_utf8(first).unwrap());
    let labels = |m: &[(Duration, String)]| m.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>();
    assert_eq!(labels(&played.markers), labels(&expected));
    let finding = &run.run.timeline.findings()[0].message;
    assert!(labels(&played.markers).contains(finding), "{finding}");
    for ((at, label), (want, _)) in played.markers.iter().zip(&expected) {
        assert!(
            at.abs_diff(*want) < Duration::from_millis(1),
            "{label}: {at:?}, not {want:?}"
        );
    }

    // What is for a run is refused for a saved one; its exports are the saved run's.
    let gif = dir.path().join("c.gif");
    let refused = taskscope(&[
        "record",
        saved,
        "--out",
        gif.to_str().unwrap(),
        "--speed",
        "2",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--speed is for running a scenario"),
        "{}",
        stderr(&refused)
    );
    assert!(!gif.exists());
    let json = dir.path().join("again.json");
    taskscope_ok(&[
        "export",
        saved,
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    let parsed =
        |p: &str| serde_json::from_slice::<serde_json::Value>(&std::fs::read(p).unwrap()).unwrap();
    assert_eq!(parsed(json.to_str().unwrap()), parsed(saved));
}

/// A scenario that would run for 12 s: an error found after starting it would take that long.
const SLOW: [&str; 3] = ["blocking-freeze", "--speed", "0.25"];

#[test]
fn an_out_that_cannot_be_written_is_refused_before_the_run_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a-folder.cast");
    std::fs::create_dir(&folder).unwrap();
    let missing = dir.path().join("no-such-folder").join("run.gif");
    let unknown = dir.path().join("run.mp4");
    let cases = [
        (missing.clone(), "there is no folder"),
        (folder.clone(), "is a folder"),
        (unknown.clone(), "must end in .cast"),
    ];
    for (out, why) in &cases {
        let out = out.to_str().unwrap();
        for command in [
            vec!["record", SLOW[0], "--out", out, SLOW[1], SLOW[2]],
            vec![
                "export", SLOW[0], "--format", "text", "--out", out, SLOW[1], SLOW[2],
            ],
        ] {
            if command[0] == "export" && why.contains(".cast") {
                continue; // export's format is --format: any file name will do
            }
            let started = Instant::now();
            let output = taskscope(&command);
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(2), "{command:?}: {message}");
            assert!(
                message.contains(out) && message.contains(why),
                "{command:?}: {message}"
            );
            assert!(
                !message.contains(".taskscope-"),
                "a temporary name: {message}"
            );
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{command:?}: it ran first"
            );
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        // Root may write anyway: then there is nothing to refuse.
        let probe = locked.join("probe");
        if std::fs::write(&probe, b"").is_ok() {
            std::fs::remove_file(&probe).unwrap();
            taskscope::testkit::skipped("the unwritable folder: this user writes anywhere");
        } else {
            let out = locked.join("run.svg");
            let output = taskscope(&[
                "record",
                SLOW[0],
                "--out",
                out.to_str().unwrap(),
                SLOW[1],
                SLOW[2],
            ]);
            let message = stderr(&output);
            assert_eq!(output.status.code(), Some(2), "{message}");
            assert!(message.contains("locked/run.svg"), "{message}");
            assert!(message.contains("permission denied"), "{message}");
            assert!(!message.contains(".taskscope-"), "{message}");
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert_eq!(
            std::fs::read_dir(&locked).unwrap().count(),
            0,
            "left in locked/"
        );
    }
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["a-folder.cast", "locked"], "only what the test made");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}

#[test]
fn a_recording_stopped_at_its_timeout_is_written_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cut.cast");
    let output = taskscope(&[
        "record",
        SLOW[0],
        "--out",
        out.to_str().unwrap(),
        SLOW[1],
        SLOW[2],
        "--timeout",
        "500ms",
        "--hold",
        "0s",
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{message}");
    assert!(message.contains("stopped after --timeout"), "{message}");
    let played = replay::replay(&std::fs::read_to_string(&out).unwrap());
    assert!(
        played.end <= Duration::from_millis(501),
        "ends at the timeout: {:?}",
        played.end
    );
}
