//! The menu's state: every scenario on offer, the filter, the selection and the marks for a
//! comparison. Kept in the app while a run is watched, to come back to.

use std::path::Path;
use std::sync::Arc;

use crate::scenario::{self, Scenario};

/// One scenario in the menu: a built-in, a file given on the command line or found in
/// `--scenarios DIR`. A file that does not parse is listed with its diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct MenuEntry {
    /// The scenario's name (the file name when it does not parse).
    pub name: String,
    /// Its one-line summary.
    pub summary: String,
    /// `builtin:NAME` or the file path.
    pub origin: String,
    /// The scenario, or the diagnostic that says why it cannot run.
    pub scenario: Result<Arc<Scenario>, String>,
}

impl MenuEntry {
    /// An entry from a parsed scenario.
    pub fn new(scenario: Scenario) -> MenuEntry {
        MenuEntry {
            name: scenario.name.clone(),
            summary: scenario.summary.clone(),
            origin: scenario.origin.clone(),
            scenario: Ok(Arc::new(scenario)),
        }
    }

    /// An entry from a file; a file that does not parse becomes an entry with its diagnostic.
    pub fn from_file(path: &Path) -> MenuEntry {
        match scenario::load_file(path) {
            Ok(scenario) => MenuEntry::new(scenario),
            Err(diagnostic) => MenuEntry {
                name: path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                ),
                summary: "does not parse: select it to see why".into(),
                origin: path.display().to_string(),
                scenario: Err(diagnostic.to_string()),
            },
        }
    }

    /// Where the entry goes in the menu: its theme's group, files that do not parse last.
    pub fn group_key(&self) -> u8 {
        self.scenario.as_ref().map_or(u8::MAX, |s| s.theme as u8)
    }

    /// Every built-in scenario, in menu order.
    pub fn builtins() -> Vec<MenuEntry> {
        scenario::builtins()
            .iter()
            .filter_map(|b| scenario::builtin(b.name))
            .map(MenuEntry::new)
            .collect()
    }
}

/// The start screen's state.
#[derive(Clone, Debug, Default)]
pub struct Menu {
    /// Every scenario on offer.
    pub entries: Vec<MenuEntry>,
    /// What was typed to filter the list.
    pub filter: String,
    /// A filter is being typed (after `/`): letters go into it.
    pub editing: bool,
    /// The selected row among the filtered entries.
    pub selected: usize,
    /// The first filtered row shown.
    pub scroll: usize,
    /// Entries marked for a comparison (indices into `entries`, at most two, oldest first).
    pub marks: Vec<usize>,
    /// The scenario file being read off the dashboard's thread, while files are loading.
    pub reading: Option<String>,
}

impl Menu {
    /// Indices of the entries that match the filter (case-insensitive, in name or summary).
    pub fn filtered(&self) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                needle.is_empty()
                    || e.name.to_lowercase().contains(&needle)
                    || e.summary.to_lowercase().contains(&needle)
            })
            .collect()
    }

    /// The selected entry, if the filter leaves any.
    pub fn selected_entry(&self) -> Option<&MenuEntry> {
        self.entries.get(self.selected_index()?)
    }

    /// The index in `entries` of the selected entry.
    pub fn selected_index(&self) -> Option<usize> {
        let filtered = self.filtered();
        filtered
            .get(self.selected.min(filtered.len().saturating_sub(1)))
            .copied()
    }

    /// Adds an entry read after the menu opened, at the end of its group (an entry from the
    /// same file or built-in already listed is kept instead); the selection and the marks
    /// stay on the entries they were on.
    pub fn add(&mut self, entry: MenuEntry) {
        if self.entries.iter().any(|e| e.origin == entry.origin) {
            return;
        }
        let was = self.selected_index();
        let key = entry.group_key();
        let at = self
            .entries
            .iter()
            .position(|e| e.group_key() > key)
            .unwrap_or(self.entries.len());
        self.entries.insert(at, entry);
        let shift = |i: usize| if i >= at { i + 1 } else { i };
        self.marks.iter_mut().for_each(|m| *m = shift(*m));
        if let Some(was) = was.map(shift)
            && let Some(pos) = self.filtered().iter().position(|&i| i == was)
        {
            self.selected = pos;
        }
    }

    /// Marks the selected entry for a comparison, or unmarks it; a third mark replaces the
    /// oldest. Files that do not parse cannot be marked.
    pub fn toggle_mark(&mut self) {
        let Some(i) = self.selected_index() else {
            return;
        };
        if let Some(at) = self.marks.iter().position(|&m| m == i) {
            self.marks.remove(at);
        } else if self.entries[i].scenario.is_ok() {
            if self.marks.len() == 2 {
                self.marks.remove(0);
            }
            self.marks.push(i);
        }
    }

    /// The two marked scenarios, in the order marked, once two are.
    pub fn marked_pair(&self) -> Option<[Arc<Scenario>; 2]> {
        let get = |i: usize| self.entries.get(*self.marks.get(i)?)?.scenario.clone().ok();
        Some([get(0)?, get(1)?])
    }
}
