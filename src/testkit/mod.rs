//! The test kit: a builder of event scripts and the fixed runs that the unit tests and the
//! integration tests share. Compiled for the unit tests (`cfg(test)`) and, with the
//! `testkit` feature, for the integration tests (see Cargo.toml); never in a release build.
//!
//! A [`Script`] folds every meta, event and clock reading as it is written, and keeps them on
//! a tape, so a scripted run is a [`Recorded`] run like a real one: its JSON document can be
//! opened again.

mod fixtures;
mod skip;

pub use fixtures::{blocking_freeze, failure_done, freeze_done, freeze_live, group_failure};
pub use skip::skipped;

use crate::feed::Recorded;
use crate::record::{EndKind, Event, EventKind, Meta, TaskId, TaskKind};
use crate::scenario::Flavor;
use crate::source::{Item, RunInfo};
use crate::timeline::Timeline;

/// A microsecond, in ns.
pub const US: u64 = 1_000;
/// A millisecond, in ns.
pub const MS: u64 = 1_000_000;

/// Writes a run with terse calls, folding and taping as it goes.
#[derive(Debug)]
pub struct Script {
    run: Recorded,
    /// Where tasks are spawned: `FILE:LINE`, LINE counted from this first line by task id.
    location: (String, u32),
}

impl Script {
    /// An empty run of `scenario` on a runtime of `flavor` with `workers`; tasks are spawned
    /// at `scenario.toml:10+ID`.
    pub fn new(scenario: &str, flavor: Flavor, workers: u16) -> Script {
        Script {
            run: Recorded::new(RunInfo::tokio(scenario, flavor, workers)),
            location: ("scenario.toml".into(), 10),
        }
    }

    /// Tasks are spawned at `file:first_line+ID`.
    pub fn located(self, file: &str, first_line: u32) -> Script {
        Script {
            location: (file.into(), first_line),
            ..self
        }
    }

    /// Folds and tapes one item.
    pub fn push(&mut self, item: Item) {
        self.run.push(item);
    }

    /// A meta.
    pub fn meta(&mut self, meta: Meta) {
        self.push(Item::Meta(Box::new(meta)));
    }

    /// The text of a label.
    pub fn label(&mut self, id: u32, text: &str) {
        self.meta(Meta::Label {
            id,
            text: text.into(),
        });
    }

    /// The error text of a task that fails or panics.
    pub fn error(&mut self, task: TaskId, text: &str) {
        self.meta(Meta::Error {
            task,
            text: text.into(),
        });
    }

    /// Declares a task and spawns it at `at`.
    pub fn spawn(
        &mut self,
        at: u64,
        id: TaskId,
        name: &str,
        kind: TaskKind,
        parent: Option<TaskId>,
    ) {
        let (file, first) = &self.location;
        let location = Some(format!("{file}:{}", first + id));
        self.meta(Meta::Task {
            id,
            name: name.into(),
            kind,
            parent,
            location,
        });
        self.ev(at, id, EventKind::Spawned);
    }

    /// One event.
    pub fn ev(&mut self, at_ns: u64, task: TaskId, kind: EventKind) {
        self.push(Item::Event(Event { at_ns, task, kind }));
    }

    /// A wake from outside any task.
    pub fn wake(&mut self, at: u64, task: TaskId) {
        self.ev(at, task, EventKind::Woken { by: None });
    }

    /// The task ends.
    pub fn end(&mut self, at: u64, task: TaskId, outcome: EndKind) {
        self.ev(at, task, EventKind::Ended { outcome });
    }

    /// A poll of `len` on `worker` that ends pending on `label` (if any).
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

    /// A 40 µs poll on worker 0 that ends pending on `label`, a timer due `timer_ms` later
    /// when given.
    pub fn poll_then_sleep(&mut self, at: u64, task: TaskId, label: u32, timer_ms: Option<u32>) {
        self.ev(at, task, EventKind::PollStart { worker: 0 });
        self.ev(at + 20 * US, task, EventKind::AwaitStart { label });
        if let Some(ms) = timer_ms {
            let after_us = ms * 1000;
            self.ev(at + 20 * US, task, EventKind::TimerArmed { after_us });
        }
        self.ev(at + 40 * US, task, EventKind::PollEnd);
    }

    /// A poll that resumes after `label` (if any) and ends the task.
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
        self.end(at + len, task, outcome);
        self.ev(at + len, task, EventKind::PollEnd);
    }

    /// The clock reaches `now_ns`.
    pub fn clock(&mut self, now_ns: u64) {
        self.push(Item::Clock(now_ns));
    }

    /// The run ends at `wall_ns`.
    pub fn finish(&mut self, wall_ns: u64) {
        self.push(Item::End(wall_ns));
    }

    /// The lanes so far.
    pub fn timeline(&self) -> &Timeline {
        &self.run.timeline
    }

    /// The run: its timeline and its tape.
    pub fn done(self) -> Recorded {
        self.run
    }
}
