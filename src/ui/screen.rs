//! Which screen is up, each variant owning what it needs, so that no combination of state
//! can be drawn wrongly: the menu (whose state the app keeps to come back to), one run, an
//! attached process, or two runs compared. Each screen keeps its layout beside its state.

use ratatui::layout::Rect;

use super::keymap::Context;
use super::layout::{CompareLayout, RunLayout, compare_layout, run_layout};
use super::run_view::RunView;
use crate::source::Status;

/// Which screen is up, and what it shows.
#[derive(Debug)]
pub enum Screen {
    /// The scenario menu.
    Menu,
    /// One run's swimlanes: live, over, or opened from a file.
    Run(Box<RunScreen>),
    /// Another process's swimlanes (`taskscope attach`, or a saved attach session).
    Attach(Box<AttachScreen>),
    /// Two runs, one above the other, on one time axis.
    Compare(Box<CompareScreen>),
}

/// One run and where its parts go.
#[derive(Debug)]
pub struct RunScreen {
    /// The run.
    pub run: RunView,
    /// Its layout at the terminal's size.
    pub layout: RunLayout,
}

/// An attached process's lanes, and the connection.
#[derive(Debug)]
pub struct AttachScreen {
    /// The lanes, shown as a run's.
    pub view: RunScreen,
    /// The address attached to.
    pub target: String,
    /// The connection, as of the last drain.
    pub status: Status,
}

/// Two runs on one time axis.
#[derive(Debug)]
pub struct CompareScreen {
    /// The run on top, then the one below.
    pub runs: [RunView; 2],
    /// Where their parts go.
    pub layout: CompareLayout,
}

impl RunScreen {
    /// `run`, laid out in `area`.
    pub fn new(run: RunView, area: Rect) -> RunScreen {
        let layout = run_layout(area, &run.shape());
        RunScreen { run, layout }
    }

    /// Brings the derived data and the layout up to date.
    fn refresh(&mut self, area: Rect) {
        self.run.derive();
        self.layout = run_layout(area, &self.run.shape());
    }
}

impl CompareScreen {
    /// Two runs, laid out in `area`.
    pub fn new(runs: [RunView; 2], area: Rect) -> CompareScreen {
        let mut screen = CompareScreen {
            runs,
            layout: CompareLayout::default(),
        };
        screen.refresh(area);
        screen
    }

    fn refresh(&mut self, area: Rect) {
        self.runs.iter_mut().for_each(RunView::derive);
        let [a, b] = &self.runs;
        self.layout = compare_layout(area, [(a.shown(), a.lanes().0), (b.shown(), b.lanes().0)]);
    }
}

impl Screen {
    /// The keymap context of this screen.
    pub fn context(&self) -> Context {
        match self {
            Screen::Menu => Context::Menu,
            Screen::Run(_) => Context::Run,
            Screen::Attach(_) => Context::Attach,
            Screen::Compare(_) => Context::Compare,
        }
    }

    /// The one run of a run or attach screen, with its layout.
    pub fn single(&self) -> Option<&RunScreen> {
        match self {
            Screen::Run(screen) => Some(screen),
            Screen::Attach(attach) => Some(&attach.view),
            Screen::Menu | Screen::Compare(_) => None,
        }
    }

    /// The one run of a run or attach screen, with its layout, to change.
    pub fn single_mut(&mut self) -> Option<&mut RunScreen> {
        match self {
            Screen::Run(screen) => Some(screen),
            Screen::Attach(attach) => Some(&mut attach.view),
            Screen::Menu | Screen::Compare(_) => None,
        }
    }

    /// Every run shown, top first.
    pub fn runs(&self) -> &[RunView] {
        match self {
            Screen::Menu => &[],
            Screen::Run(screen) => std::slice::from_ref(&screen.run),
            Screen::Attach(attach) => std::slice::from_ref(&attach.view.run),
            Screen::Compare(compare) => &compare.runs,
        }
    }

    /// Every run shown, top first, to feed.
    pub fn runs_mut(&mut self) -> &mut [RunView] {
        match self {
            Screen::Menu => &mut [],
            Screen::Run(screen) => std::slice::from_mut(&mut screen.run),
            Screen::Attach(attach) => std::slice::from_mut(&mut attach.view.run),
            Screen::Compare(compare) => &mut compare.runs,
        }
    }

    /// Brings every run's derived data and the screen's layout up to date after a change.
    pub fn refresh(&mut self, area: Rect) {
        match self {
            Screen::Menu => {}
            Screen::Run(screen) => screen.refresh(area),
            Screen::Attach(attach) => attach.view.refresh(area),
            Screen::Compare(compare) => compare.refresh(area),
        }
    }
}
