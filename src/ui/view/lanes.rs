//! Worker and task lanes: a name column, then time flowing left to right. With few lanes a
//! lane is taller (see [`Band`]): running, blocking and scheduled time fill its band, and the
//! waiting line, its label and the end mark stay on its first row.
//!
//! A lane is read only inside the visible window (from `first_segment_after`), so drawing
//! stays proportional to what is on screen, not to the length of the run.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::record::{LabelId, TaskId};
use crate::timeline::{BLOCKING_POLL_NS, Outcome, Segment, State, TaskLane, Timeline};
use crate::ui::app::App;
use crate::ui::layout::{LaneArea, NAME_EXTRA};
use crate::ui::run_view::RunView;
use crate::ui::theme::{EIGHTHS, Theme, outcome_mark};
use crate::ui::window::Window;
use crate::ui::words::fit;

/// The rows of one lane: its first row (name, labels, marks), how many rows its bars fill
/// from there, and how many it takes in all (a blank row between tall lanes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    /// The lane's first row.
    pub y: u16,
    /// Rows the bars fill.
    pub bars: u16,
}

impl Band {
    /// The `i`-th lane of an area whose lanes take `rows` rows each, from row `top`: three
    /// rows are two of bars and a blank one; fewer are all bars.
    pub fn nth(top: u16, i: usize, rows: u16) -> Band {
        let rows = rows.max(1);
        Band {
            y: top + i as u16 * rows,
            bars: if rows >= 3 { rows - 1 } else { rows },
        }
    }

    /// The rows the bars fill.
    pub fn rows(&self) -> std::ops::Range<u16> {
        self.y..self.y + self.bars
    }
}

/// Time one column spent in each state.
#[derive(Clone, Copy, Default)]
struct Acc {
    running: u64,
    blocking: bool,
    scheduled: u64,
    waiting: u64,
    /// The label waited on longest in the column, and for how long.
    label: Option<(LabelId, u64)>,
}

/// A column's glyph: what the lane did in that slice of time.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Empty,
    Run { eighths: u8, blocking: bool },
    Scheduled,
    Waiting(Option<LabelId>),
}

fn accumulate(window: &Window, seg: &Segment, runtime_workers: u16, cells: &mut [Acc]) {
    let (a, b) = (seg.start_ns.max(window.start), seg.end_ns.min(window.end()));
    let (Some(c0), Some(c1)) = (window.col_of(a), window.col_of(b.saturating_sub(1))) else {
        return;
    };
    if b <= a {
        return;
    }
    let blocking = seg.state == State::Running
        && seg.duration_ns() >= BLOCKING_POLL_NS
        && seg.worker().is_some_and(|w| w < runtime_workers);
    for c in c0..=c1 {
        let from = window.col_start(c).max(a);
        let to = window.col_start(c + 1).min(b);
        let ns = to.saturating_sub(from);
        let acc = &mut cells[usize::from(c)];
        match seg.state {
            State::Running => {
                acc.running += ns;
                acc.blocking |= blocking;
            }
            State::Scheduled => acc.scheduled += ns,
            State::Waiting => {
                acc.waiting += ns;
                if let Some(label) = seg.label()
                    && acc.label.is_none_or(|(_, best)| ns > best)
                {
                    acc.label = Some((label, ns));
                }
            }
        }
    }
}

impl Acc {
    fn mark(&self) -> Mark {
        let other = self.scheduled.max(self.waiting);
        if self.running > 0 {
            let total = self.running + self.scheduled + self.waiting;
            let eighths = if self.running >= other {
                8
            } else {
                (self.running * 8).div_ceil(total).clamp(1, 7) as u8
            };
            Mark::Run {
                eighths,
                blocking: self.blocking,
            }
        } else if self.scheduled > 0 && self.scheduled >= self.waiting {
            Mark::Scheduled
        } else if self.waiting > 0 {
            Mark::Waiting(self.label.map(|l| l.0))
        } else {
            Mark::Empty
        }
    }
}

pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, symbol: &str, style: Style) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_symbol(symbol).set_style(style);
    }
}

pub(super) fn is_blank(buf: &Buffer, x: u16, y: u16) -> bool {
    buf.cell((x, y)).is_none_or(|c| c.symbol() == " ")
}

