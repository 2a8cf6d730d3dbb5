//! Tests of the dashboard: `update` for every message, view snapshots of fixed synthetic
//! timelines, and one real run of blocking-freeze through the app state.

mod live;
mod modes;
mod update;
mod view;

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use super::app::{App, MenuEntry, RunView, Screen};
use super::theme::Theme;
use super::update::{Msg, update};
use crate::record::{EndKind, Event, EventKind, Meta, TaskId, TaskKind};
use crate::scenario::{self, Flavor};
use crate::timeline::{RunInfo, Timeline};

const US: u64 = 1_000;
const MS: u64 = 1_000_000;

/// Feeds a timeline with terse calls.
struct Script(Timeline);

impl Script {
    fn new(scenario: &str, flavor: Flavor, workers: u16) -> Script {
        Script(Timeline::new(RunInfo {
            scenario: scenario.into(),
            flavor,
            workers,
        }))
    }

    fn label(&mut self, id: u32, text: &str) {
        self.0.apply_meta(Meta::Label {
            id,
            text: text.into(),
        });
    }

    fn spawn(&mut self, at: u64, id: TaskId, name: &str, kind: TaskKind, parent: Option<TaskId>) {
        self.0.apply_meta(Meta::Task {
            id,
            name: name.into(),
            kind,
            parent,
            location: Some(format!("builtin:blocking-freeze:{}", 14 + id)),
        });
        self.ev(at, id, EventKind::Spawned);
    }

    fn ev(&mut self, at_ns: u64, task: TaskId, kind: EventKind) {
        self.0.apply(Event { at_ns, task, kind });
    }

    /// A poll that ends pending on `label`, a timer due `timer_ms` later when given.
    fn poll_then_wait(&mut self, at: u64, task: TaskId, label: u32, timer_ms: Option<u32>) {
        self.ev(at, task, EventKind::PollStart { worker: 0 });
        self.ev(at + 20 * US, task, EventKind::AwaitStart { label });
        if let Some(ms) = timer_ms {
            let after_us = ms * 1000;
            self.ev(at + 20 * US, task, EventKind::TimerArmed { after_us });
        }
        self.ev(at + 40 * US, task, EventKind::PollEnd);
    }
}

/// The id of blocking-freeze's first step that does `verb`.
fn step_id(verb: &str) -> u32 {
    let scenario = scenario::builtin("blocking-freeze").expect("built-in");
    let step = scenario.steps().find(|(_, s)| s.action.verb() == verb);
    step.expect("such a step").1.id
}

/// blocking-freeze 1.2 s in: `slow_sync_call` has held the only worker in a 2 s
/// `std::thread::sleep` since 101 ms, while the heartbeat's and the weather request's timers
/// came due and they sit scheduled; `send_email` was created and never awaited.
fn freeze_live() -> Timeline {
    let mut s = Script::new("blocking-freeze", Flavor::CurrentThread, 1);
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
    s.ev(
        450 * US,
        4,
        EventKind::Ended {
            outcome: EndKind::Cancelled,
        },
    );
    let group = step_id("group");
    s.ev(500 * US, 0, EventKind::StepStarted { step: group });
    s.ev(600 * US, 0, EventKind::AwaitStart { label: 0 });
    s.ev(700 * US, 0, EventKind::PollEnd);
    s.poll_then_wait(MS, 1, 1, Some(100));
    s.poll_then_wait(MS + 100 * US, 2, 3, Some(250));
    s.poll_then_wait(MS + 200 * US, 3, 4, Some(500));
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
    s.0.advance(1200 * MS);
    s.0
}

/// The same run, over: the blocking call returned at 2.1 s, the others caught up.
fn freeze_done() -> Timeline {
    let mut s = Script(freeze_live());
    let t = 2101 * MS;
    s.ev(t, 1, EventKind::AwaitEnd { label: 2 });
    s.ev(
        t + 10 * US,
        1,
        EventKind::Ended {
            outcome: EndKind::Ok,
        },
    );
    s.ev(t + 10 * US, 1, EventKind::PollEnd);
    for (task, label, at) in [(2, 3, t + 100 * US), (3, 4, t + 300 * US)] {
        s.ev(at, task, EventKind::PollStart { worker: 0 });
        s.ev(at + 20 * US, task, EventKind::AwaitEnd { label });
        s.ev(
            at + 50 * US,
            task,
            EventKind::Ended {
                outcome: EndKind::Ok,
            },
        );
        s.ev(at + 50 * US, task, EventKind::PollEnd);
    }
    s.ev(t + MS, 0, EventKind::Woken { by: None });
    s.ev(t + MS + 100 * US, 0, EventKind::PollStart { worker: 0 });
    s.ev(t + MS + 150 * US, 0, EventKind::AwaitEnd { label: 0 });
    s.ev(
        t + MS + 200 * US,
        0,
        EventKind::Ended {
            outcome: EndKind::Ok,
        },
    );
    s.ev(t + MS + 200 * US, 0, EventKind::PollEnd);
    s.0.finish(t + 2 * MS);
    s.0
}

