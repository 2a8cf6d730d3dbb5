//! `taskscope record`: runs a scenario for real (or replays a saved run) and writes its run
//! view, drawn off-screen at a chosen size, as the recording `--out`'s extension names: an
//! asciicast (`.cast`), an animated SVG (`.svg`) or a GIF (`.gif`).

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::camera::{Camera, FRAME};
use super::size::Size;
use super::subject::{Subject, refuse_run_flags, saved_scenario};
use super::{ConsoleArg, EXIT_BAD_INPUT, EXIT_TIMEOUT, RuntimeName, ThemeName, bounds, written};
use crate::export::cast::CastVersion;
use crate::export::colors::Canvas;
use crate::export::media::{MediaFormat, MediaSetup, check_out, encoder};
use crate::feed::{self, Pace, Recorded};
use crate::limits::MAX_GIF_SIZE;
use crate::output::errln;
use crate::pyrun::PyRun;
use crate::runner::RunOptions;
use crate::scenario::Scenario;
use crate::source::{Drained, Entry, Item, Source, Status};
use crate::start;
use crate::ui::Theme;

/// Arguments of `taskscope record`.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// A built-in scenario name, a scenario file, a Python program (a `.py` file, its
    /// arguments after `--`), or a saved run (a `.json` file of `run --format json`), drawn
    /// as it was recorded.
    pub scenario: String,
    /// The file to write: `.cast` (asciicast), `.svg` (animated SVG) or `.gif`.
    #[arg(long)]
    pub out: PathBuf,
    /// The asciicast version of a `.cast`: 3 (asciinema 3, the default) or 2 (older players).
    #[arg(long, value_name = "2|3", value_parser = parse_cast_version)]
    pub cast_version: Option<CastVersion>,
    /// The recorded terminal's size: 80x24, 100x30, 120x40 or any WxH.
    #[arg(long, default_value = "100x30")]
    pub size: Size,
    /// Playback speed of the run (see `run --speed`; default 1).
    #[arg(long, allow_negative_numbers = true, value_parser = bounds::speed)]
    pub speed: Option<f64>,
    /// How long the last frame stays on screen after the run.
    #[arg(long, allow_hyphen_values = true, default_value = "3s", value_parser = bounds::hold)]
    pub hold: Duration,
    /// Colours: dark, light or high-contrast.
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
    /// Stop a run that has not ended after this long (default 60s); the file is still
    /// written; exit 3.
    #[arg(long, allow_hyphen_values = true, value_parser = bounds::timeout)]
    pub timeout: Option<Duration>,
    /// Also serve the run to tokio-console.
    #[command(flatten)]
    pub console: ConsoleArg,
    /// The event loop to run a scenario on: tokio, or CPython's asyncio.
    #[arg(long, value_enum)]
    pub runtime: Option<RuntimeName>,
    /// A Python program's arguments.
    #[arg(last = true, value_name = "ARGS")]
    pub script_args: Vec<String>,
}

/// How a recording looks and what it is written as.
#[derive(Clone, Debug)]
pub struct Look {
    /// The drawn terminal's size.
    pub size: Size,
    /// The view's colours and glyphs.
    pub theme: Theme,
    /// What the terminal's default colours stand for in pictures and players.
    pub canvas: Canvas,
    /// The file format.
    pub format: MediaFormat,
    /// How long the last frame stays after the run.
    pub hold: Duration,
}

/// A recording's file, whether its run was stopped at the timeout, and why it failed.
#[derive(Debug)]
pub struct Recording {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Whether the run was stopped at its timeout.
    pub timed_out: bool,
    /// Why the run's source failed, if it did (no suitable python3, a crashed child).
    pub failure: Option<String>,
}

/// Records what `args` names and writes the file; see the README for exit codes.
pub fn run(args: &RecordArgs) -> ExitCode {
    match record_command(args) {
        Ok(code) | Err(code) => code,
    }
}

fn record_command(args: &RecordArgs) -> Result<ExitCode, ExitCode> {
    let subject = Subject::from_arg(&args.scenario, &args.script_args)?;
    let format = check_out(&args.out, args.cast_version.unwrap_or_default()).map_err(bad)?;
    check_format(args, format).map_err(bad)?;
    let look = Look {
        size: args.size,
        theme: args.theme.theme(),
        canvas: args.theme.canvas(),
        format,
        hold: args.hold,
    };
    let timeout = args.timeout.unwrap_or(super::DEFAULT_TIMEOUT);
    let recorded = match subject {
        Subject::Scenario(scenario) => {
            let runtime = args.runtime.unwrap_or_default();
            super::console_fits(&args.console, runtime)?;
            let options = RunOptions {
                speed: args.speed.unwrap_or(1.0),
                console: args.console.start()?,
                ..RunOptions::default()
            };
            let source = start::start_headless(scenario.clone(), runtime.engine(), options);
            let recorded = record(scenario, source, &look, timeout);
            super::console::finish(options.console);
            recorded
        }
        Subject::Script(script) => {
            let file = &args.scenario;
            refuse_run_flags(
                file,
                "a Python program runs as it is, on asyncio",
                &[
                    ("--speed", args.speed.is_some()),
                    ("--console", args.console.console.is_some()),
                    ("--runtime", args.runtime.is_some()),
                ],
            )?;
            let source = Box::new(PyRun::script(&script, true));
            record(Arc::new(script.stand_in()), source, &look, timeout)
        }
        Subject::Saved(saved) => {
            let file = &args.scenario;
            refuse_run_flags(
                file,
                "it is a saved run, drawn as it was recorded",
                &[
                    ("--speed", args.speed.is_some()),
                    ("--timeout", args.timeout.is_some()),
                    ("--console", args.console.console.is_some()),
                    ("--runtime", args.runtime.is_some()),
                ],
            )?;
            let scenario = saved_scenario(&saved, file, "a recording")?;
            record_saved(scenario, &saved.run, &look).map(|bytes| Recording {
                bytes,
                timed_out: false,
                failure: None,
            })
        }
    };
    if let Ok(Recording {
        failure: Some(reason),
        ..
    }) = &recorded
    {
        errln!("taskscope: {reason}");
        return Err(ExitCode::from(super::EXIT_RUNTIME_FAILED));
    }
    if recorded.as_ref().is_ok_and(|r| r.timed_out) {
        errln!("taskscope: stopped after --timeout {timeout:?}: the recording ends there");
    }
    let recording = recorded.map_err(|e| {
        errln!("taskscope: cannot draw the recording: {e}");
        ExitCode::FAILURE
    })?;
    let what = format!("{} {}", args.size.with_article(), describe(format));
    written::write(&args.out, &recording.bytes, &what)?;
    Ok(if recording.timed_out {
        ExitCode::from(EXIT_TIMEOUT)
    } else {
        ExitCode::SUCCESS
    })
}

