//! The findings: blocked workers (closed and live), cancellations, failures, concurrency.

use super::{MS, T};
use crate::record::{BranchOf, EndKind, EventKind, TaskKind};
use crate::timeline::{Finding, FindingKind};

const US: u64 = 1_000;

fn of_kind(t: &T, kind: FindingKind) -> Vec<Finding> {
    t.0.findings()
        .into_iter()
        .filter(|f| f.kind == kind)
        .collect()
}

fn messages(t: &T, kind: FindingKind) -> Vec<String> {
    of_kind(t, kind).into_iter().map(|f| f.message).collect()
}

/// `main` spawns a hog and two tickers; the hog is polled first and blocks the only worker
/// for 2 s inside a labelled `std::thread::sleep` while the tickers are ready.
pub(in crate::timeline) fn blocking_freeze(until_blocked: bool) -> T {
    let mut t = T::new(1);
    t.label(0, "join");
    t.label(1, "std::thread::sleep(2s)");
    t.label(2, "sleep 100ms");
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.ev(0, 0, EventKind::PollStart { worker: 0 });
    t.spawn(200 * US, 1, "hog", TaskKind::Task, Some(0));
    t.spawn(300 * US, 2, "tick_a", TaskKind::Task, Some(0));
    t.spawn(400 * US, 3, "tick_b", TaskKind::Task, Some(0));
    t.ev(500 * US, 0, EventKind::AwaitStart { label: 0 });
    t.ev(MS, 0, EventKind::PollEnd);
    t.ev(MS, 1, EventKind::PollStart { worker: 0 });
    t.ev(MS + 100 * US, 1, EventKind::AwaitStart { label: 1 });
    if until_blocked {
        return t;
    }
    t.ev(2001 * MS + 100 * US, 1, EventKind::AwaitEnd { label: 1 });
    t.end(2001 * MS + 200 * US, 1, EndKind::Ok);
    t.ev(2001 * MS + 300 * US, 1, EventKind::PollEnd);
    for (task, at) in [(2, 2002 * MS), (3, 2003 * MS)] {
        t.ev(at, task, EventKind::PollStart { worker: 0 });
        t.ev(at + 100 * US, task, EventKind::AwaitStart { label: 2 });
        t.ev(at + 200 * US, task, EventKind::PollEnd);
        t.wake(at + 100 * MS, task);
        t.poll(at + 110 * MS, at + 111 * MS, task, 0);
        t.end(at + 111 * MS, task, EndKind::Ok);
    }
    t.wake(2114 * MS, 0);
    t.ev(2115 * MS, 0, EventKind::PollStart { worker: 0 });
    t.end(2116 * MS, 0, EndKind::Ok);
    t.0.finish(2116 * MS);
    t
}

#[test]
fn a_long_poll_with_ready_tasks_blocks_the_worker() {
    let t = blocking_freeze(false);
    let found = of_kind(&t, FindingKind::BlockedWorker);
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!(
        f.message,
        "worker 0 blocked 2.00 s by `std::thread::sleep(2s)`; 2 tasks ready meanwhile"
    );
    assert_eq!((f.start_ns, f.end_ns), (MS, 2001 * MS + 200 * US));
    assert_eq!(f.tasks, vec![1, 2, 3]);
    assert!(!f.live);
}

#[test]
fn a_worker_still_blocked_is_a_live_finding() {
    let mut t = blocking_freeze(true);
    t.0.advance(1001 * MS);
    let found = of_kind(&t, FindingKind::BlockedWorker);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "worker 0 blocked 1.00 s by `std::thread::sleep(2s)`; 2 tasks ready meanwhile"
    );
    assert_eq!(found[0].end_ns, 1001 * MS);
    assert!(found[0].live);
    // Below the threshold there is nothing to say yet.
    let mut t = blocking_freeze(true);
    t.0.advance(5 * MS);
    assert!(of_kind(&t, FindingKind::BlockedWorker).is_empty());
}

