//! Saying that a test skipped a part it cannot run here (an optional program is missing).

use std::io::Write;

/// Writes `skipped: WHY` with the test's name straight to the process's standard error.
/// The test harness captures what `println!` and `eprintln!` print and shows it only for a
/// failed test, so a skip said through them would never be seen on a green run.
pub fn skipped(why: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let line = format!("{test}: skipped: {why}\n");
    // Nothing to do if stderr is gone: the skip is only a message.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}