/// Films the run view of `source` (a run of `scenario`) as `look` says, frame by frame as
/// the run goes.
pub fn record(
    scenario: Arc<Scenario>,
    source: Box<dyn Source>,
    look: &Look,
    timeout: Duration,
) -> io::Result<Recording> {
    let mut sources = [source];
    let info = sources[0].info().clone();
    let encoder = encoder(look.format, &setup(&scenario, look));
    let mut camera = Camera::new(scenario, info, size(look), look.theme.clone(), encoder);
    // Drained twice a frame: every frame interval gets its frame.
    let pace = Pace {
        timeout,
        every: FRAME / 2,
    };
    let mut failure = None;
    let timed_out = feed::to_end(&mut sources, pace, |drained| {
        if let Some(Status::Failed(reason)) = drained.first().map(|d| &d.status) {
            failure = Some(reason.clone());
        }
        camera.take(drained.iter_mut().map(std::mem::take).collect());
    });
    let bytes = camera.finish(look.hold)?;
    Ok(Recording {
        bytes,
        timed_out,
        failure,
    })
}

/// Films a saved run of `scenario` as it unfolded: its tape handed over in the drains it
/// was recorded in (each up to a clock reading), with no run and no waiting, so the same
/// file gives the same frames every time.
pub fn record_saved(scenario: Arc<Scenario>, run: &Recorded, look: &Look) -> io::Result<Vec<u8>> {
    let info = run.timeline.info().clone();
    let encoder = encoder(look.format, &setup(&scenario, look));
    let mut camera = Camera::new(scenario, info, size(look), look.theme.clone(), encoder);
    let mut drained = Drained::default();
    for entry in run.tape.entries() {
        match entry {
            Entry::Item(item) => {
                let clock = matches!(item, Item::Clock(_));
                drained.batch.push(item.clone());
                if clock {
                    let next = Drained {
                        status: drained.status.clone(),
                        note: drained.note.clone(),
                        ..Drained::default()
                    };
                    camera.take(vec![std::mem::replace(&mut drained, next)]);
                }
            }
            Entry::Status(status) => drained.status = status.clone(),
            Entry::Note(note) => drained.note = note.clone(),
        }
    }
    camera.take(vec![drained]);
    camera.finish(look.hold)
}

fn size(look: &Look) -> (u16, u16) {
    (look.size.width, look.size.height)
}

fn setup(scenario: &Scenario, look: &Look) -> MediaSetup {
    MediaSetup {
        width: look.size.width,
        height: look.size.height,
        title: format!("taskscope: {} ({})", scenario.name, scenario.summary),
        canvas: look.canvas,
    }
}

/// What fits the format: `--cast-version` only for a cast, a GIF's size within its bound.
fn check_format(args: &RecordArgs, format: MediaFormat) -> Result<(), String> {
    let out = args.out.display();
    if args.cast_version.is_some() && !matches!(format, MediaFormat::Cast(_)) {
        return Err(format!(
            "--cast-version is for a .cast file, not {out} ({})",
            describe(format)
        ));
    }
    let most = Size {
        width: MAX_GIF_SIZE.0,
        height: MAX_GIF_SIZE.1,
    };
    if format == MediaFormat::Gif && !args.size.fits(most) {
        return Err(format!(
            "--size {} is too large for a GIF: at most {most} (9x18 pixels a cell)",
            args.size
        ));
    }
    Ok(())
}

// The GIF bound is within what the format can hold.
const _: () = assert!(
    MAX_GIF_SIZE.0 <= crate::export::gif::MAX_CELLS.0
        && MAX_GIF_SIZE.1 <= crate::export::gif::MAX_CELLS.1
);

/// A format in words.
fn describe(format: MediaFormat) -> &'static str {
    match format {
        MediaFormat::Cast(CastVersion::V3) => "asciicast v3",
        MediaFormat::Cast(CastVersion::V2) => "asciicast v2",
        MediaFormat::Svg => "animated SVG",
        MediaFormat::Gif => "GIF",
    }
}

fn parse_cast_version(text: &str) -> Result<CastVersion, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .and_then(CastVersion::from_number)
        .ok_or_else(|| format!("expected 2 or 3, found `{text}`"))
}

fn bad(message: String) -> ExitCode {
    errln!("taskscope: {message}");
    ExitCode::from(EXIT_BAD_INPUT)
}
