//! A first look at a file: is it JSON at all, complete, a document of a taskscope run, and one
//! of the version this taskscope reads? Each "no" gets its own message.

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::error::Category;

use crate::export::json::{OLDEST_READ, VERSION};

/// The few fields that tell what kind of document this is; the rest is skipped unread.
#[derive(Deserialize)]
struct Probe {
    version: Option<serde_json::Value>,
    tasks: Option<IgnoredAny>,
    wall_ns: Option<IgnoredAny>,
    tape: Option<IgnoredAny>,
    left: Option<IgnoredAny>,
    right: Option<IgnoredAny>,
    #[serde(rename = "traceEvents")]
    trace_events: Option<IgnoredAny>,
}

/// What taskscope writes that `open` reads.
const WANTED: &str = "open reads the JSON document of `run --headless --format json`, \
    `export --format json` or `attach --headless --format json`";

/// Ok when `bytes` look like a saved run of a version `open` reads; else why not.
pub(super) fn probe(bytes: &[u8]) -> Result<(), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("the file is empty: {WANTED}"));
    }
    let probe: Probe = match serde_json::from_slice(bytes) {
        Ok(probe) => probe,
        Err(e) => return Err(unreadable(bytes, &e)),
    };
    let Some(version) = probe.version else {
        return Err(match probe {
            Probe {
                left: Some(_),
                right: Some(_),
                ..
            } => "a comparison of two runs (`compare --format json`): open reads one run's \
                  document"
                .into(),
            Probe {
                trace_events: Some(_),
                ..
            } => format!("a Chrome trace (`export --format chrome`), not a saved run: {WANTED}"),
            Probe {
                tasks: Some(_),
                wall_ns: Some(_),
                tape: None,
                ..
            } => "a run saved by an older taskscope, without `version` and without the events \
                  that open replays: run the scenario again to save it"
                .into(),
            _ => format!("JSON, but not a saved taskscope run (it has no `version`): {WANTED}"),
        });
    };
    match version.as_u64() {
        Some(v) if (u64::from(OLDEST_READ)..=u64::from(VERSION)).contains(&v) => Ok(()),
        Some(v) if v > u64::from(VERSION) => Err(format!(
            "saved by a newer taskscope (format version {v}; this one reads versions \
             {OLDEST_READ} to {VERSION}): update taskscope to open it"
        )),
        Some(v) => Err(format!(
            "saved by an older taskscope (format version {v}; this one reads versions \
             {OLDEST_READ} to {VERSION}): run the scenario again to save it"
        )),
        None => Err(format!(
            "its `version` is {version}, not a format version number: {WANTED}"
        )),
    }
}

/// Why the bytes are not a JSON object: not JSON, cut short, or JSON of another shape.
fn unreadable(bytes: &[u8], e: &serde_json::Error) -> String {
    let at = format!("line {}, column {}", e.line(), e.column());
    match e.classify() {
        // serde_json counts the characters read on the last line, 0 right after a newline:
        // the next, missing one is at that count + 1 (1-based, as every position we name).
        Category::Eof => format!(
            "the file ends early (line {}, column {}: the end of the file): it was cut short",
            e.line(),
            e.column() + 1
        ),
        Category::Syntax if looks_like_json(bytes) => format!("broken JSON: {e}"),
        Category::Syntax | Category::Io => format!("not JSON ({at}): {WANTED}"),
        Category::Data => {
            format!("JSON, but not a saved taskscope run (not a JSON object): {WANTED}")
        }
    }
}

/// Whether the text starts as a JSON object would.
fn looks_like_json(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{' || b == b'[')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_cut_after_a_newline_is_placed_at_a_1_based_column() {
        let error = probe(b"{\n  \"version\": 3,\n").unwrap_err();
        assert!(
            error.starts_with("the file ends early (line 3, column 1: the end of the file)"),
            "{error}"
        );
        let error = probe(b"{\"version\": 3").unwrap_err();
        assert!(error.contains("(line 1, column 14: the end"), "{error}");
    }
}
