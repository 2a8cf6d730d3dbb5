//! The pure view: draws the [`App`] into a frame and changes nothing. The run screen's layout
//! is a function of the state and the terminal size, shared with `update` for mouse hits.

mod axis;
pub mod code;
mod compare;
mod details;
mod help;
mod lanes;
mod menu;
mod status;
mod workers;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, Overlay, RunView, Screen};
use crate::record::TaskId;
use crate::timeline::Finding;

pub use menu::{ENTRY_ROWS, ListRow, MenuLayout, group, list_rows};

/// Narrowest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 60;
/// Shortest terminal the dashboard draws in.
pub const MIN_HEIGHT: u16 = 15;

/// Widest the name column of the lanes gets, whatever the names.
pub(super) const MAX_NAME: u16 = 26;
/// Narrowest terminal where the code pane sits beside the lanes (else below them).
const SIDE_CODE_MIN_WIDTH: u16 = 120;
/// Width of the details pane when it sits beside the lanes.
const DETAILS_WIDTH: u16 = 40;
/// Tallest the details pane gets: its rows and a few for a wrapped error.
const DETAILS_HEIGHT: u16 = 18;

/// Draws the whole screen for `app`.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// Draws `app` into `buf` over `area` (what [`view`] does, for callers without a `Frame`).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(canvas) = app.theme.canvas() {
        buf.set_style(area, canvas);
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, area, buf);
        return;
    }
    match (app.screen, &app.run, &app.other) {
        (Screen::Run, Some(run), _) => draw_run(app, run, area, buf),
        (Screen::Compare, Some(top), Some(below)) => compare::draw(app, [top, below], area, buf),
        _ => menu::draw(app, area, buf),
    }
    match app.overlay {
        Overlay::Help => help::draw_help(app, area, buf),
        Overlay::Lesson => help::draw_lesson(app, area, buf),
        Overlay::None => {}
    }
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::styled(
            format!("enlarge to at least {MIN_WIDTH}x{MIN_HEIGHT}"),
            app.theme.strong(),
        ),
        Line::styled(
            format!("(now {}x{})", area.width, area.height),
            app.theme.dim(),
        ),
    ];
    let y = area.y + area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, y, area.width, area.height.min(2));
    Paragraph::new(lines).centered().render(rect, buf);
}

/// Where each part of the run screen goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunLayout {
    /// The status bar (top row).
    pub status: Rect,
    /// The banner of a finding happening now, if there is one.
    pub banner: Option<Rect>,
    /// The narration of the step just started, if the scenario says something there.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// Lays the run screen out in `area` for `run`, whose shown lanes are `lanes` and whose
/// findings so far are `findings`.
pub fn run_layout(area: Rect, run: &RunView, lanes: &[TaskId], findings: &[Finding]) -> RunLayout {
    // Below the minimum nothing is drawn; `update` still asks (for scrolling), so lay out
    // the smallest screen instead.
    let area = Rect {
        width: area.width.max(MIN_WIDTH),
        height: area.height.max(MIN_HEIGHT),
        ..area
    };
    let tl = run.shown();
    let live = findings.iter().any(status::is_news);
    let settled = findings.iter().filter(|f| !status::is_news(f)).count() as u16;
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
    let banner_rows = match findings.iter().find(|f| status::is_news(f)) {
        Some(f) if f.message.chars().count() + 9 > usize::from(area.width) => 2,
        _ => 1,
    };
    let banner = live.then(|| take_top(banner_rows));
    let has_caption = status::caption(run).is_some() || run.attached.is_some();
    let caption = has_caption.then(|| take_top(1));
    let axis_full = take_top(2);
    bottom -= 1;
    let footer = Rect::new(area.x, bottom, area.width, 1);
    let mut width = area.width;
    let mut code = None;
    if run.code && area.width >= SIDE_CODE_MIN_WIDTH {
        let w = (area.width * 2 / 5).clamp(44, 72);
        width -= w;
        let h = bottom.saturating_sub(axis_full.y);
        code = Some(Rect::new(area.x + width, axis_full.y, w, h));
    } else if run.code {
        let lines = code::listing(run).map_or(1, |l| l.text.lines().count()) as u16;
        let h = (lines + 1).min(bottom.saturating_sub(top) / 2).min(12);
        bottom -= h;
        code = Some(Rect::new(area.x, bottom, area.width, h));
    }
    let side_details = run.details && width >= 110;
    let mut details = None;
    if run.details && !side_details {
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
    let worker_rows = (tl.workers().len() as u16).min((middle / 4).max(1));
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
        name_width: name_width(run, lanes, width),
    }
}

pub(super) fn name_width(run: &RunView, lanes: &[TaskId], width: u16) -> u16 {
    let tl = run.shown();
    let longest = lanes
        .iter()
        .filter_map(|&id| tl.task(id))
        .map(|t| 2 * t.depth() + t.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(10) as u16;
    longest.min(MAX_NAME).min(width / 3) + lanes::NAME_EXTRA
}

fn draw_run(app: &App, run: &RunView, area: Rect, buf: &mut Buffer) {
    let (lanes, hidden) = run.lanes();
    let findings = run.shown().findings();
    let layout = run_layout(area, run, &lanes, &findings);
    let window = run.window(layout.chart_cols());
    status::draw_status(app, run, layout.status, buf);
    if let Some(rect) = layout.banner {
        status::draw_banner(app, &findings, rect, buf);
    }
    if let Some(rect) = layout.caption {
        status::draw_caption(app, run, rect, buf);
    }
    let area = layout.lanes();
    axis::draw(app, run, layout.axis, &area, &window, buf);
    workers::draw_workers(app, run, &area, &window, buf);
    lanes::draw_rule(app, layout.rule, lanes.len(), hidden, buf);
    lanes::draw_tasks(app, run, &area, &window, &lanes, buf);
    if let (Some(attached), true) = (&run.attached, lanes.is_empty()) {
        status::draw_attach_waiting(app, attached, layout.tasks, buf);
    }
    if let Some(rect) = layout.findings {
        status::draw_findings(app, &findings, rect, buf);
    }
    if let Some(rect) = layout.details {
        details::draw(app, run, rect, buf);
    }
    if let Some(rect) = layout.code {
        code::draw(app, run, rect, buf);
    }
    status::draw_footer(app, super::keymap::Context::Run, layout.footer, buf);
}
