//! A tape: every item a source handed over, in order, with its status and note as they
//! changed. Saved with a run, it replays into exactly the lanes the run had: the fold is a
//! pure function of the items and their order (clock readings included).

use super::{Batch, Drained, Item, Status};

/// One entry of a tape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// An item of a batch.
    Item(Item),
    /// The source's status changed to this.
    Status(Status),
    /// The source's note changed to this.
    Note(Option<String>),
}

/// Every item a source handed over, in order. Clock readings are kept, a lost-event count
/// only when it changed, the status and note only when they changed.
#[derive(Clone, Debug, Default)]
pub struct Tape {
    entries: Vec<Entry>,
    dropped: u64,
    status: Option<Status>,
    note: Option<String>,
}

impl PartialEq for Tape {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Tape {
    /// A tape of these entries (a saved run's, read back).
    pub fn from_entries(entries: Vec<Entry>) -> Tape {
        let mut tape = Tape::default();
        entries.into_iter().for_each(|entry| tape.push(entry));
        tape
    }

    /// Keeps a copy of what one drain handed over.
    pub fn record(&mut self, drained: &Drained) {
        for item in drained.batch.items() {
            self.push(Entry::Item(item.clone()));
        }
        if self.status.as_ref() != Some(&drained.status) {
            self.push(Entry::Status(drained.status.clone()));
        }
        if self.note != drained.note {
            self.push(Entry::Note(drained.note.clone()));
        }
    }

    /// Appends one entry (a lost-event count that did not change is left out).
    pub fn push(&mut self, entry: Entry) {
        match &entry {
            Entry::Item(Item::Dropped(n)) if *n == self.dropped => return,
            Entry::Item(Item::Dropped(n)) => self.dropped = *n,
            Entry::Status(status) => self.status = Some(status.clone()),
            Entry::Note(note) => self.note = note.clone(),
            Entry::Item(_) => {}
        }
        self.entries.push(entry);
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every item, in order, as one batch.
    pub fn batch(&self) -> Batch {
        let mut batch = Batch::default();
        for entry in &self.entries {
            if let Entry::Item(item) = entry {
                batch.push(item.clone());
            }
        }
        batch
    }

    /// The last status recorded, if any.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The last note recorded.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Whether the tape holds the source's end.
    pub fn ends(&self) -> bool {
        self.entries
            .iter()
            .any(|e| matches!(e, Entry::Item(Item::End(_))))
    }
}
