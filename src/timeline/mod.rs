//! A pure fold of recorder events into lanes, statistics and findings.
//!
//! No I/O, no terminal, no tokio: feed it a source's batches ([`Timeline::feed`]), or metas
//! and events one by one (in any interleaving of threads, roughly in time order), and read
//! lanes back at any moment, live or after the run.
//!
//! The fold never panics and never produces backwards or overlapping segments: an event that
//! arrives a little late (earlier than the last transition of its lane) is clamped to that
//! transition's time.

mod feed;
mod findings;
mod fold;
mod format;
mod lane;
mod pending;
mod poll_label;
mod positions;
mod timers;
mod wake;
mod wakes;

#[cfg(test)]
mod tests;

use crate::record::{LabelId, TaskId, WorkerId};
use crate::source::RunInfo;

pub use findings::{Finding, FindingKind};
pub use format::{format_duration, scenario_ns};
pub use lane::{Busy, TaskLane, TaskStats, WorkerLane};
pub use pending::MAX_PENDING_EVENTS;
pub use wake::{Wake, WakeSource, WakerCount};

use findings::LongPoll;
use lane::Clock;
use pending::Pending;
use positions::Positions;

/// A poll that holds its worker at least this long counts as blocking: the text export marks
/// it and, if other tasks were ready meanwhile, it becomes a `blocked_worker` finding.
pub const BLOCKING_POLL_NS: u64 = 10_000_000;

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

impl State {
    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Running => "running",
            State::Scheduled => "scheduled",
            State::Waiting => "waiting",
        }
    }
}

/// One interval of one state in a task's lane. Half-open: `[start_ns, end_ns)`.
///
/// 24 bytes: a run keeps one per state change, so the worker and the label are stored as
/// plain integers with a "none" value (an `Option` of each would make it 32).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Start, ns since the run began.
    pub start_ns: u64,
    /// End, ns since the run began.
    pub end_ns: u64,
    label: LabelId,
    worker: WorkerId,
    /// The state.
    pub state: State,
}

/// The stored "none" of a segment's label and worker.
const NO_LABEL: LabelId = LabelId::MAX;
const NO_WORKER: WorkerId = WorkerId::MAX;

impl Segment {
    /// A segment of `state` over `[start_ns, end_ns)`.
    pub fn new(
        state: State,
        start_ns: u64,
        end_ns: u64,
        worker: Option<WorkerId>,
        label: Option<LabelId>,
    ) -> Self {
        Segment {
            start_ns,
            end_ns,
            label: label.unwrap_or(NO_LABEL),
            worker: worker.unwrap_or(NO_WORKER),
            state,
        }
    }

    /// Length in nanoseconds.
    pub fn duration_ns(&self) -> u64 {
        self.end_ns.saturating_sub(self.start_ns)
    }

    /// The polling thread, for `Running`.
    pub fn worker(&self) -> Option<WorkerId> {
        (self.worker != NO_WORKER).then_some(self.worker)
    }

    /// What the task waits on, for `Waiting` (and a due timer's `Scheduled`) where known.
    pub fn label(&self) -> Option<LabelId> {
        (self.label != NO_LABEL).then_some(self.label)
    }

    /// Whether this is a poll that held one of the runtime's `runtime_workers` (not a
    /// blocking-pool thread) for at least [`BLOCKING_POLL_NS`]: drawn as blocking.
    pub fn is_blocking(&self, runtime_workers: WorkerId) -> bool {
        self.state == State::Running
            && self.duration_ns() >= BLOCKING_POLL_NS
            && self.worker().is_some_and(|w| w < runtime_workers)
    }
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

impl Outcome {
    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Running => "running",
            Outcome::Ok => "ok",
            Outcome::Failed => "failed",
            Outcome::Panicked => "panicked",
            Outcome::Cancelled => "cancelled",
            Outcome::NeverPolled => "never_polled",
        }
    }
}

/// Everything known about one run: the lanes of its tasks and workers, folded from events.
///
/// Lanes are indexed by id (task ids are dense small integers), so applying an event is a
/// few field updates and at most a `Vec` push.
#[derive(Debug)]
pub struct Timeline {
    info: RunInfo,
    clock: Clock,
    finished: bool,
    dropped_events: u64,
    tasks: Vec<TaskLane>,
    workers: Vec<WorkerLane>,
    labels: Vec<Option<String>>,
    /// Closed polls of a runtime worker that lasted at least [`BLOCKING_POLL_NS`].
    long_polls: Vec<LongPoll>,
    /// Lanes with armed timers (see `timers.rs`).
    timer_lanes: Vec<TaskId>,
    /// Every scripted step started, in order: narration history and recording markers.
    steps: Vec<StepMark>,
    /// Events of tasks whose lane has not begun yet.
    pending: Pending,
    /// Where tasks are suspended (asyncio runs report it).
    positions: Positions,
}

/// A task began a scripted step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepMark {
    /// When, ns since the run began.
    pub at_ns: u64,
    /// Which task.
    pub task: TaskId,
    /// The step's id within the scenario.
    pub step: u32,
}

impl Timeline {
    /// An empty timeline for a run: the runtime workers' lanes exist (idle) from the start.
    pub fn new(info: RunInfo) -> Self {
        let clock = Clock::default();
        let workers = (0..info.workers)
            .map(|w| WorkerLane::new(w, false, clock.clone()))
            .collect();
        Timeline {
            info,
            clock,
            finished: false,
            timer_lanes: Vec::new(),
            steps: Vec::new(),
            dropped_events: 0,
            tasks: Vec::new(),
            workers,
            labels: Vec::new(),
            long_polls: Vec::new(),
            pending: Pending::default(),
            positions: Positions::default(),
        }
    }

