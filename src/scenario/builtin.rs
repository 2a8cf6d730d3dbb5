//! The built-in scenarios: the files of `scenarios/`, embedded in the binary so an
//! installed taskscope needs no files beside it.

use super::model::Scenario;

/// One embedded scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// The name on the command line and in the menu (`await-chain`).
    pub name: &'static str,
    /// The TOML text of the file.
    pub source: &'static str,
}

/// Declares the built-ins in menu order, each from `scenarios/NAME.toml`.
macro_rules! builtins {
    ($($name:literal),* $(,)?) => {
        [$(Builtin { name: $name, source: include_str!(concat!("../../scenarios/", $name, ".toml")) }),*]
    };
}

/// Simple to subtle: awaiting, then concurrency, then what goes wrong.
static BUILTINS: [Builtin; 8] = builtins![
    "await-chain",
    "concurrent-group",
    "blocking-freeze",
    "blocking-fixed",
    "failure-cancellation",
    "forgot-await",
    "select-timeout",
    "multi-thread-blocking",
];

/// Every built-in scenario, in the order the menu shows them.
pub fn builtins() -> &'static [Builtin] {
    &BUILTINS
}

/// The built-in scenario `name`, parsed; None when there is no such built-in.
pub fn builtin(name: &str) -> Option<Scenario> {
    let found = BUILTINS.iter().find(|b| b.name == name)?;
    let origin = format!("builtin:{}", found.name);
    match super::parse(found.source, &origin) {
        Ok(scenario) => Some(scenario),
        // The unit tests parse every built-in, so this is a bug in a shipped file.
        Err(diagnostic) => panic!("the built-in scenario is invalid:\n{diagnostic}"),
    }
}
