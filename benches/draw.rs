//! The time to draw one frame of the run view with 1,000 task lanes at 200x60, into a
//! `TestBackend`: the dashboard must stay under 16 ms a frame (60 fps) with that many lanes.
//!
//! The timeline is built from synthetic events: 1,000 tasks (20 parents of 49 children
//! each, under `main`) on 4 workers, each polled 40 times over 2 s, waiting on labelled
//! timers between polls and woken before each poll. Measured live (the run still going on,
//! a blocked worker in progress) and finished, zoomed to fit and zoomed in.
//!
//! `cargo bench --bench draw`

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use taskscope::record::{EndKind, Event, EventKind, Meta, TaskKind};
use taskscope::scenario::{self, Flavor};
use taskscope::source::{Batch, Drained, RunInfo};
use taskscope::ui::theme::Theme;
use taskscope::ui::{App, Launch, Msg, update, view};

const MS: u64 = 1_000_000;
const TASKS: u32 = 1_000;
const POLLS: u64 = 40;
const RUN_NS: u64 = 2_000 * MS;

/// Everything the run's source hands over, in one batch.
fn batch(finished: bool) -> Batch {
    let mut t = Batch::default();
    for label in 0..8 {
        t.meta(Meta::Label {
            id: label,
            text: format!("GET /item/{label}"),
        });
    }
    let mut events = Vec::new();
    for id in 0..TASKS {
        let parent = match id {
            0 => None,
            1..=20 => Some(0),
            _ => Some(1 + (id - 21) % 20),
        };
        t.meta(Meta::Task {
            id,
            name: format!("task-{id:04}"),
            kind: if id == 0 {
                TaskKind::BlockOn
            } else {
                TaskKind::Task
            },
            parent,
            location: Some(format!("bench.toml:{id}")),
        });
        let spawn = u64::from(id) * 100_000;
        events.push(Event {
            at_ns: spawn,
            task: id,
            kind: EventKind::Spawned,
        });
        let period = (RUN_NS - spawn) / (POLLS + 1);
        for p in 0..POLLS {
            let at = spawn + p * period + u64::from(id % 7) * 1_000;
            let worker = ((u64::from(id) + p) % 4) as u16;
            let label = (id + p as u32) % 8;
            events.push(Event {
                at_ns: at,
                task: id,
                kind: EventKind::Woken { by: None },
            });
            events.push(Event {
                at_ns: at + 50_000,
                task: id,
                kind: EventKind::PollStart { worker },
            });
            events.push(Event {
                at_ns: at + 80_000,
                task: id,
                kind: EventKind::AwaitStart { label },
            });
            events.push(Event {
                at_ns: at + 100_000,
                task: id,
                kind: EventKind::PollEnd,
            });
            let end = at + period - 10_000;
            events.push(Event {
                at_ns: end,
                task: id,
                kind: EventKind::AwaitEnd { label },
            });
        }
        if finished {
            let outcome = if id % 10 == 3 {
                EndKind::Cancelled
            } else {
                EndKind::Ok
            };
            events.push(Event {
                at_ns: RUN_NS - 5_000,
                task: id,
                kind: EventKind::Ended { outcome },
            });
        }
    }
    if !finished {
        // Worker 0 has been held by task 5 for 300 ms and still is.
        events.push(Event {
            at_ns: RUN_NS - 300 * MS,
            task: 5,
            kind: EventKind::PollStart { worker: 0 },
        });
    }
    events.sort_by_key(|e| e.at_ns);
    events.into_iter().for_each(|e| t.event(e));
    if finished {
        t.end(RUN_NS);
    } else {
        t.clock(RUN_NS);
    }
    t
}

fn app(finished: bool) -> App {
    let scenario = Arc::new(scenario::builtin("blocking-freeze").expect("built-in"));
    let mut app = App::new(Vec::new(), Theme::plain(true));
    let _none = update(&mut app, Msg::Resize(200, 60));
    let info = RunInfo::tokio("many-lanes", Flavor::MultiThread, 4);
    let show = Launch::Show {
        scenario,
        info,
        at: None,
    };
    let _none = update(&mut app, Msg::Launch(show));
    let drained = Drained {
        batch: batch(finished),
        ..Drained::default()
    };
    let _none = update(&mut app, Msg::Events(vec![drained]));
    app
}

fn bench(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let mut group = c.benchmark_group("draw 1000 lanes at 200x60");
    let live = app(false);
    group.bench_function("live, fit", |b| {
        b.iter(|| terminal.draw(|f| view(&live, f)).map(|_| ()))
    });
    let done = app(true);
    group.bench_function("finished, fit", |b| {
        b.iter(|| terminal.draw(|f| view(&done, f)).map(|_| ()))
    });
    let mut zoomed = app(true);
    for key in ['+', '+', '+'] {
        let event = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(key));
        let _none = update(&mut zoomed, Msg::Key(event));
    }
    group.bench_function("finished, zoomed 8x", |b| {
        b.iter(|| terminal.draw(|f| view(&zoomed, f)).map(|_| ()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
