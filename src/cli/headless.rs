//! `taskscope run --headless`: run a scenario to its end (or its timeout) and print it.

use std::process::ExitCode;
use std::sync::Arc;

use super::{EXIT_BAD_INPUT, EXIT_TIMEOUT, Format, RunArgs};
use crate::export;
use crate::runner::{self, RunOptions};
use crate::scenario;

/// Runs the scenario named in `args` and prints its timeline; see the README for exit codes.
pub fn run(args: &RunArgs) -> ExitCode {
    let scenario = match scenario::resolve(&args.scenario) {
        Ok(scenario) => scenario,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let console = match args.console.start() {
        Ok(console) => console,
        Err(code) => return code,
    };
    let options = RunOptions {
        speed: args.speed,
        console,
        ..RunOptions::default()
    };
    let (timeline, timed_out) = runner::run_to_end(Arc::new(scenario), options, args.timeout);
    match args.format {
        Format::Text => print!("{}", export::text::to_text(&timeline, args.width)),
        Format::Json => println!("{}", export::json::to_json_string(&timeline)),
    }
    if timed_out {
        eprintln!(
            "taskscope: stopped after --timeout {:?}: unfinished tasks are shown as running",
            args.timeout
        );
        ExitCode::from(EXIT_TIMEOUT)
    } else {
        ExitCode::SUCCESS
    }
}
