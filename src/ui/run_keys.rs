//! The run view's and the compare view's commands: lanes, cursor, zoom, code pane, step
//! mode, rerun. Split from `update.rs`, which routes keys here.

use super::app::{App, RunView, Screen};
use super::keymap::Command;
use super::update::{Effect, area, start_compare, start_run};
use super::view::run_layout;

/// Narrowest zoom: one column covers at least this much time.
const MIN_COL_NS: u64 = 1_000;

/// Chart columns of the run screen at the current size.
fn chart_cols(app: &App, run: &RunView) -> u16 {
    let (lanes, _) = run.lanes();
    run_layout(area(app), run, &lanes, &run.shown().findings()).chart_cols()
}

/// Folds a command of the run view into `app`.
pub(super) fn run_command(app: &mut App, command: Command) -> Vec<Effect> {
    let page = usize::from(app.size.1.saturating_sub(8).max(1));
    let needs_cols = matches!(
        command,
        Command::CursorLeft
            | Command::CursorRight
            | Command::CursorFarLeft
            | Command::CursorFarRight
            | Command::ZoomIn
            | Command::ZoomOut
    );
    let cols = match &app.run {
        Some(run) if needs_cols => chart_cols(app, run),
        _ => 1,
    };
    let Some(run) = app.run.as_mut() else {
        app.screen = Screen::Menu;
        return Vec::new();
    };
    match command {
        Command::Up => move_selection(run, -1),
        Command::Down => move_selection(run, 1),
        Command::PageUp => move_selection(run, -(page as isize)),
        Command::PageDown => move_selection(run, page as isize),
        Command::Top => move_selection(run, isize::MIN / 2),
        Command::Bottom => move_selection(run, isize::MAX / 2),
        Command::Details => run.details = !run.details,
        Command::Freeze => {
            run.frozen = match run.frozen {
                Some(_) => None,
                None => Some(run.timeline.clone()),
            }
        }
        Command::CursorLeft
        | Command::CursorRight
        | Command::CursorFarLeft
        | Command::CursorFarRight => {
            let by: i64 = match command {
                Command::CursorLeft => -1,
                Command::CursorRight => 1,
                Command::CursorFarLeft => -10,
                _ => 10,
            };
            move_cursor(run, cols, by);
        }
        Command::CursorNow => run.cursor = None,
        Command::NextStep if run.step_mode && !run.shown().is_finished() => {
            return vec![Effect::NextStep];
        }
        Command::NextStep => {
            app.flash = Some(
                "n lets one more step start in step mode: ctrl-t in the menu, or run --step".into(),
            );
        }
        Command::Code | Command::Language if run.attached.is_some() => {
            app.flash = Some("an attached process has no code listing".into());
        }
        Command::Code => run.code = !run.code,
        Command::Language => run.lang = run.lang.other(),
        Command::Rerun | Command::Speed if run.attached.is_some() => {
            app.flash = Some("attached to another process: it cannot be rerun or sped up".into());
        }
        Command::ZoomIn | Command::ZoomOut => zoom(run, cols, command == Command::ZoomIn),
        Command::ZoomFit => run.zoom = None,
        Command::Collapse => run.collapse = !run.collapse,
        Command::Rerun => {
            let scenario = run.scenario.clone();
            return start_run(app, scenario);
        }
        Command::Back if run.attached.is_some() => return super::update::quit(app),
        Command::Back => {
            app.run = None;
            app.screen = Screen::Menu;
            return vec![Effect::StopRun];
        }
        _ => {}
    }
    Vec::new()
}

fn move_selection(run: &mut RunView, by: isize) {
    let (lanes, _) = run.lanes();
    if lanes.is_empty() {
        return;
    }
    let at = run
        .selected
        .and_then(|s| lanes.iter().position(|&l| l == s))
        .unwrap_or(0);
    let to = (at as isize)
        .saturating_add(by)
        .clamp(0, lanes.len() as isize - 1);
    run.selected = Some(lanes[to as usize]);
}

fn move_cursor(run: &mut RunView, cols: u16, by_cols: i64) {
    let window = run.window(cols);
    let now = run.shown().now_ns();
    let from = run
        .cursor
        .unwrap_or(now.min(window.end().saturating_sub(1)));
    let step = window.col_ns() as i64 * by_cols;
    run.cursor = Some((from as i64).saturating_add(step).clamp(0, now as i64) as u64);
}

pub(super) fn zoom(run: &mut RunView, cols: u16, zoom_in: bool) {
    let span = run.window(cols).span;
    let min = MIN_COL_NS * u64::from(cols.max(1));
    run.zoom = if zoom_in {
        Some((span / 2).max(min))
    } else {
        // Zooming out past the whole run fits it (see RunView::window).
        Some(span.saturating_mul(2))
    };
    let fit = super::window::fit_span(run.shown().now_ns(), run.shown().is_finished());
    if run.zoom.is_some_and(|z| z >= fit) {
        run.zoom = None;
    }
}

/// The scroll offset that keeps row `at` of `len` in a view of `rows`, moving as little as
/// possible from `scroll`.
pub(super) fn keep_visible(scroll: usize, at: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let scroll = if at < scroll {
        at
    } else if at >= scroll + rows {
        at + 1 - rows
    } else {
        scroll
    };
    scroll.min(len.saturating_sub(rows))
}

/// Folds a command of the compare view into `app`.
pub(super) fn compare_command(app: &mut App, command: Command) -> Vec<Effect> {
    match command {
        Command::Rerun => {
            let pair = app.run.as_ref().zip(app.other.as_ref());
            if let Some((a, b)) = pair {
                let pair = [a.scenario.clone(), b.scenario.clone()];
                return start_compare(app, pair);
            }
            Vec::new()
        }
        Command::Back => {
            app.run = None;
            app.other = None;
            app.screen = Screen::Menu;
            vec![Effect::StopRun]
        }
        _ => Vec::new(),
    }
}
