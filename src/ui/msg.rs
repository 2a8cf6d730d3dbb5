//! What `update` takes and what it gives back: messages in, effects out. In a file of their
//! own, so that every part of the dashboard can name them without importing `update`.

use std::sync::Arc;

use crossterm::event::{KeyEvent, MouseEvent};

use super::loader::Loaded;
use crate::attach::{AttachOptions, Target};
use crate::pyrun::Script;
use crate::scenario::Scenario;
use crate::source::{Drained, Engine, RunInfo, Tape};

/// What the dashboard opens on, or switches to.
#[derive(Clone, Debug, PartialEq)]
pub enum Launch {
    /// A run of this scenario on the next runs' runtime (`taskscope run X`, Enter in the
    /// menu).
    Run(Arc<Scenario>),
    /// Two runs at once, on one time axis, on the next runs' runtime (two marked in the
    /// menu).
    Compare([Arc<Scenario>; 2]),
    /// Two runs at once, each on its own runtime (`taskscope compare A B --runtimes ...`, the
    /// same scenario on tokio and on asyncio).
    CompareOn {
        /// The scenario drawn on top, then the one below.
        scenarios: [Arc<Scenario>; 2],
        /// The runtime of each.
        engines: [Engine; 2],
    },
    /// A Python program of the user's, run under the asyncio instrumentation
    /// (`taskscope python SCRIPT`).
    Script(Arc<Script>),
    /// Another process's lanes (`taskscope attach`).
    Attach {
        /// Its console-subscriber server.
        target: Target,
        /// How to attach.
        options: AttachOptions,
    },
    /// A saved run (`taskscope open FILE`), replayed from its tape.
    Open {
        /// What the run was.
        info: RunInfo,
        /// The scenario it ran (None for an attached process).
        scenario: Option<Arc<Scenario>>,
        /// For a saved attach session: the address it was attached to.
        attached: Option<String>,
        /// For a saved run of a Python program: the program (`r` runs it again).
        script: Option<Arc<Script>>,
        /// What its source handed over.
        tape: Arc<Tape>,
    },
    /// A run whose events the caller feeds itself (a recording, an image): no source starts.
    Show {
        /// The scenario it runs.
        scenario: Arc<Scenario>,
        /// What the run is.
        info: RunInfo,
        /// A picture of one instant: the run as it was live this far into it (ns of the
        /// scenario's own time), not the finished run.
        at: Option<u64>,
    },
}

/// Something that happened, for `update` to fold into the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse clicked or scrolled.
    Mouse(MouseEvent),
    /// The terminal has a new size (width, height).
    Resize(u16, u16),
    /// The sources handed over new events: one drain per source, in the order they were
    /// started (the run on top first).
    Events(Vec<Drained>),
    /// Open a screen (see [`Launch`]).
    Launch(Launch),
    /// Scenario files for the menu were read (see `loader.rs`).
    Loaded(Loaded),
    /// Nothing new: the derived data is brought up to date (tests send it after building a
    /// state by hand).
    Tick,
    /// SIGTERM, SIGHUP or SIGINT arrived: leave cleanly.
    Signal,
}

/// What the loop must do after an update.
#[must_use = "an effect does nothing until the loop carries it out"]
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Start running a scenario, feeding the run view.
    StartRun {
        /// The scenario.
        scenario: Arc<Scenario>,
        /// Its playback speed.
        speed: f64,
        /// The event loop it runs on.
        engine: Engine,
    },
    /// Start two scenarios at once, feeding the compare view's two runs.
    StartCompare {
        /// The one drawn on top, then the one below.
        scenarios: [Arc<Scenario>; 2],
        /// Their playback speed.
        speed: f64,
        /// The event loop of each.
        engines: [Engine; 2],
    },
    /// Start a Python program under the asyncio instrumentation, feeding the run view.
    StartScript(Arc<Script>),
    /// Attach to another process, feeding the attach view.
    Attach {
        /// Its console-subscriber server.
        target: Target,
        /// How to attach.
        options: AttachOptions,
    },
    /// Replay a saved run's tape, feeding the run view.
    Replay {
        /// What the run was.
        info: RunInfo,
        /// Its tape.
        tape: Arc<Tape>,
    },
    /// Stop whatever feeds the screen, if anything (never waits for it).
    StopRun,
    /// Leave the dashboard.
    Quit,
}

/// The effects of one update, in order.
#[must_use = "effects do nothing until the loop carries them out"]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects(Vec<Effect>);

impl Effects {
    /// No effect.
    pub fn none() -> Effects {
        Effects(Vec::new())
    }
}

impl From<Vec<Effect>> for Effects {
    fn from(effects: Vec<Effect>) -> Self {
        Effects(effects)
    }
}

impl std::ops::Deref for Effects {
    type Target = [Effect];

    fn deref(&self) -> &[Effect] {
        &self.0
    }
}

impl IntoIterator for Effects {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<const N: usize> PartialEq<[Effect; N]> for Effects {
    fn eq(&self, other: &[Effect; N]) -> bool {
        self.0 == other
    }
}

impl PartialEq<Vec<Effect>> for Effects {
    fn eq(&self, other: &Vec<Effect>) -> bool {
        &self.0 == other
    }
}
