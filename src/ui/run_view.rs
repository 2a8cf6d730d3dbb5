//! One run being watched (live, over, or opened from a file) and how it is viewed: the
//! state the keys change, and what is derived from it (the lanes shown, the findings), kept
//! beside it and brought up to date once per change ([`RunView::derive`]).

use std::sync::Arc;

use super::layout::RunShape;
use super::window::{Window, fit_span};
use crate::record::TaskId;
use crate::scenario::{self, Listing, Scenario};
use crate::source::RunInfo;
use crate::timeline::{Finding, Outcome, Timeline};

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

/// A run being watched (live or over) and how it is viewed.
#[derive(Debug)]
pub struct RunView {
    /// What runs (for an attached process, a scenario that stands for it).
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
    /// What the source says about how its lanes were made (attached lanes are sampled).
    pub note: Option<String>,
    derived: Derived,
}

/// What the view shows of the state, derived from it once per change.
#[derive(Debug, Default)]
struct Derived {
    /// The task lanes shown, in display order.
    lanes: Vec<TaskId>,
    /// Finished tasks collapsed away.
    hidden: usize,
    /// The findings of the timeline shown.
    findings: Vec<Finding>,
    /// The narration at the instant shown.
    caption: Option<Caption>,
}

/// The narration at an instant: the `say` of the latest scripted step started by then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caption {
    /// What the scenario says about the step.
    pub say: String,
    /// The task that started it.
    pub task: TaskId,
    /// When, ns since the run began.
    pub at_ns: u64,
}

impl RunView {
    /// A run about to start: an empty timeline of the scenario's runtime.
    pub fn new(scenario: Arc<Scenario>, speed: f64) -> RunView {
        let info = crate::runner::run_info(&scenario, speed);
        RunView::with_timeline(scenario, Timeline::new(info), speed)
    }

    /// A view of an existing timeline.
    pub fn with_timeline(scenario: Arc<Scenario>, timeline: Timeline, speed: f64) -> RunView {
        let mut view = RunView {
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
            note: None,
            derived: Derived::default(),
        };
        view.derive();
        view
    }

    /// A view of an attached process's lanes (`target`): a scenario that stands for it (its
    /// name, the sampling note as its lesson, no steps) and an empty timeline.
    pub fn attached(target: &str, info: RunInfo) -> RunView {
        let crate::source::Runtime::Tokio(flavor) = info.runtime;
        let scenario = Scenario {
            name: info.scenario.clone(),
            summary: format!("the tasks of the process at {target}"),
            lesson: crate::attach::SAMPLING_NOTE.to_string(),
            runtime: scenario::RuntimeSpec {
                flavor,
                workers: usize::from(info.workers),
            },
            functions: Vec::new(),
            origin: target.to_string(),
            theme: scenario::Theme::default(),
            code: None,
            resources: Vec::new(),
            quiz: None,
        };
        let speed = info.speed;
        RunView::with_timeline(Arc::new(scenario), Timeline::new(info), speed)
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

    /// Brings the derived data up to date with the state: called once per change.
    pub fn derive(&mut self) {
        let tl = self.frozen.as_ref().unwrap_or(&self.timeline);
        let mut order = tl.lane_order();
        order.retain(|&id| tl.task(id).is_some_and(|t| t.is_spawned()));
        let before = order.len();
        if self.collapse {
            order.retain(|&id| tl.task(id).is_some_and(|t| t.outcome == Outcome::Running));
        }
        let t = self.cursor.unwrap_or_else(|| tl.now_ns());
        let caption = tl
            .steps()
            .iter()
            .rev()
            .filter(|m| m.at_ns <= t)
            .find_map(|m| {
                let say = self.scenario.step(m.step)?.say.clone()?;
                Some(Caption {
                    say,
                    task: m.task,
                    at_ns: m.at_ns,
                })
            });
        self.derived = Derived {
            hidden: before - order.len(),
            lanes: order,
            findings: tl.findings(),
            caption,
        };
    }

    /// The task lanes shown, in display order (children under parents), and how many
    /// finished tasks are collapsed away.
    pub fn lanes(&self) -> (&[TaskId], usize) {
        (&self.derived.lanes, self.derived.hidden)
    }

    /// The findings of the timeline shown.
    pub fn findings(&self) -> &[Finding] {
        &self.derived.findings
    }

    /// The narration at the instant the view describes, if the scenario says something there.
    pub fn caption(&self) -> Option<&Caption> {
        self.derived.caption.as_ref()
    }

    /// The listing of the code pane's language, if the scenario has one.
    pub fn listing(&self) -> Option<&Listing> {
        let code = self.scenario.code.as_ref()?;
        match self.lang {
            Lang::Rust => code.rust.as_ref(),
            Lang::Python => code.python.as_ref(),
        }
    }

    /// What the run screen's layout depends on.
    pub fn shape(&self) -> RunShape<'_> {
        RunShape {
            timeline: self.shown(),
            lanes: &self.derived.lanes,
            findings: &self.derived.findings,
            caption: self.note.is_some() || self.derived.caption.is_some(),
            code: self
                .code
                .then(|| self.listing().map_or(1, |l| l.text.lines().count())),
            details: self.details,
        }
    }
}
