//! Everything that leaves the process: JSON, text swimlanes. All of it is read from a
//! [`crate::timeline::Timeline`], live or finished.

pub mod cast;
pub mod chrome;
pub mod file;
pub mod frame;
pub mod json;
pub mod text;

pub use json::{to_json, to_json_string};
pub use text::to_text;
