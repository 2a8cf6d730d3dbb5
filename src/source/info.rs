//! What is known about a run before its first event: what it is called, which runtime it
//! runs on, and at what speed. Every source says it up front; the timeline and every view
//! read it.

use crate::scenario::{Flavor, Quiz, Scenario};

/// The event loop a run ran on, as the JSON's `runtime.flavor` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// A tokio runtime of this flavor.
    Tokio(Flavor),
    /// CPython's asyncio event loop, in a `python3` child process (one loop: worker 0 is
    /// its thread, the others are `asyncio.to_thread` threads).
    Asyncio,
}

impl Runtime {
    /// The name the status bar, the text export and the JSON (`runtime.flavor`) use.
    pub fn as_str(self) -> &'static str {
        match self {
            Runtime::Tokio(flavor) => flavor.as_str(),
            Runtime::Asyncio => "asyncio",
        }
    }

    /// Which of the two event loops it is.
    pub fn engine(self) -> Engine {
        match self {
            Runtime::Tokio(_) => Engine::Tokio,
            Runtime::Asyncio => Engine::Asyncio,
        }
    }
}

/// Which event loop runs a scenario: what `--runtime` and the menu choose. A tokio run takes
/// its flavor and workers from the scenario; an asyncio run has the one loop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Engine {
    /// An instrumented tokio runtime in this process.
    #[default]
    Tokio,
    /// CPython's asyncio loop in a `python3` child process.
    Asyncio,
}

impl Engine {
    /// Both, in the order a comparison of the two draws them.
    pub const ALL: [Engine; 2] = [Engine::Tokio, Engine::Asyncio];

    /// Its name on the command line and on screen (`tokio`, `asyncio`).
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Tokio => "tokio",
            Engine::Asyncio => "asyncio",
        }
    }

    /// The lesson a run of `scenario` on this loop shows: on asyncio, the `[asyncio]`
    /// lesson where the scenario has one.
    pub fn lesson(self, scenario: &Scenario) -> &str {
        match (self, &scenario.asyncio.lesson) {
            (Engine::Asyncio, Some(lesson)) => lesson,
            _ => &scenario.lesson,
        }
    }

    /// The question a run of `scenario` on this loop asks: on asyncio, the `[asyncio.quiz]`
    /// where the scenario has one, else `[quiz]` if asyncio can settle it (none otherwise).
    pub fn quiz(self, scenario: &Scenario) -> Option<&Quiz> {
        match self {
            Engine::Asyncio => scenario.asyncio.quiz.as_ref().or(scenario
                .quiz
                .as_ref()
                .filter(|quiz| crate::scenario::asks_on_asyncio(scenario, quiz))),
            Engine::Tokio => scenario.quiz.as_ref(),
        }
    }

    /// The other one (the menu's key switches).
    pub fn other(self) -> Engine {
        match self {
            Engine::Tokio => Engine::Asyncio,
            Engine::Asyncio => Engine::Tokio,
        }
    }
}

/// What is known about a run before its first event.
#[derive(Clone, Debug, PartialEq)]
pub struct RunInfo {
    /// The scenario's name (for an attached process: `attach ADDR`; for a Python script:
    /// its file name).
    pub scenario: String,
    /// The runtime it runs on.
    pub runtime: Runtime,
    /// Runtime worker threads (worker ids at or above this are blocking-pool threads).
    pub workers: u16,
    /// Playback speed: 2.0 halves every scripted duration, 0.5 doubles it (1.0 when the run
    /// is not scripted, as an attached process).
    pub speed: f64,
}

impl RunInfo {
    /// A run on a tokio runtime at normal speed.
    pub fn tokio(scenario: impl Into<String>, flavor: Flavor, workers: u16) -> RunInfo {
        RunInfo {
            scenario: scenario.into(),
            runtime: Runtime::Tokio(flavor),
            workers,
            speed: 1.0,
        }
    }

    /// A run on CPython's asyncio loop at normal speed: one worker, the loop's thread.
    pub fn asyncio(scenario: impl Into<String>) -> RunInfo {
        RunInfo {
            scenario: scenario.into(),
            runtime: Runtime::Asyncio,
            workers: 1,
            speed: 1.0,
        }
    }

    /// The runtime and its threads in a few words: `current_thread · 1 worker`,
    /// `multi_thread · 4 workers`, `asyncio · 1 loop`.
    pub fn runtime_words(&self) -> String {
        match (self.runtime, self.workers) {
            (Runtime::Asyncio, _) => "asyncio · 1 loop".to_string(),
            (runtime, 1) => format!("{} · 1 worker", runtime.as_str()),
            (runtime, n) => format!("{} · {n} workers", runtime.as_str()),
        }
    }

    /// The same, shorter: `current_thread×1`, `asyncio`.
    pub fn runtime_short(&self) -> String {
        match self.runtime {
            Runtime::Asyncio => "asyncio".to_string(),
            runtime => format!("{}×{}", runtime.as_str(), self.workers),
        }
    }

    /// The same run at `speed`.
    pub fn at_speed(self, speed: f64) -> RunInfo {
        RunInfo { speed, ..self }
    }
}
