//! Tests of the update → event fold, on simulated console-subscriber snapshots.

use console_api::field::{Name, Value};
use console_api::instrument::Update;
use console_api::tasks::{Stats, Task, TaskUpdate};
use console_api::{Field, Id, PollStats};
use proptest::prelude::*;

use super::convert::Converter;
use crate::scenario::Flavor;
use crate::source::RunInfo;
use crate::timeline::{Outcome, State, Timeline};

const MS: i64 = 1_000_000;
/// Where the simulated app's clock is at its origin: a wall-clock time, as in real updates.
const EPOCH_NS: i64 = 1_700_000_000 * 1_000_000_000;

fn stamp(rel_ns: i64) -> prost_types::Timestamp {
    let t = EPOCH_NS + rel_ns;
    prost_types::Timestamp {
        seconds: t.div_euclid(1_000_000_000),
        nanos: t.rem_euclid(1_000_000_000) as i32,
    }
}

/// What really happened to one simulated task: polls `[start, end)` and wake times.
#[derive(Clone, Debug, Default)]
struct History {
    created: i64,
    polls: Vec<(i64, i64)>,
    wakes: Vec<i64>,
    dropped: Option<i64>,
}

impl History {
    /// The stats console-subscriber would publish at `t`.
    fn stats_at(&self, t: i64) -> Stats {
        let started: Vec<_> = self.polls.iter().filter(|p| p.0 <= t).collect();
        let ended: Vec<_> = self.polls.iter().filter(|p| p.1 <= t).collect();
        let busy: i64 = ended.iter().map(|p| p.1 - p.0).sum();
        Stats {
            created_at: Some(stamp(self.created)),
            dropped_at: self.dropped.filter(|&d| d <= t).map(stamp),
            wakes: self.wakes.iter().filter(|&&w| w <= t).count() as u64,
            last_wake: self
                .wakes
                .iter()
                .filter(|&&w| w <= t)
                .max()
                .map(|&w| stamp(w)),
            poll_stats: Some(PollStats {
                polls: started.len() as u64,
                first_poll: started.first().map(|p| stamp(p.0)),
                last_poll_started: started.last().map(|p| stamp(p.0)),
                last_poll_ended: ended.last().map(|p| stamp(p.1)),
                busy_time: Some(prost_types::Duration {
                    seconds: busy / 1_000_000_000,
                    nanos: (busy % 1_000_000_000) as i32,
                }),
            }),
            ..Default::default()
        }
    }

    /// The state tokio-console derives at `t`; a task not polled yet is scheduled (tokio
    /// schedules a task when it is spawned).
    fn state_at(&self, t: i64) -> Option<State> {
        if self.dropped.is_some_and(|d| d <= t) {
            return None;
        }
        let s = self.polls.iter().map(|p| p.0).filter(|&s| s <= t).max();
        let e = self.polls.iter().map(|p| p.1).filter(|&e| e <= t).max();
        let w = self.wakes.iter().copied().filter(|&w| w <= t).max();
        Some(match s {
            None => State::Scheduled,
            Some(s) if e.is_none_or(|e| s > e) => State::Running,
            Some(s) if w.is_some_and(|w| w > s) => State::Scheduled,
            Some(_) => State::Waiting,
        })
    }
}

fn announce(id: u64, name: &str) -> Task {
    Task {
        id: Some(Id { id }),
        fields: vec![Field {
            name: Some(Name::StrName("task.name".into())),
            value: Some(Value::DebugVal(name.into())),
            metadata_id: None,
        }],
        ..Default::default()
    }
}

fn update(t: i64, new_tasks: Vec<Task>, stats: Vec<(u64, Stats)>) -> Update {
    Update {
        now: Some(stamp(t)),
        task_update: Some(TaskUpdate {
            new_tasks,
            stats_update: stats.into_iter().collect(),
            dropped_events: 0,
        }),
        ..Default::default()
    }
}

/// A converter and the timeline it feeds.
struct Fold {
    converter: Converter,
    timeline: Timeline,
    fresh: bool,
}

impl Fold {
    fn new(workers: u16) -> Self {
        Fold {
            converter: Converter::new(workers),
            timeline: Timeline::new(RunInfo::tokio("attach test", Flavor::MultiThread, workers)),
            fresh: true,
        }
    }

    fn feed(&mut self, u: Update) {
        let (mut metas, mut events) = (Vec::new(), Vec::new());
        self.converter
            .update(&u, self.fresh, &mut metas, &mut events);
        self.fresh = false;
        metas.into_iter().for_each(|m| self.timeline.apply_meta(m));
        events.into_iter().for_each(|e| self.timeline.apply(e));
        self.timeline.advance(self.converter.now_ns());
    }
}