/// The name column of one lane: selection marker, (indented) name, state glyph, and the
/// rule down the lane's bars.
pub(super) fn draw_name(
    buf: &mut Buffer,
    layout: &LaneArea,
    band: Band,
    name: &str,
    selected: bool,
    glyph: (&str, Style),
    theme: &Theme,
) {
    let (x, y) = (layout.tasks.x, band.y);
    let text_w = layout.name_width - NAME_EXTRA;
    let style = if selected {
        theme.selected()
    } else {
        theme.text()
    };
    let fitted = fit(name, usize::from(text_w));
    let line = format!(
        "{}{fitted:<w$} ",
        if selected { "▶" } else { " " },
        w = usize::from(text_w)
    );
    buf.set_stringn(x, y, &line, usize::from(text_w) + 2, style);
    put(buf, x + text_w + 2, y, glyph.0, glyph.1);
    for y in band.rows() {
        put(buf, x + text_w + 4, y, "│", theme.faint());
    }
}

/// Writes `text` into runs of equal, labelled columns where it fits (with a space each side).
pub(super) fn write_into_runs<K: PartialEq + Copy>(
    buf: &mut Buffer,
    x0: u16,
    y: u16,
    keys: &[Option<K>],
    text: impl Fn(K) -> Option<(String, Style)>,
) {
    let mut i = 0;
    while i < keys.len() {
        let Some(key) = keys[i] else {
            i += 1;
            continue;
        };
        let run = keys[i..].iter().take_while(|k| **k == Some(key)).count();
        if let Some((label, style)) = text(key) {
            let room = run.saturating_sub(2);
            if room >= 6.min(label.chars().count()) && room > 0 {
                let shown = fit(&label, room);
                buf.set_string(x0 + i as u16 + 1, y, &shown, style);
            }
        }
        i += run;
    }
}

/// The glyph and style of a lane's state at `t` (its end mark once it ended).
fn state_glyph(
    lane: &TaskLane,
    t: u64,
    runtime_workers: u16,
    theme: &Theme,
) -> (&'static str, Style) {
    if lane.ended_ns.is_some_and(|e| t >= e)
        || (lane.outcome == Outcome::NeverPolled && t >= lane.spawned_ns)
    {
        let mark = outcome_mark(lane.outcome).unwrap_or(" ");
        return (mark, theme.outcome(lane.outcome));
    }
    match lane.segment_at(t) {
        Some(seg) if t >= lane.spawned_ns => {
            let blocking = seg.state == State::Running
                && seg.duration_ns() >= BLOCKING_POLL_NS
                && seg.worker().is_some_and(|w| w < runtime_workers);
            (
                Theme::state_glyph(seg.state, blocking),
                theme.state(seg.state, blocking),
            )
        }
        _ => (" ", theme.text()),
    }
}

/// Draws the cursor column and the now line over a lane's bars.
pub(super) fn overlay_time(
    buf: &mut Buffer,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    band: Band,
    theme: &Theme,
) {
    for y in band.rows() {
        overlay_row(buf, run, layout, window, y, theme);
    }
}

fn overlay_row(
    buf: &mut Buffer,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    y: u16,
    theme: &Theme,
) {
    let x0 = layout.chart_x();
    let tl = run.shown();
    if !tl.is_finished()
        && let Some(c) = window.col_of(tl.now_ns())
        && c + 1 < window.cols
        && is_blank(buf, x0 + c + 1, y)
    {
        put(buf, x0 + c + 1, y, "│", theme.faint());
    }
    if let Some(c) = run.cursor.and_then(|t| window.col_of(t)) {
        let x = x0 + c;
        if is_blank(buf, x, y) {
            put(buf, x, y, "┊", theme.cursor());
        } else if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_style(theme.cursor_cell());
        }
    }
}

