//! One run being watched (live, over, or opened from a file) and how it is viewed: the
//! state the keys change, and what is derived from it (the lanes shown, the findings, the
//! run as it was live at the instant the view holds at), kept beside it and brought up to
//! date once per change ([`RunView::derive`]).

use std::sync::Arc;

use super::code_choice::{CodePane, Lang};
use super::lane_tree::{LaneChoice, ShownLanes, has_children, shown_lanes};
use super::layout::{CodeShape, RunShape};
use super::quiz_pane::QuizShape;
use super::window::{Window, view_window};
use crate::pyrun::Script;
use crate::quiz::{Answer, Verdict, judge};
use crate::record::TaskId;
use crate::scenario::{self, Listing, Quiz, Scenario};
use crate::source::{Drained, Engine, RunInfo, Runtime, Tape};
use crate::timeline::{Finding, Timeline};

/// The stretch of time both runs of a comparison are drawn over: from 0 to the longer run,
/// or the zoomed span around their shared cursor.
pub fn shared_window(runs: &[RunView], cols: u16) -> Window {
    let now = runs.iter().map(|r| r.shown().now_ns()).max().unwrap_or(0);
    let finished = runs.iter().all(|r| r.shown().is_finished());
    let (zoom, cursor) = runs.first().map_or((None, None), |r| (r.zoom, r.cursor));
    view_window(now, finished, zoom, cursor, cols)
}

/// A view held at an instant is folded again while late events of that instant may still
/// arrive: until the run's clock is this far past it (real ns), or the run is over.
const HOLD_SETTLES_NS: u64 = 50_000_000;

/// A run being watched (live or over) and how it is viewed.
#[derive(Debug)]
pub struct RunView {
    /// What runs (for an attached process, a scenario that stands for it).
    pub scenario: Arc<Scenario>,
    /// The run's timeline, fed by the loop while the run goes on.
    pub timeline: Timeline,
    /// Everything the run's source handed over, in order: the run can be folded again as it
    /// was live at any earlier instant (see [`RunView::hold`]).
    pub tape: Tape,
    /// A copy shown instead while the view is frozen.
    pub frozen: Option<Timeline>,
    /// The view shows the run as it was live at this instant (real ns since it began): step
    /// mode's stop, or a picture of one moment. None: as it is now.
    pub hold: Option<u64>,
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
    /// Folded tasks and the filter by name.
    pub choice: LaneChoice,
    /// Whether the code pane is shown.
    pub code: CodePane,
    /// The code pane's language.
    pub lang: Lang,
    /// What the source says about how its lanes were made (attached lanes are sampled).
    pub note: Option<String>,
    /// The lanes are another process's: the scenario only stands for it (no lesson pane).
    pub attached: bool,
    /// The room's answer to the scenario's question, judged by this run (None: not asked).
    pub answer: Option<Answer>,
    /// How many names the scenario's lanes can have (see [`scenario::lane_names`]).
    expected_names: usize,
    /// The Python program of the user's these lanes are of (its scenario stands in for it):
    /// `r` runs it again.
    pub script: Option<Arc<Script>>,
    derived: Derived,
}

/// The run as it was live at the instant held at.
#[derive(Debug)]
struct Held {
    /// The instant.
    at: u64,
    /// The run folded again up to it.
    timeline: Timeline,
    /// No late event of that instant can arrive any more: no need to fold it again.
    settled: bool,
}

