//! Branches: futures run inside a task, each a lane of its own whose polls nest inside its
//! task's, never on a worker lane of their own; dropped branches and why; blame for a long
//! poll goes to the innermost blocking call, in a branch or a called function.

use super::{MS, T};
use crate::record::{BranchOf, EndKind, EventKind, TaskKind};
use crate::timeline::{FindingKind, State};

const US: u64 = 1_000;

/// `main` runs a `join_all` of `left` (a 100 ms timer) and `right` (a 200 ms timer): three
/// polls of main, each entering the branches still pending.
fn join_all() -> T {
    let mut t = T::new(1);
    t.label(0, "join!(left, right)");
    t.label(1, "sleep left");
    t.label(2, "sleep right");
    let branch = TaskKind::Branch(BranchOf::JoinAll);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    t.ev(20 * US, 0, EventKind::AwaitStart { label: 0 });
    t.spawn(30 * US, 1, "left", branch, Some(0));
    t.spawn(40 * US, 2, "right", branch, Some(0));
    for (id, label, at) in [(1, 1, 50 * US), (2, 2, 70 * US)] {
        t.ev(at, id, EventKind::PollStart { worker: 0 });
        t.ev(at + 5 * US, id, EventKind::AwaitStart { label });
        t.ev(
            at + 5 * US,
            id,
            EventKind::TimerArmed {
                after_us: 100_000 * label,
            },
        );
        t.ev(at + 10 * US, id, EventKind::PollEnd);
    }
    t.ev(90 * US, 0, EventKind::PollEnd);
    // left's timer fires: its waker wakes main through it.
    t.wake(100 * MS + 60 * US, 1);
    t.wake(100 * MS + 60 * US, 0);
    t.ev(100 * MS + 100 * US, 0, EventKind::PollStart { worker: 0 });
    t.ev(100 * MS + 110 * US, 1, EventKind::PollStart { worker: 0 });
    t.ev(100 * MS + 120 * US, 1, EventKind::AwaitEnd { label: 1 });
    t.end(100 * MS + 130 * US, 1, EndKind::Ok);
    t.ev(100 * MS + 130 * US, 1, EventKind::PollEnd);
    t.poll(100 * MS + 140 * US, 100 * MS + 150 * US, 2, 0);
    t.ev(100 * MS + 160 * US, 0, EventKind::PollEnd);
    t.wake(200 * MS + 80 * US, 2);
    t.wake(200 * MS + 80 * US, 0);
    t.ev(200 * MS + 100 * US, 0, EventKind::PollStart { worker: 0 });
    t.ev(200 * MS + 110 * US, 2, EventKind::PollStart { worker: 0 });
    t.ev(200 * MS + 120 * US, 2, EventKind::AwaitEnd { label: 2 });
    t.end(200 * MS + 130 * US, 2, EndKind::Ok);
    t.ev(200 * MS + 130 * US, 2, EventKind::PollEnd);
    t.ev(200 * MS + 140 * US, 0, EventKind::AwaitEnd { label: 0 });
    t.end(200 * MS + 150 * US, 0, EndKind::Ok);
    t.ev(200 * MS + 150 * US, 0, EventKind::PollEnd);
    t.0.finish(200 * MS + 200 * US);
    t
}

