//! A scenario run on asyncio without the dashboard (`run` and `compare --headless`,
//! `export`, `record`) ended by a signal: taskscope ends and reaps every python3 child it
//! started, and exits 128 + the signal's number. Skipped, saying so, without CPython 3.11+.

#[path = "support/asyncio.rs"]
mod asyncio;

use std::time::{Duration, Instant};

use asyncio::{assert_gone, become_subreaper, children_of, python, python_ok, turn};

/// Starts `taskscope ARGS`, waits for its `pythons` python3 children, sends it `signal`, and
/// checks that it exits `status` and that none of them is left, running or unreaped.
fn signal_ends_and_reaps(args: &[&str], pythons: usize, signal: i32, status: i32) {
    let mut taskscope = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(args)
        .env("TASKSCOPE_PYTHON", python())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("taskscope");
    let started = Instant::now();
    let children = loop {
        let found: Vec<u32> = children_of(taskscope.id())
            .into_iter()
            .filter(|(_, comm)| comm.starts_with("python"))
            .map(|(pid, _)| pid)
            .collect();
        if found.len() == pythons {
            break found;
        }
        let ended = taskscope.try_wait().expect("try_wait");
        assert!(
            ended.is_none() && started.elapsed().as_secs() < 30,
            "{args:?}: python3 children {found:?}, taskscope {ended:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    // SAFETY: a signal to the child this test started and has not reaped.
    unsafe { libc::kill(taskscope.id() as libc::pid_t, signal) };
    assert_eq!(
        taskscope.wait().expect("wait").code(),
        Some(status),
        "{args:?}"
    );
    for pid in children {
        assert_gone(pid, &format!("{args:?}"));
    }
}

#[test]
fn a_signal_ends_a_headless_scenario_s_python3_children_and_reaps_them() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    become_subreaper();
    let dir = tempfile::tempdir().expect("a folder");
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let slow = ["--speed", "0.2", "--runtime", "asyncio"];
    let run = [&["run", "blocking-freeze", "--headless"][..], &slow].concat();
    signal_ends_and_reaps(&run, 1, libc::SIGTERM, 143);
    let compare = [
        "compare",
        "blocking-freeze",
        "blocking-freeze",
        "--runtimes",
        "asyncio,asyncio",
        "--headless",
        "--speed",
        "0.2",
    ];
    signal_ends_and_reaps(&compare, 2, libc::SIGHUP, 129);
    let (json, cast) = (out("run.json"), out("run.cast"));
    let export = [
        &[
            "export",
            "blocking-freeze",
            "--format",
            "json",
            "--out",
            &json,
        ][..],
        &slow,
    ]
    .concat();
    signal_ends_and_reaps(&export, 1, libc::SIGINT, 130);
    let record = [&["record", "blocking-freeze", "--out", &cast][..], &slow].concat();
    signal_ends_and_reaps(&record, 1, libc::SIGTERM, 143);
    // Nothing half-written is left.
    assert!(!dir.path().join("run.json").exists());
    assert!(!dir.path().join("run.cast").exists());
}
