//! Turns runtime activity into a stream of compact, timestamped events.
//!
//! [`Recorder`] stores events per thread; [`Instrumented`] wraps each task to record its
//! polls, wakes and end; [`AwaitLabel`] marks what a task is waiting on.

mod clock;
mod event;
mod instrument;
mod log;
mod raw;
mod reader;
mod recorder;

pub use clock::clock;
pub use event::*;
pub use instrument::{AwaitLabel, Instrumented, TaskResult, panic_message};
pub use recorder::{DEFAULT_RING_CAPACITY, Recorder, current_task, task_terminated, thread_parks};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod window_tests;
