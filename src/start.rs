//! Starting a scenario on the event loop a person chose: tokio (the runner, in this process)
//! or asyncio (a `python3` child). The headless commands, `record`, `export` and the
//! dashboard's driver all start runs here, and get a [`Source`] either way; without the
//! dashboard, taskscope's ending signals end an asyncio run's child too.

use std::sync::Arc;

use crate::pyrun::PyRun;
use crate::runner::{self, RunOptions};
use crate::scenario::Scenario;
use crate::source::{Engine, RunInfo, Source};

/// What a run of `scenario` on `engine` at `speed` is, before its first event.
pub fn run_info(scenario: &Scenario, engine: Engine, speed: f64) -> RunInfo {
    match engine {
        Engine::Tokio => runner::run_info(scenario, speed),
        Engine::Asyncio => RunInfo::asyncio(scenario.name.clone()).at_speed(speed),
    }
}

/// Starts `scenario` on `engine` and returns at once. `options.console` serves a tokio
/// runtime only (an asyncio run has none to serve).
pub fn start(scenario: Arc<Scenario>, engine: Engine, options: RunOptions) -> Box<dyn Source> {
    launch(scenario, engine, options, false)
}

/// [`start`] where no dashboard handles SIGTERM, SIGHUP and SIGINT (`run` and `compare`
/// headless, `record`, `export`): they end and reap an asyncio run's `python3` child, then
/// exit 128 + the signal's number (see [`crate::pyrun::live::end_on_signal`]).
pub fn start_headless(
    scenario: Arc<Scenario>,
    engine: Engine,
    options: RunOptions,
) -> Box<dyn Source> {
    launch(scenario, engine, options, true)
}

fn launch(
    scenario: Arc<Scenario>,
    engine: Engine,
    options: RunOptions,
    headless: bool,
) -> Box<dyn Source> {
    match engine {
        Engine::Tokio => Box::new(runner::start(scenario, options)),
        Engine::Asyncio => Box::new(PyRun::scenario(&scenario, options.speed, headless)),
    }
}
