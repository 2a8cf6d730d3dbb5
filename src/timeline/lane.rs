//! Task and worker lanes: the folded form of a run, read by the views and exports.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::poll_label::PollLabel;
use super::wake::{Wake, WakeSource};
use super::{BLOCKING_POLL_NS, Outcome, Segment, State};
use crate::record::{LabelId, TaskId, TaskKind, WorkerId};

/// The timeline's "now", shared with its lanes so that an open segment reads up to now
/// without touching every lane when the clock moves. Only the timeline writes it.
#[derive(Clone, Debug, Default)]
pub(super) struct Clock(Arc<AtomicU64>);

impl Clock {
    pub(super) fn new(ns: u64) -> Self {
        Clock(Arc::new(AtomicU64::new(ns)))
    }

    pub(super) fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }

    /// Moves the clock forward (never back).
    pub(super) fn advance(&self, ns: u64) {
        if ns > self.get() {
            self.0.store(ns, Ordering::Relaxed);
        }
    }
}

/// Per-task totals: what the task did with its life, including the open segment up to now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskStats {
    /// Polls started.
    pub polls: u64,
    /// Time spent running (sum of `Running` segments).
    pub busy_ns: u64,
    /// Time spent woken but waiting for a worker (sum of `Scheduled` segments).
    pub scheduled_ns: u64,
    /// Time spent pending (sum of `Waiting` segments).
    pub idle_ns: u64,
    /// Times its waker was called.
    pub wakes: u64,
}

impl TaskStats {
    pub(super) fn add(&mut self, state: State, ns: u64) {
        match state {
            State::Running => self.busy_ns += ns,
            State::Scheduled => self.scheduled_ns += ns,
            State::Waiting => self.idle_ns += ns,
        }
    }
}

/// One task's lane: who it is, its closed state segments, the open one, and how it ended.
#[derive(Clone, Debug)]
pub struct TaskLane {
    /// Its id (= its index in [`super::Timeline::tasks`]).
    pub id: TaskId,
    /// Its name, as the scenario called it.
    pub name: String,
    /// Task, blocking closure, `block_on` future or plain future.
    pub kind: TaskKind,
    /// The task that spawned it.
    pub parent: Option<TaskId>,
    /// Where the scenario spawned it (`file:line`).
    pub location: Option<String>,
    /// For a branch: the task whose polls it runs in (its parent, or its parent's host
    /// when its parent is a branch too).
    pub host: Option<TaskId>,
    /// How it ended, or `Running` while alive.
    pub outcome: Outcome,
    /// The error or panic text, for `Failed` / `Panicked`.
    pub error: Option<String>,
    /// When it was created, ns since the run began.
    pub spawned_ns: u64,
    /// When it ended; `None` while alive and for a task still alive when the run stopped.
    pub ended_ns: Option<u64>,
    pub(super) segments: Vec<Segment>,
    /// The open segment; its `end_ns` is meaningless until closed.
    pub(super) open: Option<Segment>,
    /// Time of the last transition: later events are clamped to it.
    pub(super) last_ns: u64,
    pub(super) spawned: bool,
    pub(super) woken_in_poll: bool,
    /// Stamp of the latest wake, to credit a wake delivered before the poll it happened in.
    pub(super) last_wake_ns: u64,
    pub(super) awaits: Vec<LabelId>,
    /// The scripted step the task is at (the last one it started).
    pub step: Option<u32>,
    /// Timers of awaits still open: (label, due, armed at).
    pub(super) timers: Vec<(LabelId, u64, u64)>,
    /// Every wake, in time order (see `wakes.rs`).
    pub(super) wakes: Vec<Wake>,
    /// What woke one of its branches just now: what wakes this lane through it.
    pub(super) branch_wake: Option<WakeSource>,
    pub(super) abort: Option<(u64, Option<TaskId>)>,
    pub(super) totals: TaskStats,
    pub(super) poll_label: PollLabel,
    pub(super) depth: usize,
    clock: Clock,
}

