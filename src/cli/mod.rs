//! The command line: what each subcommand takes, and where it is dispatched.

mod attach;
mod bounds;
mod camera;
mod compare;
mod console;
mod dashboard;
mod export;
mod headless;
mod needs_terminal;
mod open;
mod python;
mod record;
mod runtime_name;
mod size;
mod subject;
mod theme_name;
mod written;

pub use attach::AttachArgs;
pub use compare::{CompareArgs, CompareJson};
pub use console::ConsoleArg;
pub use export::{ExportArgs, ExportFormat, render};
pub use open::OpenArgs;
pub use python::PythonArgs;
pub use record::{Look, RecordArgs, Recording, record, record_saved};
pub use runtime_name::{RuntimeName, runtime_pair};
pub use size::Size;
pub use theme_name::ThemeName;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

use crate::output::{errln, out, outln};
use crate::scenario;

/// Exit code for a malformed scenario or bad arguments.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code for a run stopped at its `--timeout`.
pub const EXIT_TIMEOUT: u8 = 3;
/// Exit code for a network address that could not be used: `--console` on a busy port,
/// `attach` to an address that does not answer or stopped answering.
pub const EXIT_UNAVAILABLE: u8 = 4;
/// Exit code for a run whose runtime failed: no suitable `python3` for an asyncio run, a
/// child that crashed or sent what is not taskscope's event stream.
pub const EXIT_RUNTIME_FAILED: u8 = 5;

/// How long a run may go before it is stopped, unless `--timeout` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// taskscope: see what tokio does with your tasks.
#[derive(Debug, Parser)]
#[command(name = "taskscope", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without a command, the dashboard opens on the scenario menu.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario files to offer in the menu besides the built-ins.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Offer every `*.toml` scenario file of this folder in the menu too.
    #[arg(long, value_name = "DIR", global = true)]
    pub scenarios: Option<PathBuf>,
    /// Do not capture the mouse (leaves the terminal's own selection working).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Colours of the dashboard: dark, light or high-contrast (colour-blind safe).
    #[arg(long, value_enum, global = true, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the built-in scenarios with their summaries.
    List,
    /// Validate a scenario file: exit 0 when it is valid, 2 with a diagnostic when not.
    Check {
        /// The scenario file.
        file: PathBuf,
    },
    /// Run a scenario (a built-in name or a file).
    Run(RunArgs),
    /// Run two scenarios at once and show them on one time axis.
    Compare(CompareArgs),
    /// Draw the lanes of another process instrumented with console-subscriber.
    Attach(AttachArgs),
    /// Open a saved run (the JSON of `run --format json`) in the dashboard, or print it again.
    Open(OpenArgs),
    /// Run a scenario (or replay a saved run) and record its run view as an asciicast, an
    /// animated SVG or a GIF (no terminal needed).
    Record(RecordArgs),
    /// Run a scenario (or read a saved run) and write it as an SVG image, text, ANSI text,
    /// JSON or a Chrome trace.
    Export(ExportArgs),
    /// Run a Python program of your own (asyncio, CPython 3.11+) under taskscope's
    /// instrumentation, unchanged, and draw its tasks.
    Python(PythonArgs),
}

/// Arguments of `taskscope run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A built-in scenario name (see `taskscope list`) or a path to a scenario file.
    pub scenario: String,
    /// Print the result instead of opening the dashboard (without it, the dashboard opens
    /// on this run; Esc goes to the menu).
    #[arg(long)]
    pub headless: bool,
    /// Output format with --headless.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Playback speed: 0.5 makes every scripted duration twice as long, 4 four times shorter.
    #[arg(long, allow_negative_numbers = true, default_value_t = 1.0, value_parser = bounds::speed)]
    pub speed: f64,
    /// Stop a run that has not ended after this long ("60s", "500ms"); exit code 3.
    #[arg(long, allow_hyphen_values = true, default_value = "60s", value_parser = bounds::timeout)]
    pub timeout: Duration,
    /// Width of the text swimlane, in columns.
    #[arg(long, allow_negative_numbers = true, default_value_t = 100, value_parser = bounds::width)]
    pub width: usize,
    /// `--console [ADDR]`: also serve the run to tokio-console.
    #[command(flatten)]
    pub console: ConsoleArg,
    /// Step mode (dashboard only): the view holds at each step start; `n` shows the next.
    #[arg(long, conflicts_with = "headless")]
    pub step: bool,
    /// Ask the room no question before the runs (dashboard only; the menu's ctrl-a asks
    /// again).
    #[arg(long, conflicts_with = "headless")]
    pub no_quiz: bool,
    /// The event loop to run it on: tokio, or CPython's asyncio (a `python3` child).
    #[arg(long, value_enum, default_value_t = RuntimeName::Tokio)]
    pub runtime: RuntimeName,
}

