//! Fixed runs shaped like the built-in scenarios, written event by event: the exports'
//! snapshots and the dashboard's are drawn from them.

use super::{MS, Script, US};
use crate::feed::Recorded;
use crate::record::{EndKind, EventKind, TaskKind};
use crate::scenario::{self, Flavor};

/// `main` spawns a hog and two tickers on a current_thread runtime and forgets a future; the
/// hog blocks the only worker for 2 s in `std::thread::sleep` while the tickers are ready.
pub fn blocking_freeze() -> Recorded {
    let mut s = Script::new("blocking-freeze", Flavor::CurrentThread, 1);
    s.label(0, "join all");
    s.label(1, "std::thread::sleep(2s)");
    s.label(2, "sleep 100ms");
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    s.spawn(100 * US, 1, "hog", TaskKind::Task, Some(0));
    s.spawn(200 * US, 2, "tick_a", TaskKind::Task, Some(0));
    s.spawn(300 * US, 3, "tick_b", TaskKind::Task, Some(0));
    s.spawn(400 * US, 4, "send_email", TaskKind::Future, Some(0));
    s.end(500 * US, 4, EndKind::Cancelled);
    s.ev(600 * US, 0, EventKind::AwaitStart { label: 0 });
    s.ev(700 * US, 0, EventKind::PollEnd);
    // The hog: one poll of 2 s.
    s.ev(MS, 1, EventKind::PollStart { worker: 0 });
    s.ev(MS + 10 * US, 1, EventKind::AwaitStart { label: 1 });
    s.ev(2001 * MS, 1, EventKind::AwaitEnd { label: 1 });
    s.end(2001 * MS + 10 * US, 1, EndKind::Ok);
    s.ev(2001 * MS + 10 * US, 1, EventKind::PollEnd);
    // The tickers: ready for 2 s, then two short sleeps each, on the one worker in turn.
    let (a, b) = (2001 * MS + 50 * US, 2001 * MS + 150 * US);
    s.poll_then_wait(a, 90 * US, 2, 0, Some(2));
    s.poll_then_wait(b, 90 * US, 3, 0, Some(2));
    for (task, at) in [(2, a + 100 * MS), (3, b + 100 * MS)] {
        s.wake(at, task);
        s.ev(at + 20 * US, task, EventKind::PollStart { worker: 0 });
        s.ev(at + 70 * US, task, EventKind::PollEnd);
    }
    s.wake(a + 200 * MS, 2);
    s.wake(b + 200 * MS, 3);
    s.last_poll(a + 200 * MS + 300 * US, 3 * MS, 2, 0, Some(2), EndKind::Ok);
    let at = a + 203 * MS + 400 * US;
    s.last_poll(at, 200 * US, 3, 0, Some(2), EndKind::Ok);
    // main wakes as its children end.
    s.wake(2205 * MS, 0);
    s.last_poll(2205 * MS + 100 * US, 200 * US, 0, 0, Some(0), EndKind::Ok);
    s.finish(2206 * MS);
    s.done()
}

