//! Events that arrive before their task's lane begins are held, then placed; never lost
//! silently.

use super::{MS, T};
use crate::record::{EndKind, EventKind, Meta, TaskKind};
use crate::timeline::{MAX_PENDING_EVENTS, State};

use State::{Running as R, Scheduled as S, Waiting as W};

fn shape(t: &T, task: u32) -> Vec<(State, u64, u64)> {
    let lane = t.0.task(task).expect("a lane");
    lane.segments()
        .iter()
        .map(|s| (s.state, s.start_ns, s.end_ns))
        .collect()
}

fn meta(t: &mut T, id: u32, name: &str) {
    t.0.apply_meta(Meta::Task {
        id,
        name: name.into(),
        kind: TaskKind::Task,
        parent: None,
        location: None,
    });
}

#[test]
fn a_poll_read_before_its_spawn_is_placed_when_the_spawn_arrives() {
    // Worker 1's log was read before the spawning thread's: the poll comes first.
    let mut t = T::new(2);
    meta(&mut t, 0, "child");
    t.poll(20 * MS, 30 * MS, 0, 1);
    assert_eq!(t.0.task(0).unwrap().state(), None, "not begun yet");
    t.ev(10 * MS, 0, EventKind::Spawned);
    assert_eq!(
        shape(&t, 0),
        vec![(S, 10 * MS, 20 * MS), (R, 20 * MS, 30 * MS)]
    );
    let lane = t.0.task(0).unwrap();
    assert_eq!(lane.state(), Some(W));
    assert_eq!(lane.spawned_ns, 10 * MS);
    assert_eq!(lane.stats().polls, 1);
    assert_eq!(t.0.workers()[1].busy().len(), 1);
    assert_eq!(t.0.dropped_events(), 0);
}

#[test]
fn events_of_a_task_not_known_at_all_wait_for_its_lane() {
    let mut t = T::new(1);
    t.wake(5 * MS, 3);
    t.ev(8 * MS, 3, EventKind::PollStart { worker: 0 });
    assert!(t.0.tasks().is_empty(), "no lane is made up for them");
    meta(&mut t, 3, "late");
    t.ev(2 * MS, 3, EventKind::Spawned);
    let lane = t.0.task(3).unwrap();
    assert_eq!(lane.name, "late");
    assert_eq!(lane.stats().wakes, 1);
    assert_eq!(lane.state(), Some(R));
    assert_eq!(shape(&t, 3), vec![(S, 2 * MS, 8 * MS)]);
}

#[test]
fn events_never_placed_are_counted_as_dropped_when_the_run_finishes() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.poll(MS, 2 * MS, 1, 0); // task 1 never spawns
    t.end(3 * MS, 1, EndKind::Ok);
    assert_eq!(
        t.0.dropped_events(),
        0,
        "held, not lost, while the run goes on"
    );
    t.0.set_dropped_events(4); // what the recorder itself lost
    t.0.finish(10 * MS);
    assert_eq!(t.0.dropped_events(), 4 + 3);
}

#[test]
fn held_events_are_bounded_and_the_overflow_is_counted() {
    let mut t = T::new(1);
    let extra = 5;
    for i in 0..MAX_PENDING_EVENTS + extra {
        t.wake(i as u64, 0);
    }
    assert_eq!(t.0.dropped_events(), extra as u64);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    assert_eq!(
        t.0.task(0).unwrap().stats().wakes,
        MAX_PENDING_EVENTS as u64
    );
    t.0.finish(1_000 * MS);
    assert_eq!(t.0.dropped_events(), extra as u64);
}

#[test]
fn an_absurd_task_id_is_counted_as_dropped() {
    let mut t = T::new(1);
    t.ev(5, u32::MAX, EventKind::PollEnd);
    t.ev(5, u32::MAX, EventKind::Spawned);
    assert!(t.0.tasks().is_empty());
    assert_eq!(t.0.dropped_events(), 2);
}
