//! `taskscope export`: runs a scenario to its end and writes one export of it: the run view
//! as SVG, text or ANSI text, the JSON document, or a Chrome trace.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::ValueEnum;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::size::Size;
use super::{EXIT_BAD_INPUT, EXIT_TIMEOUT, ThemeName};
use crate::export::{chrome, file::write_atomically, frame, json};
use crate::feed::{self, Pace, Recorded};
use crate::runner::{self, RunOptions};
use crate::scenario::Scenario;
use crate::source::{Replay, Source};
use crate::ui::{App, Launch, Msg, Theme, update, view};

/// What `taskscope export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The run view as a standalone SVG image.
    Svg,
    /// The run view as plain text.
    Text,
    /// The run view as text with ANSI colours.
    Ansi,
    /// The JSON document of `run --format json`.
    Json,
    /// Chrome Trace Event Format, for Perfetto and chrome://tracing.
    Chrome,
}

/// Arguments of `taskscope export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A built-in scenario name or a path to a scenario file.
    pub scenario: String,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Draw the view with the time cursor here (e.g. 1.5s into the run) instead of at the end.
    #[arg(long, value_parser = super::parse_timeout)]
    pub at: Option<Duration>,
    /// Size of the drawn view (svg, text, ansi): 80x24, 100x30, 120x40 or any WxH.
    #[arg(long, default_value = "100x30")]
    pub size: Size,
    /// Playback speed of the run (see `run --speed`).
    #[arg(long, default_value_t = 1.0, value_parser = super::parse_speed)]
    pub speed: f64,
    /// Colours of the drawn view: dark, light or high-contrast.
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
    /// Stop a run that has not ended after this long; the export is still written; exit 3.
    #[arg(long, default_value = "60s", value_parser = super::parse_timeout)]
    pub timeout: Duration,
}

/// Runs the scenario and writes the export; see the README for exit codes.
pub fn run(args: &ExportArgs) -> ExitCode {
    let scenario = match super::scenario_arg(&args.scenario) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    let file = match super::headless::scenario_file(&scenario) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let options = RunOptions {
        speed: args.speed,
        ..RunOptions::default()
    };
    let mut sources = [runner::start(scenario.clone(), options)];
    let (mut runs, timed_out) = feed::record_to_end(&mut sources, Pace::headless(args.timeout));
    let run = runs.remove(0);
    let theme = args.theme.theme();
    let at = args
        .at
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    let contents = match args.format {
        ExportFormat::Json => {
            let doc = json::to_document(&run, Some((&scenario, &file)), None);
            json::to_json_string(&doc) + "\n"
        }
        ExportFormat::Chrome => chrome::to_chrome_trace(&run.timeline).to_string(),
        ExportFormat::Svg | ExportFormat::Text | ExportFormat::Ansi => {
            let buffer = render(&scenario, &run, args.size, theme, at);
            match args.format {
                ExportFormat::Svg => frame::to_svg(&buffer, args.theme.canvas()),
                ExportFormat::Ansi => frame::to_ansi(&buffer),
                _ => frame::to_plain(&buffer),
            }
        }
    };
    if let Err(message) = write_atomically(&args.out, contents.as_bytes()) {
        eprintln!("taskscope: {message}");
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    if timed_out {
        ExitCode::from(EXIT_TIMEOUT)
    } else {
        ExitCode::SUCCESS
    }
}

/// The run view of a finished run, drawn off-screen at `size` (its tape replayed into the
/// view as the dashboard shows a saved run), with the time cursor at `at` when given.
pub fn render(
    scenario: &Arc<Scenario>,
    run: &Recorded,
    size: Size,
    theme: Theme,
    at: Option<u64>,
) -> Buffer {
    let mut app = App::picture(theme, (size.width, size.height));
    let show = Launch::Show {
        scenario: scenario.clone(),
        info: run.timeline.info().clone(),
        at,
    };
    let _no_source_to_start = update(&mut app, Msg::Launch(show));
    let mut replay = Replay::new(run.timeline.info().clone(), run.tape.clone());
    let _none = update(&mut app, Msg::Events(vec![replay.drained()]));
    let area = Rect::new(0, 0, size.width, size.height);
    let mut buffer = Buffer::empty(area);
    view::draw(&app, area, &mut buffer);
    buffer
}
