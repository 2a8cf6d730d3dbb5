//! `taskscope python SCRIPT [ARGS...]`: a Python program of the user's, run unchanged under
//! the asyncio instrumentation: its tasks drawn live in the dashboard (its output kept and
//! printed when the dashboard closes), or printed headless (its output passed through to
//! stderr). Its exit status becomes taskscope's when it is not 0.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::{EXIT_BAD_INPUT, EXIT_TIMEOUT, Format, bounds};
use crate::export::json::{ScriptJson, to_document};
use crate::export::{self, json};
use crate::feed::{self, Pace, Recorded};
use crate::output::{errln, out, outln};
use crate::pyrun::{OutputLog, PyRun, Script, ran_no_tasks};

/// Arguments of `taskscope python`.
#[derive(Debug, clap::Args)]
#[command(override_usage = "taskscope python [OPTIONS] SCRIPT [ARGS]...")]
pub struct PythonArgs {
    /// Print the result instead of opening the dashboard (the program's own output goes to
    /// stderr as it comes; stdout holds taskscope's report).
    #[arg(long)]
    pub headless: bool,
    /// Output format with --headless.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Stop a program that has not ended after this long; exit code 3.
    #[arg(long, default_value = "60s", value_parser = bounds::timeout)]
    pub timeout: Duration,
    /// Width of the text swimlane, in columns.
    #[arg(long, default_value_t = 100, value_parser = bounds::width)]
    pub width: usize,
    /// The program, a Python file, and its arguments: run as `python3 SCRIPT ARGS...`.
    /// taskscope's options come before SCRIPT; everything after it is the program's, its
    /// own `--headless` or `--timeout` too.
    // One positional that takes every word from SCRIPT on: a separate ARGS positional would
    // let taskscope's own flags match first when the program's first argument is one of them.
    #[arg(
        value_name = "SCRIPT",
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    pub program: Vec<String>,
}

impl PythonArgs {
    /// The program's file: the first word of `program`.
    pub fn script(&self) -> &Path {
        Path::new(self.program.first().map_or("", String::as_str))
    }

    /// The program's own arguments: every word after SCRIPT.
    pub fn args(&self) -> &[String] {
        self.program.get(1..).unwrap_or_default()
    }
}

/// The program `path` names, with `args`; an error prints why it cannot run (exit 2).
pub(super) fn script_arg(path: &Path, args: Vec<String>) -> Result<Script, ExitCode> {
    Script::new(path, args).map_err(|error| {
        errln!("taskscope: {error}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// A saved run's record of the program that ran, and how its run ended.
pub(super) fn script_json(script: &Script, exit: Option<u32>) -> ScriptJson {
    ScriptJson {
        path: script.path.display().to_string(),
        args: script.args.clone(),
        text: script.text.clone(),
        exit_status: exit,
    }
}

/// `taskscope python --headless`: runs the program to its end and prints its lanes.
pub fn run(args: &PythonArgs) -> ExitCode {
    let script = match script_arg(args.script(), args.args().to_vec()) {
        Ok(script) => script,
        Err(code) => return code,
    };
    let mut sources = [PyRun::script(&script, true)];
    let (mut runs, timed_out) = feed::record_to_end(&mut sources, Pace::headless(args.timeout));
    let run = runs.remove(0);
    let exit = sources[0].exit();
    let failed = super::failure(&run);
    if failed.is_some() && run.timeline.tasks().is_empty() {
        return failed.unwrap_or(ExitCode::FAILURE);
    }
    if args.format == Format::Text && run.timeline.tasks().is_empty() {
        // Nothing to draw (it could not be compiled, or never ran asyncio): say so, once.
        outln!("{}", ran_no_tasks(&script.name(), exit.as_ref()));
    } else {
        print(&run, &script, exit.as_ref().map(|e| e.status), args);
    }
    if let Some(code) = failed {
        return code;
    }
    if timed_out {
        errln!(
            "taskscope: stopped {} after --timeout {:?}: unfinished tasks are shown as running",
            script.name(),
            args.timeout
        );
        return ExitCode::from(EXIT_TIMEOUT);
    }
    exit_code(&script.name(), exit.map(|e| (e.status, e.message)))
}

fn print(run: &Recorded, script: &Script, exit: Option<u32>, args: &PythonArgs) {
    match args.format {
        Format::Text => out!("{}", export::text::to_text(&run.timeline, args.width)),
        Format::Json => {
            let mut doc = to_document(run, None, None);
            doc.script = Some(script_json(script, exit));
            outln!("{}", json::to_json_string(&doc));
        }
    }
}

/// taskscope's exit code for a program that ended with `exit` (status, why): 0, or the
/// program's own status, said on stderr.
pub(super) fn exit_code(name: &str, exit: Option<(u32, Option<String>)>) -> ExitCode {
    match exit {
        Some((0, _)) | None => ExitCode::SUCCESS,
        Some((status, why)) => {
            let why = why.map(|w| format!(": {w}")).unwrap_or_default();
            errln!("taskscope: {name} exited with status {status}{why}");
            ExitCode::from(u8::try_from(status).unwrap_or(1))
        }
    }
}

/// Prints what a program printed while the dashboard showed it, on stdout, as the terminal
/// would have shown it: its stdout and stderr together, in the order it wrote them.
pub(super) fn print_output(name: &str, log: &OutputLog) {
    let (lines, forgotten) = log.lines();
    if forgotten > 0 {
        errln!("taskscope: {name}: its first {forgotten} lines of output were not kept");
    }
    for line in lines {
        outln!("{}", line.text);
    }
}
