//! taskscope: run scripted async scenarios on a real, instrumented tokio runtime or on
//! CPython's asyncio loop, and show what the scheduler did with every task.
//!
//! Data flows one way: [`scenario`] (what to run) → a [`source`] of events (the [`runner`],
//! recorded by [`record`]; the asyncio child of [`pyrun`], both started by [`start`]; an
//! [`attach`] session; a saved run) → [`timeline`] (a pure fold
//! of the events, fed by [`feed`]) → [`export`] and the [`ui`]; a scenario's [`quiz`] is
//! judged against the timeline. [`saved`] reads a saved run back; [`cli`] parses and
//! dispatches, printing through [`output`].

#[cfg(not(tokio_unstable))]
compile_error!(
    "taskscope must be built with `--cfg tokio_unstable`. Build it with cargo from the \
     repository root, where .cargo/config.toml sets that flag, and do not set the RUSTFLAGS \
     environment variable: it replaces the flags of .cargo/config.toml."
);

pub mod attach;
pub mod cli;
pub mod export;
pub mod feed;
pub mod limits;
pub mod output;
pub mod pyrun;
pub mod quiz;
pub mod record;
pub mod runner;
pub mod saved;
pub mod scenario;
pub mod source;
pub mod start;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod timeline;
pub mod ui;
