//! Every number the command line takes has a bound (src/limits.rs, listed in the README's
//! Limits section): a value beyond it is refused before anything runs, with exit code 2 and
//! a message naming the flag and the bound.

#[path = "support/command.rs"]
mod command;

use std::time::{Duration, Instant};

use command::{stderr, taskscope_in, taskscope_ok, words};

/// (the command line, the flag the message names, the bound it states)
const OUT_OF_BOUNDS: &[(&str, &str, &str)] = &[
    (
        "run await-chain --headless --speed 1e-20",
        "--speed",
        "from 0.01",
    ),
    ("run await-chain --headless --speed 0", "--speed", "to 100"),
    (
        "run await-chain --headless --speed 1000",
        "--speed",
        "to 100",
    ),
    (
        "run await-chain --headless --speed NaN",
        "--speed",
        "not a number: the speed is a number from 0.01",
    ),
    // A value that starts with `-` reaches the bound's check (not clap's "unexpected
    // argument '-1'" with a `-- -1` tip that would not work).
    (
        "run await-chain --headless --speed -1",
        "--speed",
        "out of bounds: the speed is a number from 0.01",
    ),
    (
        "run await-chain --headless --timeout -1s",
        "--timeout",
        "cannot be negative",
    ),
    (
        "run await-chain --headless --width -3",
        "--width",
        "from 40 to 1000",
    ),
    (
        "compare await-chain await-chain --speed -2",
        "--speed",
        "to 100",
    ),
    (
        "record await-chain --out x.cast --hold -1s",
        "--hold",
        "cannot be negative",
    ),
    (
        "export await-chain --format svg --out x.svg --at -5s",
        "--at",
        "cannot be negative",
    ),
    (
        "attach --headless --workers -1",
        "--workers",
        "from 1 to 64",
    ),
    (
        "attach --headless --duration -1s",
        "--duration",
        "cannot be negative",
    ),
    ("open x.json --headless --width -1", "--width", "from 40"),
    ("run await-chain --width 0", "--width", "from 40 to 1000"),
    (
        "run await-chain --headless --width 5000",
        "--width",
        "from 40 to 1000",
    ),
    (
        "run await-chain --headless --timeout 0s",
        "--timeout",
        "from 1ms to 1440m",
    ),
    (
        "run await-chain --headless --timeout 99999999999s",
        "--timeout",
        "1440m",
    ),
    (
        "run await-chain --headless --console 0",
        "--console",
        "1 to 65535",
    ),
    (
        "run await-chain --console=127.0.0.1:70000",
        "--console",
        "1 to 65535",
    ),
    (
        "compare await-chain await-chain --speed 200",
        "--speed",
        "to 100",
    ),
    (
        "compare await-chain await-chain --width 1",
        "--width",
        "from 40",
    ),
    (
        "compare await-chain await-chain --timeout 2000m",
        "--timeout",
        "1440m",
    ),
    (
        "record await-chain --out x.cast --size 40x12",
        "--size",
        "at least 60x15",
    ),
    (
        "record await-chain --out x.cast --size 2000x30",
        "--size",
        "at most 1000x500",
    ),
    (
        "record await-chain --out x.cast --hold 61m",
        "--hold",
        "at most 60m",
    ),
    (
        "record await-chain --out x.cast --speed 0.001",
        "--speed",
        "from 0.01",
    ),
    (
        "record await-chain --out x.cast --timeout 0ms",
        "--timeout",
        "from 1ms",
    ),
    (
        "record await-chain --out x.cast --cast-version 4",
        "--cast-version",
        "2 or 3",
    ),
    (
        "record await-chain --out x.gif --size 301x40",
        "--size",
        "at most 300x100",
    ),
    (
        "export await-chain --format svg --out x.svg --at 1441m",
        "--at",
        "at most 1440m",
    ),
    (
        "export await-chain --format svg --out x.svg --size 59x30",
        "--size",
        "at least 60x15",
    ),
    (
        "export await-chain --format json --out x.json --speed=-1",
        "--speed",
        "from 0.01",
    ),
    (
        "attach --headless --duration 0s",
        "--duration",
        "from 100ms to 1440m",
    ),
    (
        "attach --headless --duration 25h",
        "--duration",
        "from 100ms",
    ),
    ("attach --headless --workers 0", "--workers", "from 1 to 64"),
    (
        "attach --headless --workers 65",
        "--workers",
        "from 1 to 64",
    ),
    ("attach --headless --width 39", "--width", "from 40"),
    ("attach 0 --headless", "ADDR", "1 to 65535"),
    ("attach 127.0.0.1:99999 --headless", "ADDR", "1 to 65535"),
    ("open x.json --headless --width 0", "--width", "from 40"),
];

#[test]
fn every_number_beyond_its_bound_is_refused_naming_the_flag_and_the_bound() {
    let dir = tempfile::tempdir().unwrap();
    for (line, flag, bound) in OUT_OF_BOUNDS {
        let args = words(line);
        let started = Instant::now();
        let output = taskscope_in(dir.path(), &args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(
            message.contains(flag),
            "{args:?}: no `{flag}` in: {message}"
        );
        assert!(
            message.contains(bound),
            "{args:?}: no `{bound}` in: {message}"
        );
        assert!(!message.contains("panicked"), "{args:?}: {message}");
        // Refused before anything ran (a run of await-chain takes 2 s).
        assert!(started.elapsed() < Duration::from_secs(2), "{args:?} ran");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files were written: {left:?}");
}

#[test]
fn the_bounds_themselves_are_accepted() {
    for line in [
        "run await-chain --headless --speed 100 --width 40",
        "run await-chain --headless --speed 100 --width 1000",
        "compare await-chain await-chain --headless --speed 100",
    ] {
        taskscope_ok(&words(line));
    }
}

/// The README's Limits section names every flag bounded here.
#[test]
fn the_readme_lists_every_bounded_flag() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let limits = readme
        .split("\n## Limits")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a Limits section");
    for (_, flag, _) in OUT_OF_BOUNDS {
        let named = if *flag == "ADDR" { "port" } else { flag };
        assert!(
            limits.contains(named),
            "the Limits section does not list {named}"
        );
    }
}
