//! `taskscope export`: runs a scenario to its end (or reads a saved run) and writes one
//! export of it: the run view as SVG, text or ANSI text, the JSON document, or a Chrome
//! trace.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::ValueEnum;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::size::Size;
use super::subject::{Subject, refuse_run_flags, saved_scenario};
use super::{EXIT_BAD_INPUT, EXIT_TIMEOUT, RuntimeName, ThemeName, bounds, written};
use crate::export::{chrome, file::check_writable, frame, json};
use crate::feed::{self, Pace, Recorded};
use crate::output::errln;
use crate::pyrun::PyRun;
use crate::runner::RunOptions;
use crate::scenario::Scenario;
use crate::source::{Replay, Source};
use crate::start;
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
    /// A built-in scenario name, a scenario file, a Python program (a `.py` file, its
    /// arguments after `--`), or a saved run (a `.json` file of `run --format json`).
    pub scenario: String,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Draw the view with the time cursor here (e.g. 1.5s into the run) instead of at the end.
    #[arg(long, allow_hyphen_values = true, value_parser = bounds::at)]
    pub at: Option<Duration>,
    /// Size of the drawn view (svg, text, ansi): 80x24, 100x30, 120x40 or any WxH.
    #[arg(long, default_value = "100x30")]
    pub size: Size,
    /// Playback speed of the run (see `run --speed`; default 1).
    #[arg(long, allow_negative_numbers = true, value_parser = bounds::speed)]
    pub speed: Option<f64>,
    /// Colours of the drawn view: dark, light or high-contrast.
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
    /// Stop a run that has not ended after this long (default 60s); the export is still
    /// written; exit 3.
    #[arg(long, allow_hyphen_values = true, value_parser = bounds::timeout)]
    pub timeout: Option<Duration>,
    /// The event loop to run a scenario on: tokio, or CPython's asyncio.
    #[arg(long, value_enum)]
    pub runtime: Option<RuntimeName>,
    /// A Python program's arguments.
    #[arg(last = true, value_name = "ARGS")]
    pub script_args: Vec<String>,
}

/// Runs the scenario (or reads the saved run) and writes the export; see the README for
/// exit codes.
pub fn run(args: &ExportArgs) -> ExitCode {
    match export_command(args) {
        Ok(code) | Err(code) => code,
    }
}

fn export_command(args: &ExportArgs) -> Result<ExitCode, ExitCode> {
    let subject = Subject::from_arg(&args.scenario, &args.script_args)?;
    if let Err(message) = check_writable(&args.out) {
        errln!("taskscope: {message}");
        return Err(ExitCode::from(EXIT_BAD_INPUT));
    }
    let timeout = args.timeout.unwrap_or(super::DEFAULT_TIMEOUT);
    let (contents, timed_out) = match subject {
        Subject::Scenario(scenario) => {
            let file = super::headless::scenario_file(&scenario)?;
            let options = RunOptions {
                speed: args.speed.unwrap_or(1.0),
                ..RunOptions::default()
            };
            let engine = args.runtime.unwrap_or_default().engine();
            let mut sources = [start::start_headless(scenario.clone(), engine, options)];
            let (mut runs, timed_out) = feed::record_to_end(&mut sources, Pace::headless(timeout));
            let run = runs.remove(0);
            if let Some(code) = super::failure(&run) {
                return Err(code);
            }
            let contents = match args.format {
                ExportFormat::Json => {
                    let doc = json::to_document(&run, Some((&scenario, &file)), None);
                    json::to_json_string(&doc) + "\n"
                }
                ExportFormat::Chrome => chrome_trace(&run),
                _ => picture(args, &scenario, &run),
            };
            (contents, timed_out)
        }
        Subject::Script(script) => {
            let flags = [
                ("--speed", args.speed.is_some()),
                ("--runtime", args.runtime.is_some()),
            ];
            refuse_run_flags(
                &args.scenario,
                "a Python program runs as it is, on asyncio",
                &flags,
            )?;
            let mut sources = [PyRun::script(&script, true)];
            let (mut runs, timed_out) = feed::record_to_end(&mut sources, Pace::headless(timeout));
            let run = runs.remove(0);
            if let Some(code) = super::failure(&run) {
                return Err(code);
            }
            let exit = sources[0].exit().map(|e| e.status);
            let contents = match args.format {
                ExportFormat::Json => {
                    let mut doc = json::to_document(&run, None, None);
                    doc.script = Some(super::python::script_json(&script, exit));
                    json::to_json_string(&doc) + "\n"
                }
                ExportFormat::Chrome => chrome_trace(&run),
                _ => picture(args, &Arc::new(script.stand_in()), &run),
            };
            (contents, timed_out)
        }
        Subject::Saved(saved) => {
            let file = &args.scenario;
            let flags = [
                ("--speed", args.speed.is_some()),
                ("--timeout", args.timeout.is_some()),
                ("--runtime", args.runtime.is_some()),
            ];
            refuse_run_flags(file, "it is a saved run, drawn as it was recorded", &flags)?;
            let contents = match args.format {
                ExportFormat::Json => {
                    let attach = saved.document.attach.clone();
                    let mut doc = json::to_document(&saved.run, saved.scenario_pair(), attach);
                    doc.script = saved.document.script.clone();
                    json::to_json_string(&doc) + "\n"
                }
                ExportFormat::Chrome => chrome_trace(&saved.run),
                _ => {
                    let scenario = saved_scenario(&saved, file, "a view")?;
                    picture(args, &scenario, &saved.run)
                }
            };
            (contents, false)
        }
    };
    if timed_out {
        errln!("taskscope: stopped after --timeout {timeout:?}: the export shows the run so far");
    }
    let what = match args.format {
        ExportFormat::Svg | ExportFormat::Text | ExportFormat::Ansi => {
            format!("the {} view as {}", args.size, describe(args.format))
        }
        _ => describe(args.format).to_string(),
    };
    written::write(&args.out, contents.as_bytes(), &what)?;
    Ok(if timed_out {
        ExitCode::from(EXIT_TIMEOUT)
    } else {
        ExitCode::SUCCESS
    })
}

/// The run view drawn as an SVG, text or ANSI text, with the cursor at `--at` if given.
fn picture(args: &ExportArgs, scenario: &Arc<Scenario>, run: &Recorded) -> String {
    let at = args
        .at
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    let buffer = render(scenario, run, args.size, args.theme.theme(), at);
    match args.format {
        ExportFormat::Svg => frame::to_svg(&buffer, args.theme.canvas()),
        ExportFormat::Ansi => frame::to_ansi(&buffer),
        _ => frame::to_plain(&buffer),
    }
}

fn chrome_trace(run: &Recorded) -> String {
    chrome::to_chrome_trace(&run.timeline).to_string()
}

/// An export format in words.
fn describe(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Svg => "an SVG image",
        ExportFormat::Text => "text",
        ExportFormat::Ansi => "ANSI text",
        ExportFormat::Json => "the run's JSON document",
        ExportFormat::Chrome => "a Chrome trace",
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
