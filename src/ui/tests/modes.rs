//! The code pane, step mode, compare and attach views: their keys through `update`, and
//! snapshots from the fixed synthetic timelines.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;

use super::*;
use crate::attach::Status;
use crate::ui::app::Lang;
use crate::ui::update::Effect;
use crate::ui::view::code::task_lines;

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn run(app: &App) -> &RunView {
    app.run.as_ref().expect("a run view")
}

/// The line of blocking-freeze's Rust listing that carries `marker` (a step's code).
fn line_of(needle: &str, lang: Lang) -> u32 {
    let scenario = scenario::builtin("blocking-freeze").expect("built-in");
    let code = scenario.code.expect("listings");
    let listing = match lang {
        Lang::Rust => code.rust,
        Lang::Python => code.python,
    };
    let text = listing.expect("a listing").text;
    let i = text.lines().position(|l| l.contains(needle));
    i.expect("such a line") as u32 + 1
}

#[test]
fn c_shows_the_code_pane_and_p_switches_the_language() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert!(!run(&app).code);
    assert!(ch(&mut app, 'c').is_empty());
    assert!(run(&app).code);
    assert_eq!(run(&app).lang, Lang::Rust);
    ch(&mut app, 'p');
    assert_eq!(run(&app).lang, Lang::Python);
    ch(&mut app, 'p');
    assert_eq!(run(&app).lang, Lang::Rust);
    ch(&mut app, 'c');
    assert!(!run(&app).code);
}

#[test]
fn the_pane_and_its_language_carry_over_to_a_rerun() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    ch(&mut app, 'c');
    ch(&mut app, 'p');
    ch(&mut app, 'r');
    assert!(run(&app).code);
    assert_eq!(run(&app).lang, Lang::Python);
}

#[test]
fn each_task_is_lit_on_its_steps_line_now_and_at_the_cursor() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    ch(&mut app, 'c');
    let group = line_of("join_all", Lang::Rust);
    let block = line_of("std::thread::sleep(Duration", Lang::Rust);
    assert_eq!(task_lines(run(&app)), vec![(group, 0), (block, 1)]);
    ch(&mut app, 'p');
    let py_group = line_of("TaskGroup", Lang::Python);
    let py_block = line_of("    time.sleep(2)", Lang::Python);
    assert_eq!(task_lines(run(&app)), vec![(py_group, 0), (py_block, 1)]);
    // At 50 ms main had started its group, slow_sync_call not yet its blocking call.
    app.run.as_mut().unwrap().cursor = Some(50 * MS);
    assert_eq!(task_lines(run(&app)), vec![(py_group, 0)]);
    app.run.as_mut().unwrap().cursor = Some(200 * US);
    assert!(task_lines(run(&app)).is_empty(), "nothing started yet");
}

#[test]
fn code_pane_rust_120x40() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    ch(&mut app, 'c');
    let text = screen_text(&render(&app));
    assert!(text.contains("◀ slow_sync_call"), "{text}");
    assert!(text.contains("Rust code (p: Python)"), "{text}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn code_pane_python_below_the_lanes_80x24() {
    let mut app = run_app(freeze_live(), true, 80, 24);
    ch(&mut app, 'c');
    ch(&mut app, 'p');
    // The selected task's line is scrolled into view.
    ch(&mut app, 'j');
    let text = screen_text(&render(&app));
    assert!(text.contains("◀ slow_sync_call"), "{text}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn without_colour_the_lit_lines_name_their_task() {
    let mut app = run_app(freeze_live(), false, 120, 40);
    ch(&mut app, 'c');
    let text = screen_text(&render(&app));
    assert!(text.contains("▶s"), "{text}");
    assert!(text.contains("▶m"), "{text}");
}

#[test]
fn a_scenario_without_listings_says_so() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let view = app.run.as_mut().unwrap();
    let mut bare = (*view.scenario).clone();
    bare.code = None;
    view.scenario = Arc::new(bare);
    ch(&mut app, 'c');
    let text = screen_text(&render(&app));
    assert!(text.contains("this scenario has no code listing"), "{text}");
}

#[test]
fn n_lets_a_step_start_only_in_step_mode() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert!(ch(&mut app, 'n').is_empty());
    assert!(app.flash.as_deref().unwrap_or("").contains("step mode"));
    let text = screen_text(&render(&app));
    assert!(!text.contains("STEP: press n"));
    app.run.as_mut().unwrap().step_mode = true;
    assert_eq!(ch(&mut app, 'n'), vec![Effect::NextStep]);
    assert_eq!(app.flash, None, "a key clears the message");
}

