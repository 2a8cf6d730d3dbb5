//! The menu's commands and its filter: move, mark, run, type to filter.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::keymap::Command;
use super::launch::{quit, start_compare, start_run};
use super::msg::Effects;
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
    Effects::none()
}

/// A key with no binding in the menu: letters type into the filter, Backspace erases.
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
