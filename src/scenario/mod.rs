//! What a scenario is: the model, the TOML parser with diagnostics, validation, the code
//! listings tied to its steps, the built-in library, and the compiled `Program` that
//! runners execute. No tokio here.
//!
//! The file format is documented in the README ("Writing a scenario").

mod args;
mod asyncio_parse;
mod builtin;
mod code;
mod compile;
mod diagnostic;
mod duration;
mod embedded;
mod graph;
mod load;
mod model;
mod names;
mod on_asyncio;
mod parse;
mod program;
mod quiz;
mod quiz_names;
mod quiz_parse;
mod read;
mod resource_use;
mod resources;
mod source;
mod spans;
mod step;
mod suggest;
mod validate;

pub use builtin::{Builtin, builtins};
pub use compile::ProgramError;
pub use diagnostic::Diagnostic;
pub use duration::{DURATION_EXPECTED, DurationError, format_duration, parse_duration};
pub use embedded::ScenarioFile;
pub use load::{builtin, load_file, parse, parse_bytes, resolve};
pub use model::*;
pub use on_asyncio::OnAsyncio;
pub use parse::DEFAULT_WORKERS;
pub use program::{
    FnId, Instr, Op, PROGRAM_VERSION, Program, ResId, ResourceDecl, Routine, SlotId, TaskStart,
};
pub use quiz::{DurationChoice, Question, Quiz, QuizKind};
pub use quiz_names::{asks_on_asyncio, asyncio_lane_names, lane_names};
pub use step::{MODIFIERS, VERBS};

#[cfg(test)]
use load::parse_with;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod format_tests;

#[cfg(test)]
mod program_tests;

#[cfg(test)]
mod quiz_tests;
