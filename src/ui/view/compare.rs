//! The compare view: two runs, one above the other, on one shared time axis, with their
//! wall times side by side in the status bar. Each half is drawn by the run view's own lane
//! code over half the height.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{axis, lanes, workers};
use crate::timeline::format_duration;
use crate::ui::app::App;
use crate::ui::keymap::Context;
use crate::ui::run_view::RunView;
use crate::ui::screen::CompareScreen;
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
pub fn draw(app: &App, screen: &CompareScreen, buf: &mut Buffer) {
    let th = &app.theme;
    let (layout, runs) = (&screen.layout, screen.runs.each_ref());
    let status = layout.status;
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
    if full.width() <= usize::from(status.width) {
        full
    } else {
        short
    }
    .render(status, buf);
    super::status::draw_footer(app, Context::Compare, layout.footer, buf);
    let window = shared_window(runs, layout.chart_cols());
    axis::draw(app, runs[0], layout.axis, &layout.lanes[0], &window, buf);
    for ((run, half), area) in runs.into_iter().zip(layout.halves).zip(&layout.lanes) {
        title_rule(app, run, half, buf);
        workers::draw_workers(app, run, area, &window, buf);
        lanes::draw_tasks(app, run, area, &window, run.lanes().0, buf);
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
        info.runtime.as_str(),
        info.workers,
        format_duration(run.shown().now_ns())
    );
    let rule = format!("{title}{}", "─".repeat(usize::from(half.width)));
    buf.set_stringn(half.x, half.y, &rule, usize::from(half.width), th.accent());
}
