//! What a scenario is: the model, the TOML parser with diagnostics, validation, and the
//! built-in library. No tokio here.

mod model;

pub use model::*;
