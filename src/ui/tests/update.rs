//! `update`, message by message and command by command.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::*;
use crate::ui::app::Overlay;
use crate::ui::update::Effect;
use crate::ui::view::{MenuLayout, run_layout};

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) -> Vec<Effect> {
    let event = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    update(app, Msg::Mouse(event))
}

fn run(app: &App) -> &RunView {
    app.run.as_ref().expect("a run view")
}

fn selected_name(app: &App) -> String {
    let run = run(app);
    let id = run.selected.expect("a selected lane");
    run.shown().task(id).expect("lane").name.clone()
}

fn is_start(effects: &[Effect], speed: f64) -> bool {
    effects.contains(&Effect::StopRun)
        && effects
            .iter()
            .any(|e| matches!(e, Effect::StartRun { speed: s, .. } if *s == speed))
}

#[test]
fn menu_moves_and_runs_the_selected_scenario() {
    let mut app = menu_app(true, 120, 40);
    assert!(key(&mut app, KeyCode::Up).is_empty());
    assert_eq!(app.menu.selected, 0);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let third = app.menu.entries[2].name.clone();
    assert_eq!(app.menu.selected_entry().unwrap().name, third);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.menu.selected, app.menu.entries.len() - 1);
    key(&mut app, KeyCode::PageUp);
    assert_eq!(app.menu.selected, 0);
    key(&mut app, KeyCode::End);
    assert_eq!(app.menu.selected, app.menu.entries.len() - 1);
    key(&mut app, KeyCode::Home);
    assert_eq!(app.menu.selected, 0);
    let effects = key(&mut app, KeyCode::Enter);
    assert!(is_start(&effects, 1.0));
    assert_eq!(app.screen, Screen::Run);
    assert_eq!(run(&app).scenario.name, "await-chain");
}

#[test]
fn typing_filters_the_menu_and_esc_clears_then_quits() {
    let mut app = menu_app(true, 120, 40);
    for c in "FREEZE".chars() {
        assert!(ch(&mut app, c).is_empty(), "letters type, even q-like ones");
    }
    assert_eq!(app.menu.filter, "FREEZE");
    let names: Vec<_> = app
        .menu
        .filtered()
        .iter()
        .map(|&i| app.menu.entries[i].name.clone())
        .collect();
    assert_eq!(names, ["blocking-freeze"]);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.menu.filter, "FREEZ");
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(app.menu.filter, "");
    assert_eq!(key(&mut app, KeyCode::Esc), [Effect::StopRun, Effect::Quit]);
    assert!(app.quit);
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
    assert_eq!(app.screen, Screen::Menu);
}

#[test]
fn ctrl_c_quits_everywhere() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut app = menu_app(true, 120, 40);
    assert_eq!(
        update(&mut app, Msg::Key(ctrl_c)),
        [Effect::StopRun, Effect::Quit]
    );
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(
        update(&mut app, Msg::Key(ctrl_c)),
        [Effect::StopRun, Effect::Quit]
    );
}

#[test]
fn q_quits_the_run_view() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(ch(&mut app, 'q'), [Effect::StopRun, Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn lanes_are_selected_with_arrows_and_vim_keys() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(selected_name(&app), "main", "a tick selects the first lane");
    key(&mut app, KeyCode::Down);
    assert_eq!(selected_name(&app), "slow_sync_call");
    ch(&mut app, 'j');
    assert_eq!(selected_name(&app), "heartbeat");
    ch(&mut app, 'k');
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(selected_name(&app), "main");
    ch(&mut app, 'G');
    assert_eq!(selected_name(&app), "send_email");
    key(&mut app, KeyCode::Home);
    assert_eq!(selected_name(&app), "main");
    key(&mut app, KeyCode::PageDown);
    assert_eq!(selected_name(&app), "send_email");
    key(&mut app, KeyCode::PageUp);
    assert_eq!(selected_name(&app), "main");
}

#[test]
fn enter_and_tab_toggle_details() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    key(&mut app, KeyCode::Enter);
    assert!(run(&app).details);
    key(&mut app, KeyCode::Tab);
    assert!(!run(&app).details);
}

