//! The menu through `update`: moving, filtering after `/`, running, marking, clicks, coming
//! back from a run, and scenario files that join it after it opened.

use crossterm::event::{KeyCode, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::*;
use crate::ui::loader::Loaded;
use crate::ui::msg::Effect;
use crate::ui::view::MenuLayout;

#[test]
fn menu_moves_and_runs_the_selected_scenario() {
    let mut app = menu_app(true, 120, 40);
    assert!(key(&mut app, KeyCode::Up).is_empty());
    assert_eq!(app.menu.selected, 0);
    let _ = key(&mut app, KeyCode::Down);
    let _ = key(&mut app, KeyCode::Down);
    let third = app.menu.entries[2].name.clone();
    assert_eq!(app.menu.selected_entry().unwrap().name, third);
    let last = app.menu.entries.len() - 1;
    let page = crate::ui::view::MenuLayout::new(app.area()).visible_entries();
    assert!(
        2 + page >= last,
        "a page down from the third reaches the last"
    );
    let _ = key(&mut app, KeyCode::PageDown);
    assert_eq!(app.menu.selected, last);
    let _ = key(&mut app, KeyCode::PageUp);
    assert_eq!(app.menu.selected, last.saturating_sub(page), "a page up");
    let _ = key(&mut app, KeyCode::PageUp);
    assert_eq!(app.menu.selected, 0);
    let _ = key(&mut app, KeyCode::End);
    assert_eq!(app.menu.selected, app.menu.entries.len() - 1);
    let _ = key(&mut app, KeyCode::Home);
    assert_eq!(app.menu.selected, 0);
    // await-chain has a question for the room: it is asked first, Tab skips it.
    assert_eq!(key(&mut app, KeyCode::Enter), [Effect::StopRun]);
    assert!(matches!(app.screen, Screen::Ask(_)));
    let effects = key(&mut app, KeyCode::Tab);
    assert!(is_start(&effects, 1.0));
    assert!(matches!(app.screen, Screen::Run(_)));
    assert_eq!(run(&app).scenario.name, "await-chain");
}

#[test]
fn slash_starts_a_filter_enter_keeps_it_and_esc_clears_it_but_never_quits() {
    let mut app = menu_app(true, 120, 40);
    assert!(ch(&mut app, 'x').is_empty(), "a letter alone types nothing");
    assert_eq!(app.menu.filter, "");
    assert!(
        app.flash
            .as_deref()
            .unwrap_or("")
            .contains("/ starts a filter")
    );
    assert!(ch(&mut app, '/').is_empty());
    assert_eq!(app.context(), crate::ui::keymap::Context::Filter);
    for c in "FREEQE".chars() {
        assert!(ch(&mut app, c).is_empty(), "letters type, q too");
    }
    let _ = key(&mut app, KeyCode::Backspace);
    let _ = key(&mut app, KeyCode::Backspace);
    let _ = ch(&mut app, 'Z');
    let _ = ch(&mut app, 'E');
    assert_eq!(app.menu.filter, "FREEZE");
    let names: Vec<_> = app
        .menu
        .filtered()
        .iter()
        .map(|&i| app.menu.entries[i].name.clone())
        .collect();
    assert_eq!(names, ["blocking-freeze"]);
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "Enter keeps it");
    assert!(!app.menu.editing);
    assert_eq!(app.menu.filter, "FREEZE");
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(app.menu.filter, "", "Esc clears it");
    assert!(key(&mut app, KeyCode::Esc).is_empty(), "and never quits");
    assert!(!app.quit);
    let _ = ch(&mut app, '/');
    let _ = ch(&mut app, 'w');
    assert!(
        key(&mut app, KeyCode::Esc).is_empty(),
        "Esc while typing clears"
    );
    assert_eq!((app.menu.filter.as_str(), app.menu.editing), ("", false));
    assert_eq!(
        ch(&mut app, 'q'),
        [Effect::StopRun, Effect::Quit],
        "q quits"
    );
    assert!(app.quit);
}

#[test]
fn coming_back_from_a_run_clears_the_filter_and_selects_the_run() {
    let mut app = menu_app(true, 120, 40);
    let _ = ch(&mut app, '/');
    for c in "freeze".chars() {
        let _ = ch(&mut app, c);
    }
    let _ = key(&mut app, KeyCode::Enter);
    let _ = key(&mut app, KeyCode::Enter);
    assert!(is_start(&key(&mut app, KeyCode::Tab), 1.0));
    assert_eq!(key(&mut app, KeyCode::Esc), [Effect::StopRun]);
    assert!(matches!(app.screen, Screen::Menu));
    assert_eq!(app.menu.filter, "");
    assert!(!app.menu.editing);
    assert_eq!(app.menu.selected_entry().unwrap().name, "blocking-freeze");
}

