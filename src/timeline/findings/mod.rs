//! Findings: the sentences a run teaches ("worker 0 blocked 2.00 s ..."), computed from lanes.
//! Every duration in them is in the scenario's own time ([`Timeline::show_ns`]), whatever the
//! speed the run was played at; the thresholds that describe the runtime (a poll holding a
//! worker 10 ms) are real time.
//!
//! One file per family: `blocked.rs` (polls that held a worker), `endings.rs` (failures,
//! panics, forgotten futures, cancelled tasks), `dropped.rs` (branches a timeout, a race or a
//! cancellation dropped).

mod blocked;
mod dropped;
mod endings;

use super::Timeline;
use crate::record::{TaskId, TaskKind};

pub(super) use blocked::LongPoll;

/// What a finding is about; views pick an icon or colour by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// One poll held a runtime worker ≥ 10 ms while other tasks were ready.
    BlockedWorker,
    /// One poll held a runtime worker ≥ 10 ms, but no other task was kept waiting by it
    /// (nothing else was ready, or the other workers took over).
    LongPoll,
    /// Tasks were cancelled (grouped by the failure that caused it), or a branch was
    /// dropped unfinished (by a timeout, a race's winner, a cancelled token).
    Cancelled,
    /// A future was created but never awaited.
    NeverPolled,
    /// A task panicked.
    Panicked,
    /// A task returned an error.
    Failed,
    /// How many tasks were in flight on average.
    Concurrency,
}

impl FindingKind {
    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::BlockedWorker => "blocked_worker",
            FindingKind::LongPoll => "long_poll",
            FindingKind::Cancelled => "cancelled",
            FindingKind::NeverPolled => "never_polled",
            FindingKind::Panicked => "panicked",
            FindingKind::Failed => "failed",
            FindingKind::Concurrency => "concurrency",
        }
    }
}

/// One thing worth telling a person about the run, with the interval and tasks it is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// A sentence for people.
    pub message: String,
    /// Where it starts, ns since the run began.
    pub start_ns: u64,
    /// Where it ends (now, while `live`).
    pub end_ns: u64,
    /// The tasks concerned: the one responsible first (the blocker, the cause), then the
    /// ones affected.
    pub tasks: Vec<TaskId>,
    /// Still unfolding (a worker that is still blocked): message and end will change.
    pub live: bool,
}

impl Timeline {
    /// Everything worth telling about the run so far (closed and live), in start order.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        self.blocked_findings(&mut out);
        for lane in self.tasks.iter().filter(|t| !t.is_branch()) {
            out.extend(self.ending_finding(lane));
        }
        self.cancel_findings(&mut out);
        self.dropped_findings(&mut out);
        out.sort_by_key(|f| f.start_ns);
        // A summary of the whole run: last.
        out.extend(self.concurrency_finding());
        out
    }

    /// Average number of tasks in flight: the sum of the lifetimes of every task (`main`'s
    /// `block_on` future and `spawn_blocking` closures included) over the stretch in which
    /// tasks were in flight: from the first task's spawn to the last one's end, or to now (a
    /// view held at a step start too) while one is alive. A lane alive all that stretch
    /// counts 1 all along, so the figure agrees with the lanes; what a run records before
    /// its first task and after its last (asyncio.run's clean-up, a Python program's start
    /// and end) is not divided in. Branches run inside a task and plain futures are not
    /// tasks: neither counts.
    pub fn concurrency(&self) -> f64 {
        let now = self.now_ns();
        let tasks = || {
            self.tasks
                .iter()
                .filter(|t| t.spawned && counts_in_flight(t.kind))
        };
        let Some(first) = tasks().map(|t| t.spawned_ns).min() else {
            return 0.0;
        };
        let last = tasks()
            .map(|t| t.ended_ns.map_or(now, |e| e.min(now)))
            .max()
            .unwrap_or(now);
        let span = last.saturating_sub(first);
        if span == 0 {
            return 0.0;
        }
        let total: u64 = tasks().map(|t| t.lifetime_ns().min(span)).sum();
        total as f64 / span as f64
    }

    fn concurrency_finding(&self) -> Option<Finding> {
        if self.now_ns() == 0 || !self.tasks.iter().any(|t| t.spawned) {
            return None;
        }
        let c = self.concurrency();
        Some(Finding {
            kind: FindingKind::Concurrency,
            message: format!("concurrency {c:.2}x: on average {c:.2} tasks in flight"),
            start_ns: 0,
            end_ns: self.now_ns(),
            tasks: Vec::new(),
            live: !self.finished,
        })
    }
}

/// Whether a lane of this kind is a task in flight for [`Timeline::concurrency`].
fn counts_in_flight(kind: TaskKind) -> bool {
    matches!(
        kind,
        TaskKind::Task | TaskKind::BlockOn | TaskKind::Blocking
    )
}
