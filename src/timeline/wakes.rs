//! Who woke whom: every wake of a task, with where it came from, for marks on both lanes and
//! a list of wakers in the details.
//!
//! The recorder knows the task that was polling when a waker was called. A wake from no task
//! came from the runtime: from its timer driver when the task's armed deadline had passed,
//! else from the scheduler or the I/O driver. A task woken through one of its branches (the
//! branch's waker wakes the task's) was woken by what woke the branch.

use super::State;
use super::lane::TaskLane;
use super::timers::TIMER_SLACK_NS;
use super::wake::{NOT_READY_YET, Wake, WakeSource, WakerCount};
use crate::record::{LabelId, TaskId};

impl TaskLane {
    /// Every wake, in time order (their `ready_ns` never decrease either).
    pub fn wakes(&self) -> &[Wake] {
        &self.wakes
    }

    /// Who woke this lane and how often, the most frequent first.
    pub fn wakers(&self) -> Vec<WakerCount> {
        let mut counts: Vec<WakerCount> = Vec::new();
        for wake in &self.wakes {
            match counts.iter_mut().find(|c| c.source == wake.source) {
                Some(c) => c.count += 1,
                None => counts.push(WakerCount {
                    source: wake.source,
                    count: 1,
                }),
            }
        }
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.source.cmp(&b.source)));
        counts
    }

    /// Where a wake at `at_ns` came from (see the module's documentation).
    pub(super) fn wake_source(&mut self, by: Option<TaskId>, at_ns: u64) -> WakeSource {
        if let Some(by) = by {
            return WakeSource::Task(by);
        }
        if let Some(source) = self.branch_wake.take() {
            return source;
        }
        // The stamps of the deadline and of the wake come from two clocks that may differ
        // by a fraction of a percent: allow 2% of the timer's length, and the slack.
        let due = |&(_, due, armed): &(LabelId, u64, u64)| {
            due <= at_ns + TIMER_SLACK_NS + due.saturating_sub(armed) / 50
        };
        if self.timers.iter().any(due) {
            WakeSource::Timer
        } else {
            WakeSource::Runtime
        }
    }

    /// Keeps a wake at `t` from `source`, before the lane's state changes for it.
    pub(super) fn keep_wake(&mut self, t: u64, source: WakeSource) {
        let ready_ns = match self.open {
            Some(open) if open.state == State::Scheduled => open.start_ns,
            Some(open) if open.state == State::Running => NOT_READY_YET,
            _ => t,
        };
        self.wakes.push(Wake {
            at_ns: t,
            ready_ns,
            source,
        });
    }

    /// The poll the latest wakes came in ended at `t`: they made the lane ready then.
    pub(super) fn wakes_ready_at(&mut self, t: u64) {
        let waiting = self.wakes.iter_mut().rev();
        for wake in waiting.take_while(|w| w.ready_ns == NOT_READY_YET) {
            wake.ready_ns = t;
        }
    }
}
