//! The run view's and the compare view's commands: lanes, cursor, zoom, code pane, step
//! mode, rerun. They read the derived lanes and layout kept beside the run.

use super::app::App;
use super::keymap::Command;
use super::launch::{back_to_menu, quit, start_compare, start_run};
use super::msg::{Effect, Effects};
use super::run_view::RunView;
use super::screen::Screen;

/// Narrowest zoom: one column covers at least this much time.
const MIN_COL_NS: u64 = 1_000;

/// Folds a command of the run view (or the attach view) into `app`.
pub(super) fn run_command(app: &mut App, command: Command) -> Effects {
    let page = usize::from(app.size.1.saturating_sub(8).max(1));
    let attached = matches!(app.screen, Screen::Attach(_));
    let Some(screen) = app.screen.single_mut() else {
        return Effects::none();
    };
    let cols = screen.layout.chart_cols();
    let run = &mut screen.run;
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
        Command::NextStep => return vec![Effect::NextStep].into(),
        Command::Code => run.code = !run.code,
        Command::Language => run.lang = run.lang.other(),
        Command::ZoomIn | Command::ZoomOut => zoom(run, cols, command == Command::ZoomIn),
        Command::ZoomFit => run.zoom = None,
        Command::Collapse => run.collapse = !run.collapse,
        Command::Rerun => {
            let scenario = run.scenario.clone();
            return start_run(app, scenario);
        }
        // An attached process has no menu to go back to.
        Command::Back if attached => return quit(app),
        Command::Back => return back_to_menu(app),
        _ => {}
    }
    Effects::none()
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

/// Zooms in (halves the span) or out (doubles it) around the cursor, within bounds.
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
pub(super) fn compare_command(app: &mut App, command: Command) -> Effects {
    let Screen::Compare(compare) = &app.screen else {
        return Effects::none();
    };
    match command {
        Command::Rerun => {
            let pair = compare.runs.each_ref().map(|r| r.scenario.clone());
            start_compare(app, pair)
        }
        Command::Back => back_to_menu(app),
        _ => Effects::none(),
    }
}
