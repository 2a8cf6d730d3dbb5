//! The [`Driver`] carries out `update`'s effects: it starts and stops the sources that feed
//! the screen (a run, two runs, an attach session, a saved run's replay) and drains them
//! into a message for `update`. It never touches the app's state, and never waits on a
//! scenario or on the network.

use super::msg::{Effect, Effects, Msg};
use crate::attach::Session;
use crate::pyrun::PyRun;
use crate::runner::RunOptions;
use crate::runner::console::ConsoleTap;
use crate::source::Engine;
use crate::source::{Replay, Source};
use crate::start;

/// Owns the sources feeding the screen, in the order of the runs they feed.
#[derive(Default)]
pub struct Driver {
    sources: Vec<Fed>,
    console: Option<ConsoleTap>,
}

/// A source, and whether it handed over its end.
struct Fed {
    source: Box<dyn Source>,
    over: bool,
}

impl Driver {
    /// A driver whose runs also report to tokio-console through `console`.
    pub fn with_console(console: Option<ConsoleTap>) -> Driver {
        Driver {
            console,
            ..Driver::default()
        }
    }

    /// Carries out `effects`; true when one of them is [`Effect::Quit`].
    pub fn execute(&mut self, effects: Effects) -> bool {
        let mut quit = false;
        for effect in effects {
            match effect {
                // A stepped run is a real, unstepped run: step mode only holds the view.
                Effect::StartRun {
                    scenario,
                    speed,
                    engine,
                } => {
                    let options = RunOptions {
                        speed,
                        console: self.console.filter(|_| engine == Engine::Tokio),
                        ..RunOptions::default()
                    };
                    self.feed(vec![start::start(scenario, engine, options)]);
                }
                Effect::StartCompare {
                    scenarios,
                    speed,
                    engines,
                } => {
                    // Both are started before either is drained: their clocks start together
                    // (an asyncio run's own clock starts once its child is up).
                    let options = RunOptions {
                        speed,
                        ..RunOptions::default()
                    };
                    let [a, b] = scenarios;
                    let runs = vec![
                        start::start(a, engines[0], options),
                        start::start(b, engines[1], options),
                    ];
                    self.feed(runs);
                }
                Effect::StartScript(script) => {
                    self.feed(vec![Box::new(PyRun::script(&script, false))]);
                }
                Effect::Attach { target, options } => {
                    self.feed(vec![Box::new(Session::connect(target, options))]);
                }
                Effect::Replay { info, tape } => {
                    let tape = std::sync::Arc::unwrap_or_clone(tape);
                    self.feed(vec![Box::new(Replay::new(info, tape))]);
                }
                // Dropping a source stops it without waiting for it.
                Effect::StopRun => {
                    self.sources.iter_mut().for_each(|f| f.source.stop());
                    self.sources.clear();
                }
                Effect::Quit => quit = true,
            }
        }
        quit
    }

    fn feed(&mut self, sources: Vec<Box<dyn Source>>) {
        self.sources = sources
            .into_iter()
            .map(|source| Fed {
                source,
                over: false,
            })
            .collect();
    }

    /// Whether a source may still hand over something that changes the picture.
    pub fn is_live(&self) -> bool {
        self.sources.iter().any(|f| !f.over)
    }

    /// What the sources handed over since the last call, as a message for `update`; None
    /// when every source is over (or there is none). Never waits.
    pub fn drain(&mut self) -> Option<Msg> {
        if !self.is_live() {
            return None;
        }
        let drained = self
            .sources
            .iter_mut()
            .map(|fed| {
                let drained = fed.source.drained();
                fed.over |= drained.batch.ends();
                drained
            })
            .collect();
        Some(Msg::Events(drained))
    }
}