/// What the view shows of the state, derived from it once per change.
#[derive(Debug, Default)]
struct Derived {
    /// The task lanes shown, in display order, and what was left out.
    lanes: ShownLanes,
    /// The findings of the timeline shown.
    findings: Vec<Finding>,
    /// The narration at the instant shown.
    caption: Option<Caption>,
    /// The run as it was live at the instant held at, if the view holds.
    held: Option<Held>,
    /// What the timeline shown says about the scenario's question, if it has one.
    verdict: Option<Verdict>,
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
        RunView::of(scenario, info)
    }

    /// A view of a run described by `info`, before its first event.
    pub fn of(scenario: Arc<Scenario>, info: RunInfo) -> RunView {
        let speed = info.speed;
        let expected_names = scenario::lane_names(&scenario).len();
        // An asyncio run shows the Python it runs; a tokio run the Rust.
        let lang = match info.runtime {
            Runtime::Asyncio => Lang::Python,
            Runtime::Tokio(_) => Lang::Rust,
        };
        let mut view = RunView {
            scenario,
            timeline: Timeline::new(info),
            tape: Tape::default(),
            frozen: None,
            hold: None,
            speed,
            selected: None,
            details: false,
            cursor: None,
            zoom: None,
            scroll: 0,
            collapse: false,
            choice: LaneChoice::default(),
            code: CodePane::Auto,
            lang,
            note: None,
            attached: false,
            answer: None,
            expected_names,
            script: None,
            derived: Derived::default(),
        };
        view.derive();
        view
    }

    /// A view of an attached process's lanes (`target`): a scenario that stands for it (its
    /// name, the sampling note as its lesson, no steps) and an empty timeline.
    pub fn attached(target: &str, info: RunInfo) -> RunView {
        let flavor = match info.runtime {
            Runtime::Tokio(flavor) => flavor,
            Runtime::Asyncio => scenario::Flavor::CurrentThread,
        };
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
            asyncio: Default::default(),
        };
        let mut view = RunView::of(Arc::new(scenario), info);
        view.attached = true;
        view
    }

    /// Keeps what one drain of the run's source handed over on the tape and folds it into
    /// the timeline.
    pub fn take(&mut self, drained: &mut Drained) {
        self.tape.record(drained);
        self.timeline.feed(&mut drained.batch);
        self.note = drained.note.take();
    }

    /// The timeline on screen: the frozen copy, else the run as it was at the instant held
    /// at, else the live one.
    pub fn shown(&self) -> &Timeline {
        let held = self.derived.held.as_ref().map(|h| &h.timeline);
        self.frozen.as_ref().or(held).unwrap_or(&self.timeline)
    }

    /// The instant the lanes' state column describes: the cursor, else now.
    pub fn instant(&self) -> u64 {
        self.cursor.unwrap_or_else(|| self.shown().now_ns())
    }

    /// The stretch of time drawn over `cols` columns.
    pub fn window(&self, cols: u16) -> Window {
        let tl = self.shown();
        view_window(tl.now_ns(), tl.is_finished(), self.zoom, self.cursor, cols)
    }

    /// The run folded again as it was live at the instant held at: when the hold moved, or
    /// while late events of that instant may still arrive.
    fn refold_held(&mut self) {
        let Some(at) = self.hold else {
            self.derived.held = None;
            return;
        };
        let fresh = |h: &Held| h.at == at && h.settled;
        if self.derived.held.as_ref().is_some_and(fresh) {
            return;
        }
        let timeline = crate::feed::as_live_at(self.timeline.info(), &self.tape, at);
        let settled = self.timeline.is_finished()
            || self.timeline.now_ns() >= at.saturating_add(HOLD_SETTLES_NS);
        self.derived.held = Some(Held {
            at,
            timeline,
            settled,
        });
    }

    /// Brings the derived data up to date with the state: called once per change.
    pub fn derive(&mut self) {
        self.refold_held();
        let tl = self.shown();
        let lanes = shown_lanes(tl, self.collapse, &self.choice);
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
        let findings = tl.findings();
        let verdict = self.question().map(|q| judge(q, tl));
        self.derived.verdict = verdict;
        self.derived.lanes = lanes;
        self.derived.findings = findings;
        self.derived.caption = caption;
    }

    /// The task lanes shown, in display order (children under parents), and how many
    /// finished tasks are collapsed away.
    pub fn lanes(&self) -> (&[TaskId], usize) {
        (&self.derived.lanes.lanes, self.derived.lanes.finished.len())
    }

    /// The task lanes shown, with what was folded, collapsed or filtered away.
    pub fn shown_lanes(&self) -> &ShownLanes {
        &self.derived.lanes
    }

    /// What `o` folds from lane `id`: the lane if it has children or branches, else its
    /// parent if that is shown.
    pub fn fold_target(&self, id: TaskId) -> Option<TaskId> {
        let tl = self.shown();
        if has_children(tl, id) {
            return Some(id);
        }
        let parent = tl.task(id)?.parent.filter(|&p| p != id)?;
        self.lanes().0.contains(&parent).then_some(parent)
    }

    /// The findings of the timeline shown.
    pub fn findings(&self) -> &[Finding] {
        &self.derived.findings
    }

    /// The narration at the instant the view describes, if the scenario says something there.
    pub fn caption(&self) -> Option<&Caption> {
        self.derived.caption.as_ref()
    }

    /// What the timeline shown says about the scenario's question, if it has one: settled
    /// once the run shown is over.
    pub fn verdict(&self) -> Option<&Verdict> {
        self.derived.verdict.as_ref()
    }

    /// The quiz pane's content (for a picture if `picture`): the question with the room's
    /// answer beside the verdict once the room was asked; in a picture, where nobody
    /// answered, the question and the verdict.
    pub fn quiz(&self, picture: bool) -> Option<QuizShape<'_>> {
        let shown = (self.answer.is_some() || picture) && !self.attached;
        Some(QuizShape {
            quiz: self.question().filter(|_| shown)?,
            answer: self.answer.as_ref(),
            verdict: self.verdict()?,
            over: self.shown().is_finished(),
        })
    }

    /// The event loop the run is on, whose lesson and question it tells.
    pub fn engine(&self) -> Engine {
        self.timeline.info().runtime.engine()
    }

    /// The lesson as a run on this loop tells it (`[asyncio]`'s on asyncio, if any).
    pub fn lesson(&self) -> &str {
        self.engine().lesson(&self.scenario)
    }

    /// The scenario's question as a run on this loop asks it (`[asyncio.quiz]` on asyncio,
    /// if any).
    pub fn question(&self) -> Option<&Quiz> {
        self.engine().quiz(&self.scenario)
    }

    /// The listing of the code pane's language, if the scenario has one.
    pub fn listing(&self) -> Option<&Listing> {
        let code = self.scenario.code.as_ref()?;
        match self.lang {
            Lang::Rust => code.rust.as_ref(),
            Lang::Python => code.python.as_ref(),
        }
    }

    /// What the run screen's layout depends on (for a picture if `picture`).
    pub fn shape(&self, picture: bool) -> RunShape<'_> {
        RunShape {
            timeline: self.shown(),
            lanes: &self.derived.lanes.lanes,
            folded: &self.derived.lanes.folded,
            findings: &self.derived.findings,
            caption: self.note.is_some() || self.derived.caption.is_some(),
            code: self.code_shape(),
            details: self.details,
            lesson: if self.attached { "" } else { self.lesson() },
            quiz: self.quiz(picture),
            expected_lanes: self.expected_lanes(),
            picture,
        }
    }

    /// The code pane as the layout sees it: closed, open, or where the room allows, with
    /// the listing's lines (a scenario without listings says so in one line; an attached
    /// process has no listing, and no pane unless asked for).
    fn code_shape(&self) -> CodeShape {
        let lines = self.listing().map_or(1, |l| l.text.lines().count());
        match self.code {
            CodePane::Open => CodeShape::Open(lines),
            CodePane::Auto if self.listing().is_some() && !self.attached => CodeShape::Auto(lines),
            CodePane::Auto | CodePane::Closed => CodeShape::Closed,
        }
    }

    /// How many task lanes the run will have, as far as is known: the lanes shown, or the
    /// names the scenario's lanes can have if that is more (so that the room given to the
    /// code pane does not change as the first tasks start).
    fn expected_lanes(&self) -> usize {
        let shown = self.derived.lanes.lanes.len();
        let narrowed = self.choice.filtering() || !self.choice.folds.is_empty();
        if self.attached || narrowed || self.collapse {
            return shown;
        }
        shown.max(self.expected_names)
    }
}
