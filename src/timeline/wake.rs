//! A wake, as the lanes keep it: when, when the woken lane was ready because of it, and
//! who or what woke it (see `wakes.rs` for how each is worked out).

use crate::record::TaskId;

/// Where a wake came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WakeSource {
    /// A task (or a branch) called the waker while it was being polled, or ended and so
    /// woke the task that was joining it.
    Task(TaskId),
    /// The runtime's timer driver: the task's armed deadline had passed.
    Timer,
    /// The runtime otherwise, with no task running and no timer due: the I/O driver, or the
    /// scheduler handing back a `yield_now`.
    Runtime,
}

impl WakeSource {
    /// The name used in the JSON output (`wakers[].kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            WakeSource::Task(_) => "task",
            WakeSource::Timer => "timer",
            WakeSource::Runtime => "runtime",
        }
    }

    /// The waking task, for a wake from a task.
    pub fn task(self) -> Option<TaskId> {
        match self {
            WakeSource::Task(task) => Some(task),
            _ => None,
        }
    }
}

/// One wake of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wake {
    /// When the waker was called, ns since the run began: the mark on the waker's lane.
    pub at_ns: u64,
    /// When the woken lane became ready because of it: the wake itself; the timer's
    /// deadline if the task was already starving on it; the end of the poll it came in.
    pub ready_ns: u64,
    /// Who or what woke it.
    pub source: WakeSource,
}

/// One waker of a task and how often it woke it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WakerCount {
    /// Who or what.
    pub source: WakeSource,
    /// How many wakes.
    pub count: u64,
}

/// A wake during a poll is ready at the poll's end: until then, this stands for "not yet".
pub(super) const NOT_READY_YET: u64 = u64::MAX;