/// A group on 2 workers that goes wrong: `audit` hands work to the blocking pool and
/// panics; `flaky` fails with HTTP 503 at 300 ms and the group cancels `slow`; main fails.
fn failure_done() -> Timeline {
    let mut s = Script::new("failure", Flavor::MultiThread, 2);
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
    s.poll_then_wait(200 * US, 1, 1, None);
    s.poll_then_wait(300 * US, 2, 2, None);
    s.poll_then_wait(400 * US, 3, 3, None);
    s.spawn(450 * US, 4, "audit_io", TaskKind::Blocking, Some(3));
    s.ev(500 * US, 4, EventKind::PollStart { worker: 2 });
    let end = |s: &mut Script, at, task, outcome| {
        s.ev(at, task, EventKind::Ended { outcome });
        s.ev(at, task, EventKind::PollEnd);
    };
    end(&mut s, 150 * MS, 4, EndKind::Ok);
    s.ev(150 * MS + 10 * US, 3, EventKind::Woken { by: None });
    s.ev(150 * MS + 50 * US, 3, EventKind::PollStart { worker: 1 });
    s.0.apply_meta(Meta::Error {
        task: 3,
        text: "audit log full".into(),
    });
    end(&mut s, 150 * MS + 90 * US, 3, EndKind::Panicked);
    s.ev(300 * MS, 1, EventKind::Woken { by: None });
    s.ev(300 * MS + 20 * US, 1, EventKind::PollStart { worker: 0 });
    s.0.apply_meta(Meta::Error {
        task: 1,
        text: "HTTP 503".into(),
    });
    end(&mut s, 300 * MS + 60 * US, 1, EndKind::Failed);
    s.ev(
        300 * MS + 100 * US,
        2,
        EventKind::AbortRequested { cause: Some(1) },
    );
    s.ev(
        300 * MS + 150 * US,
        2,
        EventKind::Ended {
            outcome: EndKind::Cancelled,
        },
    );
    s.ev(300 * MS + 200 * US, 0, EventKind::Woken { by: None });
    s.ev(300 * MS + 250 * US, 0, EventKind::PollStart { worker: 1 });
    s.0.apply_meta(Meta::Error {
        task: 0,
        text: "`flaky` failed: HTTP 503".into(),
    });
    end(&mut s, 300 * MS + 300 * US, 0, EndKind::Failed);
    s.0.finish(301 * MS);
    s.0
}

/// An app on the menu, in colour (or not), at `w` x `h`.
fn menu_app(color: bool, w: u16, h: u16) -> App {
    static BUILTINS: std::sync::OnceLock<Vec<MenuEntry>> = std::sync::OnceLock::new();
    let entries = BUILTINS.get_or_init(MenuEntry::builtins).clone();
    let mut app = App::new(entries, Theme::plain(color));
    app.size = (w, h);
    update(&mut app, Msg::Resize(w, h));
    app
}

/// An app showing `timeline` as a run of blocking-freeze.
fn run_app(timeline: Timeline, color: bool, w: u16, h: u16) -> App {
    let mut app = menu_app(color, w, h);
    let entry = app
        .menu
        .entries
        .iter()
        .find(|e| e.name == "blocking-freeze");
    let scenario = entry
        .expect("a built-in")
        .scenario
        .clone()
        .expect("it parses");
    app.run = Some(RunView::with_timeline(scenario, timeline, 1.0));
    app.screen = Screen::Run;
    update(&mut app, Msg::Tick);
    app
}

/// Draws `app` into a test terminal of its size.
fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    terminal.draw(|f| super::view(app, f)).expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
