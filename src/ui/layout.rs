//! Where each part of the run screen goes: a function of the terminal's size and of what
//! the screen shows (its lanes, findings, open panes). Computed once per change (see
//! `screen.rs`) and read by `update` (scrolling, the cursor's step), the mouse (hit tests)
//! and the view. How the rows are shared among the lanes and the panes below them is
//! `room.rs`'s: the room goes to taller lanes, the quiz, the lesson and the code pane, and
//! the findings follow them.

use ratatui::layout::Rect;

pub use super::lane_area::LaneArea;
use super::lane_tree::lane_label;
use super::quiz_pane::{QuizShape, quiz_lines};
use super::room::{Needs, share};
use super::words::{finding_rows, wrap};
use crate::record::TaskId;
use crate::timeline::{Finding, FindingKind, Timeline};

/// Narrowest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 60;
/// Shortest terminal the dashboard draws in.
pub const MIN_HEIGHT: u16 = 15;
/// Widest the name column of the lanes gets, whatever the names.
pub const MAX_NAME: u16 = 26;
/// Columns of the name column besides the name: marker, space, state glyph, space, rule.
pub const NAME_EXTRA: u16 = 5;
/// Narrowest terminal where the code pane opened with `c` sits beside the lanes (else
/// below them).
const SIDE_CODE_MIN_WIDTH: u16 = 120;
/// Narrowest terminal where the code pane sits beside the lanes by default, when the lanes
/// leave it no room below them: there is room for both.
const SIDE_CODE_BY_DEFAULT_WIDTH: u16 = 160;
/// Narrowest lanes beside which the details pane opens (else below them).
const SIDE_DETAILS_MIN_WIDTH: u16 = 110;
/// Width of the details pane when it sits beside the lanes.
const DETAILS_WIDTH: u16 = 40;
/// Tallest the details pane gets: its rows and a few for a wrapped error.
const DETAILS_HEIGHT: u16 = 18;

/// Whether a finding is news shown in the banner: one still unfolding (a worker blocked right
/// now). The running average of concurrency is live too, but it is no event.
pub fn is_news(f: &Finding) -> bool {
    f.live && f.kind != FindingKind::Concurrency
}

/// Where each part of the run screen goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunLayout {
    /// The status bar (top row).
    pub status: Rect,
    /// The banner of a finding happening now, if there is one.
    pub banner: Option<Rect>,
    /// The narration of the step just started (or the source's note), if there is one.
    pub caption: Option<Rect>,
    /// The time axis: tick labels, then ticks (two rows, names column included).
    pub axis: Rect,
    /// Worker and blocking-pool lanes.
    pub workers: Rect,
    /// The rule between worker and task lanes, with the task count.
    pub rule: Rect,
    /// Task lanes (scrolling).
    pub tasks: Rect,
    /// The quiz pane: the question, the room's answer and the verdict.
    pub quiz: Option<Rect>,
    /// The scenario's lesson, in the room the lanes leave.
    pub lesson: Option<Rect>,
    /// Findings so far, if any.
    pub findings: Option<Rect>,
    /// The selected task's details, when open.
    pub details: Option<Rect>,
    /// The code pane, when open: beside the lanes on wide terminals, else below them.
    pub code: Option<Rect>,
    /// The legend of the marks the lanes draw (one row).
    pub legend: Rect,
    /// Key hints (bottom row); none in a picture.
    pub footer: Option<Rect>,
    /// Columns before the chart: marker, name, state glyph and the rule.
    pub name_width: u16,
    /// Rows of each lane: more than one when there are few lanes.
    pub lane_rows: u16,
    /// Worker lanes, then task lanes, given a blank row more: the rows taller lanes
    /// cannot use, spread among them rather than left in a band.
    pub spare: (u16, u16),
}

impl RunLayout {
    /// Columns of the chart.
    pub fn chart_cols(&self) -> u16 {
        self.lanes().chart_cols()
    }

    /// First column of the chart.
    pub fn chart_x(&self) -> u16 {
        self.lanes().chart_x()
    }

    /// The worker and task lanes' part of the layout.
    pub fn lanes(&self) -> LaneArea {
        LaneArea {
            workers: self.workers,
            tasks: self.tasks,
            name_width: self.name_width,
            lane_rows: self.lane_rows.max(1),
            spare: self.spare,
        }
    }
}