#[test]
fn space_freezes_the_view_while_the_run_goes_on() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    ch(&mut app, ' ');
    let frozen_at = run(&app).shown().now_ns();
    app.run.as_mut().unwrap().timeline.advance(1500 * MS);
    update(&mut app, Msg::Tick);
    assert_eq!(run(&app).shown().now_ns(), frozen_at);
    assert_eq!(run(&app).timeline.now_ns(), 1500 * MS);
    ch(&mut app, ' ');
    assert_eq!(run(&app).shown().now_ns(), 1500 * MS);
}

#[test]
fn the_time_cursor_moves_by_columns_and_stays_inside_the_run() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    let now = run(&app).shown().now_ns();
    key(&mut app, KeyCode::Left);
    let one = run(&app).cursor.expect("a cursor");
    assert!(one < now);
    ch(&mut app, 'h');
    let two = run(&app).cursor.unwrap();
    let step = one - two;
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT)),
    );
    assert_eq!(two - run(&app).cursor.unwrap(), 10 * step);
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT)),
    );
    ch(&mut app, 'l');
    key(&mut app, KeyCode::Right);
    assert_eq!(run(&app).cursor, Some(now.min(two + 2 * step)));
    for _ in 0..500 {
        key(&mut app, KeyCode::Left);
    }
    assert_eq!(run(&app).cursor, Some(0));
    ch(&mut app, 'x');
    assert_eq!(run(&app).cursor, None);
    ch(&mut app, 'h');
    key(&mut app, KeyCode::Backspace);
    assert_eq!(run(&app).cursor, None);
}

#[test]
fn zoom_halves_and_doubles_the_span_and_0_fits() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    let fit = run(&app).window(100).span;
    ch(&mut app, '+');
    assert_eq!(run(&app).window(100).span, fit / 2);
    ch(&mut app, '=');
    assert_eq!(run(&app).window(100).span, fit / 4);
    ch(&mut app, '-');
    assert_eq!(run(&app).window(100).span, fit / 2);
    ch(&mut app, '-');
    assert_eq!(run(&app).zoom, None, "zooming out past the run fits it");
    ch(&mut app, '+');
    ch(&mut app, '0');
    assert_eq!(run(&app).zoom, None);
    for _ in 0..60 {
        ch(&mut app, '+');
    }
    assert!(
        run(&app).window(100).span >= 1_000,
        "zoom stops at a µs a column"
    );
}

#[test]
fn r_reruns_at_the_speed_s_picked() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    for expected in [0.5, 0.25, 2.0, 1.0, 0.5] {
        assert!(ch(&mut app, 's').is_empty());
        assert_eq!(app.next_speed, expected);
    }
    let effects = ch(&mut app, 'r');
    assert!(is_start(&effects, 0.5));
    assert_eq!(run(&app).speed, 0.5);
    assert!(run(&app).shown().tasks().is_empty(), "a fresh timeline");
}

#[test]
fn shift_c_collapses_finished_tasks() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    ch(&mut app, 'G');
    ch(&mut app, 'C');
    let (lanes, hidden) = run(&app).lanes();
    assert_eq!((lanes.len(), hidden), (4, 1), "send_email ended");
    assert_eq!(
        selected_name(&app),
        "main",
        "the selection leaves a hidden lane"
    );
    ch(&mut app, 'C');
    assert_eq!(run(&app).lanes().1, 0);
}

