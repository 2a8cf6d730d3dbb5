//! `update`: the only place the state changes. Takes one message, returns effects as data
//! for the loop to carry out (start or stop a source, quit), and brings what is derived from
//! the state up to date.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::app::{App, Overlay, SPEEDS};
use super::ask_keys::{ask_command, edit_typed, how_to_answer};
use super::commands::{Availability, availability};
use super::keymap::{self, Command, Context};
use super::launch::{compare_runtimes, launch, quit};
use super::menu_keys::{HOW_TO_FILTER, edit_filter, is_typing, menu_command};
use super::msg::{Effects, Msg};
use super::run_keys::{compare_command, edit_lane_filter, keep_visible, run_command};
use super::screen::Screen;
use super::view::list_rows;
use crate::source::Drained;

/// Folds `msg` into `app`; returns what the loop must do.
pub fn update(app: &mut App, msg: Msg) -> Effects {
    if matches!(msg, Msg::Key(_) | Msg::Mouse(_)) {
        app.flash = None;
    }
    let effects = match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Mouse(mouse) if app.mouse => super::mouse::on_mouse(app, mouse),
        Msg::Mouse(_) | Msg::Tick => Effects::none(),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            Effects::none()
        }
        Msg::Events(drained) => {
            on_events(app, drained);
            Effects::none()
        }
        Msg::Launch(what) => launch(app, what),
        Msg::Loaded(loaded) => {
            loaded.entries.into_iter().for_each(|e| app.menu.add(e));
            app.menu.reading = loaded.reading;
            Effects::none()
        }
        Msg::Signal => quit(app),
    };
    settle(app);
    effects
}

/// Feeds each run shown with its source's drain (in order), and the attach view with the
/// connection's status.
fn on_events(app: &mut App, drained: Vec<Drained>) {
    if let (Screen::Attach(attach), Some(last)) = (&mut app.screen, drained.first()) {
        attach.status = last.status.clone();
    }
    for (run, mut d) in app.screen.runs_mut().iter_mut().zip(drained) {
        run.take(&mut d);
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Effects {
    if key.kind == KeyEventKind::Release {
        return Effects::none();
    }
    let context = app.context();
    match keymap::lookup(context, &key) {
        Some(command) => on_command(app, command, &key),
        None if context == Context::Filter => {
            edit_filter(app, key);
            Effects::none()
        }
        None if context == Context::LaneFilter => {
            edit_lane_filter(app, key);
            Effects::none()
        }
        None if context == Context::AskTyped => {
            edit_typed(app, key);
            Effects::none()
        }
        None if context == Context::Menu && is_typing(&key) => {
            app.flash = Some(HOW_TO_FILTER.to_string());
            Effects::none()
        }
        None if matches!(context, Context::Ask | Context::AskSet)
            && (is_typing(&key) || key.code == KeyCode::Enter) =>
        {
            app.flash = how_to_answer(app);
            Effects::none()
        }
        None => Effects::none(),
    }
}

/// Folds `command` (given by `key`) into `app`.
fn on_command(app: &mut App, command: Command, key: &KeyEvent) -> Effects {
    if app.overlay != Overlay::None {
        let closes = matches!(
            (app.overlay, command),
            (_, Command::Back)
                | (Overlay::Help, Command::Help)
                | (Overlay::Lesson, Command::Lesson)
        );
        if closes {
            app.overlay = Overlay::None;
            return Effects::none();
        }
    }
    if let Availability::Unavailable(why) = availability(app, command) {
        app.flash = Some(why.to_string());
        return Effects::none();
    }
    match command {
        Command::Quit => return quit(app),
        Command::Help => app.overlay = Overlay::Help,
        Command::Lesson if app.run().is_some() => app.overlay = Overlay::Lesson,
        Command::Speed => {
            let i = SPEEDS.iter().position(|&s| s == app.next_speed);
            app.next_speed = SPEEDS[i.map_or(0, |i| (i + 1) % SPEEDS.len())];
        }
        Command::Runtime => app.next_engine = app.next_engine.other(),
        Command::CompareRuntimes => return compare_runtimes(app),
        _ => {
            return match app.screen {
                Screen::Menu => menu_command(app, command),
                Screen::Run(_) | Screen::Attach(_) => run_command(app, command),
                Screen::Compare(_) => compare_command(app, command),
                Screen::Ask(_) => ask_command(app, command, key),
            };
        }
    }
    Effects::none()
}

/// After any change: brings the derived data and layouts up to date, and keeps the
/// selections valid and visible (new lanes, a resize).
fn settle(app: &mut App) {
    let area = app.area();
    let list_height = super::view::MenuLayout::new(area).list.height;
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
    app.screen.refresh(area, app.picture);
    // The compare view has no selection: its halves show their first lanes.
    let picture = app.picture;
    let Some(screen) = app.screen.single_mut() else {
        return;
    };
    let run = &mut screen.run;
    let (lanes, _) = run.lanes();
    let (len, first) = (lanes.len(), lanes.first().copied());
    let at = run
        .selected
        .and_then(|s| lanes.iter().position(|&l| l == s));
    let at = match at {
        Some(i) => i,
        // A picture has no selection; the dashboard selects the first lane.
        None if picture => return,
        None => {
            run.selected = first;
            0
        }
    };
    let rows = screen.layout.lanes().task_lanes();
    run.scroll = keep_visible(run.scroll, at, rows, len);
}
