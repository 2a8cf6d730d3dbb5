//! Where each part of the run screen goes: a function of the terminal's size and of what
//! the screen shows (its lanes, findings, open panes). Computed once per change (see
//! `screen.rs`) and read by `update` (scrolling, the cursor's step), the mouse (hit tests)
//! and the view. With few lanes, lanes grow taller and the lesson takes the room left.

use ratatui::layout::Rect;

use super::lane_tree::lane_label;
use super::words::finding_rows;
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
/// Narrowest terminal where the code pane sits beside the lanes (else below them).
const SIDE_CODE_MIN_WIDTH: u16 = 120;
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
        }
    }
}

/// Where one run's lanes go: the whole run view's, or half of the compare view's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LaneArea {
    /// Worker and blocking-pool lanes.
    pub workers: Rect,
    /// Task lanes.
    pub tasks: Rect,
    /// Columns before the chart: marker, name, state glyph and the rule.
    pub name_width: u16,
    /// Rows of each lane.
    pub lane_rows: u16,
}

impl LaneArea {
    /// Columns of the chart.
    pub fn chart_cols(&self) -> u16 {
        self.tasks.width.saturating_sub(self.name_width).max(1)
    }

    /// First column of the chart.
    pub fn chart_x(&self) -> u16 {
        self.tasks.x + self.name_width
    }

    /// How many task lanes fit.
    pub fn task_lanes(&self) -> usize {
        usize::from(self.tasks.height / self.lane_rows.max(1))
    }

    /// How many worker lanes fit.
    pub fn worker_lanes(&self) -> usize {
        usize::from(self.workers.height / self.lane_rows.max(1))
    }
}

/// Most rows a lane grows to when there is room.
pub const MAX_LANE_ROWS: u16 = 3;

/// Rows per lane for `lanes` lanes in `rows` rows: as tall as fits, up to
/// [`MAX_LANE_ROWS`].
pub fn lane_rows(lanes: usize, rows: u16) -> u16 {
    match u16::try_from(lanes) {
        Ok(n) if n > 0 => (rows / n).clamp(1, MAX_LANE_ROWS),
        _ => 1,
    }
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
    /// The code pane is open, with a listing of this many lines (None: closed).
    pub code: Option<usize>,
    /// The details pane is open.
    pub details: bool,
    /// The scenario's lesson ("" for none): it fills the room the lanes leave.
    pub lesson: &'a str,
    /// Laid out for a picture: no key hints, and every finding given the rows it needs.
    pub picture: bool,
}

/// Rows the findings pane gets in `room` rows (what the lanes leave, at a row each): its
/// title and one row per finding in the dashboard (the latest ones, if the room is short:
/// at least a few), and in a picture every finding written in full.
fn findings_rows(shape: &RunShape, room: u16, width: u16) -> u16 {
    let settled = shape.findings.iter().filter(|f| !is_news(f));
    let rows: u16 = if shape.picture {
        settled
            .map(|f| finding_rows(shape.timeline, f, "", width))
            .sum()
    } else {
        (settled.count() as u16).min(room.saturating_sub(1).max(FEW_FINDINGS))
    };
    if rows == 0 { 0 } else { rows + 1 }
}

/// Findings the dashboard shows however short the room (the latest ones).
pub const FEW_FINDINGS: u16 = 3;

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
    let mut width = area.width;
    let mut code = None;
    if shape.code.is_some() && area.width >= SIDE_CODE_MIN_WIDTH {
        let w = (area.width * 2 / 5).clamp(44, 72);
        // A column between the lanes and the pane: an end mark never touches its margin.
        width -= w + 1;
        let h = bottom.saturating_sub(axis_full.y);
        code = Some(Rect::new(area.x + width + 1, axis_full.y, w, h));
    } else if let Some(lines) = shape.code {
        let h = (lines as u16 + 1)
            .min(bottom.saturating_sub(top) / 2)
            .min(12);
        bottom -= h;
        code = Some(Rect::new(area.x, bottom, area.width, h));
    }
    let side_details = shape.details && width >= 110;
    let mut details = None;
    if shape.details && !side_details {
        let h = 9.min(bottom.saturating_sub(top + 6));
        bottom -= h;
        details = Some(Rect::new(area.x, bottom, width, h));
    }
    let lanes_at_one_row = (shape.timeline.workers().len() + shape.lanes.len() + 1) as u16;
    let room = bottom.saturating_sub(top).saturating_sub(lanes_at_one_row);
    let findings_h = findings_rows(shape, room, width).min(bottom.saturating_sub(top + 5));
    bottom -= findings_h;
    let findings = (findings_h > 0).then(|| Rect::new(area.x, bottom, width, findings_h));
    if side_details {
        width -= DETAILS_WIDTH;
        let h = (bottom - axis_full.y).min(DETAILS_HEIGHT);
        details = Some(Rect::new(area.x + width, axis_full.y, DETAILS_WIDTH, h));
    }
    // The lanes: as tall as the room allows (up to three rows each), the rule between
    // workers and tasks, and what room is left to the lesson.
    let middle = bottom.saturating_sub(top);
    let workers_n = shape.timeline.workers().len();
    let rows = lane_rows(workers_n + shape.lanes.len(), middle.saturating_sub(1));
    let all = (workers_n + shape.lanes.len()) as u16 + 1;
    let worker_rows = if rows > 1 || all <= middle {
        workers_n as u16 * rows
    } else {
        // Not room for every lane: the tasks scroll, the workers keep a quarter.
        (workers_n as u16).min((middle / 4).max(1))
    };
    let workers = Rect::new(area.x, top, width, worker_rows);
    let rule = Rect::new(area.x, top + worker_rows, width, 1);
    let tasks_y = rule.bottom();
    let room = bottom.saturating_sub(tasks_y);
    let needed = (shape.lanes.len() as u16).saturating_mul(rows);
    let left = room.saturating_sub(needed);
    let lesson = (left >= LESSON_MIN_ROWS && !shape.lesson.trim().is_empty() && details.is_none())
        .then(|| Rect::new(area.x, bottom - left, width, left));
    let tasks_h = room - lesson.map_or(0, |r| r.height);
    let tasks = Rect::new(area.x, tasks_y, width, tasks_h);
    let axis = Rect::new(area.x, axis_full.y, width, axis_full.height);
    RunLayout {
        status,
        banner,
        caption,
        axis,
        workers,
        rule,
        tasks,
        lesson,
        findings,
        details,
        code,
        legend,
        footer,
        name_width: name_width(shape.timeline, shape.lanes, shape.folded, width),
        lane_rows: rows,
    }
}

/// Fewest rows the lesson pane is given: its title and a few lines.
const LESSON_MIN_ROWS: u16 = 4;

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
