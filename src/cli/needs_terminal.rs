//! The dashboard draws on a terminal and reads its keys from one: before it starts, make
//! sure there is one, and say plainly what to do when there is not.
//!
//! Why refuse rather than draw on `/dev/tty` when standard output is a file or a pipe: the
//! dashboard writes nothing worth keeping to standard output. A tool whose output *is* its
//! answer (fzf, a pager's `less` fallback to `cat`) draws on `/dev/tty` or passes the text
//! through; a full-screen viewer that drew on `/dev/tty` would leave `> out.txt` empty and
//! the person who typed it without what they came for, which is the run's result: exactly
//! what `--headless` prints. Drawing into the pipe regardless (vim's "Output is not to a
//! terminal", then escape codes in the file) is worse still. So a redirected dashboard stops
//! at once, before any run starts, with a message naming `--headless`, and exit code 2 (a
//! command that cannot work as given); no escape code ever reaches the pipe.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::EXIT_BAD_INPUT;
use crate::output::errln;

/// What to do instead, said by every refusal.
const INSTEAD: &str = "run it in a terminal, or add --headless to print the run's result instead \
     (`taskscope run SCENARIO --headless > out.txt`)";

/// Ok when the dashboard has a terminal to draw on and to read keys from; else the message
/// is printed and the exit code for a command that cannot work as given comes back.
pub fn check() -> Result<(), ExitCode> {
    let refused = |why: &str| {
        errln!("taskscope: the dashboard needs a terminal, and {why}: {INSTEAD}");
        ExitCode::from(EXIT_BAD_INPUT)
    };
    if !std::io::stdout().is_terminal() {
        return Err(refused(
            "its standard output is not one (it goes to a file or a pipe)",
        ));
    }
    // Keys come from standard input when it is the terminal, else from the process's
    // controlling terminal (what crossterm opens): with neither there is nobody to type.
    if !std::io::stdin().is_terminal() && controlling_terminal().is_err() {
        return Err(refused("this process has none to read keys from"));
    }
    Ok(())
}

#[cfg(unix)]
fn controlling_terminal() -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
}

#[cfg(not(unix))]
fn controlling_terminal() -> std::io::Result<()> {
    Ok(())
}
