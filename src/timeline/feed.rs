//! The one place where a source's batches become lanes: each item folded in its order.

use super::Timeline;
use crate::source::{Batch, Item};

impl Timeline {
    /// Folds every item of `batch`, in order, and leaves the batch empty: metas and events
    /// change the lanes, positions say where tasks are, a clock reading moves "now", an end
    /// closes the run.
    pub fn feed(&mut self, batch: &mut Batch) {
        for item in batch.drain() {
            self.take(item);
        }
    }

    /// Folds one item (see [`Timeline::feed`]).
    pub fn take(&mut self, item: Item) {
        match item {
            Item::Meta(meta) => self.apply_meta(*meta),
            Item::Event(event) => self.apply(event),
            Item::Position(position) => self.apply_position(*position),
            Item::Clock(now_ns) => self.advance(now_ns),
            Item::Dropped(count) => self.set_dropped_events(count),
            Item::End(wall_ns) => self.finish(wall_ns),
        }
    }
}