#[test]
fn a_settled_long_poll_keeps_its_finding() {
    let mut t = blocking_freeze(true);
    t.ev(2001 * MS, 1, EventKind::PollEnd);
    t.0.advance(3000 * MS);
    let before = of_kind(&t, FindingKind::BlockedWorker);
    t.0.finish(3000 * MS);
    assert_eq!(of_kind(&t, FindingKind::BlockedWorker), before);
    assert!(
        before[0]
            .message
            .starts_with("worker 0 blocked 2.00 s by `std::thread::sleep(2s)`")
    );
}

#[test]
fn a_long_poll_without_a_label_is_named_by_its_task() {
    let mut t = T::new(2);
    t.spawn(0, 0, "spinner", TaskKind::Task, None);
    t.spawn(0, 1, "waiting", TaskKind::Task, None);
    t.poll(0, 350 * MS, 0, 1);
    assert_eq!(
        messages(&t, FindingKind::BlockedWorker),
        vec!["worker 1 blocked 350 ms by `spinner`; 1 task ready meanwhile"]
    );
}

#[test]
fn no_blocked_worker_without_ready_tasks_short_polls_or_on_the_blocking_pool() {
    let mut t = T::new(1);
    t.spawn(0, 0, "alone", TaskKind::Task, None);
    t.poll(0, 50 * MS, 0, 0);
    t.spawn(60 * MS, 1, "short", TaskKind::Task, None);
    t.spawn(60 * MS, 2, "other", TaskKind::Task, None);
    t.poll(61 * MS, 70 * MS, 1, 0);
    t.spawn(80 * MS, 3, "pool", TaskKind::Blocking, None);
    t.poll(80 * MS, 200 * MS, 3, 1);
    t.0.finish(300 * MS);
    assert!(of_kind(&t, FindingKind::BlockedWorker).is_empty());
    // The 50 ms poll starved nobody: it is reported as a long poll, and only it.
    assert_eq!(
        messages(&t, FindingKind::LongPoll),
        vec!["worker 0 held 50.0 ms by `alone`; no other task was ready meanwhile"]
    );
}

/// `flaky_call` fails; `slow_a` and `slow_b` are aborted because of it.
fn group_failure(members: u32) -> T {
    let mut t = T::new(1);
    t.spawn(0, 0, "flaky_call", TaskKind::Task, None);
    for id in 1..=members {
        t.spawn(0, id, &format!("slow_{id}"), TaskKind::Task, None);
    }
    t.fail(100 * MS, 0, EndKind::Failed, "HTTP 503");
    for id in 1..=members {
        t.ev(
            100 * MS + US,
            id,
            EventKind::AbortRequested { cause: Some(0) },
        );
        t.end(100 * MS + 2 * US * id as u64, id, EndKind::Cancelled);
    }
    t
}

#[test]
fn cancellations_are_grouped_by_the_failure_that_caused_them() {
    let t = group_failure(2);
    let found = of_kind(&t, FindingKind::Cancelled);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "2 tasks cancelled because `flaky_call` failed: HTTP 503"
    );
    assert_eq!(found[0].tasks, vec![0, 1, 2]);
    assert_eq!(
        (found[0].start_ns, found[0].end_ns),
        (100 * MS + US, 100 * MS + 4 * US)
    );
    assert_eq!(
        messages(&t, FindingKind::Failed),
        vec!["`flaky_call` failed: HTTP 503"]
    );
    assert_eq!(
        messages(&group_failure(1), FindingKind::Cancelled),
        vec!["`slow_1` cancelled because `flaky_call` failed: HTTP 503"]
    );
}

#[test]
fn a_cancellation_without_a_known_cause_names_the_task() {
    let mut t = T::new(1);
    t.spawn(0, 0, "slow_call", TaskKind::Task, None);
    t.ev(5, 0, EventKind::AbortRequested { cause: None });
    t.end(10, 0, EndKind::Cancelled);
    assert_eq!(
        messages(&t, FindingKind::Cancelled),
        vec!["`slow_call` cancelled"]
    );
    let mut t = T::new(1);
    for id in 0..5 {
        t.spawn(0, id, &format!("t{id}"), TaskKind::Task, None);
        t.end(10, id, EndKind::Cancelled);
    }
    let found = of_kind(&t, FindingKind::Cancelled);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "5 tasks cancelled: `t0`, `t1`, `t2` and 2 more"
    );
}

