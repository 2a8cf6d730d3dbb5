//! Turns console-api updates into the recorder's [`Meta`] and [`Event`]s.
//!
//! An update carries, for each task whose stats changed, a snapshot: cumulative counters
//! and the times of its last poll start, last poll end and last wake. A task's state is
//! derived as tokio-console derives it: running if its last poll started after its last
//! poll ended, scheduled if it was woken after its last poll started, done once dropped.
//! Between two snapshots only those last moments are known, so each snapshot adds the
//! transitions it proves, at the exact times it reports: a new poll start, the end of that
//! poll if it ended, the last wake. Polls that began and ended between two snapshots
//! without being the last one are counted by the app but not drawn.
//!
//! Times are nanoseconds since the first update's `now`; anything earlier (a task that was
//! running before we attached) is placed at 0, in its order.

use std::collections::{HashMap, HashSet};

use console_api::instrument::Update;
use console_api::tasks::Stats;

use super::fields::{FieldNames, TaskInfo};
use super::slots::Slots;
use super::snapshot::{ConsoleCounts, Proved, Seen, Tracked, ns};
use crate::record::{EndKind, Event, EventKind, Meta, TaskId, TaskKind};

/// The update a task was first seen in: its time, and whether it was the first update of a
/// connection (a full snapshot, after a time we were not watching).
#[derive(Clone, Copy)]
struct Sample {
    now: i64,
    fresh: bool,
}

/// Where a new task's lane starts: the earliest time from which the first sample that
/// reports it says what it did.
///
/// A task that existed before we (re)connected (the first update of a connection, after the
/// app started or restarted, or the stream broke) starts at that update, as every task does
/// at the first attach: its past is not known. One created since the previous update and
/// polled at most once is known from its creation (tokio schedules a new task at once, and
/// its first poll is its last). One polled more than once since its creation starts at its
/// last poll: the polls before are counted, not seen, and drawing it as scheduled until then
/// would show a wait that never happened.
fn lane_start(fresh: bool, now: i64, polls: u64, last_start: Option<i64>) -> i64 {
    match (fresh, polls, last_start) {
        (true, ..) => now,
        (false, 0 | 1, _) => i64::MIN,
        (false, _, Some(start)) => start,
        (false, _, None) => now,
    }
}

/// The fold from updates to events, with everything it must remember between updates.
#[derive(Debug)]
pub(super) struct Converter {
    /// The first update's `now`, ns since the Unix epoch.
    origin: Option<i128>,
    /// The latest update's `now`, relative to `origin`.
    now: i64,
    /// Every lane, indexed by [`TaskId`].
    lanes: Vec<Tracked>,
    /// The current process's console ids.
    by_console: HashMap<u64, TaskId>,
    /// Console ids of tasks that had ended before we attached: not drawn.
    ended_before: HashSet<u64>,
    names: FieldNames,
    slots: Slots,
    dropped_events: u64,
    intervals: Vec<u64>,
    /// App restarts seen (a connection's first update from another process).
    restarts: u64,
}

impl Converter {
    /// A converter for a runtime drawn with `workers` worker lanes.
    pub(super) fn new(workers: u16) -> Self {
        Converter {
            origin: None,
            now: 0,
            lanes: Vec::new(),
            by_console: HashMap::new(),
            ended_before: HashSet::new(),
            names: FieldNames::default(),
            slots: Slots::new(workers),
            dropped_events: 0,
            intervals: Vec::new(),
            restarts: 0,
        }
    }

    /// Whether no update has arrived yet.
    pub(super) fn is_empty(&self) -> bool {
        self.origin.is_none()
    }

    /// The latest update's time, ns since the first (0 before any).
    pub(super) fn now_ns(&self) -> u64 {
        self.now.max(0) as u64
    }

    /// Events the app's console layer reported as not recorded (its buffer was full).
    pub(super) fn dropped_events(&self) -> u64 {
        self.dropped_events
    }

    /// How many times the app was seen to restart.
    pub(super) fn restarts(&self) -> u64 {
        self.restarts
    }

    /// The median time between updates seen so far: the app's publish interval.
    pub(super) fn publish_interval_ns(&self) -> Option<u64> {
        let mut v = self.intervals.clone();
        v.sort_unstable();
        v.get(v.len() / 2).copied()
    }

    /// Who lane `id` is, and what the app counted for it.
    pub(super) fn task(&self, id: TaskId) -> Option<(&TaskInfo, ConsoleCounts)> {
        let t = self.lanes.get(id as usize)?;
        Some((&t.info, t.counts))
    }

