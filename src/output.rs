//! Printing to stdout and stderr, where a closed pipe ends the process quietly.
//!
//! Rust ignores SIGPIPE, so `println!` into a pipe whose reader has gone (`taskscope list |
//! head -1`) gets an error and panics. Everything taskscope prints goes through
//! [`outln!`](crate::output::outln) and [`errln!`](crate::output::errln) instead: on a
//! closed pipe the process ends the way a Unix tool does, killed by SIGPIPE (a shell reports
//! status 141 and prints nothing); any other failure to write says so on stderr and exits 1.
//!
//! Every command builds its whole result first and prints it with one call, so how a reader
//! that leaves early (`| head -1`) ends taskscope does not depend on which command it was or
//! on timing between its lines: a result the pipe can hold (64 KiB on Linux) is written
//! whole and taskscope exits 0, as `cat` of a short file does; a longer one, or a reader gone
//! before the write, meets the closed pipe: SIGPIPE.

use std::fmt;
use std::io::{self, Write};

/// Prints to stdout; a closed pipe ends the process quietly (see the module's comment).
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write_out(format_args!($($arg)*)) };
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::output::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Prints a line to stderr; a closed pipe ends the process quietly.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::write_err(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {errln, out, outln};

/// Exit status for output that could not be written for another reason than a closed pipe
/// (a full disk, say).
pub const EXIT_WRITE_FAILED: i32 = 1;

/// Writes `args` to stdout and flushes it; see the module's comment for failures. The text
/// is formatted first and handed over whole: formatted piece by piece, stdout's line buffer
/// would write a document that ends in a newline in two writes.
pub fn write_out(args: fmt::Arguments) {
    let text = args.to_string();
    if let Err(error) = write_all(&mut io::stdout().lock(), format_args!("{text}")) {
        failed(&error, "the output");
    }
}

/// Writes `args` to stderr; see the module's comment for failures.
pub fn write_err(args: fmt::Arguments) {
    if let Err(error) = write_all(&mut io::stderr().lock(), args) {
        failed(&error, "a message");
    }
}

fn write_all(to: &mut impl Write, args: fmt::Arguments) -> io::Result<()> {
    to.write_fmt(args)?;
    to.flush()
}

fn failed(error: &io::Error, what: &str) -> ! {
    if error.kind() == io::ErrorKind::BrokenPipe {
        closed_pipe();
    }
    let _ = writeln!(io::stderr(), "taskscope: cannot write {what}: {error}");
    std::process::exit(EXIT_WRITE_FAILED);
}

/// Ends the process as a closed pipe ends a Unix tool: killed by SIGPIPE (status 141 in a
/// shell), without a word. Also for the dashboard, whose terminal may be a pipe.
pub fn closed_pipe() -> ! {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGPIPE);
    }
    // Where there is no SIGPIPE (or it did not end us): the status a shell would report.
    std::process::exit(141);
}
