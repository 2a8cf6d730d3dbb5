//! The compare view: two runs, one above the other, on one shared time axis, with their
//! wall times side by side in the status bar. Each half is drawn by the run view's own lane
//! code over half the height.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{LaneArea, MAX_NAME, axis, lanes, workers};
use crate::timeline::format_duration;
use crate::ui::app::{App, RunView};
use crate::ui::keymap::Context;
use crate::ui::window::{Window, fit_span};

/// "await-chain 2.00 s · concurrent-group 1.00 s · 2.00x": both wall times so far and how
/// many times longer the slower one took (once both are over).
pub fn walls_text(runs: [&RunView; 2]) -> String {
    let [a, b] = runs.map(|r| (r.scenario.name.as_str(), r.shown().now_ns()));
    let mut text = format!(
        "{} {} · {} {}",
        a.0,
        format_duration(a.1),
        b.0,
        format_duration(b.1)
    );
    let over = runs.iter().all(|r| r.shown().is_finished());
    if over && a.1.min(b.1) > 0 {
        let ratio = a.1.max(b.1) as f64 / a.1.min(b.1) as f64;
        text.push_str(&format!(" · {ratio:.2}x"));
    }
    text
}

/// The time window both halves share: from 0 to the longer run.
pub fn shared_window(runs: [&RunView; 2], cols: u16) -> Window {
    let now = runs.iter().map(|r| r.shown().now_ns()).max().unwrap_or(0);
    let finished = runs.iter().all(|r| r.shown().is_finished());
    Window {
        start: 0,
        span: fit_span(now, finished),
        cols,
    }
}

/// Draws the compare screen.
pub fn draw(app: &App, runs: [&RunView; 2], area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let status = Rect::new(area.x, area.y, area.width, 1);
    buf.set_style(status, th.bar());
    let live = runs.iter().any(|r| !r.timeline.is_finished());
    let badge = if live { " ● LIVE " } else { " ■ DONE " };
    let sep = Span::styled(" │ ", th.bar());
    let walls = Span::styled(walls_text(runs), th.bar_strong());
    let badge = Span::styled(badge, th.badge(live, false));
    let full = Line::from(vec![
        Span::styled(" compare", th.bar_strong()),
        sep.clone(),
        walls.clone(),
        sep.clone(),
        Span::styled(format!("speed {}x", runs[0].speed), th.bar()),
        sep,
        badge.clone(),
    ]);
    // Narrow terminals keep what matters: the walls, and whether it is over.
    let short = Line::from(vec![Span::styled(" ", th.bar()), walls, badge]);
    if full.width() <= usize::from(area.width) {
        full
    } else {
        short
    }
    .render(status, buf);
    let footer = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    super::status::draw_footer(app, Context::Compare, footer, buf);
    let axis_rect = Rect::new(area.x, area.y + 1, area.width, 2);
    let body_y = axis_rect.bottom();
    let body_h = footer.y.saturating_sub(body_y);
    let lanes_of = runs.map(|r| r.lanes().0);
    let name_width = lanes_of
        .iter()
        .zip(runs)
        .map(|(lanes, run)| super::name_width(run, lanes, area.width))
        .max()
        .unwrap_or(lanes::NAME_EXTRA)
        .min(MAX_NAME + lanes::NAME_EXTRA);
    let halves = [
        Rect::new(area.x, body_y, area.width, body_h / 2),
        Rect::new(area.x, body_y + body_h / 2, area.width, body_h - body_h / 2),
    ];
    let chart_cols = area.width.saturating_sub(name_width).max(1);
    let window = shared_window(runs, chart_cols);
    let first = half_area(runs[0], halves[0], name_width);
    axis::draw(app, runs[0], axis_rect, &first, &window, buf);
    for ((run, half), lanes) in runs.into_iter().zip(halves).zip(&lanes_of) {
        let area = half_area(run, half, name_width);
        title_rule(app, run, half, buf);
        workers::draw_workers(app, run, &area, &window, buf);
        lanes::draw_tasks(app, run, &area, &window, lanes, buf);
    }
}

/// One half's lanes: a title row, then its workers (up to a third of the half), then tasks.
fn half_area(run: &RunView, half: Rect, name_width: u16) -> LaneArea {
    let rows = half.height.saturating_sub(1);
    let worker_rows = (run.shown().workers().len() as u16).min((rows / 3).max(1));
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

/// The rule over one half: the scenario, its runtime and its wall time.
fn title_rule(app: &App, run: &RunView, half: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    if half.height == 0 {
        return;
    }
    let info = run.shown().info();
    let state = if run.shown().is_finished() {
        "done"
    } else {
        "live"
    };
    let title = format!(
        "─ {} · {}×{} · {} {state} ",
        info.scenario,
        info.flavor.as_str(),
        info.workers,
        format_duration(run.shown().now_ns())
    );
    let rule = format!("{title}{}", "─".repeat(usize::from(half.width)));
    buf.set_stringn(half.x, half.y, &rule, usize::from(half.width), th.accent());
}