impl TaskLane {
    pub(super) fn new(id: TaskId, clock: Clock) -> Self {
        TaskLane {
            id,
            name: format!("task {id}"),
            kind: TaskKind::Task,
            parent: None,
            location: None,
            host: None,
            outcome: Outcome::Running,
            error: None,
            spawned_ns: 0,
            ended_ns: None,
            segments: Vec::new(),
            open: None,
            last_ns: 0,
            spawned: false,
            woken_in_poll: false,
            last_wake_ns: 0,
            awaits: Vec::new(),
            step: None,
            timers: Vec::new(),
            wakes: Vec::new(),
            branch_wake: None,
            abort: None,
            totals: TaskStats::default(),
            poll_label: PollLabel::default(),
            depth: 0,
            clock,
        }
    }

    pub(super) fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The closed segments, in time order, never overlapping.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The open segment, extended to the timeline's now.
    pub fn open(&self) -> Option<Segment> {
        self.open.map(|mut s| {
            s.end_ns = self.clock.get().max(s.start_ns);
            s
        })
    }

    /// The current state (of the open segment), if any.
    pub fn state(&self) -> Option<State> {
        self.open.map(|s| s.state)
    }

    /// The state at time `t`: `None` before the task was spawned, after it ended, or while it
    /// had no state (a future never polled).
    pub fn state_at(&self, t: u64) -> Option<State> {
        if !self.spawned || t < self.spawned_ns || self.ended_ns.is_some_and(|e| t >= e) {
            return None;
        }
        self.segment_at(t).map(|s| s.state)
    }

    /// The segment (closed or open) that covers time `t`.
    pub fn segment_at(&self, t: u64) -> Option<Segment> {
        let i = self.segments.partition_point(|s| s.end_ns <= t);
        match self.segments.get(i) {
            Some(s) if s.start_ns <= t => Some(*s),
            Some(_) => None,
            // The open segment covers everything from its start while the task lives.
            None => self.open().filter(|s| s.start_ns <= t),
        }
    }

    /// Index of the first closed segment that ends after `t`: where to start reading the lane
    /// for a window that begins at `t`.
    pub fn first_segment_after(&self, t: u64) -> usize {
        self.segments.partition_point(|s| s.end_ns <= t)
    }

    /// Totals, with the open segment counted up to now.
    pub fn stats(&self) -> TaskStats {
        let mut stats = self.totals;
        if let Some(open) = self.open() {
            stats.add(open.state, open.duration_ns());
        }
        stats
    }

    /// Nesting level under its ancestors (0 for a root), for indentation.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Whether it is a branch: a future run inside a task, not a task (see
    /// [`TaskKind::Branch`]).
    pub fn is_branch(&self) -> bool {
        self.kind.branch_of().is_some()
    }

    /// The task whose worker runs it: its host for a branch, else itself.
    pub fn host_or_self(&self) -> TaskId {
        self.host.unwrap_or(self.id)
    }

    /// Whether its first event arrived (a lane can exist from its meta alone, briefly, or as
    /// a placeholder for an id whose meta is late): views may skip lanes not yet spawned.
    pub fn is_spawned(&self) -> bool {
        self.spawned
    }

    /// Whether it was ever polled.
    pub fn was_polled(&self) -> bool {
        self.totals.polls > 0
    }

    /// The innermost labelled await still open: what the task is waiting on now.
    pub fn awaiting(&self) -> Option<LabelId> {
        self.awaits.last().copied()
    }

    /// When an abort of this task was requested, if one was.
    pub fn abort_requested_ns(&self) -> Option<u64> {
        self.abort.map(|a| a.0)
    }

    /// The task whose failure caused the abort of this one, if known.
    pub fn abort_cause(&self) -> Option<TaskId> {
        self.abort.and_then(|a| a.1)
    }

    /// How long it has lived: spawn to end, or to now while alive.
    pub fn lifetime_ns(&self) -> u64 {
        if !self.spawned {
            return 0;
        }
        let end = self.ended_ns.unwrap_or_else(|| self.clock.get());
        end.saturating_sub(self.spawned_ns)
    }
}