    /// Folds one update; `fresh` marks the first update of a connection (a full snapshot).
    pub(super) fn update(
        &mut self,
        update: &Update,
        fresh: bool,
        metas: &mut Vec<Meta>,
        events: &mut Vec<Event>,
    ) {
        let Some(now) = update.now.as_ref().map(|t| ns(t.seconds, t.nanos)) else {
            return;
        };
        let origin = *self.origin.get_or_insert(now);
        let rel = move |t: i128| (t - origin).clamp(i64::MIN.into(), i64::MAX.into()) as i64;
        let now = rel(now);
        if !fresh && now > self.now {
            self.intervals.push((now - self.now) as u64);
            if self.intervals.len() > 32 {
                self.intervals.remove(0);
            }
        }
        if let Some(m) = &update.new_metadata {
            self.names.register(m);
        }
        let mut proved = Vec::new();
        if let Some(tasks) = &update.task_update {
            self.dropped_events += tasks.dropped_events;
            let created = |id: u64| {
                let stats = tasks.stats_update.get(&id)?.created_at.as_ref()?;
                Some(rel(ns(stats.seconds, stats.nanos)))
            };
            let announced: Vec<(u64, Option<i64>)> = (tasks.new_tasks.iter())
                .filter_map(|t| t.id)
                .map(|id| (id.id, created(id.id)))
                .collect();
            if fresh && self.app_restarted(&announced) {
                self.restarts += 1;
                self.end_all(self.now, &mut proved);
            }
            for task in &tasks.new_tasks {
                let info = TaskInfo::read(task, &self.names);
                let stats = tasks.stats_update.get(&info.console_id);
                let seen = Sample { now, fresh };
                self.announce(info, stats, seen, &rel, metas, &mut proved);
            }
            let mut changed: Vec<(&u64, &Stats)> = tasks.stats_update.iter().collect();
            changed.sort_unstable_by_key(|(id, _)| **id);
            for (console_id, stats) in changed {
                if let Some(&id) = self.by_console.get(console_id) {
                    self.lanes[id as usize].snapshot(stats, now, &rel, &mut proved);
                }
            }
        }
        self.now = self.now.max(now);
        self.place(proved, events);
    }

    /// A new task: a lane, unless it had ended before we attached.
    fn announce(
        &mut self,
        info: TaskInfo,
        stats: Option<&Stats>,
        Sample { now, fresh }: Sample,
        rel: &dyn Fn(i128) -> i64,
        metas: &mut Vec<Meta>,
        proved: &mut Vec<Proved>,
    ) {
        let time = |t: Option<(i64, i32)>| t.map(|(s, n)| rel(ns(s, n)));
        let dropped = time(
            stats
                .and_then(|s| s.dropped_at.as_ref())
                .map(|t| (t.seconds, t.nanos)),
        );
        if self.by_console.contains_key(&info.console_id) {
            return;
        }
        if dropped.is_some_and(|d| d < 0) {
            self.ended_before.insert(info.console_id);
            return;
        }
        let id = self.lanes.len() as TaskId;
        metas.push(Meta::Task {
            id,
            name: info.name.clone(),
            kind: info.kind,
            parent: None,
            location: info.location.clone(),
        });
        let created = time(
            stats
                .and_then(|s| s.created_at.as_ref())
                .map(|t| (t.seconds, t.nanos)),
        );
        proved.push(Proved {
            at: created.unwrap_or(now),
            task: id,
            kind: EventKind::Spawned,
        });
        let polls = stats.and_then(|s| s.poll_stats.as_ref());
        let last_start = time(
            polls
                .and_then(|p| p.last_poll_started.as_ref())
                .map(|t| (t.seconds, t.nanos)),
        );
        let floor = lane_start(fresh, now, polls.map_or(0, |p| p.polls), last_start);
        self.by_console.insert(info.console_id, id);
        self.lanes.push(Tracked {
            id,
            created,
            floor,
            info,
            seen: Seen::default(),
            open_poll: None,
            counts: ConsoleCounts::default(),
        });
    }

    /// Whether a connection's first snapshot comes from another process (the app restarted
    /// on the same address): a task id we know now names a task created at another time,
    /// or none of the tasks we think are alive is listed (a full snapshot lists them all).
    fn app_restarted(&self, announced: &[(u64, Option<i64>)]) -> bool {
        let known = |id: &u64| self.by_console.get(id).map(|&t| &self.lanes[t as usize]);
        let mut listed_alive = false;
        for (id, created) in announced {
            match known(id) {
                Some(t) if t.created != *created => return true,
                Some(t) => listed_alive |= !t.seen.dropped,
                None => {}
            }
        }
        let alive = self
            .by_console
            .values()
            .any(|&t| !self.lanes[t as usize].seen.dropped);
        alive && !listed_alive
    }

    /// Ends every live lane at `at` (the process they lived in went away) and forgets the
    /// old process's ids.
    fn end_all(&mut self, at: i64, proved: &mut Vec<Proved>) {
        for t in self.lanes.iter_mut().filter(|t| !t.seen.dropped) {
            t.seen.dropped = true;
            proved.push(Proved {
                at,
                task: t.id,
                kind: EventKind::Ended {
                    outcome: EndKind::Cancelled,
                },
            });
        }
        self.by_console.clear();
        self.ended_before.clear();
    }

    /// Sorts the proved transitions by time and puts each poll on a worker lane. A
    /// transition from before its lane's start is placed at that start, in its order.
    fn place(&mut self, mut proved: Vec<Proved>, events: &mut Vec<Event>) {
        let floor = |p: &Proved| self.lanes[p.task as usize].floor;
        proved.sort_by_key(|p| (p.at.max(floor(p)), p.at));
        for p in proved {
            let at_ns = p.at.max(self.lanes[p.task as usize].floor).max(0) as u64;
            let kind = match p.kind {
                EventKind::PollStart { .. } => {
                    let blocking = self.lanes[p.task as usize].info.kind == TaskKind::Blocking;
                    let worker = self.slots.start(p.task, blocking, at_ns);
                    EventKind::PollStart { worker }
                }
                EventKind::PollEnd | EventKind::Ended { .. } => {
                    self.slots.end(p.task, at_ns);
                    p.kind
                }
                other => other,
            };
            events.push(Event {
                at_ns,
                task: p.task,
                kind,
            });
        }
    }
}
