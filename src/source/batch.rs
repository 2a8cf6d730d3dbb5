//! What a source hands over in one drain: its new metas and events, in the order they are to
//! be folded, and where its clock got to.

use super::Position;
use crate::record::{Event, Meta};

/// One thing a source hands over. The order of a batch's items is the order in which they
/// are folded, so a replay of the same items folds into the same lanes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A task's identity, a label's text, a failure's message: sent before the events that
    /// use it.
    Meta(Box<Meta>),
    /// Something that happened to a task.
    Event(Event),
    /// Where a task is suspended (asyncio): its source line, from now on.
    Position(Box<Position>),
    /// The source's clock reached this time (ns since the run began): open segments reach up
    /// to it, and nothing stamped earlier is still to come, but for the odd late event.
    Clock(u64),
    /// Events the source could not deliver so far (a running count).
    Dropped(u64),
    /// The source is over: lanes end at this time (ns). Nothing follows it.
    End(u64),
}

/// The items of one drain, in order. Sources append to it; the timeline folds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    items: Vec<Item>,
}

impl Batch {
    /// Appends a meta.
    pub fn meta(&mut self, meta: Meta) {
        self.items.push(Item::Meta(Box::new(meta)));
    }

    /// Appends an event.
    pub fn event(&mut self, event: Event) {
        self.items.push(Item::Event(event));
    }

    /// Appends metas, then events: the order a recorder's drain gives them in.
    pub fn extend(
        &mut self,
        metas: impl IntoIterator<Item = Meta>,
        events: impl IntoIterator<Item = Event>,
    ) {
        self.items
            .extend(metas.into_iter().map(|m| Item::Meta(Box::new(m))));
        self.items.extend(events.into_iter().map(Item::Event));
    }

    /// Says that the clock reached `now_ns`.
    pub fn clock(&mut self, now_ns: u64) {
        self.items.push(Item::Clock(now_ns));
    }

    /// Says how many events were lost so far.
    pub fn dropped(&mut self, count: u64) {
        self.items.push(Item::Dropped(count));
    }

    /// Says that the source is over and its lanes end at `wall_ns`.
    pub fn end(&mut self, wall_ns: u64) {
        self.items.push(Item::End(wall_ns));
    }

    /// Appends any item.
    pub fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// The items, in order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Takes the items out, leaving the batch empty (its allocation kept).
    pub fn drain(&mut self) -> std::vec::Drain<'_, Item> {
        self.items.drain(..)
    }

    /// Whether nothing was handed over.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The last time the source's clock reached in this batch (its end, once over).
    pub fn now_ns(&self) -> Option<u64> {
        self.items.iter().rev().find_map(|item| match item {
            Item::Clock(t) | Item::End(t) => Some(*t),
            _ => None,
        })
    }

    /// Whether the source ended in this batch.
    pub fn ends(&self) -> bool {
        self.items.iter().any(|item| matches!(item, Item::End(_)))
    }

    /// Keeps what happened up to `limit_ns` (a run stopped at its `--timeout`): later events
    /// go, the clock stops there, and an end after it is not an end yet.
    pub fn cut(&mut self, limit_ns: u64) {
        self.items.retain_mut(|item| match item {
            Item::Event(event) => event.at_ns <= limit_ns,
            Item::Position(position) => position.at_ns <= limit_ns,
            Item::Clock(t) => {
                *t = (*t).min(limit_ns);
                true
            }
            Item::End(t) => *t <= limit_ns,
            Item::Meta(_) | Item::Dropped(_) => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::EventKind;

    fn event(at_ns: u64) -> Event {
        Event {
            at_ns,
            task: 0,
            kind: EventKind::PollEnd,
        }
    }

    #[test]
    fn a_cut_keeps_what_happened_by_then() {
        let mut batch = Batch::default();
        batch.event(event(5));
        batch.event(event(15));
        batch.clock(20);
        batch.end(20);
        batch.cut(10);
        assert_eq!(batch.items(), [Item::Event(event(5)), Item::Clock(10)]);
        assert_eq!(batch.now_ns(), Some(10));
        assert!(!batch.ends(), "an end after the cut is not an end");
        let mut over = Batch::default();
        over.end(8);
        over.cut(10);
        assert!(over.ends());
    }
}