impl TaskLane {
    /// Opens a segment at `t`; the previous one must be closed.
    pub(super) fn open_segment(
        &mut self,
        state: State,
        t: u64,
        worker: Option<WorkerId>,
        label: Option<LabelId>,
    ) {
        debug_assert!(self.open.is_none());
        self.last_ns = self.last_ns.max(t);
        let start_ns = self.last_ns;
        self.open = Some(Segment::new(state, start_ns, start_ns, worker, label));
    }

    /// Closes the open segment (if any) at `t`, clamped to its start; empty segments are dropped.
    pub(super) fn close_segment(&mut self, t: u64) {
        let Some(mut seg) = self.open.take() else {
            return;
        };
        seg.end_ns = t.max(seg.start_ns);
        self.last_ns = self.last_ns.max(seg.end_ns);
        if seg.end_ns > seg.start_ns {
            self.totals.add(seg.state, seg.end_ns - seg.start_ns);
            self.segments.push(seg);
        }
    }
}

/// One busy interval of a worker: which task it polled, when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Busy {
    /// The task polled.
    pub task: TaskId,
    /// Poll start, ns since the run began.
    pub start_ns: u64,
    /// Poll end, ns since the run began.
    pub end_ns: u64,
}

impl Busy {
    /// Length in nanoseconds.
    pub fn duration_ns(&self) -> u64 {
        self.end_ns.saturating_sub(self.start_ns)
    }
}

/// One polling thread's lane: which task it polled when. Shows a worker held by one task.
#[derive(Clone, Debug)]
pub struct WorkerLane {
    /// Its id (= its index in [`super::Timeline::workers`]).
    pub index: WorkerId,
    /// A blocking-pool thread rather than a runtime worker.
    pub blocking_pool: bool,
    pub(super) busy: Vec<Busy>,
    /// The poll in progress: (task, start).
    pub(super) open: Option<(TaskId, u64)>,
    pub(super) last_ns: u64,
    clock: Clock,
}

impl WorkerLane {
    pub(super) fn new(index: WorkerId, blocking_pool: bool, clock: Clock) -> Self {
        WorkerLane {
            index,
            blocking_pool,
            busy: Vec::new(),
            open: None,
            last_ns: 0,
            clock,
        }
    }

    pub(super) fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Records a finished poll of `task` from `start` to `end` (dropped when empty).
    pub(super) fn push_busy_until(&mut self, start_ns: u64, end_ns: u64, task: TaskId) {
        let end_ns = end_ns.max(start_ns);
        self.last_ns = self.last_ns.max(end_ns);
        if end_ns > start_ns {
            self.busy.push(Busy {
                task,
                start_ns,
                end_ns,
            });
        }
    }

    /// Finished polls, in time order, never overlapping.
    pub fn busy(&self) -> &[Busy] {
        &self.busy
    }

    /// The poll in progress, extended to the timeline's now.
    pub fn open(&self) -> Option<Busy> {
        self.open.map(|(task, start_ns)| Busy {
            task,
            start_ns,
            end_ns: self.clock.get().max(start_ns),
        })
    }

    /// The task being polled at time `t`, if any.
    pub fn task_at(&self, t: u64) -> Option<TaskId> {
        let i = self.busy.partition_point(|b| b.end_ns <= t);
        match self.busy.get(i) {
            Some(b) if b.start_ns <= t => Some(b.task),
            Some(_) => None,
            None => self.open().filter(|b| b.start_ns <= t).map(|b| b.task),
        }
    }

    /// Whether `poll` (one of this lane's) held a runtime worker for at least
    /// [`BLOCKING_POLL_NS`]: drawn as blocking. A blocking-pool thread is there to be held.
    pub fn is_long_poll(&self, poll: &Busy) -> bool {
        !self.blocking_pool && poll.duration_ns() >= BLOCKING_POLL_NS
    }

    /// Total time spent polling, the open poll counted up to now.
    pub fn busy_ns(&self) -> u64 {
        let closed: u64 = self.busy.iter().map(Busy::duration_ns).sum();
        closed + self.open().map_or(0, |b| b.duration_ns())
    }
}