/// A group on a 2-worker runtime: `flaky_call` fails with HTTP 503 after 300 ms and its two
/// siblings are cancelled; a `spawn_blocking` closure runs on the pool; `audit` panics.
pub fn group_failure() -> Recorded {
    let mut s = Script::new("group-failure", Flavor::MultiThread, 2);
    s.label(0, "group");
    s.label(1, "GET /flaky");
    s.label(2, "GET /slow");
    s.label(3, "spawn_blocking");
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    s.spawn(50 * US, 1, "flaky_call", TaskKind::Task, Some(0));
    s.spawn(60 * US, 2, "slow_a", TaskKind::Task, Some(0));
    s.spawn(70 * US, 3, "slow_b", TaskKind::Task, Some(0));
    s.spawn(80 * US, 4, "audit", TaskKind::Task, Some(0));
    s.ev(90 * US, 0, EventKind::AwaitStart { label: 0 });
    s.ev(100 * US, 0, EventKind::PollEnd);
    s.poll_then_wait(200 * US, 100 * US, 1, 1, Some(1));
    s.poll_then_wait(300 * US, 100 * US, 2, 0, Some(2));
    s.poll_then_wait(400 * US, 100 * US, 3, 1, Some(2));
    // audit hands work to the blocking pool (thread 2) and panics when it comes back.
    s.poll_then_wait(500 * US, 100 * US, 4, 0, Some(3));
    s.spawn(550 * US, 5, "audit_io", TaskKind::Blocking, Some(4));
    s.ev(700 * US, 5, EventKind::PollStart { worker: 2 });
    s.end(150 * MS, 5, EndKind::Ok);
    s.wake(150 * MS + 10 * US, 4);
    s.error(4, "audit log full");
    s.last_poll(
        150 * MS + 50 * US,
        100 * US,
        4,
        1,
        Some(3),
        EndKind::Panicked,
    );
    // flaky_call fails; the group aborts its siblings.
    s.wake(300 * MS, 1);
    s.error(1, "HTTP 503");
    s.last_poll(300 * MS + 20 * US, 100 * US, 1, 0, Some(1), EndKind::Failed);
    s.wake(300 * MS + 130 * US, 0);
    s.ev(300 * MS + 150 * US, 0, EventKind::PollStart { worker: 1 });
    for task in [2, 3] {
        let abort = EventKind::AbortRequested { cause: Some(1) };
        s.ev(300 * MS + 160 * US, task, abort);
        s.wake(300 * MS + 170 * US, task);
    }
    s.ev(300 * MS + 200 * US, 0, EventKind::PollEnd);
    s.end(300 * MS + 250 * US, 2, EndKind::Cancelled);
    s.end(300 * MS + 260 * US, 3, EndKind::Cancelled);
    s.wake(300 * MS + 300 * US, 0);
    s.last_poll(
        300 * MS + 400 * US,
        100 * US,
        0,
        0,
        Some(0),
        EndKind::Failed,
    );
    s.finish(301 * MS);
    s.done()
}

/// The id of blocking-freeze's first step that does `verb`.
fn step_id(verb: &str) -> u32 {
    let scenario = scenario::builtin("blocking-freeze").expect("built-in");
    let step = scenario.steps().find(|(_, s)| s.action.verb() == verb);
    step.expect("such a step").1.id
}

/// The script of [`freeze_live`], to go on writing.
fn freeze_live_script() -> Script {
    let mut s = Script::new("blocking-freeze", Flavor::CurrentThread, 1)
        .located("builtin:blocking-freeze", 14);
    s.label(0, "group");
    s.label(1, "connect to legacy SOAP service");
    s.label(2, "std::thread::sleep(2s)");
    s.label(3, "heartbeat timer");
    s.label(4, "GET /weather?city=Pune");
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    s.spawn(100 * US, 1, "slow_sync_call", TaskKind::Task, Some(0));
    s.spawn(200 * US, 2, "heartbeat", TaskKind::Task, Some(0));
    s.spawn(300 * US, 3, "fetch_weather", TaskKind::Task, Some(0));
    s.spawn(400 * US, 4, "send_email", TaskKind::Future, Some(0));
    s.end(450 * US, 4, EndKind::Cancelled);
    let group = step_id("group");
    s.ev(500 * US, 0, EventKind::StepStarted { step: group });
    s.ev(600 * US, 0, EventKind::AwaitStart { label: 0 });
    s.ev(700 * US, 0, EventKind::PollEnd);
    s.poll_then_sleep(MS, 1, 1, Some(100));
    s.poll_then_sleep(MS + 100 * US, 2, 3, Some(250));
    s.poll_then_sleep(MS + 200 * US, 3, 4, Some(500));
    // The SOAP reply arrives; the next poll blocks the worker and has not returned yet.
    s.ev(101 * MS, 1, EventKind::Woken { by: None });
    s.ev(101 * MS + 50 * US, 1, EventKind::PollStart { worker: 0 });
    s.ev(101 * MS + 60 * US, 1, EventKind::AwaitEnd { label: 1 });
    let block = step_id("block");
    s.ev(
        101 * MS + 65 * US,
        1,
        EventKind::StepStarted { step: block },
    );
    s.ev(101 * MS + 70 * US, 1, EventKind::AwaitStart { label: 2 });
    s.clock(1200 * MS);
    s
}

