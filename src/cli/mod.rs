//! The command line: what each subcommand takes, and where it is dispatched.

mod attach;
mod compare;
mod console;
mod export;
mod headless;
mod open;
mod record;
mod size;
mod theme_name;

pub use attach::AttachArgs;
pub use compare::{CompareArgs, CompareJson};
pub use console::ConsoleArg;
pub use export::{ExportArgs, ExportFormat, render};
pub use open::OpenArgs;
pub use record::{RecordArgs, record};
pub use size::Size;
pub use theme_name::ThemeName;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::scenario;
use crate::ui::{self, Launch, MenuEntry};
use std::sync::Arc;

/// Exit code for a malformed scenario or bad arguments.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code for a run stopped at its `--timeout`.
pub const EXIT_TIMEOUT: u8 = 3;
/// Exit code for a network address that could not be used: `--console` on a busy port,
/// `attach` to an address that does not answer or stopped answering.
pub const EXIT_UNAVAILABLE: u8 = 4;

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
    /// Run a scenario and record its run view as an asciicast v2 file (no terminal needed).
    Record(RecordArgs),
    /// Run a scenario and write it as an SVG image, text, ANSI text, JSON or a Chrome trace.
    Export(ExportArgs),
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
    #[arg(long, default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Stop a run that has not ended after this long ("60s", "500ms"); exit code 3.
    #[arg(long, default_value = "60s", value_parser = parse_timeout)]
    pub timeout: Duration,
    /// Width of the text swimlane, in columns.
    #[arg(long, default_value_t = 100)]
    pub width: usize,
    /// `--console [ADDR]`: also serve the run to tokio-console.
    #[command(flatten)]
    pub console: ConsoleArg,
    /// Step mode (dashboard only): the view holds at each step start; `n` shows the next.
    #[arg(long, conflicts_with = "headless")]
    pub step: bool,
}

/// Headless output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A compact swimlane in characters, then the findings.
    Text,
    /// The JSON document described in the README.
    Json,
}

fn parse_speed(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(speed) if speed.is_finite() && speed > 0.0 => Ok(speed),
        _ => Err(format!(
            "expected a positive number like 0.5, 1 or 4, found `{text}`"
        )),
    }
}

fn parse_timeout(text: &str) -> Result<Duration, String> {
    scenario::parse_duration(text).map_err(|e| format!("{e}: {}", scenario::DURATION_EXPECTED))
}

/// Parses the command line and runs the command; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        None => dashboard(&cli, None),
        Some(Command::List) => list(),
        Some(Command::Check { file }) => check(file),
        Some(Command::Run(args)) if args.headless => headless::run(args),
        Some(Command::Run(args)) => dashboard(&cli, Some(args)),
        Some(Command::Compare(args)) if args.headless => compare::run(args),
        Some(Command::Compare(args)) => compare_dashboard(&cli, args),
        Some(Command::Attach(args)) if args.headless => attach::run(args),
        Some(Command::Attach(args)) => attach_dashboard(&cli, args),
        Some(Command::Open(args)) if args.headless => open::run(args),
        Some(Command::Open(args)) => open_dashboard(&cli, args),
        Some(Command::Record(args)) => record::run(args),
        Some(Command::Export(args)) => export::run(args),
    }
}

/// The menu's entries: the built-ins; then the files named on the command line and the
/// `*.toml` files of `--scenarios DIR` (sorted), which the dashboard reads once it is up.
/// Files that do not parse are listed too.
fn menu_entries(
    cli: &Cli,
    run: Option<&RunArgs>,
) -> Result<(Vec<MenuEntry>, Vec<PathBuf>), String> {
    let entries = MenuEntry::builtins();
    let mut files = cli.files.clone();
    if let Some(args) = run
        && scenario::builtin(
            args.scenario
                .strip_prefix("builtin:")
                .unwrap_or(&args.scenario),
        )
        .is_none()
    {
        files.push(PathBuf::from(&args.scenario));
    }
    if let Some(dir) = &cli.scenarios {
        let read =
            std::fs::read_dir(dir).map_err(|e| format!("--scenarios {}: {e}", dir.display()))?;
        let mut found: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        found.sort();
        files.extend(found);
    }
    Ok((entries, files))
}

