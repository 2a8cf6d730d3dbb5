//! The lane rules: spawn, poll, wake, await labels, end, clamping, workers, live reading.

use super::{MS, T};
use crate::record::{EndKind, EventKind, TaskKind};
use crate::timeline::{Outcome, Segment, State, TaskStats};

use State::{Running as R, Scheduled as S, Waiting as W};

fn shape(segments: &[Segment]) -> Vec<(State, u64, u64)> {
    segments
        .iter()
        .map(|s| (s.state, s.start_ns, s.end_ns))
        .collect()
}

#[test]
fn segment_is_compact() {
    assert_eq!(std::mem::size_of::<Segment>(), 24);
}

#[test]
fn a_task_is_scheduled_runs_waits_and_ends() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.poll(10, 20, 0, 0);
    t.wake(100, 0);
    t.ev(150, 0, EventKind::PollStart { worker: 0 });
    t.end(160, 0, EndKind::Ok);
    let lane = t.0.task(0).unwrap();
    let expected = vec![
        (S, 0, 10),
        (R, 10, 20),
        (W, 20, 100),
        (S, 100, 150),
        (R, 150, 160),
    ];
    assert_eq!(shape(lane.segments()), expected);
    assert_eq!(lane.segments()[1].worker(), Some(0));
    assert_eq!(lane.outcome, Outcome::Ok);
    assert_eq!(lane.ended_ns, Some(160));
    assert_eq!(lane.open(), None);
    let stats = TaskStats {
        polls: 2,
        busy_ns: 20,
        scheduled_ns: 60,
        idle_ns: 80,
        wakes: 1,
    };
    assert_eq!(lane.stats(), stats);
    let busy: Vec<_> = t.0.workers()[0]
        .busy()
        .iter()
        .map(|b| (b.task, b.start_ns, b.end_ns))
        .collect();
    assert_eq!(busy, vec![(0, 10, 20), (0, 150, 160)]);
}

#[test]
fn a_wake_during_the_poll_reschedules_at_its_end() {
    let mut t = T::new(1);
    t.spawn(0, 0, "yielder", TaskKind::Task, None);
    t.ev(10, 0, EventKind::PollStart { worker: 0 });
    t.wake(15, 0);
    t.ev(20, 0, EventKind::PollEnd);
    let lane = t.0.task(0).unwrap();
    assert_eq!(shape(lane.segments()), vec![(S, 0, 10), (R, 10, 20)]);
    assert_eq!(lane.state(), Some(S));
    // The wake was consumed by that poll: the next one ends in Waiting.
    t.poll(30, 40, 0, 0);
    assert_eq!(t.0.task(0).unwrap().state(), Some(W));
}

#[test]
fn a_wake_while_scheduled_is_only_counted() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.wake(5, 0);
    let lane = t.0.task(0).unwrap();
    assert_eq!(lane.state(), Some(S));
    assert!(lane.segments().is_empty());
    assert_eq!(lane.stats().wakes, 1);
}

#[test]
fn waiting_is_labelled_by_the_innermost_open_await() {
    let mut t = T::new(1);
    t.label(0, "join!");
    t.label(1, "GET /a");
    t.label(2, "GET /b");
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.ev(10, 0, EventKind::PollStart { worker: 0 });
    t.ev(11, 0, EventKind::AwaitStart { label: 0 });
    t.ev(12, 0, EventKind::AwaitStart { label: 1 });
    t.ev(13, 0, EventKind::AwaitStart { label: 2 });
    t.ev(20, 0, EventKind::PollEnd);
    assert_eq!(t.0.task(0).unwrap().open().unwrap().label(), Some(2));
    t.wake(30, 0);
    t.ev(40, 0, EventKind::PollStart { worker: 0 });
    t.ev(41, 0, EventKind::AwaitEnd { label: 2 });
    t.ev(50, 0, EventKind::PollEnd);
    let lane = t.0.task(0).unwrap();
    assert_eq!(lane.open().unwrap().label(), Some(1));
    assert_eq!(lane.awaiting(), Some(1));
    assert_eq!(t.0.label(1), Some("GET /a"));
    assert_eq!(t.0.label(9), None);
}