#[test]
fn branches_run_inside_their_task_and_never_on_a_worker_lane_of_their_own() {
    let t = join_all();
    let (main, left, right) = (
        t.0.task(0).unwrap(),
        t.0.task(1).unwrap(),
        t.0.task(2).unwrap(),
    );
    assert_eq!((left.host, right.host), (Some(0), Some(0)));
    assert_eq!((left.depth(), right.depth()), (1, 1));
    assert_eq!(t.0.lane_order(), vec![0, 1, 2]);
    // The worker polled main only, three times.
    let busy = t.0.workers()[0].busy();
    assert!(busy.iter().all(|b| b.task == 0), "{busy:?}");
    assert_eq!(busy.len(), 3);
    // Each branch poll lies inside a poll of main.
    for lane in [left, right] {
        for s in lane.segments().iter().filter(|s| s.state == State::Running) {
            assert!(
                busy.iter()
                    .any(|b| b.start_ns <= s.start_ns && s.end_ns <= b.end_ns),
                "{} ran outside main's polls: {s:?}",
                lane.name
            );
        }
    }
    let branches = left.stats().busy_ns + right.stats().busy_ns;
    assert!(
        branches <= main.stats().busy_ns,
        "{branches} > {}",
        main.stats().busy_ns
    );
    // Both branches waited at once.
    let waits = |lane: &crate::timeline::TaskLane| -> Vec<(u64, u64)> {
        let waiting = lane.segments().iter().filter(|s| s.state == State::Waiting);
        waiting.map(|s| (s.start_ns, s.end_ns)).collect()
    };
    let overlap = waits(left)
        .iter()
        .flat_map(|a| {
            waits(right)
                .into_iter()
                .map(move |b| a.1.min(b.1).saturating_sub(a.0.max(b.0)))
        })
        .sum::<u64>();
    assert!(overlap >= 99 * MS, "the branches overlap {overlap} ns");
    // Branches are not tasks: one task in flight.
    assert!(
        (t.0.concurrency() - 1.0).abs() < 0.01,
        "{}",
        t.0.concurrency()
    );
}

#[test]
fn a_blocking_call_in_a_branch_is_blamed_on_its_task_by_its_own_label() {
    let mut t = T::new(1);
    t.label(0, "join!(resize, tick)");
    t.label(1, "resize()");
    t.label(2, "std::thread::sleep(2s)");
    t.label(3, "sleep 10ms");
    let branch = TaskKind::Branch(BranchOf::JoinAll);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.spawn(0, 3, "other", TaskKind::Task, Some(0));
    t.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    t.ev(20 * US, 0, EventKind::AwaitStart { label: 0 });
    t.spawn(30 * US, 1, "tick", branch, Some(0));
    t.spawn(30 * US, 2, "work", branch, Some(0));
    t.ev(40 * US, 1, EventKind::PollStart { worker: 0 });
    t.ev(45 * US, 1, EventKind::AwaitStart { label: 3 });
    t.ev(50 * US, 1, EventKind::PollEnd);
    t.ev(60 * US, 2, EventKind::PollStart { worker: 0 });
    t.ev(70 * US, 2, EventKind::AwaitStart { label: 1 });
    t.ev(80 * US, 2, EventKind::AwaitStart { label: 2 });
    t.ev(2000 * MS, 2, EventKind::AwaitEnd { label: 2 });
    t.ev(2000 * MS + 10 * US, 2, EventKind::AwaitEnd { label: 1 });
    t.end(2000 * MS + 20 * US, 2, EndKind::Ok);
    t.ev(2000 * MS + 20 * US, 2, EventKind::PollEnd);
    t.ev(2000 * MS + 30 * US, 0, EventKind::PollEnd);
    t.poll(2001 * MS, 2001 * MS + 10 * US, 3, 0);
    t.0.finish(2002 * MS);
    let blocked: Vec<_> =
        t.0.findings()
            .into_iter()
            .filter(|f| f.kind == FindingKind::BlockedWorker)
            .collect();
    assert_eq!(blocked.len(), 1, "{blocked:?}");
    assert!(
        blocked[0]
            .message
            .starts_with("worker 0 blocked 2.00 s by `std::thread::sleep(2s)`"),
        "{}",
        blocked[0].message
    );
    assert_eq!(blocked[0].tasks[0], 0, "the worker was main's");
}

