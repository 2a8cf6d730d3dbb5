//! `update`: the only place the state changes. Takes one message, returns effects as data
//! for the loop to carry out (start or stop a run, quit).

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;

use super::app::{App, Overlay, RunView, SPEEDS, Screen};
use super::keymap::{self, Command, Context};
use super::run_keys::{compare_command, keep_visible, run_command};
use super::view::{MenuLayout, list_rows, run_layout};
use crate::scenario::Scenario;

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
        /// Pause before each step until [`Effect::NextStep`].
        step_mode: bool,
    },
    /// Start two scenarios at once, feeding `App::run`'s and `App::other`'s timelines.
    StartCompare {
        /// The one drawn on top, then the one below.
        scenarios: [Arc<Scenario>; 2],
        /// Their playback speed.
        speed: f64,
    },
    /// Step mode: let one more step of the run start.
    NextStep,
    /// Stop the run in progress, if any (never waits for it).
    StopRun,
    /// Leave the dashboard.
    Quit,
}

/// Folds `msg` into `app`; returns what the loop must do.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    if matches!(msg, Msg::Key(_) | Msg::Mouse(_)) {
        app.flash = None;
    }
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
/// The code pane and its language carry over to the next run.
pub fn start_run(app: &mut App, scenario: Arc<Scenario>) -> Vec<Effect> {
    let speed = app.next_speed;
    let step_mode = app.step_mode;
    let mut view = RunView::new(scenario.clone(), speed);
    if let Some(old) = &app.run {
        (view.code, view.lang) = (old.code, old.lang);
    }
    view.step_mode = step_mode;
    app.run = Some(view);
    app.other = None;
    app.screen = Screen::Run;
    app.overlay = Overlay::None;
    settle(app);
    vec![
        Effect::StopRun,
        Effect::StartRun {
            scenario,
            speed,
            step_mode,
        },
    ]
}

/// Opens the compare view on two scenarios and asks the loop to start both at once.
pub fn start_compare(app: &mut App, scenarios: [Arc<Scenario>; 2]) -> Vec<Effect> {
    let speed = app.next_speed;
    let [a, b] = scenarios.clone();
    app.run = Some(RunView::new(a, speed));
    app.other = Some(RunView::new(b, speed));
    app.screen = Screen::Compare;
    app.overlay = Overlay::None;
    vec![Effect::StopRun, Effect::StartCompare { scenarios, speed }]
}

pub(super) fn quit(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    vec![Effect::StopRun, Effect::Quit]
}

pub(super) fn area(app: &App) -> Rect {
    Rect::new(0, 0, app.size.0, app.size.1)
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let context = app.screen.context();
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
        Command::Speed if app.run.as_ref().is_some_and(|r| r.attached.is_some()) => {
            return run_command(app, command);
        }
        Command::Speed => {
            let i = SPEEDS.iter().position(|&s| s == app.next_speed);
            app.next_speed = SPEEDS[i.map_or(0, |i| (i + 1) % SPEEDS.len())];
        }
        _ => {
            return match app.screen {
                Screen::Menu => menu_command(app, command),
                Screen::Run => run_command(app, command),
                Screen::Compare => compare_command(app, command),
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
        Command::Back if !menu.marks.is_empty() => menu.marks.clear(),
        Command::Back => return quit(app),
        Command::Mark => menu.toggle_mark(),
        Command::StepMode => app.step_mode = !app.step_mode,
        Command::Run => {
            if let Some(pair) = menu.marked_pair() {
                return start_compare(app, pair);
            }
            if let Some(Ok(scenario)) = menu.selected_entry().map(|e| e.scenario.clone()) {
                return start_run(app, scenario);
            }
        }
        _ => {}
    }
    Vec::new()
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
    // The compare view has no selection: its halves show their first lanes.
    if app.screen == Screen::Compare {
        return;
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
