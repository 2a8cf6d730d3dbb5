//! One batch of the stream, held until its FLUSH record, then handed out in time order.
//!
//! The module writes a step as one record when it ends (its start and end), after what
//! happened inside it; the records of other threads come in between. Within a batch, the
//! items are put in time order before they leave, so that a poll starts before what happens
//! in it, as the timeline expects. A step still running when its batch is sent is announced
//! by a POLL_START (of the same start) in that batch; its record in a later batch then only
//! ends it. An announcement that comes after the step's record is stale, and dropped.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::items::Item;
use crate::record::{Event, EventKind, TaskId, WorkerId};

/// The items of the batch under way, and what is known of steps announced before their end.
#[derive(Debug, Default)]
pub(super) struct Batch {
    items: Vec<Item>,
    /// The start of each task's step announced and not yet ended.
    announced: TaskMap<u64>,
    /// The start of each live task's last step record.
    last_step: TaskMap<u64>,
    /// One bit per task id: the task ended (an announcement can come after its end). Task
    /// ids are below 2^27: at most 16 MiB.
    ended: Vec<u64>,
}

impl Batch {
    /// Adds an item to the batch.
    pub(super) fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// How many items wait for the batch's end.
    pub(super) fn len(&self) -> usize {
        self.items.len()
    }

    fn event(&mut self, at_ns: u64, task: TaskId, kind: EventKind) {
        self.items.push(Item::Event(Event { at_ns, task, kind }));
    }

    /// A POLL_START: a thread's poll beginning, or the announcement of a step under way.
    pub(super) fn poll_start(&mut self, task: TaskId, worker: WorkerId, at_ns: u64) {
        let ended = self
            .ended
            .get(task as usize / 64)
            .is_some_and(|bits| bits >> (task % 64) & 1 == 1);
        if ended || self.last_step.get(&task).is_some_and(|&last| last >= at_ns) {
            return; // the step's own record came first: the announcement is stale
        }
        self.announced.insert(task, at_ns);
        self.event(at_ns, task, EventKind::PollStart { worker });
    }

    /// A POLL_END: a thread's poll is over.
    pub(super) fn poll_end(&mut self, task: TaskId, at_ns: u64) {
        self.announced.remove(&task);
        self.event(at_ns, task, EventKind::PollEnd);
    }

    /// A whole step of a task, from `start` to `end`; `yielded`: it yielded bare, so asyncio
    /// scheduled the task's next step at its end (the task woke itself).
    pub(super) fn step(
        &mut self,
        task: TaskId,
        worker: WorkerId,
        start: u64,
        end: u64,
        yielded: bool,
    ) {
        self.last_step.insert(task, start);
        if self.announced.remove(&task) != Some(start) {
            self.event(start, task, EventKind::PollStart { worker });
        }
        if yielded {
            // (Before the end, as `order` puts them: a batch in order needs no sorting.)
            self.event(end, task, EventKind::Woken { by: Some(task) });
        }
        self.event(end, task, EventKind::PollEnd);
    }

    /// The task ended: nothing more is kept about it.
    pub(super) fn ended(&mut self, task: TaskId) {
        self.announced.remove(&task);
        self.last_step.remove(&task);
        let word = task as usize / 64;
        if self.ended.len() <= word {
            self.ended.resize(word + 1, 0);
        }
        self.ended[word] |= 1 << (task % 64);
    }

    /// Hands the batch out: what has no time first (names, labels, texts), in stream
    /// order, then the rest by time (a poll's start before, and its end after, what else
    /// happened at the same nanosecond).
    pub(super) fn release(&mut self, out: &mut Vec<Item>) {
        if !self.items.is_sorted_by_key(order) {
            self.items.sort_by_key(order);
        }
        out.append(&mut self.items);
    }
}

/// A map keyed by task id. Ids are small numbers handed out in order: a multiplication
/// spreads them well enough, and every step of a run looks one up (with SipHash, the
/// default, decoding took a fifth longer).
pub(super) type TaskMap<V> = HashMap<TaskId, V, BuildHasherDefault<IdHasher>>;

/// The hasher of [`TaskMap`].
#[derive(Default)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

fn order(item: &Item) -> (u64, u8) {
    match item {
        Item::Event(e) => match e.kind {
            EventKind::PollStart { .. } => (e.at_ns, 1),
            EventKind::PollEnd => (e.at_ns, 3),
            _ => (e.at_ns, 2),
        },
        Item::Position(p) => (p.at_ns, 2),
        Item::Exit(exit) => (exit.at_ns, 4),
        _ => (0, 0),
    }
}