#[test]
fn help_and_lesson_open_and_close() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    ch(&mut app, '?');
    assert_eq!(app.overlay, Overlay::Help);
    ch(&mut app, '?');
    assert_eq!(app.overlay, Overlay::None);
    ch(&mut app, 'L');
    assert_eq!(app.overlay, Overlay::Lesson);
    assert!(
        key(&mut app, KeyCode::Esc).is_empty(),
        "Esc closes the popup first"
    );
    assert_eq!((app.overlay, app.screen), (Overlay::None, Screen::Run));
    let mut menu = menu_app(true, 120, 40);
    ch(&mut menu, '?');
    assert_eq!(menu.overlay, Overlay::Help);
    key(&mut menu, KeyCode::Esc);
    assert_eq!(menu.overlay, Overlay::None);
}

#[test]
fn esc_goes_back_to_the_menu_and_stops_the_run() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(key(&mut app, KeyCode::Esc), [Effect::StopRun]);
    assert_eq!(app.screen, Screen::Menu);
    assert!(app.run.is_none());
}

#[test]
fn a_click_selects_a_lane_and_puts_the_cursor_there() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let r = run(&app);
    let layout = run_layout(
        Rect::new(0, 0, 120, 40),
        r,
        &r.lanes().0,
        &r.shown().findings(),
    );
    let (x, y) = (layout.chart_x() + 10, layout.tasks.y + 2);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), x, y);
    assert_eq!(selected_name(&app), "heartbeat");
    let window = run(&app).window(layout.chart_cols());
    assert_eq!(run(&app).cursor, Some(window.col_start(10)));
}

#[test]
fn the_wheel_zooms_around_the_pointer() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    let cols = {
        let r = run(&app);
        run_layout(
            Rect::new(0, 0, 120, 40),
            r,
            &r.lanes().0,
            &r.shown().findings(),
        )
        .chart_x()
    };
    mouse(&mut app, MouseEventKind::ScrollUp, cols + 30, 10);
    assert!(run(&app).zoom.is_some());
    assert!(run(&app).cursor.is_some());
    mouse(&mut app, MouseEventKind::ScrollDown, cols + 30, 10);
    assert_eq!(run(&app).zoom, None);
}

#[test]
fn without_mouse_reporting_mouse_messages_do_nothing() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    app.mouse = false;
    mouse(&mut app, MouseEventKind::ScrollUp, 60, 10);
    assert_eq!(run(&app).zoom, None);
}

#[test]
fn menu_clicks_select_then_run_and_the_wheel_moves() {
    let mut app = menu_app(true, 120, 40);
    let list = MenuLayout::new(Rect::new(0, 0, 120, 40)).list;
    mouse(&mut app, MouseEventKind::ScrollDown, list.x + 2, list.y);
    assert_eq!(app.menu.selected, 1);
    mouse(&mut app, MouseEventKind::ScrollUp, list.x + 2, list.y);
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
    assert!(is_start(&effects, 1.0));
    assert_eq!(run(&app).scenario.name, app.menu.entries[2].name);
}

#[test]
fn resize_records_the_size_and_keeps_the_selection_visible() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    ch(&mut app, 'G');
    assert!(update(&mut app, Msg::Resize(80, 16)).is_empty());
    assert_eq!(app.size, (80, 16));
    let r = run(&app);
    let lanes = r.lanes().0;
    let rows = run_layout(Rect::new(0, 0, 80, 16), r, &lanes, &r.shown().findings())
        .tasks
        .height;
    let at = lanes.iter().position(|&l| Some(l) == r.selected).unwrap();
    assert!(
        at >= r.scroll && at < r.scroll + usize::from(rows),
        "{at} {} {rows}",
        r.scroll
    );
}

#[test]
fn tick_keeps_a_selection_once_lanes_exist() {
    let mut app = run_app(Timeline::new(freeze_live().info().clone()), true, 120, 40);
    assert_eq!(run(&app).selected, None);
    app.run.as_mut().unwrap().timeline = freeze_live();
    assert!(update(&mut app, Msg::Tick).is_empty());
    assert_eq!(selected_name(&app), "main");
}

#[test]
fn a_signal_quits() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(
        update(&mut app, Msg::Signal),
        [Effect::StopRun, Effect::Quit]
    );
    assert!(app.quit);
}
