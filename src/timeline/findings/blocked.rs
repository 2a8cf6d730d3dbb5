//! Polls that held a runtime worker for 10 ms or more: `blocked_worker` when other tasks
//! were ready meanwhile, `long_poll` when nobody was kept waiting, one summary for a run of
//! them by the same blocking call on the same worker (CPU jobs taking turns included).

use super::{Finding, FindingKind};
use crate::record::{LabelId, TaskId, WorkerId};
use crate::timeline::{BLOCKING_POLL_NS, State, TaskLane, Timeline};

/// A long poll's "ready meanwhile" set is computed for good once its end is this far behind
/// the clock: later than any late event (they are µs late) could still arrive.
const SETTLE_NS: u64 = 100_000_000;

/// From this many long polls in a row (same worker, same blocking call), one finding sums
/// them up.
const REPEATS_SUMMARISED: usize = 3;

/// A poll of a runtime worker that lasted at least [`BLOCKING_POLL_NS`].
#[derive(Clone, Debug)]
pub(in crate::timeline) struct LongPoll {
    pub(in crate::timeline) worker: WorkerId,
    pub(in crate::timeline) task: TaskId,
    pub(in crate::timeline) start_ns: u64,
    pub(in crate::timeline) end_ns: u64,
    /// The labelled await inside the poll that names the blocking call.
    pub(in crate::timeline) label: Option<LabelId>,
    /// The tasks ready during the poll, once settled.
    pub(in crate::timeline) ready: Option<Vec<TaskId>>,
}

/// A long poll with the tasks that were ready during it.
type ReadyPoll<'a> = (&'a LongPoll, Vec<TaskId>);

impl Timeline {
    /// The closed long polls (runs of them summed up) and the polls holding a worker now.
    pub(super) fn blocked_findings(&self, out: &mut Vec<Finding>) {
        let now = self.now_ns();
        let mut groups: Vec<Vec<ReadyPoll>> = Vec::new();
        for lp in &self.long_polls {
            let ready = match &lp.ready {
                Some(r) => r.clone(),
                None => ready_during(&self.tasks, lp.task, lp.start_ns, lp.end_ns),
            };
            // Named by its label, a blocking call is the same whichever task makes it;
            // unnamed, a poll is only its task's.
            let same = |first: &LongPoll| {
                (first.worker, first.label) == (lp.worker, lp.label)
                    && (first.label.is_some() || first.task == lp.task)
            };
            match groups.last_mut() {
                Some(polls) if same(polls[0].0) => polls.push((lp, ready)),
                _ => groups.push(vec![(lp, ready)]),
            }
        }
        for polls in groups {
            if polls.len() >= REPEATS_SUMMARISED {
                out.extend(self.repeated_finding(&polls));
            } else {
                for (lp, ready) in polls {
                    out.extend(self.blocked_finding(lp, ready, false));
                }
            }
        }
        for w in self.workers.iter().filter(|w| !w.blocking_pool) {
            let Some((task, start_ns)) = w.open else {
                continue;
            };
            if now.saturating_sub(start_ns) < BLOCKING_POLL_NS {
                continue;
            }
            let label = self
                .task(task)
                .and_then(|t| t.poll_label.pick(now).or(t.awaits.last().copied()));
            let lp = LongPoll {
                worker: w.index,
                task,
                start_ns,
                end_ns: now,
                label,
                ready: None,
            };
            let ready = ready_during(&self.tasks, task, start_ns, now);
            out.extend(self.blocked_finding(&lp, ready, true));
        }
    }

    /// Computes, for good, the ready set of long polls that ended long enough ago (all of
    /// them when `now` is `None`, at the end of the run).
    pub(in crate::timeline) fn settle_long_polls(&mut self, now: Option<u64>) {
        for lp in self.long_polls.iter_mut().filter(|lp| lp.ready.is_none()) {
            if now.is_none_or(|now| lp.end_ns.saturating_add(SETTLE_NS) <= now) {
                lp.ready = Some(ready_during(&self.tasks, lp.task, lp.start_ns, lp.end_ns));
            }
        }
    }

    /// What held the worker: the innermost blocking call's label, else the task's name.
    fn blamed(&self, lp: &LongPoll) -> &str {
        match lp.label.and_then(|l| self.label(l)) {
            Some(label) => label,
            None => self.task(lp.task).map_or("?", |t| t.name.as_str()),
        }
    }

    fn blocked_finding(&self, lp: &LongPoll, ready: Vec<TaskId>, live: bool) -> Option<Finding> {
        let by = self.blamed(lp);
        if ready.is_empty() {
            return Some(self.long_poll_finding(lp, by, live));
        }
        let n = ready.len();
        let message = format!(
            "worker {} blocked {} by `{by}`; {n} {} ready meanwhile",
            lp.worker,
            self.show_ns(lp.end_ns - lp.start_ns),
            if n == 1 { "task" } else { "tasks" },
        );
        let mut tasks = Vec::with_capacity(n + 1);
        tasks.push(lp.task);
        tasks.extend(ready);
        Some(Finding {
            kind: FindingKind::BlockedWorker,
            message,
            start_ns: lp.start_ns,
            end_ns: lp.end_ns,
            tasks,
            live,
        })
    }

