//! The `python3` child: which interpreter, how it is started (the module as a file in the
//! run's folder, its events on a Unix socket taskscope listens on), where its own output
//! goes, and what to say when there is no interpreter that can run it.

use std::io::ErrorKind;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::MODULE;
use super::output::{self, OutputLog};

/// The environment variable that names the interpreter instead of `python3` on PATH.
pub const PYTHON_VAR: &str = "TASKSCOPE_PYTHON";

/// What the asyncio runtime needs, for messages.
pub const NEEDS: &str = "CPython 3.11 or newer";

/// What the child runs.
#[derive(Clone, Copy, Debug)]
pub enum Mode<'a> {
    /// A scenario's compiled Program (its JSON in `program`), at `speed`; task locations
    /// start with `origin`.
    Scenario {
        /// The file holding the Program's JSON.
        program: &'a Path,
        /// Playback speed.
        speed: f64,
        /// What locations start with (`builtin:blocking-freeze`).
        origin: &'a str,
    },
    /// A program of the user's, run as `__main__` with its arguments.
    Script {
        /// The program's file.
        path: &'a Path,
        /// Its arguments.
        args: &'a [String],
    },
}

/// Where the child's own stdout and stderr go.
#[derive(Clone, Debug)]
pub enum Output {
    /// Into a log (nothing reaches the terminal): the dashboard, and every scenario run.
    Keep(Arc<OutputLog>),
    /// Both to taskscope's stderr as they come, so that stdout holds only taskscope's report;
    /// stdin is the child's too (headless `taskscope python`).
    PassThrough,
}

/// The interpreter to run: `$TASKSCOPE_PYTHON` if set, else `python3` (found on PATH).
pub fn interpreter() -> String {
    std::env::var(PYTHON_VAR)
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".to_string())
}

/// How the interpreter was looked for, for a message: "`python3` on PATH".
pub fn looked_for(python: &str) -> String {
    if std::env::var_os(PYTHON_VAR).is_some_and(|v| !v.is_empty()) {
        format!("`{python}` (named by {PYTHON_VAR})")
    } else {
        format!("`{python}` on PATH")
    }
}

/// A started child and the thread reading its output (none when passed through).
pub struct Started {
    /// The process.
    pub child: Child,
    /// The thread keeping its stdout and stderr (it ends when the pipe closes).
    pub readers: Vec<JoinHandle<()>>,
}

/// The module's file in a run's folder.
pub const MODULE_FILE: &str = "taskscope_asyncio.py";

/// Starts the module in `mode`, its events sent to the Unix socket at `socket`. The module
/// is written into the run's private folder `dir` and run from there, as a file: a command
/// line of a path, not of the module's 68 KB (`ps` stays readable). An error says what was
/// looked for and what to do.
pub fn spawn(
    mode: Mode<'_>,
    dir: &Path,
    socket: &Path,
    output: &Output,
) -> Result<Started, String> {
    let module = dir.join(MODULE_FILE);
    std::fs::write(&module, MODULE).map_err(|e| format!("cannot write the module: {e}"))?;
    let python = interpreter();
    let mut command = Command::new(&python);
    command
        .arg(&module)
        .arg(match mode {
            Mode::Scenario { .. } => "scenario",
            Mode::Script { .. } => "script",
        })
        .arg("--events")
        .arg(format!("unix:{}", socket.display()))
        // Output comes as it is printed, not when a pipe's buffer fills.
        .env("PYTHONUNBUFFERED", "1");
    match mode {
        Mode::Scenario {
            program,
            speed,
            origin,
        } => {
            command.arg("--program").arg(program);
            command.args(["--speed", &speed.to_string(), "--origin", origin]);
        }
        Mode::Script { path, args } => {
            command.arg(path).args(args);
        }
    }
    let mut kept = None;
    match output {
        Output::Keep(_) => {
            // Its own process group: signals meant for the terminal's program (taskscope)
            // are not its own, and it never reads the terminal. Its stdout and stderr share
            // one pipe, so that the lines keep the order it wrote them in.
            let (read, write) = pipe().map_err(|e| format!("cannot make a pipe: {e}"))?;
            let write_too = write
                .try_clone()
                .map_err(|e| format!("cannot make a pipe: {e}"))?;
            command.stdin(Stdio::null()).stdout(Stdio::from(write));
            command.stderr(Stdio::from(write_too)).process_group(0);
            kept = Some(std::fs::File::from(read));
        }
        Output::PassThrough => {
            let stderr = std::io::stderr();
            let to_stderr = std::os::fd::AsFd::as_fd(&stderr)
                .try_clone_to_owned()
                .map_err(|e| format!("cannot pass python3's output on: {e}"))?;
            command
                .stdout(Stdio::from(to_stderr))
                .stderr(Stdio::inherit());
        }
    }
    let child = super::live::spawn(&mut command).map_err(|error| match error.kind() {
        ErrorKind::NotFound => format!(
            "no suitable python3: {} was not found (taskscope runs asyncio in {NEEDS}; \
             install it, or name an interpreter with {PYTHON_VAR}=PATH)",
            looked_for(&python)
        ),
        _ => format!("cannot start {}: {error}", looked_for(&python)),
    })?;
    drop(command); // its copies of the pipe's write end: the reader sees the child's end
    let mut readers = Vec::new();
    if let (Output::Keep(log), Some(pipe)) = (output, kept) {
        readers.push(output::keep(pipe, log.clone()));
    }
    Ok(Started { child, readers })
}

/// A pipe (read end, write end), both closed in the children this process starts but the
/// ends given to them.
fn pipe() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two descriptors into the array it is given, which has two.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: both descriptors were just opened, and nothing else owns them.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}
