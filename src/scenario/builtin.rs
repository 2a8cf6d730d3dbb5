//! The built-in scenarios: the files of `scenarios/` and their listings in
//! `scenarios/listings/`, embedded in the binary so an installed taskscope needs no files
//! beside it.

use super::model::Theme;

/// One embedded scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// The name on the command line and in the menu (`await-chain`).
    pub name: &'static str,
    /// The TOML text of the file.
    pub source: &'static str,
    /// The menu group it is listed under (the file's `theme`; a test keeps them equal).
    pub theme: Theme,
}

/// Declares the built-ins in menu order, grouped by theme: each is `scenarios/NAME.toml`
/// with the listings `scenarios/listings/NAME.rs` and `NAME.py`.
macro_rules! builtins {
    ($($theme:ident: [$($name:literal),* $(,)?]),* $(,)?) => {
        static BUILTINS: &[Builtin] = &[$($(Builtin {
            name: $name,
            source: include_str!(concat!("../../scenarios/", $name, ".toml")),
            theme: Theme::$theme,
        }),*),*];

        /// Every embedded listing, by the path a scenario's `[code]` gives.
        static LISTINGS: &[(&str, &str)] = &[$($(
            (concat!("listings/", $name, ".rs"),
             include_str!(concat!("../../scenarios/listings/", $name, ".rs"))),
            (concat!("listings/", $name, ".py"),
             include_str!(concat!("../../scenarios/listings/", $name, ".py"))),
        )*)*];
    };
}

// Within a theme, simple to subtle.
builtins! {
    Basics: [
        "await-chain",
        "concurrent-group",
        "select-timeout",
        "failure-cancellation",
        "gather-vs-taskgroup",
    ],
    Mistakes: [
        "blocking-freeze",
        "forgot-await",
        "missing-await-warning",
        "cpu-starvation",
        "mutex-across-await",
    ],
    Patterns: [
        "agent-loop",
        "rate-limited-fanout",
        "timeout-cancels",
        "hedged-requests",
        "rescued-by-timeout",
        "graceful-shutdown",
    ],
    Runtime: [
        "blocking-fixed",
        "multi-thread-blocking",
        "cpu-multi-thread",
        "yield-fairness",
        "coop-budget",
    ],
}

/// Every built-in scenario, in the order the menu shows them: grouped by theme, in the
/// order of [`Theme::ALL`].
pub fn builtins() -> &'static [Builtin] {
    BUILTINS
}

/// The built-in scenario file called `name`, if there is one.
pub(crate) fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The embedded listing at `path` (as a built-in's `[code]` writes it).
pub(crate) fn listing(path: &str) -> Option<&'static str> {
    LISTINGS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}