#[test]
fn a_late_event_is_clamped_to_the_last_transition() {
    let mut t = T::new(2);
    t.spawn(100, 0, "a", TaskKind::Task, None);
    t.ev(200, 0, EventKind::PollStart { worker: 1 });
    t.ev(300, 0, EventKind::PollEnd);
    // A wake from another thread, stamped during the poll but delivered after its end.
    t.wake(290, 0);
    assert_eq!(t.0.task(0).unwrap().state(), Some(S));
    // Late events of another kind, before the task's last transition.
    t.ev(250, 0, EventKind::PollStart { worker: 0 });
    t.ev(240, 0, EventKind::PollEnd);
    t.ev(260, 0, EventKind::PollStart { worker: 0 });
    t.ev(270, 0, EventKind::PollEnd);
    let lane = t.0.task(0).unwrap();
    assert_eq!(shape(lane.segments()), vec![(S, 100, 200), (R, 200, 300)]);
    for pair in lane.segments().windows(2) {
        assert!(pair[0].end_ns <= pair[1].start_ns);
    }
    assert_eq!(lane.state(), Some(W));
    assert_eq!(lane.stats().polls, 3);
}

#[test]
fn a_future_has_no_state_until_polled_and_ends_never_polled() {
    let mut t = T::new(1);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.spawn(10, 1, "send_email", TaskKind::Future, Some(0));
    t.0.advance(50);
    let lane = t.0.task(1).unwrap();
    assert_eq!(lane.state(), None);
    assert_eq!(lane.state_at(20), None);
    t.end(60, 1, EndKind::Cancelled);
    let lane = t.0.task(1).unwrap();
    assert_eq!(lane.outcome, Outcome::NeverPolled);
    assert!(lane.segments().is_empty());
    assert_eq!(lane.depth(), 1);
}

#[test]
fn a_polled_future_ends_with_its_own_outcome() {
    let mut t = T::new(1);
    t.spawn(0, 0, "fut", TaskKind::Future, None);
    t.poll(10, 20, 0, 0);
    t.end(30, 0, EndKind::Cancelled);
    assert_eq!(t.0.task(0).unwrap().outcome, Outcome::Cancelled);
}

#[test]
fn ending_while_running_closes_the_worker_poll() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.ev(10, 0, EventKind::PollStart { worker: 0 });
    t.end(20, 0, EndKind::Panicked);
    t.ev(21, 0, EventKind::PollEnd); // after the end: ignored
    let w = &t.0.workers()[0];
    assert_eq!(w.open(), None);
    assert_eq!(w.busy().len(), 1);
    assert_eq!(w.busy()[0].end_ns, 20);
    assert_eq!(t.0.task(0).unwrap().outcome, Outcome::Panicked);
}

#[test]
fn workers_exist_idle_and_blocking_pool_threads_appear_on_use() {
    let mut t = T::new(2);
    assert_eq!(t.0.workers().len(), 2);
    assert!(
        t.0.workers()
            .iter()
            .all(|w| !w.blocking_pool && w.busy().is_empty())
    );
    t.spawn(0, 0, "blocking", TaskKind::Blocking, None);
    t.poll(5, 500, 0, 3);
    let workers = t.0.workers();
    assert_eq!(workers.len(), 4);
    assert!(workers[2].blocking_pool && workers[3].blocking_pool);
    assert_eq!(workers[3].task_at(100), Some(0));
    assert_eq!(workers[3].task_at(600), None);
    assert_eq!(workers[3].busy_ns(), 495);
}

#[test]
fn live_reading_extends_open_segments_to_now() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.ev(10, 0, EventKind::PollStart { worker: 0 });
    t.0.advance(110);
    assert_eq!(t.0.now_ns(), 110);
    let lane = t.0.task(0).unwrap();
    assert_eq!(
        lane.open().map(|s| (s.state, s.start_ns, s.end_ns)),
        Some((R, 10, 110))
    );
    assert_eq!(lane.stats().busy_ns, 100);
    assert_eq!(lane.state_at(109), Some(R));
    assert_eq!(t.0.workers()[0].open().map(|b| b.end_ns), Some(110));
    t.0.advance(50); // the clock never goes back
    assert_eq!(t.0.now_ns(), 110);
}