/// The code pane as the layout sees it, with the lines of its listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeShape {
    /// Not shown.
    Closed,
    /// Opened with `c`: beside the lanes on a wide terminal, else below them.
    Open(usize),
    /// Where the room allows: below the lanes when they leave it room, else beside them on
    /// a terminal wide enough for both, else not shown.
    Auto(usize),
}

/// What the run screen's layout depends on, besides the terminal's size.
#[derive(Clone, Copy, Debug)]
pub struct RunShape<'a> {
    /// The timeline shown (its worker lanes, its tasks' names).
    pub timeline: &'a Timeline,
    /// The task lanes shown.
    pub lanes: &'a [TaskId],
    /// The folded tasks among them, with how many lanes each hides.
    pub folded: &'a [(TaskId, usize)],
    /// The findings so far.
    pub findings: &'a [Finding],
    /// Whether there is a caption row (narration, or a note about the lanes).
    pub caption: bool,
    /// The code pane.
    pub code: CodeShape,
    /// The details pane is open.
    pub details: bool,
    /// The scenario's lesson ("" for none): it fills the room the lanes leave.
    pub lesson: &'a str,
    /// The quiz pane, if shown: the question, the room's answer and the verdict.
    pub quiz: Option<QuizShape<'a>>,
    /// How many task lanes the run will have, as far as is known (at least `lanes`): the
    /// code pane's place is chosen for them, so that it stays put as tasks start.
    pub expected_lanes: usize,
    /// Laid out for a picture: no key hints, and every finding given the rows it needs.
    pub picture: bool,
}

/// Rows of the findings pane, its title included: a row a finding in the dashboard (each
/// shortened), or every finding in full (in a picture, or where the room allows).
fn findings_rows(shape: &RunShape, width: u16, full: bool) -> u16 {
    let settled = shape.findings.iter().filter(|f| !is_news(f));
    let rows: u16 = if full {
        settled
            .map(|f| finding_rows(shape.timeline, f, "", width))
            .sum()
    } else {
        settled.count() as u16
    };
    if rows == 0 { 0 } else { rows + 1 }
}

/// What the parts below the axis need in a column `width` wide, with `tasks` task lanes,
/// the code pane offered where the room allows if `code`, and `fixed` rows of panes that
/// take theirs whatever the room.
fn needs(shape: &RunShape, width: u16, tasks: usize, code: bool, fixed: u16) -> Needs {
    let quiz = shape.quiz.map(|q| quiz_lines(&q, width));
    let lesson = match shape.lesson.trim() {
        "" => 0,
        text if !shape.details => {
            1 + wrap(&text.replace('\n', " "), lesson_width(width)).len() as u16
        }
        _ => 0,
    };
    let full = findings_rows(shape, width, true);
    Needs {
        workers: shape.timeline.workers().len() as u16,
        tasks: tasks as u16,
        quiz: quiz.as_ref().map_or(0, |q| 1 + q.rest.len() as u16),
        quiz_ask: quiz.map_or(0, |q| q.ask.len() as u16),
        lesson,
        findings: if shape.picture {
            full
        } else {
            findings_rows(shape, width, false)
        },
        findings_full: full,
        fixed,
        code: match shape.code {
            CodeShape::Auto(lines) if code => Some(lines as u16 + 1),
            _ => None,
        },
    }
}

/// Columns the lesson pane's text is wrapped to in a pane `width` wide.
pub fn lesson_width(width: u16) -> usize {
    usize::from(width.saturating_sub(2)).max(1)
}

