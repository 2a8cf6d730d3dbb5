//! The compare view: two runs, one above the other, on one shared time axis (one cursor,
//! one zoom, one step mode), with both narrations, both wall times in the status bar, and
//! the findings of both. Each half is drawn by the run view's own lane code.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::caption::draw_caption;
use super::findings::{Listed, draw_findings, settled};
use super::rule;
use super::status::{Cell, TIME_ROOM, Tail, clock, draw_bar};
use super::{axis, footer, lanes, workers};
use crate::ui::app::App;
use crate::ui::compare_layout::{finding_prefix, run_name};
use crate::ui::keymap::Context;
use crate::ui::run_view::{RunView, shared_window};
use crate::ui::screen::CompareScreen;

/// "await-chain 2.00 s · concurrent-group 1.00 s · 2.00x": both runs' times shown (the
/// scenario's own) and how many times longer the slower one took (once both are over); a
/// scenario compared on two runtimes is named by them ("tokio 3.10 s · asyncio 3.11 s").
/// With `room`, each part is as wide as it gets during the runs (for measuring the bar).
/// Without `named`, the times alone, in the order of the halves (whose rules name them).
pub fn walls_text(runs: [&RunView; 2], room: bool, named: bool) -> String {
    let shown = |i: usize| {
        let time = match room {
            true => TIME_ROOM.to_string(),
            false => clock(runs[i].shown().scenario_ns(runs[i].shown().now_ns())),
        };
        match named {
            true => format!("{} {time}", run_name(runs[i], runs[1 - i])),
            false => time,
        }
    };
    let mut text = format!("{} · {}", shown(0), shown(1));
    let [a, b] = runs.map(|r| r.shown().scenario_ns(r.shown().now_ns()));
    let over = runs.iter().all(|r| r.shown().is_finished());
    if room {
        text.push_str(" · 88.88x");
    } else if over && a.min(b) > 0 {
        let ratio = a.max(b) as f64 / a.min(b) as f64;
        text.push_str(&format!(" · {ratio:.2}x"));
    }
    text
}

/// Draws the compare screen.
pub fn draw(app: &App, screen: &CompareScreen, buf: &mut Buffer) {
    let th = &app.theme;
    let (layout, runs) = (&screen.layout, screen.runs.each_ref());
    // The run that lasts longer tells the time shown; both share speed, cursor and zoom.
    let longer = if runs[1].shown().now_ns() > runs[0].shown().now_ns() {
        runs[1]
    } else {
        runs[0]
    };
    let head = |level: u8, room: bool| {
        let mut cells = Vec::new();
        if level == 0 {
            cells.push(Cell::new("compare", th.bar_strong()));
        }
        // The narrowest levels leave the names to the halves' rules: the step mode's cell
        // and the rest of the bar fit at 80 columns.
        cells.push(Cell::new(
            walls_text(runs, room, level < 3),
            th.bar_strong(),
        ));
        cells
    };
    let frozen = runs.iter().any(|r| r.frozen.is_some());
    let live = runs
        .into_iter()
        .find(|r| !r.shown().is_finished())
        .unwrap_or(longer);
    let tail = Tail {
        timeline: live.shown(),
        time: false,
        speed: runs[0].speed,
        next_speed: app.next_speed,
        frozen,
        step: screen.step.as_ref(),
    };
    draw_bar(app, head, &tail, layout.status, buf);
    for (i, rect) in layout.captions.into_iter().enumerate() {
        if let Some(rect) = rect {
            let name = run_name(runs[i], runs[1 - i]);
            draw_caption(app, runs[i], Some(&name), rect, buf);
        }
    }
    let window = shared_window(&screen.runs, layout.chart_cols());
    axis::draw(app, longer, layout.axis, &layout.lanes[0], &window, buf);
    for ((run, half), area) in runs.into_iter().zip(layout.halves).zip(&layout.lanes) {
        title_rule(app, run, half, buf);
        workers::draw_workers(app, run, area, &window, buf);
        lanes::draw_tasks(app, run, area, &window, run.lanes().0, false, buf);
    }
    if let Some(rect) = layout.findings {
        let listed: Vec<Listed> = [0, 1]
            .into_iter()
            .flat_map(|i| {
                let (r, other) = (runs[i], runs[1 - i]);
                settled(r.shown(), r.findings(), &finding_prefix(r, other))
            })
            .collect();
        draw_findings(app, &listed, rect, buf);
    }
    let shown = runs.map(RunView::shown);
    footer::draw_legend(app, &shown, layout.legend, buf);
    if let Some(rect) = layout.footer {
        footer::draw_footer(app, Context::Compare, rect, buf);
    }
}

/// The rule over one half: the scenario, its runtime and the time shown.
fn title_rule(app: &App, run: &RunView, half: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    if half.height == 0 {
        return;
    }
    let tl = run.shown();
    let info = tl.info();
    let state = if tl.is_finished() { "done" } else { "live" };
    let title = format!(
        "─ {} · {} · {} {state} ",
        info.scenario,
        info.runtime_short(),
        tl.show_ns(tl.now_ns())
    );
    rule::title_rule(buf, half, &title, th.accent());
}