    /// Records how many events the recorder could not deliver, so views can warn about gaps.
    pub fn set_dropped_events(&mut self, n: u64) {
        self.dropped_events = n;
    }

    /// Events lost: those the recorder reported, and those the fold could never place (a
    /// task whose lane never began, or more held at once than [`MAX_PENDING_EVENTS`]).
    pub fn dropped_events(&self) -> u64 {
        self.dropped_events + self.pending.dropped()
    }

    /// Whether [`Timeline::finish`] was called: lanes are final.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Wall time so far in ns since the run began (the final wall time once finished).
    pub fn now_ns(&self) -> u64 {
        self.clock.get()
    }

    /// The run's scenario and runtime.
    pub fn info(&self) -> &RunInfo {
        &self.info
    }

    /// `real_ns` of this run (a time or a length, as recorded) in the scenario's own time:
    /// what every view shows, whatever the speed it was played at.
    pub fn scenario_ns(&self, real_ns: u64) -> u64 {
        format::scenario_ns(real_ns, self.info.speed)
    }

    /// `real_ns` of this run written for people, in the scenario's own time ("2.00 s").
    pub fn show_ns(&self, real_ns: u64) -> String {
        format_duration(self.scenario_ns(real_ns))
    }

    /// Every task lane, indexed by [`TaskId`].
    pub fn tasks(&self) -> &[TaskLane] {
        &self.tasks
    }

    /// One task lane.
    pub fn task(&self, id: TaskId) -> Option<&TaskLane> {
        self.tasks.get(id as usize)
    }

    /// Worker lanes, indexed by [`WorkerId`]: runtime workers first, then blocking-pool threads.
    pub fn workers(&self) -> &[WorkerLane] {
        &self.workers
    }

    /// Every scripted step started so far, in time order: what the narration shows.
    pub fn steps(&self) -> &[StepMark] {
        &self.steps
    }

    /// The text of a label.
    pub fn label(&self, id: LabelId) -> Option<&str> {
        self.labels.get(id as usize)?.as_deref()
    }

    /// Heap bytes held by the lanes' closed segments, wakes and busy intervals, capacity
    /// included: what the timeline keeps per folded event (benchmarks divide it by the
    /// events).
    pub fn stored_bytes(&self) -> usize {
        let segments: usize = self.tasks.iter().map(|t| t.segments.capacity()).sum();
        let wakes: usize = self.tasks.iter().map(|t| t.wakes.capacity()).sum();
        let busy: usize = self.workers.iter().map(|w| w.busy.capacity()).sum();
        segments * std::mem::size_of::<Segment>()
            + wakes * std::mem::size_of::<Wake>()
            + busy * std::mem::size_of::<Busy>()
    }

    /// The wakes `task` made (as the waking task), with the task each one woke, in the
    /// order of the woken lanes: where the dashboard marks a wake on the waker's lane.
    pub fn woken_by(&self, task: TaskId) -> Vec<(TaskId, Wake)> {
        let woken = self.tasks.iter().flat_map(|lane| {
            let made = lane
                .wakes
                .iter()
                .filter(|w| w.source == WakeSource::Task(task));
            made.map(|w| (lane.id, *w))
        });
        woken.collect()
    }

    /// Nesting level of a task under its ancestors (0 for a root), for indentation.
    pub fn depth(&self, id: TaskId) -> usize {
        self.task(id).map_or(0, TaskLane::depth)
    }

    /// Task ids in display order: each task followed by its children (by id), depth first.
    pub fn lane_order(&self) -> Vec<TaskId> {
        let n = self.tasks.len();
        let mut children: Vec<Vec<TaskId>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for lane in &self.tasks {
            match lane.parent {
                Some(p) if (p as usize) < n && p != lane.id => children[p as usize].push(lane.id),
                _ => roots.push(lane.id),
            }
        }
        let mut order = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let mut stack: Vec<TaskId> = roots.into_iter().rev().collect();
        loop {
            while let Some(id) = stack.pop() {
                if std::mem::replace(&mut seen[id as usize], true) {
                    continue;
                }
                order.push(id);
                stack.extend(children[id as usize].iter().rev());
            }
            // Tasks in a parent cycle (bad input) are not reachable from a root: show them last.
            match seen.iter().position(|s| !s) {
                Some(i) => stack.push(i as TaskId),
                None => break,
            }
        }
        order
    }
}

impl Clone for Timeline {
    /// A deep copy with its own clock (lanes read "now" from their timeline's clock).
    fn clone(&self) -> Self {
        let clock = Clock::new(self.clock.get());
        let mut tasks = self.tasks.clone();
        tasks.iter_mut().for_each(|t| t.set_clock(clock.clone()));
        let mut workers = self.workers.clone();
        workers.iter_mut().for_each(|w| w.set_clock(clock.clone()));
        Timeline {
            info: self.info.clone(),
            clock,
            finished: self.finished,
            dropped_events: self.dropped_events,
            tasks,
            workers,
            labels: self.labels.clone(),
            long_polls: self.long_polls.clone(),
            timer_lanes: self.timer_lanes.clone(),
            steps: self.steps.clone(),
            pending: self.pending.clone(),
            positions: self.positions.clone(),
        }
    }
}
