//! The fold itself: how each [`Meta`] and [`Event`] changes the lanes.
//!
//! Every transition time is clamped to the last transition of the lanes it touches (the task
//! and, for polls, the worker), so late events never make a segment go backwards or overlap.
//! A branch's polls happen inside its task's poll: they make the branch's lane run, but
//! leave the worker's lane to its task, so a worker still polls one task at a time.

use super::findings::LongPoll;
use super::lane::{Clock, TaskLane, WorkerLane};
use super::poll_label::PollLabel;
use super::{BLOCKING_POLL_NS, Outcome, State, StepMark, Timeline};
use crate::record::{EndKind, Event, EventKind, LabelId, Meta, TaskId, TaskKind, WorkerId};

/// Ids further than this past the last known one are treated as garbage, not as a reason to
/// allocate millions of empty lanes.
const MAX_ID_GAP: usize = 1 << 16;

impl Timeline {
    /// Applies information that precedes the events using it: a task's identity, a label's
    /// text, a failure's message.
    pub fn apply_meta(&mut self, meta: Meta) {
        match meta {
            Meta::Task {
                id,
                name,
                kind,
                parent,
                location,
            } => {
                let parent_lane = parent.filter(|&p| p != id).and_then(|p| self.task(p));
                let parent_depth = parent
                    .filter(|&p| p != id)
                    .map(|_| parent_lane.map_or(0, TaskLane::depth));
                // A branch runs in its parent's polls, or in its parent's host's.
                let host = match (kind.branch_of(), parent_lane) {
                    (Some(_), Some(p)) => Some(p.host_or_self()),
                    (Some(_), None) => parent,
                    (None, _) => None,
                };
                let Some(lane) = lane_slot(&mut self.tasks, &self.clock, id) else {
                    return;
                };
                lane.name = name;
                lane.kind = kind;
                lane.parent = parent;
                lane.host = host.filter(|&h| h != id);
                lane.location = location;
                lane.depth = parent_depth.map_or(0, |d| d + 1);
            }
            Meta::Label { id, text } => {
                let i = id as usize;
                if i >= self.labels.len() + MAX_ID_GAP {
                    return;
                }
                if i >= self.labels.len() {
                    self.labels.resize(i + 1, None);
                }
                self.labels[i] = Some(text);
            }
            Meta::Error { task, text } => {
                if let Some(lane) = lane_slot(&mut self.tasks, &self.clock, task) {
                    lane.error = Some(text);
                }
            }
        }
    }

    /// Applies one event. Events after [`Timeline::finish`] and events of a task that has
    /// already ended are ignored. An event of a task whose lane has not begun (no `Spawned`
    /// yet) is held until it does (see `pending.rs`).
    pub fn apply(&mut self, event: Event) {
        if self.finished {
            return;
        }
        self.clock.advance(event.at_ns);
        let i = event.task as usize;
        if event.kind == EventKind::Spawned {
            if lane_slot(&mut self.tasks, &self.clock, event.task).is_none() {
                self.pending.reject();
                return;
            }
            self.place(event);
            for held in self.pending.take(event.task) {
                self.place(held);
            }
        } else if self.tasks.get(i).is_some_and(|lane| lane.spawned) {
            self.place(event);
        } else if i >= self.tasks.len() + MAX_ID_GAP {
            self.pending.reject();
        } else {
            self.pending.hold(event);
        }
    }

    /// Applies an event to its lane, which exists (and has begun, but for `Spawned`).
    fn place(&mut self, event: Event) {
        let clock = &self.clock;
        let lane = &mut self.tasks[event.task as usize];
        if lane.ended_ns.is_some() {
            return;
        }
        if !lane.spawned {
            lane.spawned = true;
            lane.spawned_ns = event.at_ns;
            lane.last_ns = event.at_ns;
            if lane.kind != TaskKind::Future {
                // tokio schedules a new task at once.
                lane.open_segment(State::Scheduled, event.at_ns, None, None);
            }
            return;
        }
        let mut step = Step {
            lane,
            workers: &mut self.workers,
            long_polls: &mut self.long_polls,
            runtime_workers: self.info.workers,
        };
        let t = event.at_ns.max(step.lane.last_ns);
        match event.kind {
            EventKind::Spawned => {}
            EventKind::PollStart { worker } => step.poll_start(t, event.at_ns, worker, clock),
            EventKind::PollEnd => step.poll_end(t),
            EventKind::Woken { by } => {
                step.lane.expire_timers(t);
                let source = step.lane.wake_source(by, event.at_ns);
                step.lane.keep_wake(t, source);
                step.woken(t, event.at_ns);
            }
            EventKind::TimerArmed { after_us } => {
                step.lane.arm_timer(t, t + u64::from(after_us) * 1_000)
            }
            EventKind::AwaitStart { label } => step.await_start(label),
            EventKind::AwaitEnd { label } => step.await_end(label),
            EventKind::AbortRequested { cause } => step.abort_requested(t, cause),
            EventKind::StepStarted { step: id } => step.lane.step = Some(id),
            EventKind::Ended { outcome } => step.ended(t, outcome),
        }
        match event.kind {
            EventKind::TimerArmed { .. } => self.watch_timers(event.task),
            EventKind::StepStarted { step } => self.steps.push(StepMark {
                at_ns: t,
                task: event.task,
                step,
            }),
            EventKind::AwaitStart { label } => {
                if let Some(poll) = self.poll_label_of(event.task) {
                    poll.started(label, t);
                }
            }
            EventKind::AwaitEnd { label } => {
                if let Some(poll) = self.poll_label_of(event.task) {
                    poll.ended(label, t);
                }
            }
            EventKind::Woken { .. } => self.woke_a_branch(event.task),
            _ => {}
        }
    }

