//! The real players a recording is checked with, where they are installed: every
//! `asciinema` on PATH (asciinema 2 is Debian's package, asciinema 3 comes from
//! `cargo install --locked asciinema`; both are called `asciinema`), run in a
//! pseudo-terminal as a person would.

#![allow(dead_code)] // each user takes what it needs

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// An installed asciinema and its major version.
pub struct Asciinema {
    pub path: PathBuf,
    pub major: u32,
}

/// Every distinct `asciinema` executable on PATH, with its major version.
pub fn asciinemas() -> Vec<Asciinema> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut found: Vec<Asciinema> = Vec::new();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join("asciinema");
        let Ok(real) = std::fs::canonicalize(&candidate) else {
            continue;
        };
        if found
            .iter()
            .any(|a| std::fs::canonicalize(&a.path).ok() == Some(real.clone()))
        {
            continue;
        }
        let Ok(output) = Command::new(&candidate).arg("--version").output() else {
            continue;
        };
        // "asciinema 2.2.0" or "asciinema 3.2.0"
        let version = String::from_utf8_lossy(&output.stdout).to_string();
        let major = version
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.split('.').next())
            .and_then(|m| m.parse().ok());
        if let Some(major) = major {
            found.push(Asciinema {
                path: candidate,
                major,
            });
        }
    }
    found
}

/// Whether `program` is on PATH.
pub fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What a program run in a pseudo-terminal printed, and whether it succeeded.
pub struct PtyRun {
    pub success: bool,
    pub output: String,
}

/// Runs `program args` in a `cols` x `rows` pseudo-terminal until it ends (at most
/// `limit`, then it is killed and counts as failed).
pub fn run_in_pty(program: &Path, args: &[&str], cols: u16, rows: u16, limit: Duration) -> PtyRun {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn the player");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let output = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let success = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.success();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break false;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pair.master);
    let output = String::from_utf8_lossy(&output.join().expect("the reader")).into_owned();
    PtyRun { success, output }
}
