//! `taskscope run --headless`: run a scenario to its end (or its timeout) and print it.

use std::process::ExitCode;

use super::{EXIT_TIMEOUT, Format, RunArgs};
use crate::export;
use crate::runner::{self, RunOptions};

/// Runs the scenario named in `args` and prints its timeline; see the README for exit codes.
pub fn run(args: &RunArgs) -> ExitCode {
    let scenario = match super::scenario_arg(&args.scenario) {
        Ok(scenario) => scenario,
        Err(code) => return code,
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
    let (timeline, timed_out) = runner::run_to_end(scenario, options, args.timeout);
    match args.format {
        Format::Text => print!("{}", export::text::to_text(&timeline, args.width)),
        Format::Json => println!("{}", export::json::to_json_string(&timeline)),
    }
    super::console::finish(console);
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