    /// The labels begun in the poll `task` is part of: its host's for a branch, its own
    /// otherwise; None when that task is not being polled.
    fn poll_label_of(&mut self, task: TaskId) -> Option<&mut PollLabel> {
        let host = self.task(task)?.host_or_self();
        let host = self.tasks.get_mut(host as usize)?;
        (host.state() == Some(State::Running)).then_some(&mut host.poll_label)
    }

    /// A branch's waker wakes its parent's next: tell the parent what woke the branch.
    fn woke_a_branch(&mut self, branch: TaskId) {
        let Some(lane) = self.task(branch).filter(|l| l.is_branch()) else {
            return;
        };
        let source = lane.wakes.last().map(|w| w.source);
        let parent = lane.parent.filter(|&p| p != branch);
        let parent = parent.and_then(|p| self.tasks.get_mut(p as usize));
        if let (Some(parent), Some(source)) = (parent, source) {
            parent.branch_wake = Some(source);
        }
    }

    /// Moves the clock to `now_ns` (never back): open segments read up to it. Also settles the
    /// findings of long polls that ended long enough ago that no late event can change them.
    pub fn advance(&mut self, now_ns: u64) {
        if self.finished {
            return;
        }
        self.clock.advance(now_ns);
        self.expire_timers(self.clock.get());
        self.settle_long_polls(Some(self.clock.get()));
    }

    /// Ends the run at `wall_ns`: open segments and polls are closed there; tasks still alive
    /// keep [`Outcome::Running`] (a run stopped at its timeout). Later events are ignored.
    pub fn finish(&mut self, wall_ns: u64) {
        if self.finished {
            return;
        }
        self.clock.advance(wall_ns);
        self.expire_timers(wall_ns);
        for lane in &mut self.tasks {
            let mut step = Step {
                lane,
                workers: &mut self.workers,
                long_polls: &mut self.long_polls,
                runtime_workers: self.info.workers,
            };
            step.close_running(wall_ns.max(step.lane.last_ns));
            let t = wall_ns.max(step.lane.last_ns);
            step.lane.close_segment(t);
        }
        for w in &mut self.workers {
            if let Some((task, start)) = w.open.take() {
                w.push_busy_until(start, wall_ns.max(w.last_ns), task);
            }
        }
        self.finished = true;
        self.pending.give_up();
        self.settle_long_polls(None);
    }
}

/// The lane of task `id`, created (with a placeholder name) if its meta has not arrived yet.
fn lane_slot<'a>(
    tasks: &'a mut Vec<TaskLane>,
    clock: &Clock,
    id: TaskId,
) -> Option<&'a mut TaskLane> {
    let i = id as usize;
    if i >= tasks.len() + MAX_ID_GAP {
        return None;
    }
    while tasks.len() <= i {
        let next = tasks.len() as TaskId;
        tasks.push(TaskLane::new(next, clock.clone()));
    }
    Some(&mut tasks[i])
}

/// The lane of worker `id`, created (with any lanes below it) on first use.
fn worker_mut<'a>(
    workers: &'a mut Vec<WorkerLane>,
    id: WorkerId,
    runtime_workers: u16,
    clock: &Clock,
) -> &'a mut WorkerLane {
    while workers.len() <= id as usize {
        let next = workers.len() as WorkerId;
        workers.push(WorkerLane::new(
            next,
            next >= runtime_workers,
            clock.clone(),
        ));
    }
    &mut workers[id as usize]
}

/// What one event can touch: its task's lane, the worker lanes, the long-poll record.
struct Step<'a> {
    lane: &'a mut TaskLane,
    workers: &'a mut Vec<WorkerLane>,
    long_polls: &'a mut Vec<LongPoll>,
    runtime_workers: WorkerId,
}

