//! Turns runtime activity into a stream of compact, timestamped events.
//!
//! [`Recorder`] stores events per thread; [`Instrumented`] wraps each task to record its
//! polls, wakes and end; [`AwaitLabel`] marks what a task is waiting on.

mod event;
mod instrument;
mod log;
mod raw;
mod recorder;

pub use event::*;
pub use instrument::{AwaitLabel, Instrumented, TaskResult, panic_message};
pub use recorder::{DEFAULT_RING_CAPACITY, Recorder, clock, current_task, thread_parks};

#[cfg(test)]
mod tests;