#[test]
fn a_poll_seen_running_then_ended_is_drawn_exactly() {
    let h = History {
        created: 0,
        polls: vec![(10 * MS, 310 * MS)],
        wakes: vec![],
        dropped: None,
    };
    let mut f = Fold::new(1);
    f.feed(update(
        0,
        vec![announce(5, "blocker")],
        vec![(5, h.stats_at(0))],
    ));
    f.feed(update(100 * MS, vec![], vec![(5, h.stats_at(100 * MS))]));
    let lane = f.timeline.task(0).unwrap();
    assert_eq!(lane.name, "blocker");
    assert_eq!(lane.state(), Some(State::Running));
    f.feed(update(400 * MS, vec![], vec![(5, h.stats_at(400 * MS))]));
    let lane = f.timeline.task(0).unwrap();
    let running: Vec<_> = lane
        .segments()
        .iter()
        .filter(|s| s.state == State::Running)
        .map(|s| (s.start_ns, s.end_ns))
        .collect();
    assert_eq!(running, vec![(10 * MS as u64, 310 * MS as u64)]);
    assert_eq!(lane.state(), Some(State::Waiting));
}

#[test]
fn an_open_poll_that_ended_unseen_gets_its_length_from_busy_time() {
    // Seen running at 100 ms; by 400 ms it ended at 250 ms and one more poll ran.
    let h = History {
        created: 0,
        polls: vec![(50 * MS, 250 * MS), (300 * MS, 320 * MS)],
        wakes: vec![280 * MS],
        dropped: None,
    };
    let mut f = Fold::new(1);
    f.feed(update(0, vec![announce(1, "t")], vec![(1, h.stats_at(0))]));
    f.feed(update(100 * MS, vec![], vec![(1, h.stats_at(100 * MS))]));
    f.feed(update(400 * MS, vec![], vec![(1, h.stats_at(400 * MS))]));
    let lane = f.timeline.task(0).unwrap();
    let spans: Vec<_> = lane
        .segments()
        .iter()
        .map(|s| (s.state, s.start_ns / MS as u64, s.end_ns / MS as u64))
        .collect();
    assert!(spans.contains(&(State::Running, 50, 250)), "{spans:?}");
    assert!(spans.contains(&(State::Scheduled, 280, 300)), "{spans:?}");
    assert!(spans.contains(&(State::Running, 300, 320)), "{spans:?}");
}

#[test]
fn tasks_that_ended_before_attaching_get_no_lane_and_a_drop_ends_a_lane() {
    let gone = History {
        created: -2_000 * MS,
        polls: vec![(-1_900 * MS, -1_800 * MS)],
        dropped: Some(-1_000 * MS),
        ..Default::default()
    };
    let live = History {
        created: -500 * MS,
        polls: vec![(-400 * MS, 20 * MS)],
        dropped: Some(60 * MS),
        ..Default::default()
    };
    let mut f = Fold::new(2);
    let tasks = vec![announce(1, "gone"), announce(2, "live")];
    f.feed(update(
        0,
        tasks,
        vec![(1, gone.stats_at(0)), (2, live.stats_at(0))],
    ));
    assert_eq!(f.timeline.tasks().len(), 1);
    f.feed(update(100 * MS, vec![], vec![(2, live.stats_at(100 * MS))]));
    let lane = f.timeline.task(0).unwrap();
    assert_eq!(lane.name, "live");
    assert_eq!(lane.outcome, Outcome::Ok);
    assert_eq!(lane.ended_ns, Some(60 * MS as u64));
    assert_eq!(lane.segments()[0].state, State::Running);
    assert_eq!(
        lane.segments()[0].start_ns,
        0,
        "running since before we attached"
    );
}

#[test]
fn a_restarted_app_ends_the_old_lanes() {
    let h = History {
        polls: vec![(10 * MS, 20 * MS)],
        ..Default::default()
    };
    let mut f = Fold::new(1);
    f.feed(update(
        0,
        vec![announce(1, "old")],
        vec![(1, h.stats_at(0))],
    ));
    f.feed(update(100 * MS, vec![], vec![(1, h.stats_at(100 * MS))]));
    f.fresh = true; // a new connection, and the snapshot knows none of our tasks
    let again = History {
        created: 900 * MS,
        ..Default::default()
    };
    f.feed(update(
        1_000 * MS,
        vec![announce(1, "new")],
        vec![(1, again.stats_at(1_000 * MS))],
    ));
    let lanes = f.timeline.tasks();
    assert_eq!(lanes.len(), 2);
    assert_eq!(lanes[0].outcome, Outcome::Cancelled);
    assert_eq!(lanes[1].name, "new");
    assert_eq!(lanes[1].outcome, Outcome::Running);
}

/// The (state, start ms, end ms) of every segment of lane `id`, the open one to now.
fn spans(f: &Fold, id: u32) -> Vec<(State, i64, i64)> {
    let lane = f.timeline.task(id).unwrap();
    (lane.segments().iter().chain(lane.open().as_ref()))
        .map(|s| (s.state, s.start_ns as i64 / MS, s.end_ns as i64 / MS))
        .collect()
}

