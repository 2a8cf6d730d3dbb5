//! Worker lanes: which task each runtime worker polled when (idle while parked), then the
//! blocking pool's threads, each in a lane of its own.

use ratatui::buffer::Buffer;

use super::rows::{Band, draw_name, overlay_time, put, write_into_runs};
use crate::record::{TaskId, WorkerId};
use crate::timeline::{Busy, State, WorkerLane};
use crate::ui::app::App;
use crate::ui::layout::LaneArea;
use crate::ui::run_view::RunView;
use crate::ui::theme::{EIGHTHS, PARKED, Theme};
use crate::ui::window::Window;

/// The name of a worker lane.
pub fn worker_name(w: &WorkerLane, runtime_workers: u16) -> String {
    if w.blocking_pool {
        format!(
            "blocking #{}",
            w.index.saturating_sub(runtime_workers as WorkerId)
        )
    } else {
        format!("worker {}", w.index)
    }
}

/// The poll a worker was in at `t`, if any (the open one extended to now).
fn busy_at(w: &WorkerLane, t: u64) -> Option<Busy> {
    let i = w.busy().partition_point(|b| b.end_ns <= t);
    match w.busy().get(i) {
        Some(b) if b.start_ns <= t => Some(*b),
        Some(_) => None,
        None => w.open().filter(|b| b.start_ns <= t),
    }
}

/// Worker lanes: which task each runtime worker (then blocking-pool thread) polled when.
pub fn draw_workers(
    app: &App,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    buf: &mut Buffer,
) {
    let tl = run.shown();
    let theme = &app.theme;
    let runtime_workers = tl.info().workers;
    let x0 = layout.chart_x();
    let now = tl.now_ns();
    for (i, w) in tl.workers().iter().take(layout.worker_lanes()).enumerate() {
        let band = Band::at(layout.worker_y(i), layout.lane_rows);
        let y = band.y;
        let glyph = match busy_at(w, run.instant()) {
            Some(b) => {
                let blocking = w.is_long_poll(&b);
                (
                    Theme::state_glyph(State::Running, blocking),
                    theme.state(State::Running, blocking),
                )
            }
            None => (PARKED, theme.faint()),
        };
        draw_name(
            buf,
            layout,
            band,
            &worker_name(w, runtime_workers),
            false,
            glyph,
            theme,
        );
        // Idle (parked) time is a faint dotted line up to now.
        let idle_end = window.col_of(now).map_or(window.cols, |c| c + 1);
        for c in 0..idle_end {
            put(buf, x0 + c, y, PARKED, theme.faint());
        }
        let mut owner: Vec<Option<(TaskId, bool)>> = vec![None; usize::from(window.cols)];
        let mut busy = vec![0u64; usize::from(window.cols)];
        let first = w.busy().partition_point(|b| b.end_ns <= window.start);
        for b in w.busy()[first..].iter().copied().chain(w.open()) {
            if b.start_ns >= window.end() {
                break;
            }
            let (a, e) = (b.start_ns.max(window.start), b.end_ns.min(window.end()));
            let (Some(c0), Some(c1)) = (window.col_of(a), window.col_of(e.saturating_sub(1)))
            else {
                continue;
            };
            for c in c0..=c1 {
                let ns = window
                    .col_start(c + 1)
                    .min(e)
                    .saturating_sub(window.col_start(c).max(a));
                busy[usize::from(c)] += ns;
                owner[usize::from(c)] = Some((b.task, w.is_long_poll(&b)));
            }
        }
        for c in 0..window.cols {
            let Some((_, blocking)) = owner[usize::from(c)] else {
                continue;
            };
            let ns = busy[usize::from(c)];
            let full = ns * 2 >= window.col_ns();
            let eighths = (ns * 8).div_ceil(window.col_ns()).clamp(1, 7) as usize;
            let glyph = if full {
                Theme::state_glyph(State::Running, blocking)
            } else {
                EIGHTHS[eighths]
            };
            for y in band.rows() {
                put(buf, x0 + c, y, glyph, theme.state(State::Running, blocking));
            }
        }
        write_into_runs(buf, x0, y, &owner, |(task, blocking)| {
            let name = tl.task(task)?.name.clone();
            Some((name, theme.bar_text(blocking)))
        });
        overlay_time(buf, run, layout, window, band, theme);
    }
}
