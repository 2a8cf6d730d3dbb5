//! What `record` and `export` draw: a scenario or a Python program, run now, or a saved run
//! (the `.json` file of `run --format json` or `export --format json`), drawn as it was
//! recorded, so that a presenter can rehearse with one run and show exactly it.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use super::EXIT_BAD_INPUT;
use crate::output::errln;
use crate::pyrun::Script;
use crate::saved::{self, Saved};
use crate::scenario::Scenario;

/// A scenario to run, a Python program to run, or a saved run.
pub enum Subject {
    /// A built-in or a scenario file, to run now.
    Scenario(Arc<Scenario>),
    /// A Python program of the user's (a `.py` file), to run now on asyncio.
    Script(Arc<Script>),
    /// A saved run, read back and checked.
    Saved(Box<Saved>),
}

impl Subject {
    /// `name`: a built-in, a scenario file, a Python program (a file whose name ends in
    /// `.py`, run with `args`), or a saved run (a file whose name ends in `.json`). A bad
    /// one prints why and gives the exit code for bad input.
    pub fn from_arg(name: &str, args: &[String]) -> Result<Subject, ExitCode> {
        let ends_in = |ext: &str| {
            Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(ext))
        };
        if ends_in("py") {
            let script = super::python::script_arg(Path::new(name), args.to_vec())?;
            return Ok(Subject::Script(Arc::new(script)));
        }
        if !args.is_empty() {
            errln!(
                "taskscope: arguments after `--` are for a Python program (a .py file), not {name}"
            );
            return Err(ExitCode::from(EXIT_BAD_INPUT));
        }
        if !ends_in("json") {
            return super::scenario_arg(name).map(Subject::Scenario);
        }
        match saved::open(Path::new(name)) {
            Ok(saved) => Ok(Subject::Saved(Box::new(saved))),
            Err(error) => {
                errln!("taskscope: {error}");
                Err(ExitCode::from(EXIT_BAD_INPUT))
            }
        }
    }
}

/// The scenario a saved run ran; a saved attach session has none, which the error says.
pub fn saved_scenario(saved: &Saved, file: &str, what: &str) -> Result<Arc<Scenario>, ExitCode> {
    saved.scenario.clone().ok_or_else(|| {
        errln!(
            "taskscope: {file}: a saved attach session has no scenario to draw {what} from \
             (`taskscope open {file}` shows it)"
        );
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// An error naming the first of `flags` that was given: they are for a run of a scenario,
/// and `file` is not one (`why`: a saved run was recorded already, a program runs as it
/// is).
pub fn refuse_run_flags(file: &str, why: &str, flags: &[(&str, bool)]) -> Result<(), ExitCode> {
    match flags.iter().find(|(_, given)| *given) {
        Some((flag, _)) => {
            errln!("taskscope: {flag} is for running a scenario; {file}: {why}");
            Err(ExitCode::from(EXIT_BAD_INPUT))
        }
        None => Ok(()),
    }
}
