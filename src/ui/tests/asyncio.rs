//! The dashboard and asyncio: the menu's runtime key and its comparison of a scenario on
//! both runtimes (through `update`), and the code pane and details of an asyncio run, lit
//! from the positions its child reports rather than from its step starts.

use crossterm::event::KeyCode;

use super::*;
use crate::source::{Engine, Item, Position, RunInfo, Runtime};
use crate::testkit::{MS, freeze_live};
use crate::ui::code_choice::Lang;
use crate::ui::msg::Effect;
use crate::ui::view::code::task_lines;
use crate::ui::view::code_lines::position_text;

#[test]
fn ctrl_r_switches_the_runtime_of_the_next_runs() {
    let mut app = menu_app(true, 120, 40);
    assert_eq!(app.next_engine, Engine::Tokio);
    let _ = ctrl(&mut app, 'r');
    assert_eq!(app.next_engine, Engine::Asyncio);
    assert!(screen_text(&render(&app)).contains("next run on asyncio at 1x"));
    // The question is asked first, for the run on asyncio; Tab runs without an answer.
    let _ = key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Ask(_)));
    assert!(screen_text(&render(&app)).contains("next run on asyncio at 1x"));
    let effects = key(&mut app, KeyCode::Tab);
    let started = effects.iter().find_map(|e| match e {
        Effect::StartRun { engine, .. } => Some(*engine),
        _ => None,
    });
    assert_eq!(started, Some(Engine::Asyncio));
    assert_eq!(run(&app).timeline.info().runtime, Runtime::Asyncio);
    assert_eq!(
        run(&app).lang,
        Lang::Python,
        "an asyncio run shows its Python"
    );
    let _ = key(&mut app, KeyCode::Esc);
    let _ = ctrl(&mut app, 'r');
    assert_eq!(app.next_engine, Engine::Tokio);
}

#[test]
fn ctrl_b_compares_the_selected_scenario_on_tokio_and_on_asyncio() {
    let mut app = menu_app(true, 120, 40);
    let selected = app.menu.selected_entry().unwrap().name.clone();
    let effects = ctrl(&mut app, 'b');
    let Some(Effect::StartCompare {
        scenarios, engines, ..
    }) = effects.last()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(*engines, [Engine::Tokio, Engine::Asyncio]);
    assert!(scenarios.iter().all(|s| s.name == selected));
    let runtimes: Vec<Runtime> = app
        .runs()
        .iter()
        .map(|r| r.timeline.info().runtime)
        .collect();
    assert_eq!(runtimes[1], Runtime::Asyncio);
    assert!(matches!(runtimes[0], Runtime::Tokio(_)));
    // One scenario twice: the status bar names each run by its runtime.
    let bar = screen_text(&render(&app))
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(
        bar.starts_with(" compare │ tokio 0.00 s · asyncio 0.00 s │"),
        "{bar}"
    );
    // `r` runs both again, each on its own runtime.
    let effects = key(&mut app, KeyCode::Char('r'));
    let again = effects.iter().any(|e| {
        matches!(e, Effect::StartCompare { engines, .. } if *engines == [Engine::Tokio, Engine::Asyncio])
    });
    assert!(again, "{effects:?}");
}

/// The id of blocking-freeze's step `n` (from 1) of `function`.
fn step(function: &str, n: usize) -> u32 {
    let scenario = scenario::builtin("blocking-freeze").unwrap();
    scenario.function(function).unwrap().steps[n - 1].id
}

/// The Python listing's line of a step.
fn py_line(id: u32) -> u32 {
    let scenario = scenario::builtin("blocking-freeze").unwrap();
    scenario.step(id).unwrap().code.python.unwrap()
}

fn at(at_ns: u64, task: u32, step: Option<u32>) -> Item {
    let file = "<taskscope scenario blocking-freeze>".into();
    Item::Position(Box::new(Position {
        at_ns,
        task,
        file,
        line: 40 + task,
        step,
    }))
}

/// blocking-freeze 1.2 s in, as an asyncio run: the events of the tokio fixture, and where
/// the child said each task was suspended.
fn asyncio_app() -> App {
    let mut run = Recorded::new(RunInfo::asyncio("blocking-freeze"));
    for item in freeze_live().tape.batch().drain() {
        run.push(item);
    }
    run.push(at(700_000, 0, Some(step("main", 1))));
    // Suspended at its first sleep; it entered its blocking step since.
    run.push(at(MS, 1, Some(step("slow_sync_call", 1))));
    // Suspended in a tick: the tokio way would light the step it started last, the repeat.
    run.push(at(MS + 100_000, 2, Some(step("tick", 1))));
    // Suspended in a line of no step: no line of the listing.
    run.push(at(MS + 200_000, 3, None));
    run_app(run, true, 170, 40)
}

#[test]
fn an_asyncio_task_is_lit_where_the_child_says_it_is() {
    let mut app = asyncio_app();
    assert_eq!(run(&app).lang, Lang::Python);
    let block = py_line(step("slow_sync_call", 2));
    let group = py_line(step("main", 1));
    let tick = py_line(step("tick", 1));
    assert_eq!(
        task_lines(run(&app)),
        vec![(group, 0), (block, 1), (tick, 2)]
    );
    // At 50 ms slow_sync_call was suspended at its first sleep: it had not blocked yet.
    run_mut(&mut app).cursor = Some(50 * MS);
    let sleep = py_line(step("slow_sync_call", 1));
    assert_eq!(
        task_lines(run(&app)),
        vec![(group, 0), (sleep, 1), (tick, 2)]
    );
    assert_eq!(
        position_text(run(&app), 2).as_deref(),
        Some(format!("listings/blocking-freeze.py:{tick}").as_str())
    );
    assert_eq!(
        position_text(run(&app), 3).as_deref(),
        Some("<taskscope scenario blocking-freeze>:43"),
        "a line of no step: the generated code's own"
    );
    assert_eq!(
        position_text(run(&app), 4),
        None,
        "never awaited: at no line"
    );
}
