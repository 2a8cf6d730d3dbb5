//! The binary run as a command, as a user runs it from a shell: what the command-line tests
//! read (its exit status, its standard output and error as text).

#![allow(dead_code)] // each test file takes what it needs

use std::path::Path;
use std::process::{Command, Output};

/// `taskscope ARGS`, run to its end.
pub fn taskscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(args)
        .output()
        .expect("run taskscope")
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