#[test]
fn ctrl_t_in_the_menu_starts_the_next_runs_in_step_mode() {
    let mut app = menu_app(true, 120, 40);
    let ctrl_t = KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL);
    update(&mut app, Msg::Key(ctrl_t));
    assert!(app.step_mode);
    assert!(screen_text(&render(&app)).contains("STEP MODE"));
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::StartRun {
            step_mode: true,
            ..
        }
    )));
    assert!(run(&app).step_mode);
}

#[test]
fn step_mode_status_80x24() {
    let mut app = run_app(freeze_live(), true, 80, 24);
    app.run.as_mut().unwrap().step_mode = true;
    let text = screen_text(&render(&app));
    assert!(text.contains("STEP: press n"), "{text}");
    assert!(text.contains("n next step"), "{text}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn tab_marks_two_scenarios_and_enter_compares_them() {
    let mut app = menu_app(true, 120, 40);
    key(&mut app, KeyCode::Tab);
    let first = app.menu.selected_entry().unwrap().name.clone();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.menu.marks.len(), 1, "Tab again unmarks");
    key(&mut app, KeyCode::Tab);
    let second = app.menu.selected_entry().unwrap().name.clone();
    let text = screen_text(&render(&app));
    assert!(text.contains("Enter runs both"), "{text}");
    let effects = key(&mut app, KeyCode::Enter);
    let Some(Effect::StartCompare { scenarios, .. }) = effects.last() else {
        panic!("{effects:?}");
    };
    assert_eq!([&scenarios[0].name, &scenarios[1].name], [&first, &second]);
    assert_eq!(app.screen, Screen::Compare);
    assert_eq!(
        key(&mut app, KeyCode::Char('r')).len(),
        2,
        "stop, start both"
    );
    assert_eq!(key(&mut app, KeyCode::Esc), vec![Effect::StopRun]);
    assert_eq!(app.screen, Screen::Menu);
    key(&mut app, KeyCode::Esc);
    assert!(
        app.menu.marks.is_empty() && !app.quit,
        "Esc clears the marks first"
    );
}

/// blocking-freeze over, above failure-cancellation's synthetic run.
fn compare_app(w: u16, h: u16) -> App {
    let mut app = run_app(freeze_done(), true, w, h);
    let failure = scenario::builtin("failure-cancellation").expect("built-in");
    app.other = Some(RunView::with_timeline(
        Arc::new(failure),
        failure_done(),
        1.0,
    ));
    app.run.as_mut().unwrap().selected = None;
    app.screen = Screen::Compare;
    update(&mut app, Msg::Tick);
    app
}

#[test]
fn compare_120x40() {
    let app = compare_app(120, 40);
    let text = screen_text(&render(&app));
    assert!(
        text.contains("blocking-freeze 2.10 s · failure-cancellation 301 ms · 6.9"),
        "{text}"
    );
    assert_snapshot!(render(&app).backend());
}

#[test]
fn compare_draws_at_every_size() {
    for (w, h) in [(60, 15), (80, 24), (200, 60), (30, 5)] {
        render(&compare_app(w, h));
    }
}

#[test]
fn an_attached_view_shows_its_connection_and_quits_on_esc() {
    let mut app = menu_app(true, 130, 30);
    let info = RunInfo {
        scenario: "attach http://127.0.0.1:1".into(),
        flavor: Flavor::MultiThread,
        workers: 2,
    };
    let mut view = RunView::attached("http://127.0.0.1:1", info);
    view.attached.as_mut().unwrap().status = Status::Failed("connection refused".into());
    app.run = Some(view);
    app.screen = Screen::Run;
    let text = screen_text(&render(&app));
    assert!(text.contains("attach http://127.0.0.1:1"), "{text}");
    assert!(text.contains("failed: connection refused"), "{text}");
    assert!(
        text.contains("TOKIO_CONSOLE_PUBLISH_INTERVAL=50ms"),
        "{text}"
    );
    assert!(ch(&mut app, 'r').is_empty());
    assert!(
        app.flash
            .as_deref()
            .unwrap_or("")
            .contains("cannot be rerun")
    );
    let next = app.next_speed;
    ch(&mut app, 's');
    assert_eq!(app.next_speed, next, "no speed for an attached process");
    ch(&mut app, 'c');
    assert!(!run(&app).code, "no code pane either");
    assert!(key(&mut app, KeyCode::Esc).contains(&Effect::Quit));
}
