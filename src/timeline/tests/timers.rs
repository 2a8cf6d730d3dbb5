//! A wait on a timer turns scheduled at the timer's deadline, not at the (late) wake.

use super::{MS, T};
use crate::record::{EventKind, TaskKind};
use crate::timeline::State;

/// Task 1 sleeps 50 ms from t = 1 ms, but task 0 holds the only worker from 10 to 210 ms,
/// so the timer is processed (and task 1 woken) only at 210 ms.
fn starved_sleeper() -> T {
    let mut t = T::new(1);
    t.label(0, "heartbeat timer");
    t.spawn(0, 0, "blocker", TaskKind::Task, None);
    t.spawn(0, 1, "sleeper", TaskKind::Task, None);
    t.ev(MS, 1, EventKind::PollStart { worker: 0 });
    t.ev(MS, 1, EventKind::AwaitStart { label: 0 });
    t.ev(MS, 1, EventKind::TimerArmed { after_us: 50_000 });
    t.ev(2 * MS, 1, EventKind::PollEnd);
    t.ev(10 * MS, 0, EventKind::PollStart { worker: 0 });
    t
}

#[test]
fn a_late_wake_is_scheduled_from_the_deadline() {
    let mut t = starved_sleeper();
    t.ev(210 * MS, 0, EventKind::PollEnd);
    t.wake(210 * MS, 1);
    t.poll(211 * MS, 212 * MS, 1, 0);
    let lane = t.0.task(1).unwrap();
    assert_eq!(lane.state_at(40 * MS), Some(State::Waiting));
    assert_eq!(lane.state_at(60 * MS), Some(State::Scheduled));
    let scheduled = lane.segment_at(100 * MS).unwrap();
    assert_eq!((scheduled.start_ns, scheduled.end_ns), (51 * MS, 211 * MS));
    assert_eq!(
        t.0.label(scheduled.label().unwrap()),
        Some("heartbeat timer")
    );
}

#[test]
fn a_due_timer_shows_scheduled_live_while_the_worker_is_still_blocked() {
    let mut t = starved_sleeper();
    t.0.advance(30 * MS);
    assert_eq!(t.0.task(1).unwrap().state(), Some(State::Waiting));
    t.0.advance(100 * MS);
    assert_eq!(t.0.task(1).unwrap().state(), Some(State::Scheduled));
    assert_eq!(t.0.task(1).unwrap().open().unwrap().start_ns, 51 * MS);
}

#[test]
fn an_on_time_wake_does_not_split_the_wait() {
    let mut t = T::new(1);
    t.label(0, "sleep");
    t.spawn(0, 1, "sleeper", TaskKind::Task, None);
    t.ev(MS, 1, EventKind::PollStart { worker: 0 });
    t.ev(MS, 1, EventKind::AwaitStart { label: 0 });
    t.ev(MS, 1, EventKind::TimerArmed { after_us: 50_000 });
    t.ev(2 * MS, 1, EventKind::PollEnd);
    // tokio's timer wheel ticks in milliseconds: a wake 1 ms late is on time.
    t.wake(52 * MS, 1);
    let lane = t.0.task(1).unwrap();
    assert_eq!(lane.segment_at(40 * MS).unwrap().end_ns, 52 * MS);
}

#[test]
fn a_timer_dropped_before_its_deadline_is_forgotten() {
    let mut t = T::new(1);
    t.label(0, "slow call");
    t.spawn(0, 1, "racer", TaskKind::Task, None);
    t.ev(MS, 1, EventKind::PollStart { worker: 0 });
    t.ev(MS, 1, EventKind::AwaitStart { label: 0 });
    t.ev(MS, 1, EventKind::TimerArmed { after_us: 50_000 });
    t.ev(2 * MS, 1, EventKind::AwaitEnd { label: 0 });
    t.ev(2 * MS, 1, EventKind::PollEnd);
    t.0.advance(500 * MS);
    assert_eq!(t.0.task(1).unwrap().state(), Some(State::Waiting));
}