#[test]
fn failures_panics_and_forgotten_futures_are_told_one_by_one() {
    let mut t = T::new(1);
    t.spawn(0, 0, "a", TaskKind::Task, None);
    t.spawn(0, 1, "b", TaskKind::Task, None);
    t.spawn(0, 2, "send_email", TaskKind::Future, None);
    t.fail(10, 0, EndKind::Panicked, "boom");
    t.end(20, 1, EndKind::Failed);
    t.end(30, 2, EndKind::Cancelled);
    assert_eq!(
        messages(&t, FindingKind::Panicked),
        vec!["`a` panicked: boom"]
    );
    assert_eq!(messages(&t, FindingKind::Failed), vec!["`b` failed"]);
    assert_eq!(
        messages(&t, FindingKind::NeverPolled),
        vec!["`send_email` was created but never awaited: its body never ran"]
    );
}

/// Hand-computed: over a 1 s run, `main` (the `block_on` future) lives 1 s, `a` 1 s, `b`
/// 0.5 s and a `spawn_blocking` closure 0.25 s: 2.75 tasks in flight on average. A branch
/// (inside `main`) and a forgotten future are not tasks and do not count.
#[test]
fn concurrency_counts_the_tasks_in_flight_as_the_lanes_show_them() {
    let mut t = T::new(1);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.spawn(0, 1, "a", TaskKind::Task, Some(0));
    t.spawn(0, 2, "b", TaskKind::Task, Some(0));
    t.spawn(100 * MS, 3, "io", TaskKind::Blocking, Some(2));
    t.spawn(0, 4, "forgotten", TaskKind::Future, Some(0));
    t.spawn(0, 5, "left", TaskKind::Branch(BranchOf::JoinAll), Some(0));
    t.end(350 * MS, 3, EndKind::Ok);
    t.end(500 * MS, 2, EndKind::Ok);
    t.end(900 * MS, 5, EndKind::Ok);
    t.end(1000 * MS, 1, EndKind::Ok);
    t.0.finish(1000 * MS);
    assert!(
        (t.0.concurrency() - 2.75).abs() < 1e-9,
        "{}",
        t.0.concurrency()
    );
    assert_eq!(
        messages(&t, FindingKind::Concurrency),
        vec!["concurrency 2.75x: on average 2.75 tasks in flight"]
    );
    // An await chain in main alone reads 1.00x: main is in flight the whole run.
    let mut t = T::new(1);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    t.end(300 * MS, 0, EndKind::Ok);
    t.0.finish(300 * MS);
    assert_eq!(
        messages(&t, FindingKind::Concurrency),
        vec!["concurrency 1.00x: on average 1.00 tasks in flight"]
    );
}

/// asyncio records time outside its tasks: a Python program's start before its first task
/// and `asyncio.run`'s clean-up after the last one ended. The one task of such a run is in
/// flight all the stretch its lane draws: 1.00x, not its share of the whole wall.
#[test]
fn concurrency_leaves_out_the_time_before_the_first_task_and_after_the_last() {
    let mut t = T::new(1);
    let us = MS / 1000;
    t.spawn(1300 * us, 0, "Task-1", TaskKind::BlockOn, None);
    t.end(11 * MS, 0, EndKind::Ok);
    t.0.finish(15_400 * us);
    assert_eq!(t.0.now_ns(), 15_400 * us, "the wall keeps the shutdown");
    assert!(
        (t.0.concurrency() - 1.0).abs() < 1e-9,
        "{}",
        t.0.concurrency()
    );
    // Four tasks ending together with the run's clean-up after them: 4.00x, as on tokio.
    let mut t = T::new(1);
    t.spawn(0, 0, "main", TaskKind::BlockOn, None);
    for id in 1..4 {
        t.spawn(MS / 5, id, "member", TaskKind::Task, Some(0));
        t.end(2002 * MS, id, EndKind::Cancelled);
    }
    t.end(2002 * MS, 0, EndKind::Failed);
    t.0.finish(2010 * MS);
    assert!(
        (t.0.concurrency() - 4.0).abs() < 0.01,
        "{}",
        t.0.concurrency()
    );
}

