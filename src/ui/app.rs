//! The dashboard's whole state: which screen, the menu, the run being watched and how it is
//! viewed. Changed only by [`super::update()`], read by [`super::view()`].

use std::path::Path;
use std::sync::Arc;

use super::theme::Theme;
use super::window::{Window, fit_span};
use crate::record::TaskId;
use crate::scenario::{self, Scenario};
use crate::timeline::{Outcome, RunInfo, Timeline};

/// The speeds `s` cycles through, for the next run.
pub const SPEEDS: [f64; 4] = [1.0, 0.5, 0.25, 2.0];

/// One scenario in the menu: a built-in, a file given on the command line or found in
/// `--scenarios DIR`. A file that does not parse is listed with its diagnostic.
#[derive(Clone, Debug)]
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
    /// The selected row among the filtered entries.
    pub selected: usize,
    /// The first filtered row shown.
    pub scroll: usize,
    /// Entries marked for a comparison (indices into `entries`, at most two, oldest first).
    pub marks: Vec<usize>,
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

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The scenario menu.
    Menu,
    /// A run's swimlanes (or an attached process's).
    Run,
    /// Two runs, one above the other, on one time axis.
    Compare,
}

impl Screen {
    /// The keymap context of this screen.
    pub fn context(self) -> super::keymap::Context {
        use super::keymap::Context;
        match self {
            Screen::Menu => Context::Menu,
            Screen::Run => Context::Run,
            Screen::Compare => Context::Compare,
        }
    }
}

/// The language of the code pane's listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// The tokio program.
    #[default]
    Rust,
    /// The same story with asyncio.
    Python,
}

impl Lang {
    /// The other language (`p` switches).
    pub fn other(self) -> Lang {
        match self {
            Lang::Rust => Lang::Python,
            Lang::Python => Lang::Rust,
        }
    }

    /// The name the pane shows.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "Rust",
            Lang::Python => "Python",
        }
    }
}

/// The lanes come from another process (`taskscope attach`): where, and how the connection
/// is, as of the last drain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    /// The address attached to.
    pub target: String,
    /// The connection's state.
    pub status: crate::attach::Status,
    /// The app's publish interval, once measured.
    pub interval: Option<std::time::Duration>,
}

/// A popup over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// None.
    None,
    /// The keymap and the glyph legend.
    Help,
    /// The scenario's lesson.
    Lesson,
}

/// A run being watched (live or over) and how it is viewed.
#[derive(Debug)]
pub struct RunView {
    /// What runs.
    pub scenario: Arc<Scenario>,
    /// The run's timeline, fed by the loop while the run goes on.
    pub timeline: Timeline,
    /// A copy shown instead while the view is frozen.
    pub frozen: Option<Timeline>,
    /// The speed this run was started at.
    pub speed: f64,
    /// The selected task.
    pub selected: Option<TaskId>,
    /// Whether the details pane is open.
    pub details: bool,
    /// The time cursor: lanes show their state at this instant (None: now).
    pub cursor: Option<u64>,
    /// Zoomed-in span; None fits the whole run.
    pub zoom: Option<u64>,
    /// The first task lane shown.
    pub scroll: usize,
    /// Finished tasks are collapsed into a count.
    pub collapse: bool,
    /// The code pane is shown.
    pub code: bool,
    /// The code pane's language.
    pub lang: Lang,
    /// The run pauses before each step until `n` (step mode).
    pub step_mode: bool,
    /// Set when the lanes are another process's (attach), not a scenario run.
    pub attached: Option<Attached>,
}

impl RunView {
    /// A run about to start: an empty timeline of the scenario's runtime.
    pub fn new(scenario: Arc<Scenario>, speed: f64) -> RunView {
        let info = crate::runner::run_info(&scenario);
        RunView::with_timeline(scenario, Timeline::new(info), speed)
    }

    /// A view of an existing timeline (tests, benchmarks, replays).
    pub fn with_timeline(scenario: Arc<Scenario>, timeline: Timeline, speed: f64) -> RunView {
        RunView {
            scenario,
            timeline,
            frozen: None,
            speed,
            selected: None,
            details: false,
            cursor: None,
            zoom: None,
            scroll: 0,
            collapse: false,
            code: false,
            lang: Lang::Rust,
            step_mode: false,
            attached: None,
        }
    }

