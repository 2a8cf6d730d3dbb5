//! The reader's side of the recorder: takes every thread's events and the metadata they
//! need, in that order.

use super::clock::TicksToNs;
use super::event::{Event, Meta};
use super::raw::RawEvent;
use super::recorder::{Recorder, lock};

impl Recorder {
    /// Hands everything recorded so far to the reader: the events of every thread, sorted by
    /// time, into `events`, and all new metadata into `metas` (both cleared first). Every
    /// event's metadata is in `metas` or came in an earlier drain: apply the metadata first.
    pub fn drain(&self, metas: &mut Vec<Meta>, events: &mut Vec<Event>) {
        self.drain_between(metas, events, || {});
    }

    /// [`Recorder::drain`], running `between` after the logs are read and before the
    /// metadata is: a test creates tasks in that window.
    pub(super) fn drain_between(
        &self,
        metas: &mut Vec<Meta>,
        events: &mut Vec<Event>,
        between: impl FnOnce(),
    ) {
        metas.clear();
        events.clear();
        let to_ns = TicksToNs::new();
        let mut read = |raw: &[RawEvent]| {
            events.extend(
                raw.iter()
                    .map(|raw| raw.to_event(to_ns.convert(raw.ticks()))),
            );
        };
        lock(&self.shared.logs).retain(|log| !log.drain(&mut read));
        let late = std::mem::take(&mut *lock(&self.shared.late));
        read(&late);
        between();
        // Metadata last: it is published before any event that uses it is recorded, so every
        // event read above has its metadata in this batch or an earlier one. (Read first, a
        // task created between the two reads would hand over its events without it.)
        metas.append(&mut lock(&self.shared.meta));
        events.sort_by_key(|event| event.at_ns);
    }
}

#[cfg(test)]
impl Recorder {
    /// Thread logs the reader still holds (tests: a log is released once its thread is done
    /// with it and it has been read).
    pub(super) fn live_logs(&self) -> usize {
        lock(&self.shared.logs).len()
    }
}
