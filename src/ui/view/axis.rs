//! The time axis above the lanes: round tick labels in ms or s of the scenario's own time
//! (at any speed), tick marks, the now mark, the time cursor (its time over its column)
//! and the zoom (the span shown, left of the labels).

use ratatui::buffer::Buffer;

use ratatui::layout::Rect;

use crate::ui::app::App;
use crate::ui::layout::LaneArea;
use crate::ui::run_view::RunView;
use crate::ui::window::{Window, tick_label, tick_step};

/// Fewest columns between two ticks, so their labels never touch.
const TICK_SPACING: u16 = 10;

/// Draws the two axis rows: labels, then the tick line.
pub fn draw(
    app: &App,
    run: &RunView,
    axis: Rect,
    layout: &LaneArea,
    window: &Window,
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    let (labels_y, ticks_y) = (axis.y, axis.y + 1);
    let x0 = layout.chart_x();
    let right = axis.right();
    let name_w = layout.name_width;
    buf.set_stringn(
        axis.x + 1,
        ticks_y,
        "time →",
        usize::from(name_w.saturating_sub(2)),
        theme.dim(),
    );
    if run.zoom.is_some() {
        let zoom = format!("zoom {}", run.shown().show_ns(window.span));
        let room = usize::from(name_w.saturating_sub(2));
        buf.set_stringn(axis.x + 1, labels_y, zoom, room, theme.strong());
    }
    buf.set_string(x0 - 1, ticks_y, "┌", theme.faint());
    for x in x0..right {
        buf.set_string(x, ticks_y, "─", theme.faint());
    }
    // The cursor's time label goes over the tick labels: those it would cover are skipped.
    let cursor_label = run.cursor.and_then(|cursor| {
        let c = window.col_of(cursor)?;
        let x = x0 + c;
        let label = format!(" {} ", run.shown().show_ns(cursor));
        let w = label.chars().count() as u16;
        let lx = x
            .saturating_sub(w / 2)
            .clamp(x0, right.saturating_sub(w).max(x0));
        Some((x, lx, w, label))
    });
    // Ticks are round in the scenario's time: the same window, measured in it.
    let tl = run.shown();
    let scenario = Window {
        start: tl.scenario_ns(window.start),
        span: tl.scenario_ns(window.span).max(1),
        cols: window.cols,
    };
    let step = tick_step(&scenario, TICK_SPACING);
    let mut t = scenario.start.div_ceil(step) * step;
    let mut free_from = x0;
    while t < scenario.end() {
        if let Some(c) = scenario.col_of(t) {
            let x = x0 + c;
            buf.set_string(x, ticks_y, "┬", theme.faint());
            let label = tick_label(t);
            let w = label.chars().count() as u16;
            // A label that would run past the right edge ends a column before it instead,
            // still over its tick, so the run's last round time stays on the axis.
            let lx = if x + w > right {
                right.saturating_sub(w + 1)
            } else {
                x
            };
            let covered = cursor_label
                .as_ref()
                .is_some_and(|(_, cx, cw, _)| lx <= cx + cw && lx + w >= *cx);
            if lx >= free_from && !covered {
                buf.set_string(lx, labels_y, &label, theme.dim());
                free_from = lx + w + 1;
            }
        }
        t += step;
    }
    if !tl.is_finished()
        && let Some(c) = window.col_of(tl.now_ns())
        && c + 1 < window.cols
    {
        buf.set_string(x0 + c + 1, ticks_y, "┃", theme.accent());
    }
    if let Some((x, lx, _, label)) = cursor_label {
        buf.set_string(x, ticks_y, "▼", theme.cursor());
        buf.set_stringn(
            lx,
            labels_y,
            &label,
            usize::from(right - lx),
            theme.cursor(),
        );
    }
}