/// Headless output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A compact swimlane in characters, then the findings.
    Text,
    /// The JSON document described in the README.
    Json,
}

/// Parses the command line and runs the command; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        None => dashboard::dashboard(&cli, None),
        Some(Command::List) => list(),
        Some(Command::Check { file }) => check(file),
        Some(Command::Run(args)) if args.headless => headless::run(args),
        Some(Command::Run(args)) => dashboard::dashboard(&cli, Some(args)),
        Some(Command::Compare(args)) if args.headless => compare::run(args),
        Some(Command::Compare(args)) => dashboard::compare_dashboard(&cli, args),
        Some(Command::Attach(args)) if args.headless => attach::run(args),
        Some(Command::Attach(args)) => dashboard::attach_dashboard(&cli, args),
        Some(Command::Open(args)) if args.headless => open::run(args),
        Some(Command::Open(args)) => dashboard::open_dashboard(&cli, args),
        Some(Command::Record(args)) => record::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Python(args)) if args.headless => python::run(args),
        Some(Command::Python(args)) => dashboard::python_dashboard(&cli, args),
    }
}

fn list() -> ExitCode {
    let builtins = scenario::builtins();
    let width = builtins.iter().map(|b| b.name.len()).max().unwrap_or(0);
    // One write, as every command prints its result (see `crate::output`).
    let mut text = String::new();
    for builtin in builtins {
        let summary = scenario::builtin(builtin.name)
            .map(|s| s.summary)
            .unwrap_or_default();
        text.push_str(&format!("{:width$}  {summary}\n", builtin.name));
    }
    out!("{text}");
    ExitCode::SUCCESS
}

fn check(file: &std::path::Path) -> ExitCode {
    match scenario::load_file(file) {
        Ok(s) => {
            outln!(
                "{}: ok: scenario `{}`, {} functions, {} runtime",
                file.display(),
                s.name,
                s.functions.len(),
                s.runtime.flavor.as_str()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostic) => {
            errln!("{diagnostic}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// `--console` asks for a tokio runtime to serve: an error for an asyncio run.
fn console_fits(console: &ConsoleArg, runtime: RuntimeName) -> Result<(), ExitCode> {
    if console.console.is_some() && runtime == RuntimeName::Asyncio {
        errln!("taskscope: --console serves a tokio runtime; an asyncio run has none to serve");
        return Err(ExitCode::from(EXIT_BAD_INPUT));
    }
    Ok(())
}

/// Says why a run failed (its source's status at the end), if it did: the exit code for a
/// failed runtime.
fn failure(run: &crate::feed::Recorded) -> Option<ExitCode> {
    let reason = run.tape.status()?.error()?;
    if matches!(run.tape.status(), Some(crate::source::Status::Failed(_))) {
        errln!("taskscope: {reason}");
        return Some(ExitCode::from(EXIT_RUNTIME_FAILED));
    }
    None
}

/// The scenario a command names (a built-in or a file); a bad one prints its diagnostic
/// and gives the exit code for bad input.
fn scenario_arg(name: &str) -> Result<Arc<scenario::Scenario>, ExitCode> {
    scenario::resolve(name).map(Arc::new).map_err(|diagnostic| {
        errln!("{diagnostic}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}