/// Lays the run screen out in `area`.
pub fn run_layout(area: Rect, shape: &RunShape) -> RunLayout {
    // Below the minimum nothing is drawn; `update` still asks (for scrolling), so lay out
    // the smallest screen instead.
    let area = Rect {
        width: area.width.max(MIN_WIDTH),
        height: area.height.max(MIN_HEIGHT),
        ..area
    };
    let findings = shape.findings;
    let (mut top, mut bottom) = (area.y, area.bottom());
    let mut take_top = |h: u16| {
        let r = Rect::new(area.x, top, area.width, h.min(bottom.saturating_sub(top)));
        top += r.height;
        r
    };
    let status = take_top(1);
    // A banner too long for one row wraps onto a second.
    let banner = findings.iter().find(|f| is_news(f)).map(|f| {
        let rows = if f.message.chars().count() + 9 > usize::from(area.width) {
            2
        } else {
            1
        };
        take_top(rows)
    });
    let caption = shape.caption.then(|| take_top(1));
    let axis_full = take_top(2);
    let footer = (!shape.picture).then(|| {
        bottom -= 1;
        Rect::new(area.x, bottom, area.width, 1)
    });
    bottom -= 1;
    let legend = Rect::new(area.x, bottom, area.width, 1);
    let middle = bottom.saturating_sub(top);
    // The columns: the code pane beside the lanes (opened with `c` on a wide terminal, or
    // where the room allows when the lanes leave it no room below), the details beside
    // them when there is room, else below.
    let mut width = area.width;
    let side_code = match shape.code {
        CodeShape::Open(_) => area.width >= SIDE_CODE_MIN_WIDTH,
        CodeShape::Auto(_) => {
            let tasks = shape.expected_lanes.max(shape.lanes.len());
            let below = share(middle, &needs(shape, width, tasks, true, 0)).code > 0;
            !below && area.width >= SIDE_CODE_BY_DEFAULT_WIDTH
        }
        CodeShape::Closed => false,
    };
    let mut code = None;
    if side_code {
        let w = (area.width * 2 / 5).clamp(44, 72);
        // A column between the lanes and the pane: an end mark never touches its margin.
        width -= w + 1;
        code = Some(Rect::new(
            area.x + width + 1,
            axis_full.y,
            w,
            bottom - axis_full.y,
        ));
    }
    let side_details = shape.details && width >= SIDE_DETAILS_MIN_WIDTH;
    let mut details = None;
    if side_details {
        width -= DETAILS_WIDTH;
        let h = (bottom - axis_full.y).min(DETAILS_HEIGHT);
        details = Some(Rect::new(area.x + width, axis_full.y, DETAILS_WIDTH, h));
    }
    let details_h = if shape.details && !side_details {
        9.min(middle.saturating_sub(6))
    } else {
        0
    };
    let code_h = match shape.code {
        CodeShape::Open(lines) if !side_code => (lines as u16 + 1).min(middle / 2).min(12),
        _ => 0,
    };
    let offered = matches!(shape.code, CodeShape::Auto(_)) && !side_code;
    let rows = share(
        middle,
        &needs(shape, width, shape.lanes.len(), offered, details_h + code_h),
    );
    // Top to bottom: workers, the rule, tasks, the quiz, the lesson, the details, the
    // code, the findings; what is left stays blank under them.
    let mut y = top;
    let mut take = |h: u16| {
        let r = Rect::new(area.x, y, width, h);
        y += h;
        r
    };
    let workers = take(rows.workers);
    let rule = take(1);
    // With no task lane yet, the room left is theirs: an attach view says there what its
    // connection is doing.
    let empty = if shape.lanes.is_empty() { rows.gap } else { 0 };
    let tasks = take(rows.tasks + empty);
    let quiz = (rows.quiz > 0).then(|| take(rows.quiz));
    let lesson = (rows.lesson > 0).then(|| take(rows.lesson));
    if details_h > 0 {
        details = Some(take(details_h));
    }
    if code.is_none() && code_h + rows.code > 0 {
        code = Some(take(code_h + rows.code));
    }
    let findings = (rows.findings > 0).then(|| take(rows.findings));
    let axis = Rect::new(area.x, axis_full.y, width, axis_full.height);
    RunLayout {
        status,
        banner,
        caption,
        axis,
        workers,
        rule,
        tasks,
        quiz,
        lesson,
        findings,
        details,
        code,
        legend,
        footer,
        name_width: name_width(shape.timeline, shape.lanes, shape.folded, width),
        lane_rows: rows.lane_rows,
        spare: rows.spare,
    }
}

/// The name column's width for `lanes` of `timeline` (among them the `folded` ones, with
/// the count of lanes each hides) in `width` columns.
pub fn name_width(
    timeline: &Timeline,
    lanes: &[TaskId],
    folded: &[(TaskId, usize)],
    width: u16,
) -> u16 {
    let hides = |id: TaskId| folded.iter().find(|f| f.0 == id).map(|f| f.1);
    let longest = lanes
        .iter()
        .filter_map(|&id| timeline.task(id))
        .map(|t| lane_label(t, hides(t.id)).chars().count())
        .max()
        .unwrap_or(0)
        .max(10) as u16;
    longest.min(MAX_NAME).min(width / 3) + NAME_EXTRA
}
