//! Worker lanes for attached polls.
//!
//! console-subscriber reports when a task's polls start and end, not which thread polled
//! it. The timeline wants a worker per poll (a worker polls one task at a time), so attached
//! polls are packed onto the fewest lanes: each poll takes the lowest lane free at its start.
//! Lanes `0..workers` take the polls of async tasks (on a current_thread runtime, lane 0 is
//! its one worker, exactly); lanes from `workers` on take `spawn_blocking` closures, as
//! blocking-pool lanes do in a run.

use crate::record::{TaskId, WorkerId};

/// Blocking lanes beyond this many share the last one (tokio's pool is 512 threads at most).
const MAX_BLOCKING_LANES: usize = 512;

#[derive(Clone, Copy, Debug, Default)]
struct Lane {
    /// The task polling on it now.
    task: Option<TaskId>,
    /// When its last poll ended.
    free_at: u64,
}

/// Which lane each open poll is on.
#[derive(Debug)]
pub(super) struct Slots {
    workers: usize,
    lanes: Vec<Lane>,
}

impl Slots {
    /// Lanes for a runtime drawn with `workers` workers.
    pub(super) fn new(workers: u16) -> Self {
        let workers = usize::from(workers.max(1));
        Slots {
            workers,
            lanes: vec![Lane::default(); workers],
        }
    }

    /// The lane for a poll of `task` starting at `t`.
    pub(super) fn start(&mut self, task: TaskId, blocking: bool, t: u64) -> WorkerId {
        self.end(task, t);
        let range = if blocking {
            self.workers..self.workers + MAX_BLOCKING_LANES
        } else {
            0..self.workers
        };
        let free = |lane: &Lane| lane.task.is_none() && lane.free_at <= t;
        let idle = |lane: &Lane| lane.task.is_none();
        let pick = (range.start..range.end.min(self.lanes.len()))
            .find(|&i| free(&self.lanes[i]))
            .or_else(|| {
                // Grow the blocking pool before squeezing a poll in just after another.
                (blocking && self.lanes.len() < range.end).then_some(self.lanes.len())
            })
            .or_else(|| {
                (range.start..self.lanes.len().min(range.end)).find(|&i| idle(&self.lanes[i]))
            })
            .unwrap_or(if blocking { range.end - 1 } else { range.start });
        if pick >= self.lanes.len() {
            self.lanes.resize(pick + 1, Lane::default());
        }
        self.lanes[pick].task = Some(task);
        pick as WorkerId
    }

    /// The poll of `task` (if open) ended at `t`.
    pub(super) fn end(&mut self, task: TaskId, t: u64) {
        if let Some(lane) = self.lanes.iter_mut().find(|l| l.task == Some(task)) {
            lane.task = None;
            lane.free_at = lane.free_at.max(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_polls_take_separate_lanes_and_free_lanes_are_reused() {
        let mut slots = Slots::new(2);
        assert_eq!(slots.start(1, false, 10), 0);
        assert_eq!(slots.start(2, false, 20), 1);
        slots.end(1, 30);
        assert_eq!(slots.start(3, false, 40), 0);
        // A poll that starts before lane 0 freed goes elsewhere when it can.
        slots.end(3, 50);
        slots.end(2, 35);
        assert_eq!(slots.start(4, false, 45), 1);
    }

    #[test]
    fn blocking_closures_use_lanes_after_the_workers() {
        let mut slots = Slots::new(1);
        assert_eq!(slots.start(1, true, 0), 1);
        assert_eq!(slots.start(2, true, 0), 2);
        assert_eq!(slots.start(3, false, 0), 0);
    }

    #[test]
    fn more_concurrent_polls_than_workers_share_the_first() {
        let mut slots = Slots::new(1);
        assert_eq!(slots.start(1, false, 0), 0);
        assert_eq!(slots.start(2, false, 5), 0);
    }
}
