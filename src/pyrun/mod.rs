//! The asyncio side: the Python module that instruments a real asyncio event loop (shipped
//! inside the binary), the decoder of the events it sends (see docs/asyncio.md), and
//! [`PyRun`], a run in a `python3` child as a [`crate::source::Source`]: a scenario's Program,
//! or a user's [`Script`].

pub mod child;
pub mod live;
pub mod output;
mod reader;
pub mod script;
mod source;
pub mod wire;

pub use output::{OutputLine, OutputLog};
pub use script::Script;
pub use source::{PyRun, ran_no_tasks};

/// The instrumentation module, Python source (standard library only, CPython 3.11+): run it
/// as `python3 -c MODULE scenario --events unix:PATH --program FILE --speed F` (a scenario
/// `Program` as JSON), or `python3 -c MODULE script --events fd:N SCRIPT ARGS...` (a user's
/// program); it can also be written to a file and run or imported from there. Its events
/// come back on the `--events` descriptor, in the format [`wire`] decodes. Seven parts, one
/// module: each part uses the names of the parts before it.
pub const MODULE: &str = concat!(
    include_str!("python/record.py"),
    include_str!("python/instrument.py"),
    include_str!("python/tasks.py"),
    include_str!("python/hooks.py"),
    include_str!("python/branches.py"),
    include_str!("python/scenario.py"),
    include_str!("python/main.py"),
);