impl Step<'_> {
    /// `t` is the event time clamped to the lane; `at_ns` the time as stamped.
    fn poll_start(&mut self, t: u64, at_ns: u64, worker: WorkerId, clock: &Clock) {
        let t = t.max(worker_mut(self.workers, worker, self.runtime_workers, clock).last_ns);
        // A poll whose end was lost: close it first.
        self.close_running(t);
        let lane = &mut *self.lane;
        lane.close_segment(t);
        let t = t.max(lane.last_ns);
        // A branch runs inside its task's poll: the worker is its task's.
        if !lane.is_branch() {
            let w = &mut self.workers[worker as usize];
            if let Some((other, start)) = w.open.take() {
                w.push_busy_until(start, t, other);
            }
            w.open = Some((lane.id, t));
            w.last_ns = t;
        }
        lane.totals.polls += 1;
        lane.branch_wake = None;
        // A wake stamped after this poll began but delivered before it still counts for it.
        lane.woken_in_poll = lane.last_wake_ns > at_ns;
        lane.last_wake_ns = 0; // consumed by this poll
        lane.poll_label = PollLabel::default();
        lane.open_segment(State::Running, t, Some(worker), None);
    }

    fn poll_end(&mut self, t: u64) {
        if !self.close_running(t) {
            return;
        }
        let lane = &mut *self.lane;
        let t = lane.last_ns;
        if lane.woken_in_poll {
            lane.open_segment(State::Scheduled, t, None, None);
        } else {
            let label = lane.awaits.last().copied();
            lane.open_segment(State::Waiting, t, None, label);
        }
    }

    fn woken(&mut self, t: u64, at_ns: u64) {
        let lane = &mut *self.lane;
        lane.totals.wakes += 1;
        lane.last_wake_ns = lane.last_wake_ns.max(at_ns);
        match lane.state() {
            Some(State::Running) => lane.woken_in_poll = true,
            Some(State::Scheduled) => {}
            Some(State::Waiting) | None => {
                lane.close_segment(t);
                lane.open_segment(State::Scheduled, t, None, None);
            }
        }
    }

    fn await_start(&mut self, label: LabelId) {
        self.lane.awaits.push(label);
    }

    fn await_end(&mut self, label: LabelId) {
        let lane = &mut *self.lane;
        if let Some(i) = lane.awaits.iter().rposition(|&l| l == label) {
            lane.awaits.remove(i);
        }
        lane.disarm_timer(label);
    }

    fn abort_requested(&mut self, t: u64, cause: Option<TaskId>) {
        let abort = &mut self.lane.abort;
        match *abort {
            None => *abort = Some((t, cause)),
            Some((at, None)) if cause.is_some() => *abort = Some((at, cause)),
            Some(_) => {}
        }
    }

    fn ended(&mut self, t: u64, outcome: EndKind) {
        self.close_running(t);
        let lane = &mut *self.lane;
        let t = t.max(lane.last_ns);
        lane.close_segment(t);
        lane.last_ns = t;
        lane.ended_ns = Some(t);
        lane.awaits.clear();
        lane.timers.clear();
        lane.outcome = match outcome {
            _ if lane.kind == TaskKind::Future && !lane.was_polled() => Outcome::NeverPolled,
            EndKind::Ok => Outcome::Ok,
            EndKind::Failed => Outcome::Failed,
            EndKind::Panicked => Outcome::Panicked,
            EndKind::Cancelled => Outcome::Cancelled,
        };
    }

    /// If the task is running, ends its poll at `t` (clamped to the worker's last transition):
    /// closes the `Running` segment and the worker's busy interval, and remembers a long poll
    /// on a runtime worker. Returns whether it was running; `lane.last_ns` is the end used.
    fn close_running(&mut self, t: u64) -> bool {
        let lane = &mut *self.lane;
        let Some(open) = lane.open.filter(|s| s.state == State::Running) else {
            return false;
        };
        let worker = open.worker().filter(|_| !lane.is_branch());
        let Some(w) = worker.and_then(|w| self.workers.get_mut(w as usize)) else {
            lane.close_segment(t);
            lane.wakes_ready_at(lane.last_ns);
            return true;
        };
        let t = t.max(w.last_ns);
        lane.close_segment(t);
        lane.wakes_ready_at(lane.last_ns);
        if let Some((task, start)) = w.open.filter(|&(task, _)| task == lane.id) {
            w.open = None;
            w.push_busy_until(start, t, task);
        }
        if w.index < self.runtime_workers && t.saturating_sub(open.start_ns) >= BLOCKING_POLL_NS {
            self.long_polls.push(LongPoll {
                worker: w.index,
                task: lane.id,
                start_ns: open.start_ns,
                end_ns: t,
                label: lane.poll_label.pick(t).or(lane.awaits.last().copied()),
                ready: None,
            });
        }
        true
    }
}
