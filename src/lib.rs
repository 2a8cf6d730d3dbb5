//! taskscope: run scripted async scenarios on a real, instrumented tokio runtime and show
//! what the scheduler did with every task.
//!
//! Data flows one way: [`scenario`] (what to run) → [`runner`] (runs it on its own runtime,
//! recorded by [`record`]) → [`timeline`] (a pure fold of the events) → [`export`] and the UI.

#[cfg(not(tokio_unstable))]
compile_error!(
    "taskscope must be built with `--cfg tokio_unstable`. Build it with cargo from the \
     repository root, where .cargo/config.toml sets that flag, and do not set the RUSTFLAGS \
     environment variable: it replaces the flags of .cargo/config.toml."
);

pub mod attach;
pub mod cli;
pub mod export;
pub mod pyrun;
pub mod record;
pub mod runner;
pub mod scenario;
pub mod timeline;
pub mod ui;
