//! Which screen is up, each variant owning what it needs, so that no combination of state
//! can be drawn wrongly: the menu (whose state the app keeps to come back to), one run, an
//! attached process, or two runs compared. Each screen keeps its layout beside its state,
//! and step mode's hold beside the runs it holds.

use ratatui::layout::Rect;

use super::ask::AskScreen;
use super::compare_layout::{CompareLayout, compare_layout};
use super::keymap::Context;
use super::layout::{RunLayout, run_layout};
use super::run_view::RunView;
use super::step::{Stepper, stops};
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
    /// The question for the room before a run, taking its answer.
    Ask(Box<AskScreen>),
}

/// One run and where its parts go.
#[derive(Debug)]
pub struct RunScreen {
    /// The run.
    pub run: RunView,
    /// Its layout at the terminal's size.
    pub layout: RunLayout,
    /// Step mode: the step start the view holds at (None: off).
    pub step: Option<Stepper>,
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

/// Two runs on one time axis, with one cursor, one zoom and one step mode for both.
#[derive(Debug)]
pub struct CompareScreen {
    /// The run on top, then the one below.
    pub runs: [RunView; 2],
    /// Where their parts go.
    pub layout: CompareLayout,
    /// Step mode over the step starts of both runs (None: off).
    pub step: Option<Stepper>,
}

/// Brings step mode's hold up to date with the runs' step starts, and holds every run at
/// it; once the rest of the runs is shown, step mode is over.
fn settle_step(step: &mut Option<Stepper>, runs: &mut [RunView]) {
    let Some(stepper) = step else {
        return;
    };
    let timelines: Vec<_> = runs.iter().map(|r| &r.timeline).collect();
    let over = timelines.iter().all(|t| t.is_finished());
    let hold = stepper.settle(&stops(&timelines), over);
    if stepper.is_done() {
        *step = None;
    }
    runs.iter_mut().for_each(|r| r.hold = hold);
}

impl RunScreen {
    /// `run`, laid out in `area`, in step mode if `step`.
    pub fn new(run: RunView, area: Rect, step: bool) -> RunScreen {
        let mut screen = RunScreen {
            run,
            layout: RunLayout::default(),
            step: step.then(Stepper::new),
        };
        screen.refresh(area, false);
        screen
    }

    /// Brings step mode's hold, the derived data and the layout up to date (laid out for a
    /// picture if `picture`: no key hints, every finding in full).
    fn refresh(&mut self, area: Rect, picture: bool) {
        settle_step(&mut self.step, std::slice::from_mut(&mut self.run));
        self.run.derive();
        self.layout = run_layout(area, &self.run.shape(picture));
    }
}

impl CompareScreen {
    /// Two runs, laid out in `area`, in step mode if `step`.
    pub fn new(runs: [RunView; 2], area: Rect, step: bool) -> CompareScreen {
        let mut screen = CompareScreen {
            runs,
            layout: CompareLayout::default(),
            step: step.then(Stepper::new),
        };
        screen.refresh(area, false);
        screen
    }

    fn refresh(&mut self, area: Rect, picture: bool) {
        settle_step(&mut self.step, &mut self.runs);
        self.runs.iter_mut().for_each(RunView::derive);
        self.layout = compare_layout(area, self.runs.each_ref(), picture);
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
            Screen::Ask(ask) => ask.context(),
        }
    }

    /// The one run of a run or attach screen, with its layout.
    pub fn single(&self) -> Option<&RunScreen> {
        match self {
            Screen::Run(screen) => Some(screen),
            Screen::Attach(attach) => Some(&attach.view),
            Screen::Menu | Screen::Compare(_) | Screen::Ask(_) => None,
        }
    }

    /// The one run of a run or attach screen, with its layout, to change.
    pub fn single_mut(&mut self) -> Option<&mut RunScreen> {
        match self {
            Screen::Run(screen) => Some(screen),
            Screen::Attach(attach) => Some(&mut attach.view),
            Screen::Menu | Screen::Compare(_) | Screen::Ask(_) => None,
        }
    }

    /// Every run shown, top first.
    pub fn runs(&self) -> &[RunView] {
        match self {
            Screen::Menu | Screen::Ask(_) => &[],
            Screen::Run(screen) => std::slice::from_ref(&screen.run),
            Screen::Attach(attach) => std::slice::from_ref(&attach.view.run),
            Screen::Compare(compare) => &compare.runs,
        }
    }

    /// Every run shown, top first, to feed.
    pub fn runs_mut(&mut self) -> &mut [RunView] {
        match self {
            Screen::Menu | Screen::Ask(_) => &mut [],
            Screen::Run(screen) => std::slice::from_mut(&mut screen.run),
            Screen::Attach(attach) => std::slice::from_mut(&mut attach.view.run),
            Screen::Compare(compare) => &mut compare.runs,
        }
    }

    /// Step mode of the screen up, if it has one and it is on.
    pub fn step(&self) -> Option<&Stepper> {
        match self {
            Screen::Run(screen) => screen.step.as_ref(),
            Screen::Compare(compare) => compare.step.as_ref(),
            Screen::Menu | Screen::Attach(_) | Screen::Ask(_) => None,
        }
    }

    /// Brings every run's derived data and the screen's layout up to date after a change
    /// (laid out for a picture if `picture`).
    pub fn refresh(&mut self, area: Rect, picture: bool) {
        match self {
            Screen::Menu | Screen::Ask(_) => {}
            Screen::Run(screen) => screen.refresh(area, picture),
            Screen::Attach(attach) => attach.view.refresh(area, picture),
            Screen::Compare(compare) => compare.refresh(area, picture),
        }
    }
}
