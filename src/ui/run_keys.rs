//! The run view's and the compare view's commands: lanes, cursor, zoom, code pane, step
//! mode, rerun. They read the derived lanes and layout kept beside the run. The compare
//! view's two runs share one cursor, one zoom and one step mode.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::code_choice::CodePane;
use super::keymap::Command;
use super::launch::{back_to_menu, quit, start_compare, start_run, start_script};
use super::msg::Effects;
use super::run_view::{RunView, shared_window};
use super::screen::Screen;
use super::step::Stepper;
use super::window::{Window, fit_span};

/// Narrowest zoom: one column covers at least this much time.
const MIN_COL_NS: u64 = 1_000;

/// Folds a command of the run view (or the attach view) into `app`.
pub(super) fn run_command(app: &mut App, command: Command) -> Effects {
    let attached = matches!(app.screen, Screen::Attach(_));
    let Some(screen) = app.screen.single_mut() else {
        return Effects::none();
    };
    let page = screen.layout.lanes().task_lanes().max(1);
    let cols = screen.layout.chart_cols();
    let code_shown = screen.layout.code.is_some();
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
                None => Some(run.shown().clone()),
            }
        }
        Command::CursorLeft
        | Command::CursorRight
        | Command::CursorFarLeft
        | Command::CursorFarRight => {
            let window = run.window(cols);
            let now = run.shown().now_ns();
            run.cursor = Some(moved_cursor(&window, now, run.cursor, columns(command)));
        }
        Command::CursorNow => run.cursor = None,
        Command::NextStep => screen.step.iter_mut().for_each(Stepper::next),
        Command::StepMode => {
            app.step_mode = toggle_step(&mut screen.step, std::slice::from_mut(run));
        }
        Command::Code if code_shown => run.code = CodePane::Closed,
        Command::Code => run.code = CodePane::Open,
        Command::Language => run.lang = run.lang.other(),
        Command::ZoomIn | Command::ZoomOut => zoom(run, cols, command == Command::ZoomIn),
        Command::ZoomFit => run.zoom = None,
        Command::Collapse => run.collapse = !run.collapse,
        Command::Fold => fold(run),
        Command::UnfoldAll => run.choice.folds.clear(),
        Command::Filter => run.choice.typing = true,
        Command::KeepFilter => run.choice.typing = false,
        // Esc closes the details, then clears a filter, before it leaves.
        Command::Back if run.details => run.details = false,
        Command::Back if run.choice.filtering() => {
            run.choice.typing = false;
            run.choice.filter.clear();
        }
        Command::Rerun => {
            if let Some(script) = run.script.clone() {
                return start_script(app, script);
            }
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

/// Folds the selected task, or unfolds it; on a lane with nothing under it, folds its
/// parent and selects it (its branches and siblings fold away with it).
fn fold(run: &mut RunView) {
    let Some(id) = run.selected else { return };
    let folds = &mut run.choice.folds;
    if let Some(at) = folds.iter().position(|&f| f == id) {
        folds.remove(at);
        return;
    }
    if let Some(target) = run.fold_target(id) {
        run.choice.folds.push(target);
        run.selected = Some(target);
    }
}

/// A key with no binding while the lanes' filter is typed: letters type into it,
/// Backspace erases.
pub(super) fn edit_lane_filter(app: &mut App, key: KeyEvent) {
    let Some(screen) = app.screen.single_mut() else {
        return;
    };
    let filter = &mut screen.run.choice.filter;
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            filter.push(c);
        }
        KeyCode::Backspace => {
            filter.pop();
        }
        _ => {}
    }
}

/// Columns a cursor command moves by.
fn columns(command: Command) -> i64 {
    match command {
        Command::CursorLeft => -1,
        Command::CursorRight => 1,
        Command::CursorFarLeft => -10,
        _ => 10,
    }
}

/// Step mode on or off for `runs` (a frozen view thaws: step mode holds it instead); off
/// lets them show now again. Returns whether it is on.
fn toggle_step(step: &mut Option<Stepper>, runs: &mut [RunView]) -> bool {
    *step = match step {
        Some(_) => None,
        None => Some(Stepper::new()),
    };
    for run in runs {
        run.frozen = None;
        if step.is_none() {
            run.hold = None;
        }
    }
    step.is_some()
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

/// The cursor moved `by_cols` columns of `window` from `from` (or from now), kept inside
/// the run (`now` ns).
fn moved_cursor(window: &Window, now: u64, from: Option<u64>, by_cols: i64) -> u64 {
    let from = from.unwrap_or(now.min(window.end().saturating_sub(1)));
    let step = window.col_ns() as i64 * by_cols;
    (from as i64).saturating_add(step).clamp(0, now as i64) as u64
}

/// The zoom after zooming in (half the span of `window`) or out (twice), within bounds;
/// None once it covers the whole run (`now` ns, `finished` or not).
fn zoomed(window: &Window, now: u64, finished: bool, zoom_in: bool) -> Option<u64> {
    let min = MIN_COL_NS * u64::from(window.cols.max(1));
    let span = if zoom_in {
        (window.span / 2).max(min)
    } else {
        window.span.saturating_mul(2)
    };
    (span < fit_span(now, finished)).then_some(span)
}

/// Zooms `run` in or out around its cursor.
pub(super) fn zoom(run: &mut RunView, cols: u16, zoom_in: bool) {
    let tl = run.shown();
    run.zoom = zoomed(&run.window(cols), tl.now_ns(), tl.is_finished(), zoom_in);
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

/// Folds a command of the compare view into `app`: cursor, zoom and step mode apply to
/// both runs at once.
pub(super) fn compare_command(app: &mut App, command: Command) -> Effects {
    let Screen::Compare(compare) = &mut app.screen else {
        return Effects::none();
    };
    let cols = compare.layout.chart_cols();
    let window = shared_window(&compare.runs, cols);
    let now = compare
        .runs
        .iter()
        .map(|r| r.shown().now_ns())
        .max()
        .unwrap_or(0);
    let finished = compare.runs.iter().all(|r| r.shown().is_finished());
    let (cursor, zoom) = (compare.runs[0].cursor, compare.runs[0].zoom);
    let (cursor, zoom) = match command {
        // Each run again on the runtime it ran on.
        Command::Rerun => {
            let pair = compare.runs.each_ref().map(|r| r.scenario.clone());
            let engines = compare
                .runs
                .each_ref()
                .map(|r| r.timeline.info().runtime.engine());
            return start_compare(app, pair, engines);
        }
        Command::Back => return back_to_menu(app),
        Command::NextStep => {
            compare.step.iter_mut().for_each(Stepper::next);
            return Effects::none();
        }
        Command::StepMode => {
            app.step_mode = toggle_step(&mut compare.step, &mut compare.runs);
            return Effects::none();
        }
        Command::CursorLeft
        | Command::CursorRight
        | Command::CursorFarLeft
        | Command::CursorFarRight => (
            Some(moved_cursor(&window, now, cursor, columns(command))),
            zoom,
        ),
        Command::CursorNow => (None, zoom),
        Command::ZoomIn | Command::ZoomOut => (
            cursor,
            zoomed(&window, now, finished, command == Command::ZoomIn),
        ),
        Command::ZoomFit => (cursor, None),
        _ => return Effects::none(),
    };
    for run in &mut compare.runs {
        (run.cursor, run.zoom) = (cursor, zoom);
    }
    Effects::none()
}
