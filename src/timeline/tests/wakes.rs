//! Who woke whom: a task, the timer driver (the deadline had passed), or the runtime
//! otherwise; through a branch, what woke the branch; with when the woken lane was ready.

use super::{MS, T};
use crate::record::{BranchOf, EndKind, EventKind, TaskKind};
use crate::timeline::{Wake, WakeSource, WakerCount};

const US: u64 = 1_000;

#[test]
fn wakes_are_told_apart_by_where_they_came_from() {
    let mut t = T::new(1);
    t.label(1, "sleep 100ms");
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.spawn(0, 1, "worker", TaskKind::Task, Some(0));
    // A timer: armed for 100 ms, the wake comes 0.5 ms after the deadline.
    t.ev(10 * US, 1, EventKind::PollStart { worker: 0 });
    t.ev(20 * US, 1, EventKind::AwaitStart { label: 1 });
    t.ev(20 * US, 1, EventKind::TimerArmed { after_us: 100_000 });
    t.ev(30 * US, 1, EventKind::PollEnd);
    t.wake(100 * MS + 520 * US, 1);
    t.ev(100 * MS + 600 * US, 1, EventKind::PollStart { worker: 0 });
    t.ev(100 * MS + 610 * US, 1, EventKind::AwaitEnd { label: 1 });
    // Woken by main twice, once during its own poll (ready at the poll's end).
    t.ev(100 * MS + 620 * US, 1, EventKind::PollEnd);
    t.wake_by(150 * MS, 1, 0);
    t.ev(150 * MS + 10 * US, 1, EventKind::PollStart { worker: 0 });
    t.wake_by(150 * MS + 20 * US, 1, 0);
    t.ev(150 * MS + 30 * US, 1, EventKind::PollEnd);
    // The runtime, with no timer due: a yield handed back by the scheduler.
    t.poll(150 * MS + 40 * US, 150 * MS + 50 * US, 1, 0);
    t.wake(150 * MS + 60 * US, 1);
    t.ev(150 * MS + 70 * US, 1, EventKind::PollStart { worker: 0 });
    t.end(150 * MS + 80 * US, 1, EndKind::Ok);
    t.0.finish(200 * MS);
    let lane = t.0.task(1).unwrap();
    assert_eq!(
        lane.wakes(),
        &[
            Wake {
                at_ns: 100 * MS + 520 * US,
                ready_ns: 100 * MS + 520 * US,
                source: WakeSource::Timer
            },
            Wake {
                at_ns: 150 * MS,
                ready_ns: 150 * MS,
                source: WakeSource::Task(0)
            },
            Wake {
                at_ns: 150 * MS + 20 * US,
                ready_ns: 150 * MS + 30 * US,
                source: WakeSource::Task(0)
            },
            Wake {
                at_ns: 150 * MS + 60 * US,
                ready_ns: 150 * MS + 60 * US,
                source: WakeSource::Runtime
            },
        ]
    );
    assert_eq!(
        lane.wakers(),
        vec![
            WakerCount {
                source: WakeSource::Task(0),
                count: 2
            },
            WakerCount {
                source: WakeSource::Timer,
                count: 1
            },
            WakerCount {
                source: WakeSource::Runtime,
                count: 1
            },
        ]
    );
    assert_eq!(t.0.woken_by(0).len(), 2, "marks on main's lane");
    assert_eq!(lane.stats().wakes, 4);
}

#[test]
fn a_starving_timer_wake_was_ready_at_its_deadline() {
    let mut t = T::new(1);
    t.label(1, "sleep 10ms");
    t.spawn(0, 0, "sleeper", TaskKind::Task, None);
    t.spawn(0, 1, "hog", TaskKind::Task, None);
    t.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    t.ev(20 * US, 0, EventKind::AwaitStart { label: 1 });
    t.ev(20 * US, 0, EventKind::TimerArmed { after_us: 10_000 });
    t.ev(30 * US, 0, EventKind::PollEnd);
    t.poll(MS, 500 * MS, 1, 0);
    t.wake(500 * MS + 10 * US, 0);
    t.0.finish(501 * MS);
    let wakes = t.0.task(0).unwrap().wakes();
    assert_eq!(wakes.len(), 1);
    assert_eq!(wakes[0].source, WakeSource::Timer);
    assert_eq!(
        wakes[0].ready_ns,
        10 * MS + 20 * US,
        "ready from the deadline on"
    );
}

#[test]
fn a_task_woken_through_its_branch_was_woken_by_what_woke_the_branch() {
    let mut t = T::new(1);
    t.label(1, "sleep 50ms");
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    t.spawn(
        20 * US,
        1,
        "primary",
        TaskKind::Branch(BranchOf::Race),
        Some(0),
    );
    t.ev(30 * US, 1, EventKind::PollStart { worker: 0 });
    t.ev(40 * US, 1, EventKind::AwaitStart { label: 1 });
    t.ev(40 * US, 1, EventKind::TimerArmed { after_us: 50_000 });
    t.ev(50 * US, 1, EventKind::PollEnd);
    t.ev(60 * US, 0, EventKind::PollEnd);
    // The timer wakes the branch, whose waker wakes main.
    t.wake(50 * MS + 100 * US, 1);
    t.wake(50 * MS + 100 * US, 0);
    t.0.finish(51 * MS);
    let source = |id| t.0.task(id).unwrap().wakes()[0].source;
    assert_eq!(
        (source(1), source(0)),
        (WakeSource::Timer, WakeSource::Timer)
    );
}
