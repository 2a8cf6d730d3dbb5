//! `--runtime tokio|asyncio` and `--runtimes LEFT,RIGHT`: the event loop a scenario runs on.

use clap::ValueEnum;

use crate::source::Engine;

/// A runtime's name on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum RuntimeName {
    /// An instrumented tokio runtime (the scenario's flavor and workers).
    #[default]
    Tokio,
    /// CPython's asyncio loop in a `python3` child (CPython 3.11+).
    Asyncio,
}

impl RuntimeName {
    /// The engine it names.
    pub fn engine(self) -> Engine {
        match self {
            RuntimeName::Tokio => Engine::Tokio,
            RuntimeName::Asyncio => Engine::Asyncio,
        }
    }
}

/// `--runtimes`: one runtime for both runs of a comparison, or `LEFT,RIGHT`.
pub fn runtime_pair(text: &str) -> Result<[Engine; 2], String> {
    let one = |word: &str| {
        RuntimeName::from_str(word.trim(), true)
            .map(RuntimeName::engine)
            .map_err(|_| format!("expected tokio or asyncio, found `{}`", word.trim()))
    };
    match text.split(',').collect::<Vec<_>>().as_slice() {
        [both] => Ok([one(both)?; 2]),
        [left, right] => Ok([one(left)?, one(right)?]),
        _ => Err(format!(
            "expected a runtime or two separated by a comma (tokio,asyncio), found `{text}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_of_runtimes_reads_one_or_two_names() {
        assert_eq!(runtime_pair("asyncio"), Ok([Engine::Asyncio; 2]));
        assert_eq!(
            runtime_pair("tokio, asyncio"),
            Ok([Engine::Tokio, Engine::Asyncio])
        );
        let error = runtime_pair("tokio,uvloop").unwrap_err();
        assert!(error.contains("found `uvloop`"), "{error}");
        assert!(runtime_pair("a,b,c").is_err());
    }
}
