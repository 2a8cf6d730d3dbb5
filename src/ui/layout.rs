//! Where each part of a screen goes: a function of the terminal's size and of what the screen
//! shows (its lanes, findings, open panes). Computed once per change (see `screen.rs`) and
//! read by `update` (scrolling, the cursor's step), the mouse (hit tests) and the view.

use ratatui::layout::Rect;

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
    /// Findings so far, if any.
    pub findings: Option<Rect>,
    /// The selected task's details, when open.
    pub details: Option<Rect>,
    /// The code pane, when open: beside the lanes on wide terminals, else below them.
    pub code: Option<Rect>,
    /// Key hints (bottom row).
    pub footer: Rect,
    /// Columns before the chart: marker, name, state glyph and the rule.
    pub name_width: u16,
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
}

/// What the run screen's layout depends on, besides the terminal's size.
#[derive(Clone, Copy, Debug)]
pub struct RunShape<'a> {
    /// The timeline shown (its worker lanes, its tasks' names).
    pub timeline: &'a Timeline,
    /// The task lanes shown.
    pub lanes: &'a [TaskId],
    /// The findings so far.
    pub findings: &'a [Finding],
    /// Whether there is a caption row (narration, or a note about the lanes).
    pub caption: bool,
    /// The code pane is open, with a listing of this many lines (None: closed).
    pub code: Option<usize>,
    /// The details pane is open.
    pub details: bool,
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
    let live = findings.iter().any(is_news);
    let settled = findings.iter().filter(|f| !is_news(f)).count() as u16;
    let max_findings = match area.height {
        35.. => 5,
        20.. => 3,
        _ => 1,
    };
    let findings_h = if settled == 0 {
        0
    } else {
        settled.min(max_findings) + 1
    };
    let (mut top, mut bottom) = (area.y, area.bottom());
    let mut take_top = |h: u16| {
        let r = Rect::new(area.x, top, area.width, h.min(bottom.saturating_sub(top)));
        top += r.height;
        r
    };
    let status = take_top(1);
    // A banner too long for one row wraps onto a second.
    let banner_rows = match findings.iter().find(|f| is_news(f)) {
        Some(f) if f.message.chars().count() + 9 > usize::from(area.width) => 2,
        _ => 1,
    };
    let banner = live.then(|| take_top(banner_rows));
    let caption = shape.caption.then(|| take_top(1));
    let axis_full = take_top(2);
    bottom -= 1;
    let footer = Rect::new(area.x, bottom, area.width, 1);
    let mut width = area.width;
    let mut code = None;
    if shape.code.is_some() && area.width >= SIDE_CODE_MIN_WIDTH {
        let w = (area.width * 2 / 5).clamp(44, 72);
        width -= w;
        let h = bottom.saturating_sub(axis_full.y);
        code = Some(Rect::new(area.x + width, axis_full.y, w, h));
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
    let findings_h = findings_h.min(bottom.saturating_sub(top + 5));
    bottom -= findings_h;
    let findings = (findings_h > 0).then(|| Rect::new(area.x, bottom, width, findings_h));
    if side_details {
        width -= DETAILS_WIDTH;
        let h = (bottom - axis_full.y).min(DETAILS_HEIGHT);
        details = Some(Rect::new(area.x + width, axis_full.y, DETAILS_WIDTH, h));
    }
    let middle = bottom.saturating_sub(top);
    let worker_rows = (shape.timeline.workers().len() as u16).min((middle / 4).max(1));
    let workers = Rect::new(area.x, top, width, worker_rows);
    let rule = Rect::new(area.x, top + worker_rows, width, 1);
    let tasks_y = rule.bottom();
    let tasks = Rect::new(area.x, tasks_y, width, bottom.saturating_sub(tasks_y));
    let axis = Rect::new(area.x, axis_full.y, width, axis_full.height);
    RunLayout {
        status,
        banner,
        caption,
        axis,
        workers,
        rule,
        tasks,
        findings,
        details,
        code,
        footer,
        name_width: name_width(shape.timeline, shape.lanes, width),
    }
}

/// The name column's width for `lanes` of `timeline` in `width` columns.
pub fn name_width(timeline: &Timeline, lanes: &[TaskId], width: u16) -> u16 {
    let longest = lanes
        .iter()
        .filter_map(|&id| timeline.task(id))
        .map(|t| 2 * t.depth() + t.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(10) as u16;
    longest.min(MAX_NAME).min(width / 3) + NAME_EXTRA
}

/// Where each part of the compare screen goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompareLayout {
    /// The status bar (top row).
    pub status: Rect,
    /// The shared time axis.
    pub axis: Rect,
    /// Each half: its title row, then its lanes.
    pub halves: [Rect; 2],
    /// Each half's lanes.
    pub lanes: [LaneArea; 2],
    /// Key hints (bottom row).
    pub footer: Rect,
}

impl CompareLayout {
    /// Columns of the shared chart.
    pub fn chart_cols(&self) -> u16 {
        self.lanes[0].chart_cols()
    }
}

/// Lays the compare screen out in `area` for two runs: their timelines and shown lanes.
pub fn compare_layout(area: Rect, runs: [(&Timeline, &[TaskId]); 2]) -> CompareLayout {
    let status = Rect::new(area.x, area.y, area.width, 1);
    let footer = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    let axis = Rect::new(area.x, area.y + 1, area.width, 2);
    let body_y = axis.bottom();
    let body_h = footer.y.saturating_sub(body_y);
    // Both halves share the name column, so their charts line up under one axis.
    let name_width = runs
        .iter()
        .map(|(timeline, lanes)| name_width(timeline, lanes, area.width))
        .max()
        .unwrap_or(NAME_EXTRA)
        .min(MAX_NAME + NAME_EXTRA);
    let halves = [
        Rect::new(area.x, body_y, area.width, body_h / 2),
        Rect::new(area.x, body_y + body_h / 2, area.width, body_h - body_h / 2),
    ];
    let lanes = [0, 1].map(|i| half_lanes(runs[i].0, halves[i], name_width));
    CompareLayout {
        status,
        axis,
        halves,
        lanes,
        footer,
    }
}

/// One half's lanes: a title row, then its workers (up to a third of the half), then tasks.
fn half_lanes(timeline: &Timeline, half: Rect, name_width: u16) -> LaneArea {
    let rows = half.height.saturating_sub(1);
    let worker_rows = (timeline.workers().len() as u16).min((rows / 3).max(1));
    let workers = Rect::new(half.x, half.y + 1, half.width, worker_rows.min(rows));
    let tasks_y = workers.bottom();
    let tasks = Rect::new(
        half.x,
        tasks_y,
        half.width,
        half.bottom().saturating_sub(tasks_y),
    );
    LaneArea {
        workers,
        tasks,
        name_width,
    }
}
