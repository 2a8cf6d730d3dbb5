//! `taskscope record`: runs a scenario for real and writes an asciicast v2 file of the run
//! view, drawn off-screen at a chosen size, with markers at findings and narration.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::size::Size;
use super::{ConsoleArg, EXIT_BAD_INPUT, EXIT_TIMEOUT, ThemeName};
use crate::export::cast::CastWriter;
use crate::export::file::write_atomically;
use crate::feed::{self, Pace};
use crate::runner::{self, RunOptions};
use crate::scenario::Scenario;
use crate::source::Source;
use crate::timeline::{FindingKind, Timeline};
use crate::ui::{App, Launch, Msg, Theme, update, view};

/// Frames a second in a recording: smooth enough, and small files.
const FPS: u64 = 30;

/// Arguments of `taskscope record`.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// A built-in scenario name or a path to a scenario file.
    pub scenario: String,
    /// The asciicast file to write (`freeze.cast`).
    #[arg(long)]
    pub out: PathBuf,
    /// The recorded terminal's size: 80x24, 100x30, 120x40 or any WxH.
    #[arg(long, default_value = "100x30")]
    pub size: Size,
    /// Playback speed of the run (see `run --speed`).
    #[arg(long, default_value_t = 1.0, value_parser = super::parse_speed)]
    pub speed: f64,
    /// How long the last frame stays on screen after the run.
    #[arg(long, default_value = "3s", value_parser = super::parse_timeout)]
    pub hold: Duration,
    /// Colours: dark, light or high-contrast.
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
    /// Stop a run that has not ended after this long; the file is still written; exit 3.
    #[arg(long, default_value = "60s", value_parser = super::parse_timeout)]
    pub timeout: Duration,
    /// Also serve the run to tokio-console.
    #[command(flatten)]
    pub console: ConsoleArg,
}

/// Records the scenario named in `args` and writes the file; see the README for exit codes.
pub fn run(args: &RecordArgs) -> ExitCode {
    let scenario = match super::scenario_arg(&args.scenario) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    let mut options = RunOptions {
        speed: args.speed,
        ..RunOptions::default()
    };
    match args.console.start() {
        Ok(tap) => options.console = tap,
        Err(code) => return code,
    }
    let theme = args.theme.theme();
    let recorded = record(scenario, options, args.size, theme, args.hold, args.timeout);
    super::console::finish(options.console);
    let (cast, timed_out) = match recorded {
        Ok(done) => done,
        Err(e) => {
            eprintln!("taskscope: cannot draw the recording: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(message) = write_atomically(&args.out, cast.as_bytes()) {
        eprintln!("taskscope: {message}");
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    eprintln!("taskscope: wrote {} ({})", args.out.display(), args.size);
    if timed_out {
        ExitCode::from(EXIT_TIMEOUT)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs `scenario` and returns the asciicast text of its run view at `size`, and whether
/// the run was stopped at `timeout`.
pub fn record(
    scenario: Arc<Scenario>,
    options: RunOptions,
    size: Size,
    theme: Theme,
    hold: Duration,
    timeout: Duration,
) -> std::io::Result<(String, bool)> {
    let mut sources = [runner::start(scenario.clone(), options)];
    let mut app = App::picture(theme, (size.width, size.height));
    let show = Launch::Show {
        scenario: scenario.clone(),
        info: sources[0].info().clone(),
        at: None,
    };
    let _no_source_to_start = update(&mut app, Msg::Launch(show));
    let mut cast = CastWriter::new(size.width, size.height)?;
    let mut markers = Markers::default();
    let mut failed = None;
    let pace = Pace {
        timeout,
        every: Duration::from_millis(1000 / FPS),
    };
    let timed_out = feed::to_end(&mut sources, pace, |drained| {
        let drained = drained.iter_mut().map(std::mem::take).collect();
        let _none = update(&mut app, Msg::Events(drained));
        let Some(run) = app.run() else { return };
        let at = Duration::from_nanos(run.timeline.now_ns());
        markers.add_new(&scenario, &run.timeline, at, &mut cast);
        if failed.is_none()
            && let Err(e) = cast.frame(at, |frame| view::view(&app, frame))
        {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let at = app.run().map_or(0, |r| r.timeline.now_ns());
    cast.hold_until(Duration::from_nanos(at) + hold);
    Ok((cast.finish(&title(&scenario)), timed_out))
}

fn title(scenario: &Scenario) -> String {
    format!("taskscope: {} ({})", scenario.name, scenario.summary)
}

/// Which findings and narration captions already have a marker.
#[derive(Default)]
struct Markers {
    steps_seen: usize,
    findings_seen: HashSet<(FindingKind, u64)>,
}

impl Markers {
    /// A marker for each caption and finding that appeared since the last call.
    fn add_new(
        &mut self,
        scenario: &Scenario,
        timeline: &Timeline,
        at: Duration,
        cast: &mut CastWriter,
    ) {
        for mark in &timeline.steps()[self.steps_seen..] {
            if let Some(say) = scenario.step(mark.step).and_then(|s| s.say.as_deref()) {
                cast.marker(Duration::from_nanos(mark.at_ns).min(at), say);
            }
        }
        self.steps_seen = timeline.steps().len();
        for finding in timeline.findings() {
            let summary = finding.kind == FindingKind::Concurrency;
            if !summary && self.findings_seen.insert((finding.kind, finding.start_ns)) {
                cast.marker(at, &finding.message);
            }
        }
    }
}
