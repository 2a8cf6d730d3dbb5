//! `update`: the only place the state changes. Takes one message, returns effects as data
//! for the loop to carry out (start or stop a run, quit).

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;

use super::app::{App, Overlay, RunView, SPEEDS, Screen};
use super::keymap::{self, Command, Context};
use super::view::{MenuLayout, list_rows, run_layout};
use crate::scenario::Scenario;

/// Narrowest zoom: one column covers at least this much time.
const MIN_COL_NS: u64 = 1_000;

/// Something that happened, for `update` to fold into the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// The mouse clicked or scrolled.
    Mouse(MouseEvent),
    /// The terminal has a new size (width, height).
    Resize(u16, u16),
    /// The run's timeline moved on (new events drained, the clock advanced).
    Tick,
    /// SIGTERM, SIGHUP or SIGINT arrived: leave cleanly.
    Signal,
}

/// What the loop must do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Start running a scenario, feeding `App::run`'s timeline.
    StartRun {
        /// The scenario.
        scenario: Arc<Scenario>,
        /// Its playback speed.
        speed: f64,
    },
    /// Stop the run in progress, if any (never waits for it).
    StopRun,
    /// Leave the dashboard.
    Quit,
}

/// Folds `msg` into `app`; returns what the loop must do.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Mouse(mouse) if app.mouse => super::mouse::on_mouse(app, mouse),
        Msg::Mouse(_) | Msg::Tick => Vec::new(),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Msg::Signal => quit(app),
    };
    settle(app);
    effects
}

/// Opens the run view on `scenario` and asks the loop to start it.
pub fn start_run(app: &mut App, scenario: Arc<Scenario>) -> Vec<Effect> {
    let speed = app.next_speed;
    app.run = Some(RunView::new(scenario.clone(), speed));
    app.screen = Screen::Run;
    app.overlay = Overlay::None;
    settle(app);
    vec![Effect::StopRun, Effect::StartRun { scenario, speed }]
}

fn quit(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    vec![Effect::StopRun, Effect::Quit]
}

pub(super) fn area(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let context = match app.screen {
        Screen::Menu => Context::Menu,
        Screen::Run => Context::Run,
    };
    match keymap::lookup(context, &key) {
        Some(command) => on_command(app, command),
        None if context == Context::Menu && key.kind != KeyEventKind::Release => {
            edit_filter(app, key);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn edit_filter(app: &mut App, key: KeyEvent) {
    let menu = &mut app.menu;
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            menu.filter.push(c);
        }
        KeyCode::Backspace => {
            menu.filter.pop();
        }
        _ => return,
    }
    menu.selected = 0;
    menu.scroll = 0;
}

fn on_command(app: &mut App, command: Command) -> Vec<Effect> {
    if app.overlay != Overlay::None {
        let closes = matches!(
            (app.overlay, command),
            (_, Command::Back)
                | (Overlay::Help, Command::Help)
                | (Overlay::Lesson, Command::Lesson)
        );
        if closes {
            app.overlay = Overlay::None;
            return Vec::new();
        }
    }
    match command {
        Command::Quit => return quit(app),
        Command::Help => app.overlay = Overlay::Help,
        Command::Lesson if app.run.is_some() => app.overlay = Overlay::Lesson,
        Command::Speed => {
            let i = SPEEDS.iter().position(|&s| s == app.next_speed);
            app.next_speed = SPEEDS[i.map_or(0, |i| (i + 1) % SPEEDS.len())];
        }
        _ => {
            return match app.screen {
                Screen::Menu => menu_command(app, command),
                Screen::Run => run_command(app, command),
            };
        }
    }
    Vec::new()
}

pub(super) fn menu_command(app: &mut App, command: Command) -> Vec<Effect> {
    let len = app.menu.filtered().len();
    let page = MenuLayout::new(area(app)).visible_entries();
    let menu = &mut app.menu;
    let last = len.saturating_sub(1);
    match command {
        Command::Up => menu.selected = menu.selected.saturating_sub(1),
        Command::Down => menu.selected = (menu.selected + 1).min(last),
        Command::PageUp => menu.selected = menu.selected.saturating_sub(page),
        Command::PageDown => menu.selected = (menu.selected + page).min(last),
        Command::Top => menu.selected = 0,
        Command::Bottom => menu.selected = last,
        Command::Back if !menu.filter.is_empty() => {
            menu.filter.clear();
            menu.selected = 0;
        }
        Command::Back => return quit(app),
        Command::Run => {
            if let Some(Ok(scenario)) = menu.selected_entry().map(|e| e.scenario.clone()) {
                return start_run(app, scenario);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Chart columns of the run screen at the current size.
fn chart_cols(app: &App, run: &RunView) -> u16 {
    let (lanes, _) = run.lanes();
    run_layout(area(app), run, &lanes, &run.shown().findings()).chart_cols()
}

fn run_command(app: &mut App, command: Command) -> Vec<Effect> {
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
        Command::ZoomIn | Command::ZoomOut => zoom(run, cols, command == Command::ZoomIn),
        Command::ZoomFit => run.zoom = None,
        Command::Collapse => run.collapse = !run.collapse,
        Command::Rerun => {
            let scenario = run.scenario.clone();
            return start_run(app, scenario);
        }
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

/// Keeps the selections valid and visible after any change (new lanes, a resize).
fn settle(app: &mut App) {
    let size = area(app);
    let list_height = MenuLayout::new(size).list.height;
    let menu = &mut app.menu;
    let filtered = menu.filtered();
    menu.selected = menu.selected.min(filtered.len().saturating_sub(1));
    menu.scroll = menu.scroll.min(menu.selected);
    // Scroll down until the selected entry is among the rows shown (headings take room).
    while menu.scroll < menu.selected {
        let rows = list_rows(menu, &filtered, list_height);
        if rows
            .iter()
            .any(|r| r.heading.is_none() && r.pos == menu.selected)
        {
            break;
        }
        menu.scroll += 1;
    }
    let Some(run) = app.run.as_mut() else { return };
    let (lanes, _) = run.lanes();
    let at = run
        .selected
        .and_then(|s| lanes.iter().position(|&l| l == s));
    let at = match at {
        Some(i) => i,
        None => {
            run.selected = lanes.first().copied();
            0
        }
    };
    let rows = usize::from(
        run_layout(size, run, &lanes, &run.shown().findings())
            .tasks
            .height
            .max(1),
    );
    run.scroll = keep_visible(run.scroll, at, rows, lanes.len());
}

/// The scroll offset that keeps row `at` of `len` in a view of `rows`, moving as little as
/// possible from `scroll`.
fn keep_visible(scroll: usize, at: usize, rows: usize, len: usize) -> usize {
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
