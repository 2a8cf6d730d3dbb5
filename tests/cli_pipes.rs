//! A closed pipe ends taskscope quietly, as it ends any Unix tool: killed by SIGPIPE (a shell
//! reports 141), no panic, no backtrace, on every path that prints. The pipes are closed
//! before taskscope writes, so every write meets a closed pipe, every time: the one-in-ten
//! `| head -c 10` of a pipe closed while taskscope writes is reproduced with a pipe too small
//! to take the whole output.
#![cfg(unix)]

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};

/// A pipe: (read end, write end).
fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two new descriptors into `fds`, which we then own.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

/// Which of taskscope's outputs goes into a pipe nobody reads.
#[derive(Clone, Copy, Debug)]
enum Closed {
    Stdout,
    Stderr,
}

/// Runs taskscope with `args`, `closed` a pipe whose reader is gone before it starts;
/// returns how it ended and what it wrote on the other stream.
fn with_closed(closed: Closed, args: &[&str]) -> (ExitStatus, String) {
    let (reader, writer) = pipe();
    drop(reader);
    let mut command = Command::new(env!("CARGO_BIN_EXE_taskscope"));
    command.args(args).stdin(Stdio::null());
    match closed {
        Closed::Stdout => command.stdout(writer).stderr(Stdio::piped()),
        Closed::Stderr => command.stderr(writer).stdout(Stdio::piped()),
    };
    let output = command.output().expect("run taskscope");
    let other = match closed {
        Closed::Stdout => output.stderr,
        Closed::Stderr => output.stdout,
    };
    (output.status, String::from_utf8_lossy(&other).into_owned())
}

fn assert_quiet_sigpipe(closed: Closed, args: &[&str]) {
    let (status, other) = with_closed(closed, args);
    assert_eq!(
        status.signal(),
        Some(libc::SIGPIPE),
        "{closed:?} closed, {args:?}: {status:?}; the other stream:\n{other}"
    );
    if let Closed::Stdout = closed {
        assert!(
            !other.contains("panicked") && !other.contains("backtrace"),
            "{args:?}: {other}"
        );
    }
}

/// A saved run to open and replay, written once by `run --format json`.
fn saved_run(dir: &std::path::Path) -> String {
    let path = dir.join("run.json");
    let output = Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["run", "await-chain", "--headless", "--format", "json"])
        .args(["--speed", "20"])
        .output()
        .expect("run taskscope");
    assert!(output.status.success());
    std::fs::write(&path, output.stdout).expect("write the saved run");
    path.to_str().expect("a UTF-8 path").to_string()
}

#[test]
fn every_command_that_prints_ends_quietly_on_a_closed_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let saved = saved_run(dir.path());
    let fast = ["--headless", "--speed", "20"];
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["check", "scenarios/await-chain.toml"],
        [&["run", "await-chain"][..], &fast].concat(),
        [&["run", "await-chain", "--format", "json"][..], &fast].concat(),
        [&["compare", "await-chain", "concurrent-group"][..], &fast].concat(),
        vec!["open", &saved, "--headless"],
        vec!["open", &saved, "--headless", "--format", "json"],
    ];
    for args in &commands {
        assert_quiet_sigpipe(Closed::Stdout, args);
    }
}

#[test]
fn messages_on_a_closed_stderr_end_quietly_too() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\n").unwrap();
    let out = dir.path().join("run.cast");
    let out = out.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", bad.to_str().unwrap()],
        vec!["run", "no-such-scenario", "--headless"],
        vec!["record", "await-chain", "--out", "run.mp4"],
        vec!["attach", "127.0.0.1:9", "--headless", "--duration", "1s"],
        vec!["record", "await-chain", "--out", out, "--speed", "20"],
    ];
    for args in &commands {
        assert_quiet_sigpipe(Closed::Stderr, args);
    }
    // The recording was written whole before its report met the closed pipe.
    assert!(std::fs::metadata(out).unwrap().len() > 1000);
}

/// `run ... --format json | head -c 10`: the reader takes 10 bytes and leaves while
/// taskscope is still writing. The pipe holds 4 kB and the document is far larger, so the
/// write that meets the closed pipe always comes.
#[test]
#[cfg(target_os = "linux")]
fn a_reader_that_leaves_mid_output_ends_it_quietly() {
    for _ in 0..3 {
        let (reader, writer) = pipe();
        // SAFETY: F_SETPIPE_SZ only resizes the pipe's buffer.
        let size = unsafe { libc::fcntl(writer.as_raw_fd(), libc::F_SETPIPE_SZ, 4096) };
        assert!(size >= 4096, "F_SETPIPE_SZ: {size}");
        let child = Command::new(env!("CARGO_BIN_EXE_taskscope"))
            .args(["run", "blocking-freeze", "--headless", "--format", "json"])
            .args(["--speed", "20"])
            .stdout(writer)
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn taskscope");
        let mut head = std::fs::File::from(reader);
        let mut first = [0u8; 10];
        head.read_exact(&mut first).expect("the first 10 bytes");
        assert_eq!(&first[..1], b"{");
        drop(head);
        let output = child.wait_with_output().expect("wait for taskscope");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.signal(), Some(libc::SIGPIPE), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// `taskscope list | head -1`: the reader takes one line and leaves. Every command writes
/// its result in one write, so a result the pipe holds (64 kB here) is in it whole before
/// the reader can leave: exit 0, whichever command it was and however fast the reader is,
/// as `cat` of a short file ends (line by line, `list` used to meet the closed pipe).
#[test]
#[cfg(target_os = "linux")]
fn a_reader_that_takes_one_line_of_a_result_the_pipe_holds_leaves_it_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let saved = saved_run(dir.path());
    let fast = ["--headless", "--speed", "20"];
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        [&["run", "blocking-freeze"][..], &fast].concat(),
        [&["run", "await-chain", "--format", "json"][..], &fast].concat(),
        [&["compare", "await-chain", "concurrent-group"][..], &fast].concat(),
        vec!["open", &saved, "--headless"],
    ];
    for args in &commands {
        let (reader, writer) = pipe();
        // SAFETY: F_SETPIPE_SZ only resizes the pipe's buffer.
        let size = unsafe { libc::fcntl(writer.as_raw_fd(), libc::F_SETPIPE_SZ, 65536) };
        assert!(size >= 65536, "F_SETPIPE_SZ: {size}");
        let child = Command::new(env!("CARGO_BIN_EXE_taskscope"))
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn taskscope");
        let mut head = std::fs::File::from(reader);
        let mut byte = [0u8; 1];
        while head.read(&mut byte).expect("read a byte") == 1 && byte[0] != b'\n' {}
        drop(head);
        let output = child.wait_with_output().expect("wait for taskscope");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
