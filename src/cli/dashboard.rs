//! The dashboard's commands: `taskscope` (the menu), `run`, `compare`, `attach`, `open` and
//! `python` without `--headless`, and the exit code each ends with.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::{
    AttachArgs, Cli, CompareArgs, EXIT_BAD_INPUT, EXIT_UNAVAILABLE, OpenArgs, PythonArgs, RunArgs,
    console, open,
};
use crate::output::{self, errln};
use crate::scenario;
use crate::source::Engine;
use crate::ui::{self, Launch, MenuEntry, terminal};

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
pub fn dashboard(cli: &Cli, run: Option<&RunArgs>) -> ExitCode {
    let start = match run.map(|args| scenario::resolve(&args.scenario)) {
        Some(Ok(scenario)) => Some(Launch::Run(Arc::new(scenario))),
        Some(Err(diagnostic)) => {
            errln!("{diagnostic}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        None => None,
    };
    let (entries, files) = match menu_entries(cli, run) {
        Ok(menu) => menu,
        Err(message) => {
            errln!("taskscope: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    if let Some(Err(code)) = run.map(|args| super::console_fits(&args.console, args.runtime)) {
        return code;
    }
    // Before the console's port is taken: `show` would refuse only after it.
    if let Err(code) = super::needs_terminal::check() {
        return code;
    }
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
        ask: !run.is_some_and(|args| args.no_quiz),
        speed: run.map_or(1.0, |args| args.speed),
        engine: run.map_or(Engine::Tokio, |args| args.runtime.engine()),
        mouse: !cli.no_mouse,
        console,
        theme: cli.theme.theme(),
    };
    let code = show(options);
    console::finish(console);
    code
}

/// `taskscope compare A B`: the dashboard on both runs at once, each on its runtime; Esc
/// goes to the menu.
pub fn compare_dashboard(cli: &Cli, args: &CompareArgs) -> ExitCode {
    let mut pair = Vec::new();
    for name in [&args.left, args.right.as_ref().unwrap_or(&args.left)] {
        match scenario::resolve(name) {
            Ok(s) => pair.push(Arc::new(s)),
            Err(diagnostic) => {
                errln!("{diagnostic}");
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        }
    }
    let (entries, files) = match menu_entries(cli, None) {
        Ok(menu) => menu,
        Err(message) => {
            errln!("taskscope: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let pair = <[Arc<scenario::Scenario>; 2]>::try_from(pair).ok();
    show(ui::Options {
        entries,
        files,
        launch: pair.map(|scenarios| Launch::CompareOn {
            scenarios,
            engines: args.runtimes,
        }),
        step_mode: false,
        ask: true,
        speed: args.speed,
        engine: args.runtimes[0],
        mouse: !cli.no_mouse,
        console: None,
        theme: cli.theme.theme(),
    })
}

/// `taskscope python SCRIPT`: the dashboard on a program of the user's; its output is kept
/// while the dashboard is up and printed when it closes, and its exit status (when not 0)
/// becomes taskscope's.
pub fn python_dashboard(cli: &Cli, args: &PythonArgs) -> ExitCode {
    let script = match super::python::script_arg(args.script(), args.args().to_vec()) {
        Ok(script) => Arc::new(script),
        Err(code) => return code,
    };
    let (entries, files) = match menu_entries(cli, None) {
        Ok(menu) => menu,
        Err(message) => {
            errln!("taskscope: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let code = show(ui::Options {
        entries,
        files,
        launch: Some(Launch::Script(script.clone())),
        step_mode: false,
        ask: true,
        speed: 1.0,
        engine: Engine::Asyncio,
        mouse: !cli.no_mouse,
        console: None,
        theme: cli.theme.theme(),
    });
    let name = script.name();
    super::python::print_output(&name, &script.log);
    if code != ExitCode::SUCCESS {
        return code;
    }
    if let Some(reason) = script.log.failure() {
        errln!("taskscope: {reason}");
        return ExitCode::from(super::EXIT_RUNTIME_FAILED);
    }
    super::python::exit_code(&name, script.log.exit())
}

/// `taskscope attach [ADDR]`: the run view on another process's lanes; Esc or q quits. A
/// session that failed for good exits 4, as the headless attach does.
pub fn attach_dashboard(cli: &Cli, args: &AttachArgs) -> ExitCode {
    let options = crate::attach::AttachOptions {
        workers: args.workers.unwrap_or_else(crate::attach::default_workers),
        ..crate::attach::AttachOptions::default()
    };
    let target = match crate::attach::Target::parse(&args.addr) {
        Ok(target) => target,
        Err(e) => {
            errln!("taskscope: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let options = ui::Options {
        entries: Vec::new(),
        files: Vec::new(),
        launch: Some(Launch::Attach { target, options }),
        step_mode: false,
        ask: true,
        speed: 1.0,
        engine: Engine::Tokio,
        mouse: !cli.no_mouse,
        console: None,
        theme: cli.theme.theme(),
    };
    show(options)
}

/// `taskscope open FILE`: the dashboard on a saved run, with every tool of a finished run;
/// Esc goes to the menu (its scenario listed there too).
pub fn open_dashboard(cli: &Cli, args: &OpenArgs) -> ExitCode {
    let saved = match open::read(args) {
        Ok(saved) => saved,
        Err(code) => return code,
    };
    let (mut entries, files) = match menu_entries(cli, None) {
        Ok(menu) => menu,
        Err(message) => {
            errln!("taskscope: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    if let Some(scenario) = saved.scenario.as_ref().filter(|_| saved.script.is_none())
        && !entries.iter().any(|e| e.origin == scenario.origin)
    {
        entries.push(MenuEntry::new((**scenario).clone()));
    }
    let info = saved.info().clone();
    let launch = Launch::Open {
        info: info.clone(),
        scenario: saved.scenario.clone(),
        attached: saved.attach.as_ref().map(|a| a.target.clone()),
        script: saved.script.clone(),
        tape: Arc::new(saved.run.tape),
    };
    show(ui::Options {
        entries,
        files,
        launch: Some(launch),
        step_mode: false,
        ask: !args.no_quiz,
        speed: info.speed,
        engine: info.runtime.engine(),
        mouse: !cli.no_mouse,
        console: None,
        theme: cli.theme.theme(),
    })
}

/// Runs the dashboard; its exit code: 0, or 128 + the signal that ended it, 4 after an
/// attach session failed for good (as headless), 2 without a terminal to draw on (see
/// [`super::needs_terminal`]), 1 if the terminal failed.
fn show(options: ui::Options) -> ExitCode {
    if let Err(code) = super::needs_terminal::check() {
        return code;
    }
    let ended = ui::run(options);
    if let Some(signal) = terminal::received_signal() {
        return ExitCode::from(terminal::signal_status(signal));
    }
    match ended {
        Ok(ui::Ended {
            failure: Some(reason),
        }) => {
            errln!("taskscope: {reason}");
            ExitCode::from(EXIT_UNAVAILABLE)
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => output::closed_pipe(),
        Err(error) => {
            errln!("taskscope: the terminal failed: {error}");
            ExitCode::FAILURE
        }
    }
}