/// Draws one task lane's chart over `band`.
fn draw_task_chart(
    buf: &mut Buffer,
    tl: &Timeline,
    lane: &TaskLane,
    window: &Window,
    x0: u16,
    band: Band,
    theme: &Theme,
) {
    let y = band.y;
    let workers = tl.info().workers;
    let mut cells = vec![Acc::default(); usize::from(window.cols)];
    let start = lane.first_segment_after(window.start);
    for seg in lane.segments()[start..].iter().copied().chain(lane.open()) {
        if seg.start_ns >= window.end() {
            break;
        }
        accumulate(window, &seg, workers, &mut cells);
    }
    let marks: Vec<Mark> = cells.iter().map(Acc::mark).collect();
    for (c, mark) in marks.iter().enumerate() {
        let x = x0 + c as u16;
        match *mark {
            Mark::Empty => {}
            Mark::Run { eighths, blocking } => {
                let glyph = if eighths >= 8 {
                    Theme::state_glyph(State::Running, blocking)
                } else {
                    EIGHTHS[usize::from(eighths)]
                };
                for y in band.rows() {
                    put(buf, x, y, glyph, theme.state(State::Running, blocking));
                }
            }
            Mark::Scheduled => {
                for y in band.rows() {
                    put(
                        buf,
                        x,
                        y,
                        Theme::state_glyph(State::Scheduled, false),
                        theme.state(State::Scheduled, false),
                    );
                }
            }
            Mark::Waiting(_) => put(
                buf,
                x,
                y,
                Theme::state_glyph(State::Waiting, false),
                theme.state(State::Waiting, false),
            ),
        }
    }
    let labels: Vec<Option<Option<LabelId>>> = marks
        .iter()
        .map(|m| match m {
            Mark::Waiting(l) => Some(*l),
            _ => None,
        })
        .collect();
    write_into_runs(buf, x0, y, &labels, |label| {
        let text = tl.label(label?)?;
        Some((text.to_string(), theme.wait_label()))
    });
    // How it ended: a mark right after its last column.
    let end = match lane.outcome {
        Outcome::Running => None,
        Outcome::NeverPolled => Some(lane.spawned_ns),
        _ => lane.ended_ns,
    };
    if let (Some(mark), Some(c)) = (
        outcome_mark(lane.outcome),
        end.and_then(|t| window.col_of(t)),
    ) {
        let c = if matches!(marks[usize::from(c)], Mark::Empty) || c + 1 >= window.cols {
            c
        } else {
            c + 1
        };
        put(buf, x0 + c, y, mark, theme.outcome(lane.outcome));
    }
}

/// Task lanes, scrolled so that `run.scroll` is the first shown.
pub fn draw_tasks(
    app: &App,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    lanes: &[TaskId],
    buf: &mut Buffer,
) {
    let tl = run.shown();
    let theme = &app.theme;
    let instant = run.instant();
    let workers = tl.info().workers;
    let rows = lanes.iter().skip(run.scroll).take(layout.task_lanes());
    for (i, &id) in rows.enumerate() {
        let Some(lane) = tl.task(id) else { continue };
        let band = Band::nth(layout.tasks.y, i, layout.lane_rows);
        let name = format!("{}{}", "  ".repeat(lane.depth()), lane.name);
        let glyph = state_glyph(lane, instant, workers, theme);
        draw_name(
            buf,
            layout,
            band,
            &name,
            run.selected == Some(id),
            glyph,
            theme,
        );
        if run.code && run.selected != Some(id) {
            // The task's colour ties its lane to its line in the code pane.
            let w = layout.name_width.saturating_sub(NAME_EXTRA) + 1;
            buf.set_style(
                ratatui::layout::Rect::new(layout.tasks.x, band.y, w, 1),
                theme.task(id),
            );
        }
        draw_task_chart(buf, tl, lane, window, layout.chart_x(), band, theme);
        overlay_time(buf, run, layout, window, band, theme);
    }
}

/// The rule under the worker lanes: how many task lanes, and how many are collapsed.
pub fn draw_rule(
    app: &App,
    r: ratatui::layout::Rect,
    shown: usize,
    hidden: usize,
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    for x in r.x..r.right() {
        put(buf, x, r.y, "─", theme.faint());
    }
    let mut text = format!(" tasks: {shown} ");
    if hidden > 0 {
        text = format!(" tasks: {shown} running, {hidden} finished collapsed (C shows them) ");
    }
    buf.set_stringn(
        r.x + 1,
        r.y,
        &text,
        usize::from(r.width.saturating_sub(2)),
        theme.dim(),
    );
}
