//! `taskscope open FILE`: a saved run, in the dashboard with every tool of a finished run, or
//! printed again (`--headless`): the same text, and byte for byte the same JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{EXIT_BAD_INPUT, Format};
use crate::export::{self, json};
use crate::output::{errln, out, outln};
use crate::saved::{self, Saved};

/// Arguments of `taskscope open`.
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// The saved run: the JSON document of `run --headless --format json`,
    /// `export --format json` or `attach --headless --format json`.
    pub file: PathBuf,
    /// Print the run again instead of opening the dashboard.
    #[arg(long)]
    pub headless: bool,
    /// Output format with --headless.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Width of the text swimlane, in columns.
    #[arg(long, allow_negative_numbers = true, default_value_t = 100, value_parser = super::bounds::width)]
    pub width: usize,
    /// Ask the room no question before the replay (dashboard only).
    #[arg(long, conflicts_with = "headless")]
    pub no_quiz: bool,
}

/// Reads the saved run in `args.file`; a file that cannot be opened prints why (exit 2).
pub(super) fn read(args: &OpenArgs) -> Result<Saved, ExitCode> {
    saved::open(&args.file).map_err(|error| {
        errln!("taskscope: {error}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// `open FILE --headless`: prints the saved run as `run --headless` printed it.
pub fn run(args: &OpenArgs) -> ExitCode {
    let saved = match read(args) {
        Ok(saved) => saved,
        Err(code) => return code,
    };
    let timeline = &saved.run.timeline;
    match args.format {
        Format::Text => {
            // One write, as every command prints its result (see `crate::output`).
            let mut text = export::text::to_text(timeline, args.width);
            let scenario = saved.scenario_pair().map(|(s, _)| s);
            if let Some(quiz) = scenario.and_then(|s| export::quiz::asked(s, timeline)) {
                text.push_str(&format!("\n{}", export::quiz::to_text(quiz, timeline)));
            }
            if let Some(report) = &saved.attach {
                text.push_str(&format!("\n{}", report.text(timeline)));
            }
            out!("{text}");
        }
        Format::Json => {
            let attach = saved.document.attach.clone();
            let mut doc = json::to_document(&saved.run, saved.scenario_pair(), attach);
            doc.script = saved.document.script.clone();
            outln!("{}", json::to_json_string(&doc));
        }
    }
    ExitCode::SUCCESS
}