    /// Several long polls in a row by the same blocking call on the same worker: one
    /// finding that sums them up, rather than a screenful of near-identical lines. The
    /// tasks that made them come first; the ready ones are the others.
    fn repeated_finding(&self, polls: &[ReadyPoll]) -> Option<Finding> {
        let (first, last) = (polls.first()?.0, polls.last()?.0);
        let kind_of = |ready: &Vec<TaskId>| self.blocked_finding(first, ready.clone(), false);
        let mut finding = polls
            .iter()
            .find(|(_, ready)| !ready.is_empty())
            .map_or_else(|| kind_of(&Vec::new()), |(_, ready)| kind_of(ready))?;
        finding.start_ns = first.start_ns;
        let total: u64 = polls.iter().map(|(lp, _)| lp.end_ns - lp.start_ns).sum();
        let longest = polls
            .iter()
            .map(|(lp, _)| lp.end_ns - lp.start_ns)
            .max()
            .unwrap_or(0);
        let mut blockers: Vec<TaskId> = Vec::new();
        for (lp, _) in polls {
            if !blockers.contains(&lp.task) {
                blockers.push(lp.task);
            }
        }
        let mut ready: Vec<TaskId> = polls.iter().flat_map(|(_, r)| r.iter().copied()).collect();
        ready.retain(|t| !blockers.contains(t));
        ready.sort_unstable();
        ready.dedup();
        let verb = if ready.is_empty() { "held" } else { "blocked" };
        let by = match blockers.len() {
            1 => format!("`{}`", self.blamed(first)),
            n => format!("`{}` in {n} tasks", self.blamed(first)),
        };
        let mut message = format!(
            "worker {} {verb} {} times by {by}: {} in all, longest {}",
            first.worker,
            polls.len(),
            self.show_ns(total),
            self.show_ns(longest),
        );
        if !ready.is_empty() {
            let n = ready.len();
            let tasks = if n == 1 { "task" } else { "tasks" };
            message.push_str(&format!("; {n} {tasks} ready meanwhile"));
        }
        finding.message = message;
        finding.kind = if ready.is_empty() {
            FindingKind::LongPoll
        } else {
            FindingKind::BlockedWorker
        };
        finding.end_ns = last.end_ns;
        finding.tasks = blockers.into_iter().chain(ready).collect();
        Some(finding)
    }

    /// A long poll that starved nobody: says why it did not matter.
    fn long_poll_finding(&self, lp: &LongPoll, by: &str, live: bool) -> Finding {
        let others = self
            .workers
            .iter()
            .filter(|w| !w.blocking_pool && w.index != lp.worker)
            .map(|w| {
                w.busy()
                    .iter()
                    .filter(|b| b.end_ns > lp.start_ns && b.start_ns < lp.end_ns)
                    .count()
            })
            .sum::<usize>();
        let held = format!(
            "worker {} held {} by `{by}`",
            lp.worker,
            self.show_ns(lp.end_ns - lp.start_ns)
        );
        let message = if others > 0 {
            format!("{held}; the other workers went on: {others} polls meanwhile")
        } else {
            format!("{held}; no other task was ready meanwhile")
        };
        Finding {
            kind: FindingKind::LongPoll,
            message,
            start_ns: lp.start_ns,
            end_ns: lp.end_ns,
            tasks: vec![lp.task],
            live,
        }
    }
}

/// Tasks other than `blocker` that were scheduled (ready for a worker) at some moment in
/// `[start, end)`. A branch that was ready makes its task ready; the blocker's own branches
/// are the blocker.
fn ready_during(tasks: &[TaskLane], blocker: TaskId, start: u64, end: u64) -> Vec<TaskId> {
    // Kept waiting for a worker, not merely passing through the run queue: at least 10 ms
    // (or half the poll, for a short one) of scheduled time inside the poll.
    let starved = BLOCKING_POLL_NS.min((end - start) / 2).max(1);
    let scheduled_in = |lane: &TaskLane| {
        let from = lane.first_segment_after(start);
        let closed = lane.segments()[from..]
            .iter()
            .take_while(|s| s.start_ns < end);
        let overlap: u64 = closed
            .copied()
            .chain(lane.open())
            .filter(|s| s.state == State::Scheduled)
            .map(|s| s.end_ns.min(end).saturating_sub(s.start_ns.max(start)))
            .sum();
        overlap >= starved
    };
    let mut ready: Vec<TaskId> = tasks
        .iter()
        .filter(|t| t.host_or_self() != blocker && scheduled_in(t))
        .map(TaskLane::host_or_self)
        .collect();
    ready.sort_unstable();
    ready.dedup();
    ready
}