#[test]
fn a_branch_ready_during_a_block_makes_its_task_ready_once() {
    let mut t = T::new(1);
    t.label(1, "sleep a");
    t.label(2, "sleep b");
    let branch = TaskKind::Branch(BranchOf::JoinAll);
    t.spawn(0, 0, "hog", TaskKind::Task, None);
    t.spawn(0, 1, "waiter", TaskKind::Task, None);
    t.ev(10 * US, 1, EventKind::PollStart { worker: 0 });
    t.spawn(20 * US, 2, "a", branch, Some(1));
    t.spawn(20 * US, 3, "b", branch, Some(1));
    for (id, label) in [(2, 1), (3, 2)] {
        t.ev(30 * US, id, EventKind::PollStart { worker: 0 });
        t.ev(30 * US, id, EventKind::AwaitStart { label });
        t.ev(30 * US, id, EventKind::TimerArmed { after_us: 10_000 });
        t.ev(40 * US, id, EventKind::PollEnd);
    }
    t.ev(50 * US, 1, EventKind::PollEnd);
    t.poll(MS, 500 * MS, 0, 0);
    t.0.finish(501 * MS);
    let blocked: Vec<_> =
        t.0.findings()
            .into_iter()
            .filter(|f| f.kind == FindingKind::BlockedWorker)
            .collect();
    assert_eq!(blocked.len(), 1, "{blocked:?}");
    assert_eq!(
        blocked[0].tasks,
        vec![0, 1],
        "the waiter, once, for its two branches"
    );
    assert!(
        blocked[0].message.ends_with("1 task ready meanwhile"),
        "{}",
        blocked[0].message
    );
}

/// A race in `main`: `fast` wins at 500 ms, `slow` is told and dropped; then a timeout cuts
/// `fetch_ads` off after 1 s; then an `until_cancelled` call is dropped when `stopper`
/// cancels its token.
#[test]
fn dropped_branches_are_told_with_why() {
    let mut t = T::new(1);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.spawn(0, 5, "stopper", TaskKind::Task, Some(0));
    t.spawn(0, 1, "fast", TaskKind::Branch(BranchOf::Race), Some(0));
    t.spawn(0, 2, "slow", TaskKind::Branch(BranchOf::Race), Some(0));
    t.end(500 * MS, 1, EndKind::Ok);
    t.ev(500 * MS, 2, EventKind::AbortRequested { cause: Some(1) });
    t.end(500 * MS + 10 * US, 2, EndKind::Cancelled);
    t.spawn(
        600 * MS,
        3,
        "fetch_ads",
        TaskKind::Branch(BranchOf::Timeout),
        Some(0),
    );
    t.ev(1600 * MS, 3, EventKind::AbortRequested { cause: None });
    t.end(1600 * MS + 10 * US, 3, EndKind::Cancelled);
    t.spawn(
        1700 * MS,
        4,
        "serve",
        TaskKind::Branch(BranchOf::UntilCancelled),
        Some(0),
    );
    t.ev(1900 * MS, 4, EventKind::AbortRequested { cause: Some(5) });
    t.end(1900 * MS, 4, EndKind::Cancelled);
    // A branch dropped only because its task was: told by the task's own ending.
    t.spawn(
        1950 * MS,
        6,
        "inner",
        TaskKind::Branch(BranchOf::JoinAll),
        Some(5),
    );
    t.end(1990 * MS, 6, EndKind::Cancelled);
    t.end(1990 * MS, 5, EndKind::Cancelled);
    t.0.finish(2000 * MS);
    let cancelled: Vec<(String, Vec<u32>)> =
        t.0.findings()
            .into_iter()
            .filter(|f| f.kind == FindingKind::Cancelled)
            .map(|f| (f.message, f.tasks))
            .collect();
    assert_eq!(
        cancelled,
        vec![
            (
                "race: `slow` dropped when `fast` finished first".into(),
                vec![1, 2]
            ),
            (
                "timeout: `fetch_ads` dropped after 1.00 s".into(),
                vec![0, 3]
            ),
            (
                "until_cancelled: `serve` dropped when `stopper` cancelled its token".into(),
                vec![5, 4]
            ),
            ("`stopper` cancelled".into(), vec![5]),
        ]
    );
}