/// blocking-freeze 1.2 s in: `slow_sync_call` has held the only worker in a 2 s
/// `std::thread::sleep` since 101 ms, while the heartbeat's and the weather request's timers
/// came due and they sit scheduled; `send_email` was created and never awaited.
pub fn freeze_live() -> Recorded {
    freeze_live_script().done()
}

/// The same run, over: the blocking call returned at 2.1 s, the others caught up.
pub fn freeze_done() -> Recorded {
    let mut s = freeze_live_script();
    let t = 2101 * MS;
    s.ev(t, 1, EventKind::AwaitEnd { label: 2 });
    s.end(t + 10 * US, 1, EndKind::Ok);
    s.ev(t + 10 * US, 1, EventKind::PollEnd);
    for (task, label, at) in [(2, 3, t + 100 * US), (3, 4, t + 300 * US)] {
        s.ev(at, task, EventKind::PollStart { worker: 0 });
        s.ev(at + 20 * US, task, EventKind::AwaitEnd { label });
        s.end(at + 50 * US, task, EndKind::Ok);
        s.ev(at + 50 * US, task, EventKind::PollEnd);
    }
    s.ev(t + MS, 0, EventKind::Woken { by: None });
    s.ev(t + MS + 100 * US, 0, EventKind::PollStart { worker: 0 });
    s.ev(t + MS + 150 * US, 0, EventKind::AwaitEnd { label: 0 });
    s.end(t + MS + 200 * US, 0, EndKind::Ok);
    s.ev(t + MS + 200 * US, 0, EventKind::PollEnd);
    s.finish(t + 2 * MS);
    s.done()
}

/// A group on 2 workers that goes wrong: `audit` hands work to the blocking pool and
/// panics; `flaky` fails with HTTP 503 at 300 ms and the group cancels `slow`; main fails.
pub fn failure_done() -> Recorded {
    let mut s =
        Script::new("failure", Flavor::MultiThread, 2).located("builtin:blocking-freeze", 14);
    s.label(0, "group");
    s.label(1, "GET /flaky");
    s.label(2, "GET /slow");
    s.label(3, "spawn_blocking");
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.ev(10 * US, 0, EventKind::PollStart { worker: 0 });
    for (id, name) in [(1, "flaky"), (2, "slow"), (3, "audit")] {
        s.spawn(20 * US * u64::from(id), id, name, TaskKind::Task, Some(0));
    }
    s.ev(90 * US, 0, EventKind::AwaitStart { label: 0 });
    s.ev(100 * US, 0, EventKind::PollEnd);
    s.poll_then_sleep(200 * US, 1, 1, None);
    s.poll_then_sleep(300 * US, 2, 2, None);
    s.poll_then_sleep(400 * US, 3, 3, None);
    s.spawn(450 * US, 4, "audit_io", TaskKind::Blocking, Some(3));
    s.ev(500 * US, 4, EventKind::PollStart { worker: 2 });
    let end = |s: &mut Script, at, task, outcome| {
        s.end(at, task, outcome);
        s.ev(at, task, EventKind::PollEnd);
    };
    end(&mut s, 150 * MS, 4, EndKind::Ok);
    s.ev(150 * MS + 10 * US, 3, EventKind::Woken { by: None });
    s.ev(150 * MS + 50 * US, 3, EventKind::PollStart { worker: 1 });
    s.error(3, "audit log full");
    end(&mut s, 150 * MS + 90 * US, 3, EndKind::Panicked);
    s.ev(300 * MS, 1, EventKind::Woken { by: None });
    s.ev(300 * MS + 20 * US, 1, EventKind::PollStart { worker: 0 });
    s.error(1, "HTTP 503");
    end(&mut s, 300 * MS + 60 * US, 1, EndKind::Failed);
    let abort = EventKind::AbortRequested { cause: Some(1) };
    s.ev(300 * MS + 100 * US, 2, abort);
    s.end(300 * MS + 150 * US, 2, EndKind::Cancelled);
    s.ev(300 * MS + 200 * US, 0, EventKind::Woken { by: None });
    s.ev(300 * MS + 250 * US, 0, EventKind::PollStart { worker: 1 });
    s.error(0, "`flaky` failed: HTTP 503");
    end(&mut s, 300 * MS + 300 * US, 0, EndKind::Failed);
    s.finish(301 * MS);
    s.done()
}
