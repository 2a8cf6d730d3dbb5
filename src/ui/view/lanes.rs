//! Worker and task lanes: a name column, then time flowing left to right. With few lanes a
//! lane is taller (see [`Band`]): running, blocking and scheduled time fill its band, and the
//! waiting line, its label and the end mark stay on its first row.
//!
//! A lane is read only inside the visible window (from `first_segment_after`), so drawing
//! stays proportional to what is on screen, not to the length of the run.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::rows::{Band, draw_name, overlay_time, put, write_into_runs};
use crate::record::{LabelId, TaskId, TaskKind};
use crate::timeline::{Outcome, Segment, State, TaskLane, Timeline};
use crate::ui::app::App;
use crate::ui::lane_tree::lane_label;
use crate::ui::layout::{LaneArea, NAME_EXTRA};
use crate::ui::marks::end_mark;
use crate::ui::run_view::RunView;
use crate::ui::theme::{EIGHTHS, Theme};
use crate::ui::window::Window;

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
    let blocking = seg.is_blocking(runtime_workers);
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
        let mark = end_mark(lane).unwrap_or(" ");
        return (mark, theme.outcome(lane.outcome));
    }
    match lane.segment_at(t) {
        Some(seg) if t >= lane.spawned_ns => {
            let blocking = seg.is_blocking(runtime_workers);
            (
                Theme::state_glyph(seg.state, blocking),
                theme.state(seg.state, blocking),
            )
        }
        _ => (" ", theme.text()),
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
    if let (Some(mark), Some(c)) = (end_mark(lane), end.and_then(|t| window.col_of(t))) {
        let c = if matches!(marks[usize::from(c)], Mark::Empty) || c + 1 >= window.cols {
            c
        } else {
            c + 1
        };
        put(buf, x0 + c, y, mark, theme.outcome(lane.outcome));
    }
}

/// Task lanes, scrolled so that `run.scroll` is the first shown; with the code pane shown
/// (`code`), each name in its task's colour there.
pub fn draw_tasks(
    app: &App,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    lanes: &[TaskId],
    code: bool,
    buf: &mut Buffer,
) {
    let tl = run.shown();
    let theme = &app.theme;
    let instant = run.instant();
    let workers = tl.info().workers;
    let rows = lanes.iter().skip(run.scroll).take(layout.task_lanes());
    for (i, &id) in rows.enumerate() {
        let Some(lane) = tl.task(id) else { continue };
        let band = Band::at(layout.task_y(i), layout.lane_rows);
        let name = lane_label(lane, run.shown_lanes().folded_count(id));
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
        if code && run.selected != Some(id) {
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

/// The rule under the worker lanes: how many tasks and branches are shown, and what is
/// left out of them: finished tasks collapsed, lanes folded away, lanes the room has no
/// row for (`fitting` of them fit), a filter (being typed).
pub fn draw_rule(
    app: &App,
    run: &RunView,
    fitting: usize,
    r: ratatui::layout::Rect,
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    for x in r.x..r.right() {
        put(buf, x, r.y, "─", theme.faint());
    }
    let (mut counts, filter) = rule_parts(run);
    let hidden = run.lanes().0.len().saturating_sub(fitting);
    if hidden > 0 {
        counts.push_str(&format!(" · {hidden} more not shown (↑↓)"));
    }
    let mut spans = vec![Span::styled(format!(" {counts} "), theme.dim())];
    if let Some((typed, tail)) = filter {
        spans.push(Span::styled(typed, theme.accent()));
        if run.choice.typing {
            spans.push(Span::styled("▏", theme.cursor()));
        }
        spans.push(Span::styled(format!(" {tail} "), theme.dim()));
    }
    let area = ratatui::layout::Rect::new(r.x + 1, r.y, r.width.saturating_sub(2), 1);
    Line::from(spans).render(area, buf);
}

/// How many of `ids` are tasks, branches and futures (a future never awaited is not a
/// task), as the headless table tells them apart.
fn kinds(tl: &Timeline, ids: &[TaskId]) -> [usize; 3] {
    let mut counts = [0; 3];
    for lane in ids.iter().filter_map(|&id| tl.task(id)) {
        let at = match lane.kind {
            TaskKind::Branch(_) => 1,
            TaskKind::Future => 2,
            _ => 0,
        };
        counts[at] += 1;
    }
    counts
}

/// What the rule says: "tasks: 1 · branches: 2" and what is left out, then the filter (what
/// is typed, and how many lanes it matches), if one is on.
pub fn rule_parts(run: &RunView) -> (String, Option<(String, String)>) {
    let tl = run.shown();
    let shown = run.shown_lanes();
    let [tasks, branches, futures] = kinds(tl, &shown.lanes);
    let mut text = format!("tasks: {tasks}");
    if branches > 0 {
        text.push_str(&format!(" · branches: {branches}"));
    }
    if futures > 0 {
        text.push_str(&format!(" · futures: {futures}"));
    }
    if run.collapse {
        text.push_str(" running");
    }
    if !shown.finished.is_empty() {
        let words = [
            ("task", "tasks"),
            ("branch", "branches"),
            ("future", "futures"),
        ];
        let counts = kinds(tl, &shown.finished);
        let parts: Vec<String> = counts
            .iter()
            .zip(words)
            .filter(|(n, _)| **n > 0)
            .map(|(&n, (one, many))| format!("{n} {}", if n == 1 { one } else { many }))
            .collect();
        let parts = parts.join(", ");
        text.push_str(&format!(" · {parts} finished collapsed (C shows them)"));
    }
    let folded = shown.folded_away();
    if folded > 0 {
        text.push_str(&format!(" · {folded} folded away (O unfolds)"));
    }
    let choice = &run.choice;
    if !choice.filtering() {
        return (text, None);
    }
    text.push_str(" ·");
    let (matches, among) = shown
        .matched
        .unwrap_or((shown.lanes.len(), shown.lanes.len()));
    let keys = if choice.typing {
        "Enter keeps, Esc clears"
    } else {
        "Esc clears"
    };
    let tail = format!("{matches} of {among} match ({keys})");
    (text, Some((format!("/{}", choice.filter), tail)))
}
