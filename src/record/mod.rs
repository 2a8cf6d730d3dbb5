//! Turns runtime activity into a stream of compact, timestamped events.

mod event;

pub use event::*;
