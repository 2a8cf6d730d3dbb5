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

#[cfg(test)]
mod tests {
    use crate::scenario::Flavor;
    use crate::source::{Position, RunInfo};
    use crate::timeline::Timeline;

    fn at(at_ns: u64, task: u32, line: u32) -> Position {
        let file = "app.py".into();
        Position {
            at_ns,
            task,
            file,
            line,
            step: None,
        }
    }

    #[test]
    fn a_task_is_at_its_latest_position_by_the_instant_asked() {
        let mut t = Timeline::new(RunInfo::tokio("x", Flavor::CurrentThread, 1));
        t.apply_position(at(10, 2, 7));
        t.apply_position(at(20, 0, 3));
        t.apply_position(at(30, 2, 9));
        let line = |t: &Timeline, task, when| t.position_at(task, when).map(|p| p.line);
        assert_eq!(line(&t, 2, None), Some(9));
        assert_eq!(line(&t, 2, Some(25)), Some(7));
        assert_eq!(line(&t, 2, Some(30)), Some(9));
        assert_eq!(line(&t, 2, Some(5)), None, "not suspended yet");
        assert_eq!((line(&t, 1, None), line(&t, 7, None)), (None, None));
        assert_eq!(t.positions().len(), 3);
        t.finish(40);
        t.apply_position(at(50, 0, 4));
        assert_eq!(line(&t, 0, None), Some(3), "nothing after the run's end");
    }
}
