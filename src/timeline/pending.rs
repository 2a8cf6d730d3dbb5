//! Events that arrive before their task's lane: kept until the lane appears.
//!
//! A task's first events can reach the fold before its `Spawned` event: the reader drains
//! one thread's log after another, so a poll on one worker can be read in one batch while
//! the spawn, recorded on another thread, comes in the next. Such an event cannot be placed
//! yet (the lane does not exist, or has not begun), and dropping it would lose a real poll.
//! It waits here and is applied right after its task's `Spawned`. Held events are bounded;
//! what finds no room, or is still held when the run finishes, is counted as dropped.

use std::collections::HashMap;

use crate::record::{Event, TaskId};

/// Most events held at once (24 bytes each): far more than a reader's batch can leave
/// unplaced, small enough to never matter for memory.
pub const MAX_PENDING_EVENTS: usize = 1 << 16;

/// Events waiting for their task's lane, by task, in arrival order.
#[derive(Clone, Debug, Default)]
pub(super) struct Pending {
    by_task: HashMap<TaskId, Vec<Event>>,
    held: usize,
    dropped: u64,
}

impl Pending {
    /// Keeps `event` until its task's lane appears, or counts it as dropped when full.
    pub(super) fn hold(&mut self, event: Event) {
        if self.held >= MAX_PENDING_EVENTS {
            self.dropped += 1;
            return;
        }
        self.held += 1;
        self.by_task.entry(event.task).or_default().push(event);
    }

    /// The events held for `task`, in time order (stable: ties keep their arrival order).
    pub(super) fn take(&mut self, task: TaskId) -> Vec<Event> {
        if self.held == 0 {
            return Vec::new();
        }
        let mut events = self.by_task.remove(&task).unwrap_or_default();
        self.held -= events.len();
        events.sort_by_key(|e| e.at_ns);
        events
    }

    /// Counts an event that can never be placed (its task id is out of range).
    pub(super) fn reject(&mut self) {
        self.dropped += 1;
    }

    /// The run is over: whatever is still held will never be placed.
    pub(super) fn give_up(&mut self) {
        self.dropped += self.held as u64;
        self.held = 0;
        self.by_task.clear();
    }

    /// Events dropped: no room to hold them, or never placed.
    pub(super) fn dropped(&self) -> u64 {
        self.dropped
    }
}