    /// A view of an attached process's lanes: a scenario that stands for it (its name, the
    /// sampling note as its lesson, no steps) and an empty timeline.
    pub fn attached(target: &str, info: RunInfo) -> RunView {
        let scenario = Scenario {
            name: info.scenario.clone(),
            summary: format!("the tasks of the process at {target}"),
            lesson: crate::attach::SAMPLING_NOTE.to_string(),
            runtime: scenario::RuntimeSpec {
                flavor: info.flavor,
                workers: usize::from(info.workers),
            },
            functions: Vec::new(),
            origin: target.to_string(),
            theme: scenario::Theme::default(),
            code: None,
            resources: Vec::new(),
        };
        let mut view = RunView::with_timeline(Arc::new(scenario), Timeline::new(info), 1.0);
        view.attached = Some(Attached {
            target: target.to_string(),
            status: crate::attach::Status::Connecting,
            interval: None,
        });
        view
    }

    /// The timeline on screen: the frozen copy, else the live one.
    pub fn shown(&self) -> &Timeline {
        self.frozen.as_ref().unwrap_or(&self.timeline)
    }

    /// The instant the lanes' state column describes: the cursor, else now.
    pub fn instant(&self) -> u64 {
        self.cursor.unwrap_or_else(|| self.shown().now_ns())
    }

    /// The stretch of time drawn over `cols` columns.
    pub fn window(&self, cols: u16) -> Window {
        let tl = self.shown();
        let now = tl.now_ns();
        let fit = fit_span(now, tl.is_finished());
        match self.zoom {
            Some(span) if span < fit => {
                let start = match self.cursor {
                    Some(c) => c.saturating_sub(span / 2),
                    // Follow now, with a little room ahead of it.
                    None => now.saturating_sub(span - span / 10),
                };
                Window { start, span, cols }
            }
            _ => Window {
                start: 0,
                span: fit,
                cols,
            },
        }
    }

    /// The task lanes shown, in display order (children under parents), and how many
    /// finished tasks are collapsed away.
    pub fn lanes(&self) -> (Vec<TaskId>, usize) {
        let tl = self.shown();
        let mut order = tl.lane_order();
        order.retain(|&id| tl.task(id).is_some_and(|t| t.is_spawned()));
        if !self.collapse {
            return (order, 0);
        }
        let before = order.len();
        order.retain(|&id| tl.task(id).is_some_and(|t| t.outcome == Outcome::Running));
        let hidden = before - order.len();
        (order, hidden)
    }
}

/// The dashboard's state.
#[derive(Debug)]
pub struct App {
    /// Which screen is up.
    pub screen: Screen,
    /// The menu (kept while a run is watched, to come back to).
    pub menu: Menu,
    /// The run being watched, if one was started (in compare mode: the one on top).
    pub run: Option<RunView>,
    /// In compare mode, the run drawn below `run`.
    pub other: Option<RunView>,
    /// Runs started from now on pause before each step (step mode).
    pub step_mode: bool,
    /// A one-off message for the footer (a key that does nothing here says why).
    pub flash: Option<String>,
    /// A popup, if one is open.
    pub overlay: Overlay,
    /// Speed for the next run.
    pub next_speed: f64,
    /// Mouse reporting is on.
    pub mouse: bool,
    /// Styles and glyphs.
    pub theme: Theme,
    /// The terminal's size (width, height), for scrolling and mouse hit tests.
    pub size: (u16, u16),
    /// Set once a quit was asked for.
    pub quit: bool,
}

impl App {
    /// The menu with `entries` (grouped by theme, files that do not parse last; the order
    /// within a group kept), nothing running.
    pub fn new(mut entries: Vec<MenuEntry>, theme: Theme) -> App {
        entries.sort_by_key(|e| e.scenario.as_ref().map_or(u8::MAX, |s| s.theme as u8));
        App {
            screen: Screen::Menu,
            menu: Menu {
                entries,
                ..Menu::default()
            },
            run: None,
            other: None,
            step_mode: false,
            flash: None,
            overlay: Overlay::None,
            next_speed: 1.0,
            mouse: true,
            theme,
            size: (80, 24),
            quit: false,
        }
    }
}
