//! Where each task's coroutine is suspended, as an asyncio run reports it: every position in
//! arrival order, and the latest of each task, so the code pane and the details can say the
//! line a task is at, now or at the time cursor.

use super::Timeline;
use crate::record::TaskId;
use crate::source::Position;

/// Every position of a run, and each task's latest.
#[derive(Clone, Debug, Default)]
pub(super) struct Positions {
    /// In arrival order (each task's in time order).
    all: Vec<Position>,
    /// For each task id: 1 + the index of its latest position in `all`, 0 for none.
    latest: Vec<u32>,
}

/// Tasks further than this past the last one with a position are garbage, not a reason to
/// allocate a big table.
const MAX_ID_GAP: usize = 1 << 16;

impl Positions {
    fn push(&mut self, position: Position) {
        let task = position.task as usize;
        if task >= self.latest.len() + MAX_ID_GAP {
            return;
        }
        if task >= self.latest.len() {
            self.latest.resize(task + 1, 0);
        }
        let Ok(index) = u32::try_from(self.all.len() + 1) else {
            return;
        };
        self.latest[task] = index;
        self.all.push(position);
    }
}

impl Timeline {
    /// Keeps where a task is suspended (ignored once the run is over).
    pub fn apply_position(&mut self, position: Position) {
        if !self.finished {
            self.positions.push(position);
        }
    }

    /// Every position reported so far, in the order they came.
    pub fn positions(&self) -> &[Position] {
        &self.positions.all
    }

    /// Where `task` was suspended at `at_ns` (its latest position by then), or now (None).
    pub fn position_at(&self, task: TaskId, at_ns: Option<u64>) -> Option<&Position> {
        let latest = *self.positions.latest.get(task as usize)?;
        let latest = self.positions.all.get(latest.checked_sub(1)? as usize)?;
        match at_ns {
            None => Some(latest),
            Some(t) if latest.at_ns <= t => Some(latest),
            Some(t) => self
                .positions
                .all
                .iter()
                .rev()
                .find(|p| p.task == task && p.at_ns <= t),
        }
    }
}