/// Opens the dashboard: on the menu, or straight on a run of `run`'s scenario.
fn dashboard(cli: &Cli, run: Option<&RunArgs>) -> ExitCode {
    let start = match run.map(|args| scenario::resolve(&args.scenario)) {
        Some(Ok(scenario)) => Some(Launch::Run(Arc::new(scenario))),
        Some(Err(diagnostic)) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        None => None,
    };
    let (entries, files) = match menu_entries(cli, run) {
        Ok(menu) => menu,
        Err(message) => {
            eprintln!("taskscope: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let console = match run.map(|args| args.console.start()) {
        Some(Ok(console)) => console,
        Some(Err(code)) => return code,
        None => None,
    };
    let options = ui::Options {
        entries,
        files,
        launch: start,
        step_mode: run.is_some_and(|args| args.step),
        speed: run.map_or(1.0, |args| args.speed),
        mouse: !cli.no_mouse,
        console,
        theme: cli.theme.theme(),
    };
    let code = show(options);
    console::finish(console);
    code
}

/// `taskscope compare A B`: the dashboard on both runs at once; Esc goes to the menu.
fn compare_dashboard(cli: &Cli, args: &CompareArgs) -> ExitCode {
    let mut pair = Vec::new();
    for name in [&args.left, &args.right] {
        match scenario::resolve(name) {
            Ok(s) => pair.push(Arc::new(s)),
            Err(diagnostic) => {
                eprintln!("{diagnostic}");
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        }
    }
    let (entries, files) = match menu_entries(cli, None) {
        Ok(menu) => menu,
        Err(message) => {
            eprintln!("taskscope: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let pair = <[Arc<scenario::Scenario>; 2]>::try_from(pair).ok();
    show(ui::Options {
        entries,
        files,
        launch: pair.map(Launch::Compare),
        step_mode: false,
        speed: args.speed,
        mouse: !cli.no_mouse,
        console: None,
        theme: cli.theme.theme(),
    })
}

/// `taskscope attach [ADDR]`: the run view on another process's lanes; Esc or q quits. A
/// session that failed for good exits 4, as the headless attach does.
fn attach_dashboard(cli: &Cli, args: &AttachArgs) -> ExitCode {
    let options = crate::attach::AttachOptions {
        workers: args.workers.unwrap_or_else(crate::attach::default_workers),
        ..crate::attach::AttachOptions::default()
    };
    let target = match crate::attach::Target::parse(&args.addr) {
        Ok(target) => target,
        Err(e) => {
            eprintln!("taskscope: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let options = ui::Options {
        entries: Vec::new(),
        files: Vec::new(),
        launch: Some(Launch::Attach { target, options }),
        step_mode: false,
        speed: 1.0,
        mouse: !cli.no_mouse,
        console: None,
        theme: cli.theme.theme(),
    };
    match ui::run(options) {
        Ok(ui::Ended {
            failure: Some(reason),
        }) => {
            eprintln!("taskscope: {reason}");
            ExitCode::from(EXIT_UNAVAILABLE)
        }
        ended => exit_code(ended.map(drop)),
    }
}

/// `taskscope open FILE`: the dashboard on a saved run, with every tool of a finished run;
/// Esc goes to the menu (its scenario listed there too).
fn open_dashboard(cli: &Cli, args: &OpenArgs) -> ExitCode {
    let saved = match open::read(args) {
        Ok(saved) => saved,
        Err(code) => return code,
    };
    let (mut entries, files) = match menu_entries(cli, None) {
        Ok(menu) => menu,
        Err(message) => {
            eprintln!("taskscope: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    if let Some(scenario) = &saved.scenario
        && !entries.iter().any(|e| e.origin == scenario.origin)
    {
        entries.push(MenuEntry::new((**scenario).clone()));
    }
    let info = saved.info().clone();
    let launch = Launch::Open {
        info: info.clone(),
        scenario: saved.scenario.clone(),
        attached: saved.attach.as_ref().map(|a| a.target.clone()),
        tape: Arc::new(saved.run.tape),
    };
    show(ui::Options {
        entries,
        files,
        launch: Some(launch),
        step_mode: false,
        speed: info.speed,
        mouse: !cli.no_mouse,
        console: None,
        theme: cli.theme.theme(),
    })
}

fn show(options: ui::Options) -> ExitCode {
    exit_code(ui::run(options).map(drop))
}

fn exit_code(ended: std::io::Result<()>) -> ExitCode {
    match ended {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("taskscope: the terminal failed: {error}");
            ExitCode::FAILURE
        }
    }
}

fn list() -> ExitCode {
    let builtins = scenario::builtins();
    let width = builtins.iter().map(|b| b.name.len()).max().unwrap_or(0);
    for builtin in builtins {
        let summary = scenario::builtin(builtin.name)
            .map(|s| s.summary)
            .unwrap_or_default();
        println!("{:width$}  {summary}", builtin.name);
    }
    ExitCode::SUCCESS
}

fn check(file: &std::path::Path) -> ExitCode {
    match scenario::load_file(file) {
        Ok(s) => {
            println!(
                "{}: ok: scenario `{}`, {} functions, {} runtime",
                file.display(),
                s.name,
                s.functions.len(),
                s.runtime.flavor.as_str()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// The scenario a command names (a built-in or a file); a bad one prints its diagnostic
/// and gives the exit code for bad input.
fn scenario_arg(name: &str) -> Result<Arc<scenario::Scenario>, ExitCode> {
    scenario::resolve(name).map(Arc::new).map_err(|diagnostic| {
        eprintln!("{diagnostic}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}
