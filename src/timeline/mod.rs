//! A pure fold of recorder events into lanes, statistics and findings.
//!
//! No I/O, no terminal, no tokio: feed it [`Meta`] and [`Event`]s (in any interleaving of
//! threads, roughly in time order) and read lanes back at any moment, live or after the run.

use crate::record::{EndKind, Event, LabelId, Meta, TaskId, TaskKind, WorkerId};
use crate::scenario::Flavor;

/// What is known about the run before its first event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunInfo {
    /// The scenario's name.
    pub scenario: String,
    /// The runtime flavor.
    pub flavor: Flavor,
    /// Runtime worker threads (worker ids at or above this are blocking-pool threads).
    pub workers: u16,
}

/// A task's state over an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Being polled.
    Running,
    /// Woken, waiting for a worker to poll it.
    Scheduled,
    /// Pending on something (a timer, a join, ...).
    Waiting,
}

/// One interval of one state in a task's lane. Half-open: `[start_ns, end_ns)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The state.
    pub state: State,
    /// Start, ns since the run began.
    pub start_ns: u64,
    /// End, ns since the run began.
    pub end_ns: u64,
    /// The polling thread, for `Running`.
    pub worker: Option<WorkerId>,
    /// What the task waits on, for `Waiting` where known.
    pub label: Option<LabelId>,
}

/// How a task's lane ends (or that it has not ended yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Still alive.
    Running,
    /// Returned normally.
    Ok,
    /// Returned an error.
    Failed,
    /// Panicked.
    Panicked,
    /// Dropped before it finished.
    Cancelled,
    /// A future created and dropped without ever being polled.
    NeverPolled,
}

// TEMPORARY STUB (replaced by the timeline branch).
/// stub
pub struct Timeline {
    info: RunInfo,
    /// stub
    pub events: Vec<Event>,
    /// stub
    pub metas: Vec<Meta>,
    finished: Option<u64>,
    now: u64,
}
#[allow(missing_docs, dead_code)]
impl Timeline {
    pub fn new(info: RunInfo) -> Self {
        Timeline {
            info,
            events: vec![],
            metas: vec![],
            finished: None,
            now: 0,
        }
    }
    pub fn apply_meta(&mut self, meta: Meta) {
        self.metas.push(meta);
    }
    pub fn apply(&mut self, event: Event) {
        self.events.push(event);
    }
    pub fn set_dropped_events(&mut self, _n: u64) {}
    pub fn advance(&mut self, now: u64) {
        self.now = now;
    }
    pub fn finish(&mut self, wall: u64) {
        self.finished = Some(wall);
        self.now = wall;
    }
    pub fn is_finished(&self) -> bool {
        self.finished.is_some()
    }
    fn _unused(
        &self,
    ) -> (
        &RunInfo,
        Option<(EndKind, LabelId, TaskId, TaskKind, WorkerId)>,
    ) {
        (&self.info, None)
    }
}