/// A run played at 0.25x lasts four times longer than its script: findings speak in the
/// script's time (the 2 s block), the thresholds stay real.
#[test]
fn findings_speak_in_scenario_time_at_any_speed() {
    let mut t = T::at_speed(1, 0.25);
    t.label(1, "std::thread::sleep(2s)");
    t.spawn(0, 0, "hog", TaskKind::Task, None);
    t.spawn(0, 1, "ticker", TaskKind::Task, None);
    t.ev(MS, 0, EventKind::PollStart { worker: 0 });
    t.ev(MS, 0, EventKind::AwaitStart { label: 1 });
    t.ev(8001 * MS, 0, EventKind::AwaitEnd { label: 1 });
    t.end(8001 * MS, 0, EndKind::Ok);
    t.ev(8001 * MS, 0, EventKind::PollEnd);
    t.poll(8002 * MS, 8003 * MS, 1, 0);
    t.end(8003 * MS, 1, EndKind::Ok);
    t.0.finish(8004 * MS);
    assert_eq!(
        messages(&t, FindingKind::BlockedWorker),
        vec!["worker 0 blocked 2.00 s by `std::thread::sleep(2s)`; 1 task ready meanwhile"]
    );
    assert_eq!(t.0.show_ns(t.0.now_ns()), "2.00 s");
}

#[test]
fn findings_come_in_start_order() {
    let t = blocking_freeze(false);
    let found = t.0.findings();
    let (summary, timed) = found.split_last().expect("findings");
    assert!(timed.windows(2).all(|w| w[0].start_ns <= w[1].start_ns));
    assert_eq!(
        summary.kind,
        FindingKind::Concurrency,
        "the summary comes last"
    );
}

#[test]
fn repeated_long_polls_of_one_task_are_summed_up_in_one_finding() {
    let mut t = T::new(1);
    t.spawn(0, 0, "cruncher", TaskKind::Task, None);
    t.spawn(0, 1, "ticker", TaskKind::Task, None);
    for i in 0..4 {
        let start = i * 100 * MS;
        t.poll(start, start + 50 * MS, 0, 0);
    }
    t.0.finish(500 * MS);
    assert_eq!(
        messages(&t, FindingKind::BlockedWorker),
        vec![
            "worker 0 blocked 4 times by `cruncher`: 200 ms in all, longest 50.0 ms; 1 task ready meanwhile"
        ]
    );
}

/// Two CPU jobs taking turns, each chunk the same labelled call: one summary, with the
/// other job counted as a blocker, not as a task kept waiting.
#[test]
fn chunks_of_one_blocking_call_by_tasks_taking_turns_are_summed_up_in_one_finding() {
    let mut t = T::new(1);
    t.label(1, "one 50 ms chunk of work (CPU)");
    t.spawn(0, 0, "resize", TaskKind::Task, None);
    t.spawn(0, 1, "encode", TaskKind::Task, None);
    t.spawn(0, 2, "heartbeat", TaskKind::Task, None);
    for i in 0..6 {
        let (task, start) = (i % 2, MS + i as u64 * 50 * MS);
        if i > 0 {
            t.wake(start - 50 * MS, task);
        }
        t.ev(start, task, EventKind::PollStart { worker: 0 });
        t.ev(start, task, EventKind::AwaitStart { label: 1 });
        t.ev(start + 50 * MS, task, EventKind::AwaitEnd { label: 1 });
        t.ev(start + 50 * MS, task, EventKind::PollEnd);
    }
    t.0.finish(400 * MS);
    let found = of_kind(&t, FindingKind::BlockedWorker);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].message,
        "worker 0 blocked 6 times by `one 50 ms chunk of work (CPU)` in 2 tasks: 300 ms in all, \
         longest 50.0 ms; 1 task ready meanwhile"
    );
    assert_eq!(found[0].tasks, vec![0, 1, 2]);
}
