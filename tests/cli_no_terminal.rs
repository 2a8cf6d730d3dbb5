//! The dashboard without a terminal: with standard output a pipe or a file it stops at once
//! with a message naming `--headless` and exit code 2, and writes nothing on standard output
//! (no escape code ever reaches the pipe).
#![cfg(unix)]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a refusal may take: it comes before anything runs (a dashboard that started
/// instead would wait for keys until killed).
const AT_ONCE: Duration = Duration::from_secs(10);

/// `taskscope ARGS` with stdout and stderr pipes and stdin `/dev/null`: its exit code,
/// stdout and stderr; None for the code when it had to be killed.
fn refused(args: &[&str], stdout: Stdio) -> (Option<i32>, Vec<u8>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn taskscope");
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait for taskscope") {
            break status.code();
        }
        if started.elapsed() > AT_ONCE {
            child.kill().expect("kill taskscope");
            child.wait().expect("reap taskscope");
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = Vec::new();
    if let Some(mut pipe) = child.stdout.take() {
        pipe.read_to_end(&mut out).expect("read stdout");
    }
    let mut err = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut err).expect("read stderr");
    }
    (code, out, err)
}

#[test]
fn a_dashboard_whose_output_is_a_pipe_refuses_at_once_naming_headless() {
    // A busy port: the refusal comes before `--console` would try it (exit 4).
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let console = format!("--console={}", busy.local_addr().unwrap());
    for args in [
        &["run", "await-chain"][..],
        &["run", "await-chain", "--no-quiz", &console][..],
        &["compare", "await-chain", "concurrent-group"][..],
        &[][..],
    ] {
        let (code, out, err) = refused(args, Stdio::piped());
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?} wrote on stdout: {out:?}");
        assert!(
            err.starts_with("taskscope: the dashboard needs a terminal")
                && err.contains("add --headless"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_dashboard_whose_output_is_a_file_leaves_the_file_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.bin");
    let file = std::fs::File::create(&path).unwrap();
    let (code, _, err) = refused(&["run", "await-chain"], Stdio::from(file));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("it goes to a file or a pipe"), "{err}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
}

#[test]
fn a_bad_scenario_is_still_named_first() {
    // Bad input is reported as such, terminal or not.
    let (code, _, err) = refused(&["run", "no-such-scenario"], Stdio::piped());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("no built-in scenario"), "{err}");
}
