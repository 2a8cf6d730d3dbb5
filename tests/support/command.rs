//! The binary run as a command, as a user runs it from a shell: what the command-line tests
//! read (its exit status, its standard output and error as text).

#![allow(dead_code)] // each test file takes what it needs

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

/// `taskscope ARGS`, run to its end.
pub fn taskscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(args)
        .output()
        .expect("run taskscope")
}

/// `taskscope ARGS` that must succeed: the test fails with the command line and its
/// standard error otherwise.
pub fn taskscope_ok(args: &[&str]) -> Output {
    let output = taskscope(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    output
}

/// `taskscope ARGS` run in the folder `dir` (where a relative `--out` would be written).
pub fn taskscope_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run taskscope")
}

/// A command line written as one string, split at its spaces (no argument has one).
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The standard output of `output`, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The standard error of `output`, as text (for messages and their checks).
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scenario file holding `text`, removed when dropped.
pub fn scenario_file(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("a temporary file");
    file.write_all(text.as_bytes()).expect("write the scenario");
    file
}
