//! A program of the user's to run under the instrumentation (`taskscope python SCRIPT`): its
//! path as Python will name it in positions, its arguments, its text for the code pane, and
//! the log its output goes to; and the scenario that stands for it in the views.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::output::OutputLog;
use crate::limits::MAX_LISTING_BYTES;
use crate::scenario::{self, Code, Flavor, Listing, RuntimeSpec, Scenario};

/// A Python program to run, unchanged, under taskscope.
#[derive(Debug)]
pub struct Script {
    /// The file, absolute, as Python's `os.path.abspath` writes it (positions name it so).
    pub path: PathBuf,
    /// Its arguments (`sys.argv[1:]`).
    pub args: Vec<String>,
    /// Its text, for the code pane (None when it is not UTF-8 or larger than a listing may
    /// be).
    pub text: Option<String>,
    /// Where its output is kept while the dashboard shows it, and how its last run ended.
    pub log: Arc<OutputLog>,
}

impl PartialEq for Script {
    /// The same program with the same arguments (the log is where a run's output goes).
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.args == other.args
    }
}

impl Script {
    /// The program at `path` (relative to the current folder), with `args`. An error says
    /// why it cannot be run.
    pub fn new(path: &Path, args: Vec<String>) -> Result<Script, String> {
        let shown = path.display();
        let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
        if !meta.is_file() {
            return Err(format!("{shown}: not a file: expected a Python program"));
        }
        let absolute = std::path::absolute(path).map_err(|e| format!("{shown}: {e}"))?;
        let text = (meta.len() <= MAX_LISTING_BYTES)
            .then(|| std::fs::read(path).ok())
            .flatten()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        Ok(Script {
            path: normalized(&absolute),
            args,
            text,
            log: OutputLog::new(),
        })
    }

    /// The program a saved run ran (its text as saved): to show it again, and to run it
    /// again from where it was.
    pub fn saved(path: &str, args: Vec<String>, text: Option<String>) -> Script {
        Script {
            path: PathBuf::from(path),
            args,
            text,
            log: OutputLog::new(),
        }
    }

    /// Its file's name, which names its runs (`app.py`).
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The scenario that stands for it in the views: its name, what it is, its text as the
    /// Python listing (positions in it light its lines), and no steps.
    pub fn stand_in(&self) -> Scenario {
        let path = self.path.display().to_string();
        let code = self.text.as_ref().map(|text| Code {
            rust: None,
            python: Some(Listing {
                path: path.clone(),
                text: text.clone(),
            }),
        });
        let mut words = vec![format!("python3 {path}")];
        words.extend(self.args.iter().cloned());
        Scenario {
            name: self.name(),
            summary: format!("your asyncio program: {}", words.join(" ")),
            lesson: String::new(),
            runtime: RuntimeSpec {
                flavor: Flavor::CurrentThread,
                workers: 1,
            },
            functions: Vec::new(),
            origin: path,
            theme: scenario::Theme::default(),
            code,
            resources: Vec::new(),
            quiz: None,
            asyncio: Default::default(),
        }
    }
}

/// `path` without `.` and `..` components, as `os.path.abspath` normalizes (symlinks kept).
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_normalized_as_python_does() {
        assert_eq!(
            normalized(Path::new("/a/./b/../c.py")),
            PathBuf::from("/a/c.py")
        );
        assert_eq!(normalized(Path::new("/../x.py")), PathBuf::from("/x.py"));
    }

    #[test]
    fn a_script_stands_in_as_a_scenario_with_its_text_as_the_listing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("app.py");
        std::fs::write(&file, "import asyncio\n").unwrap();
        let script = Script::new(&file, vec!["--fast".into()]).unwrap();
        assert_eq!(script.name(), "app.py");
        let stand_in = script.stand_in();
        let listing = stand_in.code.unwrap().python.unwrap();
        assert_eq!(listing.text, "import asyncio\n");
        assert!(
            stand_in.summary.ends_with("app.py --fast"),
            "{}",
            stand_in.summary
        );
        let error = Script::new(dir.path(), Vec::new()).unwrap_err();
        assert!(error.contains("not a file"), "{error}");
    }
}
