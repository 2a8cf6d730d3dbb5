//! Hand-built event sequences shaped like the built-in scenarios, for the export tests.

#![allow(dead_code)] // each test binary uses some of these

use taskscope::record::{EndKind, Event, EventKind, Meta, TaskId, TaskKind};
use taskscope::scenario::Flavor;
use taskscope::timeline::{RunInfo, Timeline};

pub const US: u64 = 1_000;
pub const MS: u64 = 1_000_000;

/// Feeds a timeline with terse calls.
pub struct Script(pub Timeline);

impl Script {
    pub fn new(scenario: &str, flavor: Flavor, workers: u16) -> Self {
        Script(Timeline::new(RunInfo {
            scenario: scenario.into(),
            flavor,
            workers,
        }))
    }

    pub fn label(&mut self, id: u32, text: &str) {
        self.0.apply_meta(Meta::Label {
            id,
            text: text.into(),
        });
    }

    pub fn spawn(
        &mut self,
        at: u64,
        id: TaskId,
        name: &str,
        kind: TaskKind,
        parent: Option<TaskId>,
    ) {
        let location = Some(format!("scenario.toml:{}", 10 + id));
        self.0.apply_meta(Meta::Task {
            id,
            name: name.into(),
            kind,
            parent,
            location,
        });
        self.ev(at, id, EventKind::Spawned);
    }

    pub fn ev(&mut self, at_ns: u64, task: TaskId, kind: EventKind) {
        self.0.apply(Event { at_ns, task, kind });
    }

    /// A poll that ends pending on `label` (if any).
    pub fn poll_then_wait(
        &mut self,
        at: u64,
        len: u64,
        task: TaskId,
        worker: u16,
        label: Option<u32>,
    ) {
        self.ev(at, task, EventKind::PollStart { worker });
        if let Some(label) = label {
            self.ev(at + len / 2, task, EventKind::AwaitStart { label });
        }
        self.ev(at + len, task, EventKind::PollEnd);
    }

    /// A poll that resumes after `label` and ends the task.
    pub fn last_poll(
        &mut self,
        at: u64,
        len: u64,
        task: TaskId,
        worker: u16,
        label: Option<u32>,
        outcome: EndKind,
    ) {
        self.ev(at, task, EventKind::PollStart { worker });
        if let Some(label) = label {
            self.ev(at + len / 2, task, EventKind::AwaitEnd { label });
        }
        self.ev(at + len, task, EventKind::Ended { outcome });
        self.ev(at + len, task, EventKind::PollEnd);
    }

    pub fn wake(&mut self, at: u64, task: TaskId) {
        self.ev(at, task, EventKind::Woken { by: None });
    }
}

/// `main` spawns a hog and two tickers on a current_thread runtime and forgets a future; the
/// hog blocks the only worker for 2 s in `std::thread::sleep` while the tickers are ready.
pub fn blocking_freeze() -> Timeline {
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
    s.ev(
        500 * US,
        4,
        EventKind::Ended {
            outcome: EndKind::Cancelled,
        },
    );
    s.ev(600 * US, 0, EventKind::AwaitStart { label: 0 });
    s.ev(700 * US, 0, EventKind::PollEnd);
    // The hog: one poll of 2 s.
    s.ev(MS, 1, EventKind::PollStart { worker: 0 });
    s.ev(MS + 10 * US, 1, EventKind::AwaitStart { label: 1 });
    s.ev(2001 * MS, 1, EventKind::AwaitEnd { label: 1 });
    s.ev(
        2001 * MS + 10 * US,
        1,
        EventKind::Ended {
            outcome: EndKind::Ok,
        },
    );
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
    s.last_poll(
        a + 203 * MS + 400 * US,
        200 * US,
        3,
        0,
        Some(2),
        EndKind::Ok,
    );
    // main wakes as its children end.
    s.wake(2205 * MS, 0);
    s.last_poll(2205 * MS + 100 * US, 200 * US, 0, 0, Some(0), EndKind::Ok);
    s.0.finish(2206 * MS);
    s.0
}

/// A group on a 2-worker runtime: `flaky_call` fails with HTTP 503 after 300 ms and its two
/// siblings are cancelled; a `spawn_blocking` closure runs on the pool; `audit` panics.
pub fn group_failure() -> Timeline {
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
    s.ev(
        150 * MS,
        5,
        EventKind::Ended {
            outcome: EndKind::Ok,
        },
    );
    s.wake(150 * MS + 10 * US, 4);
    s.0.apply_meta(Meta::Error {
        task: 4,
        text: "audit log full".into(),
    });
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
    s.0.apply_meta(Meta::Error {
        task: 1,
        text: "HTTP 503".into(),
    });
    s.last_poll(300 * MS + 20 * US, 100 * US, 1, 0, Some(1), EndKind::Failed);
    s.wake(300 * MS + 130 * US, 0);
    s.ev(300 * MS + 150 * US, 0, EventKind::PollStart { worker: 1 });
    for task in [2, 3] {
        s.ev(
            300 * MS + 160 * US,
            task,
            EventKind::AbortRequested { cause: Some(1) },
        );
        s.wake(300 * MS + 170 * US, task);
    }
    s.ev(300 * MS + 200 * US, 0, EventKind::PollEnd);
    s.ev(
        300 * MS + 250 * US,
        2,
        EventKind::Ended {
            outcome: EndKind::Cancelled,
        },
    );
    s.ev(
        300 * MS + 260 * US,
        3,
        EventKind::Ended {
            outcome: EndKind::Cancelled,
        },
    );
    s.wake(300 * MS + 300 * US, 0);
    s.last_poll(
        300 * MS + 400 * US,
        100 * US,
        0,
        0,
        Some(0),
        EndKind::Failed,
    );
    s.0.finish(301 * MS);
    s.0
}
