//! Saved runs read back: the JSON document of `run --format json` (or `export --format json`,
//! or `attach --format json`) opened again, its scenario parsed from the text it carries and
//! its tape replayed into the same lanes. A file that is not such a document, or not one this
//! taskscope can read, is refused with a message that names the file and what is wrong.

mod check;
mod probe;

use std::path::Path;
use std::sync::Arc;

use crate::attach::AttachReport;
use crate::export::json::RunJson;
use crate::feed::{self, Pace, Recorded};
use crate::pyrun::Script;
use crate::scenario::{Scenario, ScenarioFile};
use crate::source::{Replay, RunInfo};
use crate::timeline::Timeline;

/// The largest file `open` reads: 256 MiB, a few million events.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// A saved run, read back and checked.
#[derive(Debug)]
pub struct Saved {
    /// The document, as read.
    pub document: RunJson,
    /// Its lanes, folded again from its tape (equal to the document's), and the tape.
    pub run: Recorded,
    /// The scenario it ran, parsed from the text it carries (for a Python program, the one
    /// that stands in for it; None for an attached process).
    pub scenario: Option<Arc<Scenario>>,
    /// Where attached lanes came from (a saved attach session only).
    pub attach: Option<AttachReport>,
    /// The Python program of a saved `taskscope python` run (its scenario stands in for it).
    pub script: Option<Arc<Script>>,
}

impl Saved {
    /// What the run was, before its first event.
    pub fn info(&self) -> &RunInfo {
        self.run.timeline.info()
    }

    /// The scenario with the text it was parsed from, for a document of it.
    pub fn scenario_pair(&self) -> Option<(&Scenario, &ScenarioFile)> {
        self.scenario
            .as_deref()
            .zip(self.document.scenario_file.as_ref())
    }
}

/// Why a file could not be opened: the file, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenError {
    /// The file, as named on the command line.
    pub file: String,
    /// What is wrong, in a sentence or two.
    pub what: String,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.what)
    }
}

impl std::error::Error for OpenError {}

/// Reads and checks the saved run in `path`.
pub fn open(path: &Path) -> Result<Saved, OpenError> {
    let name = path.display().to_string();
    let error = |what: String| OpenError {
        file: name.clone(),
        what,
    };
    let meta = std::fs::metadata(path).map_err(|e| error(format!("cannot read it: {e}")))?;
    if !meta.is_file() {
        return Err(error("not a file".into()));
    }
    if meta.len() > MAX_BYTES {
        return Err(error(format!(
            "{} bytes is more than a saved run may have ({MAX_BYTES} bytes, 256 MiB)",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| error(format!("cannot read it: {e}")))?;
    from_bytes(&bytes, &name)
}

/// Reads and checks a saved run from its bytes; `name` names it in messages.
pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Saved, OpenError> {
    let error = |what: String| OpenError {
        file: name.to_string(),
        what,
    };
    probe::probe(bytes).map_err(error)?;
    let document: RunJson = serde_json::from_slice(bytes).map_err(|e| {
        error(format!(
            "not a valid saved run (format version {}): {e}",
            crate::export::json::VERSION
        ))
    })?;
    let scenario = match &document.scenario_file {
        Some(file) => match file.parse() {
            Ok(scenario) => Some(Arc::new(scenario)),
            Err(diagnostic) => {
                return Err(error(format!(
                    "the scenario it carries does not parse:\n{diagnostic}"
                )));
            }
        },
        None => None,
    };
    let script = document
        .script
        .as_ref()
        .map(|s| Arc::new(Script::saved(&s.path, s.args.clone(), s.text.clone())));
    let scenario = scenario.or_else(|| script.as_ref().map(|s| Arc::new(s.stand_in())));
    let attach = match &document.attach {
        Some(value) => match serde_json::from_value::<AttachReport>(value.clone()) {
            Ok(report) => Some(report),
            Err(e) => return Err(error(format!("its `attach` object is not valid: {e}"))),
        },
        None => None,
    };
    let timeline = replay(&document);
    let run = Recorded {
        timeline,
        tape: document.tape.clone(),
    };
    let saved = Saved {
        document,
        run,
        scenario,
        attach,
        script,
    };
    check::same_lanes(&saved).map_err(error)?;
    Ok(saved)
}

/// The document's tape folded again, through the loop every run goes through.
fn replay(document: &RunJson) -> Timeline {
    let info = document.info();
    let mut timeline = Timeline::new(info.clone());
    let mut sources = [Replay::new(info, document.tape.clone())];
    let pace = Pace {
        timeout: std::time::Duration::MAX,
        every: std::time::Duration::ZERO,
    };
    feed::to_end(&mut sources, pace, |drained| {
        drained.iter_mut().for_each(|d| timeline.feed(&mut d.batch))
    });
    timeline
}