#[test]
fn after_a_restart_the_new_tasks_start_at_the_first_sample_not_as_ready() {
    let mut f = Fold::new(1);
    let old = History::default();
    f.feed(update(
        0,
        vec![announce(1, "old")],
        vec![(1, old.stats_at(0))],
    ));
    f.feed(update(100 * MS, vec![], vec![(1, old.stats_at(100 * MS))]));
    // The app restarts: its new task, created while we reconnected, ran several polls
    // (the last from 1_500 to 1_510 ms) before the new connection's first update at 2 s.
    f.fresh = true;
    let new = History {
        created: 900 * MS,
        polls: vec![(950 * MS, 960 * MS), (1_500 * MS, 1_510 * MS)],
        wakes: vec![1_400 * MS],
        dropped: None,
    };
    f.feed(update(
        2_000 * MS,
        vec![announce(1, "new")],
        vec![(1, new.stats_at(2_000 * MS))],
    ));
    let lane = f.timeline.task(1).unwrap();
    assert_eq!(lane.name, "new");
    assert_eq!(
        lane.spawned_ns,
        2_000 * MS as u64,
        "drawn from the first sample"
    );
    assert_eq!(
        lane.state(),
        Some(State::Waiting),
        "as the console derives it"
    );
    f.feed(update(
        2_100 * MS,
        vec![],
        vec![(1, new.stats_at(2_100 * MS))],
    ));
    assert_eq!(spans(&f, 1), vec![(State::Waiting, 2_000, 2_100)]);
}

#[test]
fn a_task_created_and_polled_again_between_two_updates_starts_at_its_last_poll() {
    let once = History {
        created: 120 * MS,
        polls: vec![(150 * MS, 160 * MS)],
        ..Default::default()
    };
    let often = History {
        created: 120 * MS,
        polls: vec![(130 * MS, 140 * MS), (170 * MS, 180 * MS)],
        wakes: vec![165 * MS],
        ..Default::default()
    };
    let mut f = Fold::new(1);
    f.feed(update(100 * MS, vec![], vec![]));
    f.feed(update(
        200 * MS,
        vec![announce(1, "once"), announce(2, "often")],
        vec![(1, once.stats_at(200 * MS)), (2, often.stats_at(200 * MS))],
    ));
    // Polled once: scheduled from its creation to that poll, exactly.
    assert_eq!(
        spans(&f, 0),
        vec![
            (State::Scheduled, 20, 50),
            (State::Running, 50, 60),
            (State::Waiting, 60, 100)
        ]
    );
    // Polled twice: its first poll is not seen, so it is not drawn as ready until the last.
    assert_eq!(
        spans(&f, 1),
        vec![(State::Running, 70, 80), (State::Waiting, 80, 100)]
    );
}

/// One simulated task's life: per phase, (idle before its wake, wait for a worker, poll
/// length, woken during the poll).
fn history(phases: &[(i64, i64, i64, bool)]) -> History {
    let mut h = History::default();
    let mut t = 0;
    for &(idle, sched, len, self_wake) in phases {
        t += idle;
        h.wakes.push(t);
        t += sched;
        h.polls.push((t, t + len));
        if self_wake {
            h.wakes.push(t + len / 2);
        }
        t += len;
    }
    h.wakes
        .retain(|&w| !h.polls.iter().any(|p| p.0 == w || p.1 == w));
    h
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// At every update the lane's state is the one tokio-console derives, and every
    /// running segment drawn lies inside a poll that really happened.
    #[test]
    fn lanes_follow_the_console_state_and_never_invent_running(
        phases in prop::collection::vec(
            (1i64..80 * MS, 0i64..20 * MS, 1_000i64..300 * MS, any::<bool>()), 1..25),
        interval in 5 * MS..250 * MS,
        start in 0i64..500 * MS,
    ) {
        let h = history(&phases);
        let end = h.polls.last().unwrap().1 + 100 * MS;
        let mut f = Fold::new(1);
        let mut t = start;
        f.feed(update(t, vec![announce(1, "sim")], vec![(1, h.stats_at(t))]));
        loop {
            let lane = f.timeline.task(0).unwrap();
            prop_assert_eq!(lane.state(), h.state_at(t), "at {} ms", (t - start) / MS);
            if t > end { break; }
            t += interval;
            f.feed(update(t, vec![], vec![(1, h.stats_at(t))]));
        }
        let lane = f.timeline.task(0).unwrap();
        for seg in lane.segments().iter().filter(|s| s.state == State::Running) {
            let (a, b) = (seg.start_ns as i64 + start, seg.end_ns as i64 + start);
            let inside = h.polls.iter().any(|p| (p.0.max(start)) <= a && b <= p.1);
            prop_assert!(inside, "running {}..{} ns is in no real poll", a, b);
        }
    }
}
