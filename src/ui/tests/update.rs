//! `update`, message by message and command by command.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};

use super::*;
use crate::ui::app::Overlay;
use crate::ui::layout::RunLayout;
use crate::ui::msg::Effect;

/// The layout of the run screen, as drawn.
fn layout(app: &App) -> RunLayout {
    app.screen.single().expect("a run screen").layout
}

fn selected_name(app: &App) -> String {
    let run = run(app);
    let id = run.selected.expect("a selected lane");
    run.shown().task(id).expect("lane").name.clone()
}

#[test]
fn ctrl_c_quits_everywhere() {
    let mut app = menu_app(true, 120, 40);
    assert_eq!(ctrl(&mut app, 'c'), [Effect::StopRun, Effect::Quit]);
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(ctrl(&mut app, 'c'), [Effect::StopRun, Effect::Quit]);
}

#[test]
fn q_quits_the_run_view() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(ch(&mut app, 'q'), [Effect::StopRun, Effect::Quit]);
    assert!(app.quit);
    let mut menu = menu_app(true, 120, 40);
    assert_eq!(
        ch(&mut menu, 'q'),
        [Effect::StopRun, Effect::Quit],
        "the menu too"
    );
}

#[test]
fn lanes_are_selected_with_arrows_and_vim_keys() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(selected_name(&app), "main", "a tick selects the first lane");
    let _ = key(&mut app, KeyCode::Down);
    assert_eq!(selected_name(&app), "slow_sync_call");
    let _ = ch(&mut app, 'j');
    assert_eq!(selected_name(&app), "heartbeat");
    let _ = ch(&mut app, 'k');
    let _ = key(&mut app, KeyCode::Up);
    let _ = key(&mut app, KeyCode::Up);
    assert_eq!(selected_name(&app), "main");
    let _ = ch(&mut app, 'G');
    assert_eq!(selected_name(&app), "send_email");
    let _ = key(&mut app, KeyCode::Home);
    assert_eq!(selected_name(&app), "main");
    let _ = key(&mut app, KeyCode::PageDown);
    assert_eq!(selected_name(&app), "send_email");
    let _ = key(&mut app, KeyCode::PageUp);
    assert_eq!(selected_name(&app), "main");
}

#[test]
fn enter_and_tab_toggle_details() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let _ = key(&mut app, KeyCode::Enter);
    assert!(run(&app).details);
    let _ = key(&mut app, KeyCode::Tab);
    assert!(!run(&app).details);
}

#[test]
fn esc_closes_the_details_before_it_goes_back_and_the_footer_says_so() {
    let mut app = run_app(freeze_done(), true, 80, 24);
    let footer = |app: &App| {
        screen_text(&render(app))
            .lines()
            .last()
            .unwrap()
            .to_string()
    };
    assert!(footer(&app).contains("esc menu"), "{}", footer(&app));
    press(&mut app, KeyCode::Enter);
    assert!(footer(&app).contains("esc close"), "{}", footer(&app));
    assert!(key(&mut app, KeyCode::Esc).is_empty(), "the run stays");
    assert!(!run(&app).details, "the details are closed");
    assert!(footer(&app).contains("esc menu"), "{}", footer(&app));
    assert_eq!(key(&mut app, KeyCode::Esc), [Effect::StopRun]);
    assert!(matches!(app.screen, Screen::Menu));
}

#[test]
fn space_freezes_the_view_while_the_run_goes_on() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let _ = ch(&mut app, ' ');
    let frozen_at = run(&app).shown().now_ns();
    let mut later = crate::source::Batch::default();
    later.clock(1500 * MS);
    let drained = Drained {
        batch: later,
        ..Drained::default()
    };
    assert!(update(&mut app, Msg::Events(vec![drained])).is_empty());
    assert_eq!(run(&app).shown().now_ns(), frozen_at);
    assert_eq!(run(&app).timeline.now_ns(), 1500 * MS);
    let _ = ch(&mut app, ' ');
    assert_eq!(run(&app).shown().now_ns(), 1500 * MS);
}

#[test]
fn the_time_cursor_moves_by_columns_and_stays_inside_the_run() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    let now = run(&app).shown().now_ns();
    let _ = key(&mut app, KeyCode::Left);
    let one = run(&app).cursor.expect("a cursor");
    assert!(one < now);
    let _ = ch(&mut app, 'h');
    let two = run(&app).cursor.unwrap();
    let step = one - two;
    let _ = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT)),
    );
    assert_eq!(two - run(&app).cursor.unwrap(), 10 * step);
    let _ = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT)),
    );
    let _ = ch(&mut app, 'l');
    let _ = key(&mut app, KeyCode::Right);
    assert_eq!(run(&app).cursor, Some(now.min(two + 2 * step)));
    for _ in 0..500 {
        let _ = key(&mut app, KeyCode::Left);
    }
    assert_eq!(run(&app).cursor, Some(0));
    let _ = ch(&mut app, 'x');
    assert_eq!(run(&app).cursor, None);
    let _ = ch(&mut app, 'h');
    let _ = key(&mut app, KeyCode::Backspace);
    assert_eq!(run(&app).cursor, None);
}

