//! Unit tests of the fold rules, on hand-written event sequences.

mod branches;
mod findings;
mod fold;
mod pending;
mod timers;
mod wakes;

use super::Timeline;
use crate::record::{EndKind, Event, EventKind, Meta, TaskId, TaskKind};
use crate::scenario::Flavor;
use crate::source::RunInfo;

pub(super) const MS: u64 = 1_000_000;

/// A timeline under test, with terse helpers to feed it.
pub(super) struct T(pub(super) Timeline);

impl T {
    pub(super) fn new(workers: u16) -> Self {
        let flavor = if workers == 1 {
            Flavor::CurrentThread
        } else {
            Flavor::MultiThread
        };
        T(Timeline::new(RunInfo::tokio("test", flavor, workers)))
    }

    /// A run of `workers` played at `speed`.
    pub(super) fn at_speed(workers: u16, speed: f64) -> Self {
        let info = T::new(workers).0.info().clone().at_speed(speed);
        T(Timeline::new(info))
    }

    /// Declares and spawns a task.
    pub(super) fn spawn(
        &mut self,
        at: u64,
        id: TaskId,
        name: &str,
        kind: TaskKind,
        parent: Option<TaskId>,
    ) {
        let name = name.to_string();
        self.0.apply_meta(Meta::Task {
            id,
            name,
            kind,
            parent,
            location: None,
        });
        self.ev(at, id, EventKind::Spawned);
    }

    pub(super) fn label(&mut self, id: u32, text: &str) {
        self.0.apply_meta(Meta::Label {
            id,
            text: text.into(),
        });
    }

    pub(super) fn ev(&mut self, at_ns: u64, task: TaskId, kind: EventKind) {
        self.0.apply(Event { at_ns, task, kind });
    }

    pub(super) fn poll(&mut self, start: u64, end: u64, task: TaskId, worker: u16) {
        self.ev(start, task, EventKind::PollStart { worker });
        self.ev(end, task, EventKind::PollEnd);
    }

    pub(super) fn wake(&mut self, at: u64, task: TaskId) {
        self.ev(at, task, EventKind::Woken { by: None });
    }

    pub(super) fn wake_by(&mut self, at: u64, task: TaskId, by: TaskId) {
        self.ev(at, task, EventKind::Woken { by: Some(by) });
    }

    pub(super) fn end(&mut self, at: u64, task: TaskId, outcome: EndKind) {
        self.ev(at, task, EventKind::Ended { outcome });
    }

    pub(super) fn fail(&mut self, at: u64, task: TaskId, outcome: EndKind, text: &str) {
        self.0.apply_meta(Meta::Error {
            task,
            text: text.into(),
        });
        self.end(at, task, outcome);
    }
}
