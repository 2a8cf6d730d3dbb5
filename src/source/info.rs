//! What is known about a run before its first event: what it is called, which runtime it
//! runs on, and at what speed. Every source says it up front; the timeline and every view
//! read it.

use crate::scenario::Flavor;

/// The event loop a run ran on, as the JSON's `runtime.flavor` names it. Only tokio today;
/// CPython's asyncio loop is meant to join it as a variant of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// A tokio runtime of this flavor.
    Tokio(Flavor),
}

impl Runtime {
    /// The name the status bar, the text export and the JSON (`runtime.flavor`) use.
    pub fn as_str(self) -> &'static str {
        match self {
            Runtime::Tokio(flavor) => flavor.as_str(),
        }
    }
}

/// What is known about a run before its first event.
#[derive(Clone, Debug, PartialEq)]
pub struct RunInfo {
    /// The scenario's name (for an attached process: `attach ADDR`).
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

    /// The same run at `speed`.
    pub fn at_speed(self, speed: f64) -> RunInfo {
        RunInfo { speed, ..self }
    }
}
