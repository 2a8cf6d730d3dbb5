//! Findings: the sentences a run teaches ("worker 0 blocked 2.00 s ..."), computed from lanes.

use std::collections::BTreeMap;

use super::{BLOCKING_POLL_NS, Outcome, State, TaskLane, Timeline, format_duration};
use crate::record::{LabelId, TaskId, TaskKind, WorkerId};

/// A long poll's "ready meanwhile" set is computed for good once its end is this far behind
/// the clock: later than any late event (they are µs late) could still arrive.
const SETTLE_NS: u64 = 100_000_000;

/// Beyond this many cancelled tasks without a known cause, they share one finding.
const MAX_LONE_CANCELS: usize = 3;

/// What a finding is about; views pick an icon or colour by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// One poll held a runtime worker ≥ 10 ms while other tasks were ready.
    BlockedWorker,
    /// One poll held a runtime worker ≥ 10 ms, but no other task was kept waiting by it
    /// (nothing else was ready, or the other workers took over).
    LongPoll,
    /// Tasks were cancelled (grouped by the failure that caused it).
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

/// A poll of a runtime worker that lasted at least [`BLOCKING_POLL_NS`].
#[derive(Clone, Debug)]
pub(super) struct LongPoll {
    pub(super) worker: WorkerId,
    pub(super) task: TaskId,
    pub(super) start_ns: u64,
    pub(super) end_ns: u64,
    /// The labelled await inside the poll that names the blocking call.
    pub(super) label: Option<LabelId>,
    /// The tasks ready during the poll, once settled.
    pub(super) ready: Option<Vec<TaskId>>,
}

/// A long poll with the tasks that were ready during it.
type ReadyPoll<'a> = (&'a LongPoll, Vec<TaskId>);

/// From this many long polls in a row (same task, same worker), one finding sums them up.
const REPEATS_SUMMARISED: usize = 3;