#[test]
fn a_scenario_that_does_not_parse_is_listed_and_does_not_run() {
    let mut app = menu_app(true, 120, 40);
    app.menu.entries.insert(
        0,
        MenuEntry::from_file(std::path::Path::new("/no/such/file.toml")),
    );
    assert!(app.menu.entries[0].scenario.is_err());
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(matches!(app.screen, Screen::Menu));
}

#[test]
fn menu_clicks_select_then_run_and_the_wheel_moves() {
    let mut app = menu_app(true, 120, 40);
    let list = MenuLayout::new(Rect::new(0, 0, 120, 40)).list;
    let _ = mouse(&mut app, MouseEventKind::ScrollDown, list.x + 2, list.y);
    assert_eq!(app.menu.selected, 1);
    let _ = mouse(&mut app, MouseEventKind::ScrollUp, list.x + 2, list.y);
    assert_eq!(app.menu.selected, 0);
    let third = list.y + 2 * crate::ui::view::ENTRY_ROWS + 1;
    assert!(
        mouse(
            &mut app,
            MouseEventKind::Down(MouseButton::Left),
            list.x + 2,
            third
        )
        .is_empty()
    );
    assert_eq!(app.menu.selected, 2);
    let effects = mouse(
        &mut app,
        MouseEventKind::Down(MouseButton::Left),
        list.x + 2,
        third,
    );
    assert!(matches!(app.screen, Screen::Ask(_)), "{effects:?}");
    assert!(is_start(&key(&mut app, KeyCode::Tab), 1.0));
    assert_eq!(run(&app).scenario.name, app.menu.entries[2].name);
}

/// Files read after the menu opened join the end of their group; the selection and the
/// marks stay on their entries, a file already listed is not listed twice, and the filter
/// row says what is being read.
#[test]
fn files_read_after_the_menu_opened_join_their_group() {
    let mut app = menu_app(true, 120, 40);
    let _ = key(&mut app, KeyCode::Down);
    let _ = key(&mut app, KeyCode::Tab);
    let selected = app.menu.selected_entry().unwrap().name.clone();
    let mut mine = scenario::builtin("await-chain").expect("built-in");
    mine.name = "my-chain".into();
    mine.origin = "mine.toml".into();
    let broken = MenuEntry::from_file(std::path::Path::new("no/such.toml"));
    let loaded = Loaded {
        entries: vec![broken, MenuEntry::new(mine)],
        reading: Some("big.toml".into()),
    };
    let before = app.menu.entries.len();
    assert!(update(&mut app, Msg::Loaded(loaded.clone())).is_empty());
    assert_eq!(app.menu.entries.len(), before + 2);
    assert_eq!(app.menu.selected_entry().unwrap().name, selected);
    let marked = &app.menu.entries[app.menu.marks[0]].name;
    assert_eq!(marked, &selected, "the mark stays on its entry");
    let names: Vec<&str> = app.menu.entries.iter().map(|e| e.name.as_str()).collect();
    let at = |n: &str| names.iter().position(|&x| x == n).unwrap();
    assert!(
        at("my-chain") < at("blocking-freeze"),
        "among the basics: {names:?}"
    );
    assert_eq!(
        at("such.toml"),
        names.len() - 1,
        "files that do not parse last"
    );
    assert!(screen_text(&render(&app)).contains("reading big.toml"));
    let _ = update(&mut app, Msg::Loaded(loaded));
    assert_eq!(app.menu.entries.len(), before + 2, "not listed twice");
    let done = Loaded::default();
    let _ = update(&mut app, Msg::Loaded(done));
    assert!(!screen_text(&render(&app)).contains("reading"));
}

/// The menu's title row at `w` columns, with the next run on asyncio in step mode and
/// without questions (or as it opens, with `modes` false).
fn title_row(w: u16, modes: bool) -> String {
    let mut app = menu_app(false, w, 24);
    if modes {
        let _ = ctrl(&mut app, 'r');
        let _ = ctrl(&mut app, 't');
        let _ = ctrl(&mut app, 'a');
    }
    screen_text(&render(&app))
        .lines()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn the_menu_title_always_says_the_next_runs_runtime_speed_and_modes() {
    let mut rows = Vec::new();
    for w in [60, 80, 100, 120, 160] {
        for modes in [false, true] {
            let row = title_row(w, modes);
            let engine = if modes { "asyncio" } else { "tokio" };
            assert!(row.contains(&format!("{engine} ")), "{row}");
            assert!(row.contains("1x"), "{row}");
            assert_eq!(row.contains("STEP MODE"), modes, "{row}");
            assert_eq!(row.contains("NO QUIZ"), modes, "{row}");
            if row.contains("see what") {
                assert!(row.contains(&format!("see what {engine} does")), "{row}");
            }
            rows.push(row);
        }
    }
    insta::assert_snapshot!(rows.join("\n"));
}
