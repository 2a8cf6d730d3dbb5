//! `taskscope run --headless`: run a scenario to its end (or its timeout) and print it.

use std::process::ExitCode;
use std::sync::Arc;

use super::{EXIT_BAD_INPUT, EXIT_TIMEOUT, Format, RunArgs};
use crate::export::{self, json};
use crate::feed::{self, Pace, Recorded};
use crate::output::{errln, out, outln};
use crate::runner::RunOptions;
use crate::scenario::{Scenario, ScenarioFile};
use crate::start;

/// Runs the scenario named in `args` and prints its timeline; see the README for exit codes.
pub fn run(args: &RunArgs) -> ExitCode {
    let scenario = match super::scenario_arg(&args.scenario) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    let file = match scenario_file(&scenario) {
        Ok(file) => file,
        Err(code) => return code,
    };
    if let Err(code) = super::console_fits(&args.console, args.runtime) {
        return code;
    }
    let console = match args.console.start() {
        Ok(console) => console,
        Err(code) => return code,
    };
    let options = RunOptions {
        speed: args.speed,
        console,
        ..RunOptions::default()
    };
    let mut sources = [start::start_headless(
        scenario.clone(),
        args.runtime.engine(),
        options,
    )];
    let (mut runs, timed_out) = feed::record_to_end(&mut sources, Pace::headless(args.timeout));
    let run = runs.remove(0);
    let failed = super::failure(&run);
    super::console::finish(console);
    if failed.is_some() && run.timeline.tasks().is_empty() {
        return failed.unwrap_or(ExitCode::FAILURE); // nothing ran: nothing to print
    }
    print(&run, Some((&scenario, &file)), args.format, args.width);
    if let Some(code) = failed {
        return code;
    }
    if timed_out {
        errln!(
            "taskscope: stopped after --timeout {:?}: unfinished tasks are shown as running",
            args.timeout
        );
        ExitCode::from(EXIT_TIMEOUT)
    } else {
        ExitCode::SUCCESS
    }
}

/// The text `scenario` was parsed from, to travel with its run; an error says why not.
pub(super) fn scenario_file(scenario: &Scenario) -> Result<ScenarioFile, ExitCode> {
    ScenarioFile::of(scenario).map_err(|diagnostic| {
        errln!("{diagnostic}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// Prints a run as a text swimlane and its findings, or as its JSON document.
pub(super) fn print(
    run: &Recorded,
    scenario: Option<(&Arc<Scenario>, &ScenarioFile)>,
    format: Format,
    width: usize,
) {
    match format {
        Format::Text => {
            // One write, as every command prints its result (see `crate::output`).
            let mut text = export::text::to_text(&run.timeline, width);
            if let Some(note) = run.tape.note() {
                text.push_str(&format!("note: {note}\n"));
            }
            let asked = scenario.and_then(|(s, _)| export::quiz::asked(s, &run.timeline));
            if let Some(quiz) = asked {
                text.push_str(&format!("\n{}", export::quiz::to_text(quiz, &run.timeline)));
            }
            out!("{text}");
        }
        Format::Json => {
            let scenario = scenario.map(|(s, f)| (&**s, f));
            let doc = json::to_document(run, scenario, None);
            outln!("{}", json::to_json_string(&doc));
        }
    }
}