impl Timeline {
    /// Everything worth telling about the run so far (closed and live), in start order.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let now = self.now_ns();
        let mut groups: Vec<Vec<ReadyPoll>> = Vec::new();
        for lp in &self.long_polls {
            let ready = match &lp.ready {
                Some(r) => r.clone(),
                None => ready_during(&self.tasks, lp.task, lp.start_ns, lp.end_ns),
            };
            let same = |first: &LongPoll| {
                (first.worker, first.task, first.label) == (lp.worker, lp.task, lp.label)
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
        for lane in &self.tasks {
            out.extend(self.ending_finding(lane));
        }
        self.cancel_findings(&mut out);
        out.sort_by_key(|f| f.start_ns);
        // A summary of the whole run: last.
        out.extend(self.concurrency_finding());
        out
    }

    /// Average number of tasks in flight: the sum of task lifetimes over the wall time. The
    /// `block_on` future and plain futures do not count, unless there is nothing else (an
    /// await chain in `main` then reads 1.00x).
    pub fn concurrency(&self) -> f64 {
        let wall = self.now_ns();
        if wall == 0 {
            return 0.0;
        }
        let sum = |pick: fn(TaskKind) -> bool| -> (u64, usize) {
            let lanes = self.tasks.iter().filter(|t| t.spawned && pick(t.kind));
            lanes.fold((0, 0), |(s, n), t| (s + t.lifetime_ns(), n + 1))
        };
        let (mut total, n) = sum(|k| matches!(k, TaskKind::Task | TaskKind::Blocking));
        if n == 0 {
            total = sum(|k| k == TaskKind::BlockOn).0;
        }
        total as f64 / wall as f64
    }

    /// Computes, for good, the ready set of long polls that ended long enough ago (all of
    /// them when `now` is `None`, at the end of the run).
    pub(super) fn settle_long_polls(&mut self, now: Option<u64>) {
        for lp in self.long_polls.iter_mut().filter(|lp| lp.ready.is_none()) {
            if now.is_none_or(|now| lp.end_ns.saturating_add(SETTLE_NS) <= now) {
                lp.ready = Some(ready_during(&self.tasks, lp.task, lp.start_ns, lp.end_ns));
            }
        }
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

    fn blocked_finding(&self, lp: &LongPoll, ready: Vec<TaskId>, live: bool) -> Option<Finding> {
        let by = match lp.label.and_then(|l| self.label(l)) {
            Some(label) => label,
            None => self.task(lp.task).map_or("?", |t| t.name.as_str()),
        };
        if ready.is_empty() {
            return Some(self.long_poll_finding(lp, by, live));
        }
        let n = ready.len();
        let message = format!(
            "worker {} blocked {} by `{by}`; {n} {} ready meanwhile",
            lp.worker,
            format_duration(lp.end_ns - lp.start_ns),
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

    /// Several long polls in a row by the same task on the same worker: one finding that
    /// sums them up, rather than a screenful of near-identical lines.
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
        let mut ready: Vec<TaskId> = polls.iter().flat_map(|(_, r)| r.iter().copied()).collect();
        ready.sort_unstable();
        ready.dedup();
        let by = match first.label.and_then(|l| self.label(l)) {
            Some(label) => label,
            None => self.task(first.task).map_or("?", |t| t.name.as_str()),
        };
        let verb = if ready.is_empty() { "held" } else { "blocked" };
        let mut message = format!(
            "worker {} {verb} {} times by `{by}`: {} in all, longest {}",
            first.worker,
            polls.len(),
            format_duration(total),
            format_duration(longest),
        );
        if !ready.is_empty() {
            let n = ready.len();
            let tasks = if n == 1 { "task" } else { "tasks" };
            message.push_str(&format!("; {n} {tasks} ready meanwhile"));
        }
        finding.message = message;
        finding.end_ns = last.end_ns;
        finding.tasks = std::iter::once(first.task).chain(ready).collect();
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
            format_duration(lp.end_ns - lp.start_ns)
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

    /// never_polled, failed and panicked: one finding per task.
    fn ending_finding(&self, lane: &TaskLane) -> Option<Finding> {
        let end = lane.ended_ns?;
        let name = &lane.name;
        let (kind, message, start_ns) = match lane.outcome {
            Outcome::NeverPolled => (
                FindingKind::NeverPolled,
                format!("`{name}` was created but never awaited: its body never ran"),
                lane.spawned_ns,
            ),
            Outcome::Failed => (
                FindingKind::Failed,
                format!("`{name}` {}", failure(lane)),
                end,
            ),
            Outcome::Panicked => (
                FindingKind::Panicked,
                format!("`{name}` {}", failure(lane)),
                end,
            ),
            _ => return None,
        };
        let tasks = vec![lane.id];
        Some(Finding {
            kind,
            message,
            start_ns,
            end_ns: end,
            tasks,
            live: false,
        })
    }

    /// Cancelled tasks: grouped by the task whose failure caused the abort; those without a
    /// known cause one by one (or together when there are many, as at a runtime shutdown).
    fn cancel_findings(&self, out: &mut Vec<Finding>) {
        let mut by_cause: BTreeMap<TaskId, Vec<&TaskLane>> = BTreeMap::new();
        let mut lone = Vec::new();
        for lane in self
            .tasks
            .iter()
            .filter(|t| t.outcome == Outcome::Cancelled)
        {
            match lane
                .abort_cause()
                .filter(|&c| c != lane.id && self.task(c).is_some())
            {
                Some(cause) => by_cause.entry(cause).or_default().push(lane),
                None => lone.push(lane),
            }
        }
        for (cause, lanes) in by_cause {
            let cause = &self.tasks[cause as usize];
            let what = match cause.outcome {
                Outcome::Failed | Outcome::Panicked => failure(cause),
                Outcome::Ok => "finished first".to_string(),
                Outcome::Cancelled => "was cancelled".to_string(),
                _ => "ended".to_string(),
            };
            let who = match lanes.as_slice() {
                [one] => format!("`{}`", one.name),
                many => format!("{} tasks", many.len()),
            };
            let message = format!("{who} cancelled because `{}` {what}", cause.name);
            out.push(cancel_finding(message, Some(cause.id), &lanes));
        }
        if lone.len() > MAX_LONE_CANCELS {
            let names: Vec<String> = lone
                .iter()
                .take(3)
                .map(|t| format!("`{}`", t.name))
                .collect();
            let message = format!(
                "{} tasks cancelled: {} and {} more",
                lone.len(),
                names.join(", "),
                lone.len() - names.len()
            );
            out.push(cancel_finding(message, None, &lone));
        } else {
            for lane in lone {
                let message = format!("`{}` cancelled", lane.name);
                out.push(cancel_finding(message, None, &[lane]));
            }
        }
    }
}

/// "failed: HTTP 503" / "panicked: boom" (without the text when there is none).
fn failure(lane: &TaskLane) -> String {
    let verb = if lane.outcome == Outcome::Panicked {
        "panicked"
    } else {
        "failed"
    };
    match &lane.error {
        Some(text) => format!("{verb}: {text}"),
        None => verb.to_string(),
    }
}

/// From the first abort request (or end) to the last end of `lanes`.
fn cancel_finding(message: String, cause: Option<TaskId>, lanes: &[&TaskLane]) -> Finding {
    let end = |t: &TaskLane| t.ended_ns.unwrap_or(t.spawned_ns);
    let start_ns = lanes
        .iter()
        .map(|t| t.abort_requested_ns().unwrap_or(end(t)).min(end(t)))
        .min();
    let end_ns = lanes.iter().map(|t| end(t)).max();
    let tasks = cause
        .into_iter()
        .chain(lanes.iter().map(|t| t.id))
        .collect();
    Finding {
        kind: FindingKind::Cancelled,
        message,
        start_ns: start_ns.unwrap_or(0),
        end_ns: end_ns.unwrap_or(0),
        tasks,
        live: false,
    }
}

/// Tasks other than `blocker` that were scheduled (ready for a worker) at some moment in
/// `[start, end)`.
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
    let ready = tasks.iter().filter(|t| t.id != blocker && scheduled_in(t));
    ready.map(|t| t.id).collect()
}
