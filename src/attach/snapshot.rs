//! What one task's stats snapshot proves since the previous one: the transitions to draw,
//! at the times the snapshot reports (see `convert.rs` for the rules).

use console_api::tasks::Stats;

use crate::record::{EndKind, EventKind, TaskId};

use super::fields::TaskInfo;

/// What the app itself counted for a task: exact, unlike the sampled lane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConsoleCounts {
    /// Polls started.
    pub polls: u64,
    /// Time spent in polls, ns.
    pub busy_ns: u64,
    /// Times it was woken.
    pub wakes: u64,
}

/// The last moments a snapshot reported, in ns relative to the origin (may be negative).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Seen {
    pub(super) started: Option<i64>,
    pub(super) ended: Option<i64>,
    pub(super) woken: Option<i64>,
    pub(super) dropped: bool,
}

/// One lane's task and what its snapshots said so far.
#[derive(Debug)]
pub(super) struct Tracked {
    pub(super) id: TaskId,
    /// When it was created (tells one task from another that reuses its id after a restart).
    pub(super) created: Option<i64>,
    /// Where its lane starts: transitions proved before it are placed at it.
    pub(super) floor: i64,
    pub(super) info: TaskInfo,
    pub(super) seen: Seen,
    /// Start of the poll drawn as open, and the last update that still saw it running.
    pub(super) open_poll: Option<(i64, i64)>,
    pub(super) counts: ConsoleCounts,
}

/// A transition proved by a snapshot, before it is placed on a worker lane.
pub(super) struct Proved {
    pub(super) at: i64,
    pub(super) task: TaskId,
    pub(super) kind: EventKind,
}

/// A protobuf timestamp in ns since the Unix epoch.
pub(super) fn ns(seconds: i64, nanos: i32) -> i128 {
    i128::from(seconds) * 1_000_000_000 + i128::from(nanos)
}

/// When the poll drawn as open (`open` = its start, and the last update that saw it running)
/// ended, given what a snapshot reports: `None` while it still runs.
///
/// The reported end is its own unless a later poll started. If one did and it is the only
/// new poll, busy time (which grows by a poll's length when it ends) gives the open poll's
/// exact length. With several new polls, it ended unseen: after we last saw it running.
fn open_poll_end(
    (start, seen_running): (i64, i64),
    new_start: Option<i64>,
    new_end: Option<i64>,
    new_polls: u64,
    busy_delta: u64,
) -> Option<i64> {
    let busy_delta = i64::try_from(busy_delta).unwrap_or(i64::MAX);
    let end = match (new_start, new_end) {
        (None, end) => return end.map(|e| e.max(start)),
        (Some(s), Some(e)) if e <= s && new_polls == 1 => e,
        (Some(s), Some(e)) if new_polls == 1 => start.saturating_add(busy_delta - (e - s)),
        (Some(_), None) if new_polls == 1 => start.saturating_add(busy_delta),
        (Some(_), _) => seen_running,
    };
    let next = new_start.unwrap_or(i64::MAX);
    Some(end.clamp(start, next.max(start)))
}

impl Tracked {
    /// Adds the transitions a new stats snapshot proves since the last one.
    pub(super) fn snapshot(
        &mut self,
        stats: &Stats,
        now: i64,
        rel: &dyn Fn(i128) -> i64,
        out: &mut Vec<Proved>,
    ) {
        if self.seen.dropped {
            return;
        }
        let time = |t: Option<(i64, i32)>| t.map(|(s, n)| rel(ns(s, n)));
        macro_rules! at {
            ($t:expr) => {
                time($t.as_ref().map(|t| (t.seconds, t.nanos)))
            };
        }
        let polls = stats.poll_stats.as_ref();
        let started = polls.and_then(|p| at!(p.last_poll_started));
        let ended = polls.and_then(|p| at!(p.last_poll_ended));
        let woken = at!(stats.last_wake);
        let dropped = at!(stats.dropped_at);
        let before = self.counts;
        self.counts = ConsoleCounts {
            polls: polls.map_or(0, |p| p.polls),
            busy_ns: polls.and_then(|p| p.busy_time.as_ref()).map_or(0, |d| {
                ns(d.seconds, d.nanos).clamp(0, u64::MAX.into()) as u64
            }),
            wakes: stats.wakes,
        };
        let new = |t: Option<i64>, before: Option<i64>| t.filter(|&t| before.is_none_or(|b| t > b));
        let new_start = new(started, self.seen.started);
        let new_end = new(ended, self.seen.ended);
        let new_wake = new(woken, self.seen.woken);
        let mut push = |at: i64, kind: EventKind| {
            out.push(Proved {
                at,
                task: self.id,
                kind,
            })
        };
        if let Some(open) = self.open_poll {
            let polls = self.counts.polls.saturating_sub(before.polls);
            let busy = self.counts.busy_ns.saturating_sub(before.busy_ns);
            if let Some(end) = open_poll_end(open, new_start, new_end, polls, busy) {
                push(end, EventKind::PollEnd);
            }
        }
        if let Some(s) = new_start {
            push(s, EventKind::PollStart { worker: 0 });
            if let Some(e) = new_end.filter(|&e| e >= s) {
                push(e, EventKind::PollEnd);
            }
        }
        if let Some(w) = new_wake {
            push(w, EventKind::Woken { by: None });
        }
        if let Some(d) = dropped {
            push(
                d,
                EventKind::Ended {
                    outcome: EndKind::Ok,
                },
            );
        }
        let running = started.is_some_and(|s| ended.is_none_or(|e| s > e)) && dropped.is_none();
        self.open_poll = match (running, self.open_poll, new_start) {
            (false, ..) => None,
            (true, _, Some(s)) => Some((s, now)),
            (true, Some((s, _)), None) => Some((s, now)),
            (true, None, None) => None,
        };
        self.seen = Seen {
            started,
            ended,
            woken,
            dropped: dropped.is_some(),
        };
    }
}