#[test]
fn finish_closes_open_segments_and_keeps_the_living_running() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.poll(10, 20, 0, 0);
    t.0.finish(1_000);
    t.wake(1_100, 0); // after the end of the run: ignored
    assert!(t.0.is_finished());
    assert_eq!(t.0.now_ns(), 1_000);
    let lane = t.0.task(0).unwrap();
    assert_eq!(lane.outcome, Outcome::Running);
    assert_eq!(lane.ended_ns, None);
    assert_eq!(lane.open(), None);
    assert_eq!(shape(lane.segments()).last(), Some(&(W, 20, 1_000)));
    assert_eq!(lane.state_at(999), Some(W));
    assert_eq!(lane.state_at(1_000), None);
}

#[test]
fn state_at_follows_segments_and_lifetime() {
    let mut t = T::new(1);
    t.spawn(100, 0, "a", TaskKind::Task, None);
    t.poll(200, 300, 0, 0);
    t.end(400, 0, EndKind::Ok);
    let lane = t.0.task(0).unwrap();
    assert_eq!(lane.state_at(99), None);
    assert_eq!(lane.state_at(100), Some(S));
    assert_eq!(lane.state_at(200), Some(R));
    assert_eq!(lane.state_at(299), Some(R));
    assert_eq!(lane.state_at(300), Some(W));
    assert_eq!(lane.state_at(400), None);
}

#[test]
fn children_are_nested_under_their_parents() {
    let mut t = T::new(1);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.spawn(1, 1, "group", TaskKind::Task, Some(0));
    t.spawn(2, 2, "other", TaskKind::Task, Some(0));
    t.spawn(3, 3, "leaf", TaskKind::Task, Some(1));
    assert_eq!(t.0.lane_order(), vec![0, 1, 3, 2]);
    assert_eq!(t.0.depth(3), 2);
    assert_eq!(t.0.depth(2), 1);
}

#[test]
fn bad_input_is_ignored_without_panicking() {
    let mut t = T::new(1);
    t.ev(5, 7, EventKind::PollEnd); // unknown task
    t.ev(5, u32::MAX, EventKind::Spawned); // absurd id
    t.label(u32::MAX, "x");
    t.spawn(10, 0, "a", TaskKind::Task, Some(0)); // its own parent
    t.ev(20, 0, EventKind::PollEnd); // not running
    t.ev(20, 0, EventKind::AwaitEnd { label: 3 }); // never started
    t.ev(30, 0, EventKind::PollStart { worker: u16::MAX });
    t.end(40, 0, EndKind::Ok);
    t.end(50, 0, EndKind::Failed); // a second end
    assert_eq!(t.0.tasks().len(), 1);
    let lane = t.0.task(0).unwrap();
    assert_eq!(lane.outcome, Outcome::Ok);
    assert_eq!(t.0.lane_order(), vec![0]);
}

#[test]
fn an_event_before_meta_creates_a_placeholder_lane() {
    let mut t = T::new(1);
    t.ev(5, 2, EventKind::Spawned);
    assert_eq!(t.0.tasks().len(), 3);
    assert_eq!(t.0.task(2).unwrap().name, "task 2");
    t.spawn(6, 1, "late meta", TaskKind::Task, None);
    assert_eq!(t.0.task(1).unwrap().spawned_ns, 6);
}

#[test]
fn a_clone_has_its_own_clock() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.0.advance(10 * MS);
    let snapshot = t.0.clone();
    t.0.advance(20 * MS);
    assert_eq!(snapshot.task(0).unwrap().open().unwrap().end_ns, 10 * MS);
    assert_eq!(t.0.task(0).unwrap().open().unwrap().end_ns, 20 * MS);
}

#[test]
fn a_wake_delivered_before_the_poll_it_happened_in_still_counts() {
    let mut t = T::new(2);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    // Worker 1 started polling at 10; another thread woke the task at 15 and its event
    // arrived first.
    t.wake(15, 0);
    t.poll(10, 20, 0, 1);
    assert_eq!(t.0.task(0).unwrap().state(), Some(S));
}

#[test]
fn a_timeline_can_move_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<crate::timeline::Timeline>();
}
