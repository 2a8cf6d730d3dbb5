//! Shared by the snapshot tests of scenario diagnostics.

use taskscope::scenario;

/// The rendered diagnostic of a source that must fail to parse.
pub fn error(source: &str) -> String {
    match scenario::parse(source, "scenarios/broken.toml") {
        Ok(parsed) => panic!("expected a diagnostic, parsed {parsed:?}"),
        Err(diagnostic) => diagnostic.to_string(),
    }
}

/// A valid header followed by `rest`, so each test shows only the part that matters.
pub fn with_header(rest: &str) -> String {
    format!("name = \"broken\"\nsummary = \"A scenario with a mistake.\"\n\n{rest}")
}
