//! Timers that came due while nobody could process them.
//!
//! A task sleeping on a timer is ready the moment the timer is due, but the runtime only
//! notices (and wakes it) when a worker gets to its timer driver. While a blocking call holds
//! the only worker, that never happens: the task is ready and starving, which is exactly the
//! "scheduled" state. The recorder stamps each timer's deadline ([`EventKind::TimerArmed`]);
//! here a waiting segment is split at that deadline, so the lane shows the truth: waiting
//! until the timer was due, scheduled from then until a worker polled it.
//!
//! [`EventKind::TimerArmed`]: crate::record::EventKind::TimerArmed

use super::lane::TaskLane;
use super::{State, Timeline};
use crate::record::{LabelId, TaskId};

/// A due timer is only called late when its wake comes this much after the deadline:
/// tokio's timer wheel has millisecond ticks, so a wake up to ~1 ms late is on time.
pub(super) const TIMER_SLACK_NS: u64 = 2_000_000;

impl TaskLane {
    /// Remembers that the await on top of the task's stack, armed at `t`, is a timer due
    /// at `due_ns`.
    pub(super) fn arm_timer(&mut self, t: u64, due_ns: u64) {
        if let Some(&label) = self.awaits.last() {
            self.timers.push((label, due_ns, t));
        }
    }

    /// Forgets the timer of an await that ended.
    pub(super) fn disarm_timer(&mut self, label: LabelId) {
        if let Some(i) = self.timers.iter().rposition(|&(l, _, _)| l == label) {
            self.timers.remove(i);
        }
    }

    /// If the task is waiting and one of its timers was due more than the slack before
    /// `now`, turns the wait into `Scheduled` from that deadline on. Returns whether the
    /// task still has timers to watch.
    pub(super) fn expire_timers(&mut self, now: u64) -> bool {
        let Some(open) = self.open.filter(|s| s.state == State::Waiting) else {
            return !self.timers.is_empty();
        };
        let due = self
            .timers
            .iter()
            .filter(|&&(_, due, _)| due >= open.start_ns)
            .min_by_key(|&&(_, due, _)| due)
            .copied();
        if let Some((label, due, _)) = due.filter(|&(_, due, _)| due + TIMER_SLACK_NS < now) {
            self.close_segment(due);
            self.open_segment(State::Scheduled, due, None, Some(label));
        }
        !self.timers.is_empty()
    }
}

impl Timeline {
    /// Notes a lane with armed timers, to be looked at as the clock moves.
    pub(super) fn watch_timers(&mut self, task: TaskId) {
        if !self.timer_lanes.contains(&task) {
            self.timer_lanes.push(task);
        }
    }

    /// Splits the waits of every watched lane whose timer came due before `now`.
    pub(super) fn expire_timers(&mut self, now: u64) {
        let tasks = &mut self.tasks;
        self.timer_lanes.retain(|&id| {
            tasks
                .get_mut(id as usize)
                .is_some_and(|lane| lane.ended_ns.is_none() && lane.expire_timers(now))
        });
    }
}
