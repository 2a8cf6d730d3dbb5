//! The menu's commands and its filter: move, mark, run; `/` starts a filter, typed until
//! Enter keeps it or Esc clears it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::keymap::Command;
use super::launch::{launch, start_compare};
use super::msg::{Effects, Launch};
use super::view::MenuLayout;

/// Folds a command of the menu into `app`.
pub(super) fn menu_command(app: &mut App, command: Command) -> Effects {
    let len = app.menu.filtered().len();
    let page = MenuLayout::new(app.area()).visible_entries();
    let menu = &mut app.menu;
    let last = len.saturating_sub(1);
    match command {
        Command::Up => menu.selected = menu.selected.saturating_sub(1),
        Command::Down => menu.selected = (menu.selected + 1).min(last),
        Command::PageUp => menu.selected = menu.selected.saturating_sub(page),
        Command::PageDown => menu.selected = (menu.selected + page).min(last),
        Command::Top => menu.selected = 0,
        Command::Bottom => menu.selected = last,
        Command::Filter => menu.editing = true,
        Command::KeepFilter => menu.editing = false,
        // Esc never quits from the menu: it clears what it can (see `availability`).
        Command::Back if menu.editing || !menu.filter.is_empty() => {
            menu.editing = false;
            menu.filter.clear();
            menu.selected = 0;
        }
        Command::Back => menu.marks.clear(),
        Command::Mark => menu.toggle_mark(),
        Command::StepMode => app.step_mode = !app.step_mode,
        Command::Quiz => app.ask = !app.ask,
        Command::Run => {
            if let Some(pair) = menu.marked_pair() {
                let engine = app.next_engine;
                return start_compare(app, pair, [engine; 2]);
            }
            if let Some(Ok(scenario)) = menu.selected_entry().map(|e| e.scenario.clone()) {
                return launch(app, Launch::Run(scenario));
            }
        }
        _ => {}
    }
    Effects::none()
}

/// A key with no binding while a filter is typed: letters type into it, Backspace erases.
pub(super) fn edit_filter(app: &mut App, key: KeyEvent) {
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

/// What the footer says when a letter with no binding is pressed on the menu.
pub(super) const HOW_TO_FILTER: &str = "/ starts a filter · Enter runs · ? help · q quits";

/// Whether `key` is a letter or sign someone might have meant to type into a filter.
pub(super) fn is_typing(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}
