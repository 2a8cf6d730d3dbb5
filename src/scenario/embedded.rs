//! A scenario as the text it was parsed from: what a saved run carries, so that the scenario
//! (its narration, its listings) comes back with the run without the files it came from.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::code::ListingError;
use super::diagnostic::Diagnostic;
use super::model::Scenario;
use super::read::read_text;
use crate::limits::{MAX_LISTING_BYTES, MAX_SCENARIO_BYTES};

/// The text of a scenario and of its listings, as read from its file (or the built-in
/// library) and before any parsing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioFile {
    /// Where it came from: `builtin:NAME` or the file's path, as when it was parsed.
    pub origin: String,
    /// The TOML text.
    pub text: String,
    /// The raw text of each listing (markers included), by the path `[code]` gives it.
    pub listings: BTreeMap<String, String>,
}

impl ScenarioFile {
    /// Reads back the text `scenario` was parsed from: the built-in library's, or its file's
    /// and its listings' (relative to the file's folder). A file changed since it was parsed
    /// is an error, not a silent mismatch.
    pub fn of(scenario: &Scenario) -> Result<ScenarioFile, Diagnostic> {
        let origin = scenario.origin.clone();
        let paths = scenario.code.iter().flat_map(|code| {
            [&code.rust, &code.python]
                .into_iter()
                .flatten()
                .map(|listing| listing.path.clone())
        });
        let file = match origin.strip_prefix("builtin:") {
            Some(name) => {
                let found = super::builtins().iter().find(|b| b.name == name);
                let missing = || Diagnostic::new(&origin, "no built-in scenario has this name");
                let text = found.ok_or_else(missing)?.source.to_string();
                let mut listings = BTreeMap::new();
                for path in paths {
                    let listing = super::builtin::listing(&path).ok_or_else(|| {
                        Diagnostic::new(&origin, format!("no built-in listing `{path}`"))
                    })?;
                    listings.insert(path, listing.to_string());
                }
                ScenarioFile {
                    origin,
                    text,
                    listings,
                }
            }
            None => {
                // The same checks as when the file was parsed: regular files within a size.
                let read = |path: &Path, limit: u64| {
                    read_text(path, limit).map_err(|error| {
                        Diagnostic::new(path.display().to_string(), format!("cannot read: {error}"))
                    })
                };
                let text = read(Path::new(&origin), MAX_SCENARIO_BYTES)?;
                let folder = Path::new(&origin).parent().unwrap_or(Path::new(""));
                let mut listings = BTreeMap::new();
                for path in paths {
                    let listing = read(&folder.join(&path), MAX_LISTING_BYTES)?;
                    listings.insert(path, listing);
                }
                ScenarioFile {
                    origin,
                    text,
                    listings,
                }
            }
        };
        if file.parse()? != *scenario {
            return Err(Diagnostic::new(
                &file.origin,
                "the file changed since it was read: run it again",
            ));
        }
        Ok(file)
    }

    /// Parses the scenario again, taking its listings from [`ScenarioFile::listings`]
    /// instead of the disk.
    pub fn parse(&self) -> Result<Scenario, Diagnostic> {
        let origin = &self.origin;
        super::load::parse_with(&self.text, origin, &|path: &str| {
            self.listings
                .get(path)
                .map(|text| (format!("{origin}: {path}"), text.clone()))
                .ok_or_else(|| {
                    ListingError::Unreadable(format!(
                        "the saved scenario carries no listing `{path}`"
                    ))
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_comes_back_from_its_text() {
        for builtin in super::super::builtins() {
            let scenario = super::super::builtin(builtin.name).expect("built-in");
            let file = ScenarioFile::of(&scenario).expect("its text");
            assert_eq!(file.parse().expect("parses"), scenario, "{}", builtin.name);
            assert_eq!(file.origin, format!("builtin:{}", builtin.name));
        }
    }

    #[test]
    fn a_file_and_its_listings_come_back_and_a_changed_file_is_an_error() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::create_dir(dir.path().join("code")).unwrap();
        let code = "async fn main() {\n    sleep(1).await; // step: main.1\n}\n";
        std::fs::write(dir.path().join("code/x.rs"), code).unwrap();
        let toml = "name = \"x\"\nsummary = \"y\"\n[code]\nrust = \"code/x.rs\"\n\
                    [functions]\nmain = [{ sleep = \"1ms\" }]\n";
        let path = dir.path().join("x.toml");
        std::fs::write(&path, toml).unwrap();
        let scenario = super::super::load_file(&path).expect("valid");
        let file = ScenarioFile::of(&scenario).expect("its text");
        assert_eq!(file.listings["code/x.rs"], code);
        assert_eq!(file.parse().expect("parses"), scenario);
        std::fs::write(&path, toml.replace("1ms", "2ms")).unwrap();
        let error = ScenarioFile::of(&scenario).unwrap_err().to_string();
        assert!(error.contains("changed since it was read"), "{error}");
    }
}