#[test]
fn zoom_halves_and_doubles_the_span_and_0_fits() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    let fit = run(&app).window(100).span;
    let _ = ch(&mut app, '+');
    assert_eq!(run(&app).window(100).span, fit / 2);
    let _ = ch(&mut app, '=');
    assert_eq!(run(&app).window(100).span, fit / 4);
    let _ = ch(&mut app, '-');
    assert_eq!(run(&app).window(100).span, fit / 2);
    let _ = ch(&mut app, '-');
    assert_eq!(run(&app).zoom, None, "zooming out past the run fits it");
    let _ = ch(&mut app, '+');
    let _ = ch(&mut app, '0');
    assert_eq!(run(&app).zoom, None);
    for _ in 0..60 {
        let _ = ch(&mut app, '+');
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
    let _ = ch(&mut app, 'G');
    let _ = ch(&mut app, 'C');
    let (lanes, hidden) = run(&app).lanes();
    assert_eq!((lanes.len(), hidden), (4, 1), "send_email ended");
    assert_eq!(
        selected_name(&app),
        "main",
        "the selection leaves a hidden lane"
    );
    let _ = ch(&mut app, 'C');
    assert_eq!(run(&app).lanes().1, 0);
}

#[test]
fn help_and_lesson_open_and_close() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let _ = ch(&mut app, '?');
    assert_eq!(app.overlay, Overlay::Help);
    let _ = ch(&mut app, '?');
    assert_eq!(app.overlay, Overlay::None);
    let _ = ch(&mut app, 'L');
    assert_eq!(app.overlay, Overlay::Lesson);
    assert!(
        key(&mut app, KeyCode::Esc).is_empty(),
        "Esc closes the popup first"
    );
    assert_eq!(app.overlay, Overlay::None);
    assert!(matches!(app.screen, Screen::Run(_)));
    let mut menu = menu_app(true, 120, 40);
    let _ = ch(&mut menu, '?');
    assert_eq!(menu.overlay, Overlay::Help);
    let _ = key(&mut menu, KeyCode::Esc);
    assert_eq!(menu.overlay, Overlay::None);
}

#[test]
fn esc_goes_back_to_the_menu_and_stops_the_run() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert_eq!(key(&mut app, KeyCode::Esc), [Effect::StopRun]);
    assert!(matches!(app.screen, Screen::Menu));
    assert!(app.run().is_none());
}

#[test]
fn a_click_selects_a_lane_and_puts_the_cursor_there() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let layout = layout(&app);
    let (x, y) = (layout.chart_x() + 10, layout.tasks.y + 2 * layout.lane_rows);
    let _ = mouse(&mut app, MouseEventKind::Down(MouseButton::Left), x, y);
    assert_eq!(selected_name(&app), "heartbeat");
    let window = run(&app).window(layout.chart_cols());
    assert_eq!(run(&app).cursor, Some(window.col_start(10)));
}

#[test]
fn the_wheel_zooms_around_the_pointer() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    let cols = layout(&app).chart_x();
    let _ = mouse(&mut app, MouseEventKind::ScrollUp, cols + 30, 10);
    assert!(run(&app).zoom.is_some());
    assert!(run(&app).cursor.is_some());
    let _ = mouse(&mut app, MouseEventKind::ScrollDown, cols + 30, 10);
    assert_eq!(run(&app).zoom, None);
}

#[test]
fn without_mouse_reporting_mouse_messages_do_nothing() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    app.mouse = false;
    let _ = mouse(&mut app, MouseEventKind::ScrollUp, 60, 10);
    assert_eq!(run(&app).zoom, None);
}

#[test]
fn resize_records_the_size_and_keeps_the_selection_visible() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let _ = ch(&mut app, 'G');
    assert!(update(&mut app, Msg::Resize(80, 16)).is_empty());
    assert_eq!(app.size, (80, 16));
    let r = run(&app);
    let lanes = r.lanes().0;
    let rows = layout(&app).lanes().task_lanes();
    assert_eq!(
        layout(&app),
        crate::ui::layout::run_layout(app.area(), &r.shape(false))
    );
    let at = lanes.iter().position(|&l| Some(l) == r.selected).unwrap();
    assert!(
        at >= r.scroll && at < r.scroll + rows,
        "{at} {} {rows}",
        r.scroll
    );
}

#[test]
fn tick_keeps_a_selection_once_lanes_exist() {
    let empty = Recorded::new(freeze_live().timeline.info().clone());
    let mut app = run_app(empty, true, 120, 40);
    assert_eq!(run(&app).selected, None);
    run_mut(&mut app).timeline = freeze_live().timeline;
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
