//! Sources of lanes: everything that produces a run's events implements [`Source`] (the tokio
//! runner, an attach session, a saved run replayed from its file), and everything that shows
//! or prints a run (the dashboard, the headless commands) holds sources, never special cases.
//!
//! A source says up front what the run is ([`RunInfo`]), hands over what happened since its
//! last drain as a [`Batch`] of metas, events and clock readings whenever it is asked (never
//! blocking), reports how it is doing ([`Status`]), and can be stopped at any moment. The
//! timeline folds batches ([`crate::timeline::Timeline::feed`]); a [`Tape`] keeps every batch
//! a source handed over, so that a saved run replays into exactly the same lanes.

mod batch;
mod info;
mod position;
mod replay;
mod status;
mod tape;
mod tape_json;
#[cfg(test)]
mod tape_json_tests;

pub use batch::{Batch, Item};
pub use info::{Engine, RunInfo, Runtime};
pub use position::Position;
pub use replay::Replay;
pub use status::Status;
pub use tape::{Entry, Tape};

/// A producer of a run's events.
///
/// Implementing it is all a new producer needs to be drawn, printed, compared and saved:
/// `info` before anything else, then `drain` whenever the caller likes. A source ends its
/// last batch with [`Batch::end`] once it is over (done, or failed for good).
pub trait Source {
    /// What the run is: known before its first event.
    fn info(&self) -> &RunInfo;

    /// Appends what happened since the last call to `batch`: new metas and events, then the
    /// clock reading ([`Batch::clock`]), the lost-event count if any, and [`Batch::end`] once
    /// the source is over. Never blocks.
    fn drain(&mut self, batch: &mut Batch);

    /// How the source is doing, as of the last drain.
    fn status(&self) -> Status;

    /// What every view of these lanes should say about how they were made (attached lanes
    /// are sampled), if anything; as of the last drain.
    fn note(&self) -> Option<String> {
        None
    }

    /// Asks the source to stop producing (a run stops its runtime). Never waits.
    fn stop(&mut self);

    /// One drain with the status and note that go with it.
    fn drained(&mut self) -> Drained {
        let mut batch = Batch::default();
        self.drain(&mut batch);
        Drained {
            batch,
            status: self.status(),
            note: self.note(),
        }
    }
}

impl<S: Source + ?Sized> Source for Box<S> {
    fn info(&self) -> &RunInfo {
        (**self).info()
    }

    fn drain(&mut self, batch: &mut Batch) {
        (**self).drain(batch);
    }

    fn status(&self) -> Status {
        (**self).status()
    }

    fn note(&self) -> Option<String> {
        (**self).note()
    }

    fn stop(&mut self) {
        (**self).stop();
    }
}

/// What one drain of a source gave: the batch, and the source's status and note after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drained {
    /// The metas, events and clock readings.
    pub batch: Batch,
    /// How the source is doing.
    pub status: Status,
    /// What views should say about how the lanes were made.
    pub note: Option<String>,
}
