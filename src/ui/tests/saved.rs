//! A saved run in the dashboard: opened from its document, it looks exactly like the run did
//! when it finished, and every tool of a finished run works the same on both. And the one
//! answer about what is available now drives dispatch, the footer and the help alike.

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;

use super::*;
use crate::export::json::{to_document, to_json_string};
use crate::scenario::ScenarioFile;
use crate::source::Tape;
use crate::ui::Driver;

/// A real run of `name` at 4x, watched in the dashboard to its end while its drains are
/// also kept (what a headless run saves): the app at the end, and the saved document.
fn watched_and_saved(name: &str) -> (App, String) {
    let mut app = menu_app(true, 120, 40);
    app.next_speed = 4.0;
    app.ask = false;
    let scenario = Arc::new(scenario::builtin(name).expect("built-in"));
    let mut driver = Driver::default();
    let effects = update(&mut app, Msg::Launch(Launch::Run(scenario.clone())));
    assert!(!driver.execute(effects));
    let mut run = Recorded::new(app.run().expect("a run").timeline.info().clone());
    let deadline = Instant::now() + Duration::from_secs(30);
    while driver.is_live() && Instant::now() < deadline {
        if let Some(Msg::Events(drained)) = driver.drain() {
            assert_eq!(drained.len(), 1, "one source");
            run.take(&mut drained[0].clone());
            assert!(update(&mut app, Msg::Events(drained)).is_empty());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(run.timeline.is_finished(), "{name} ended within 30 s");
    let file = ScenarioFile::of(&scenario).expect("its text");
    let json = to_json_string(&to_document(&run, Some((&scenario, &file)), None));
    (app, json)
}

#[test]
fn an_opened_run_looks_exactly_like_the_finished_run() {
    let (mut watched, json) = watched_and_saved("blocking-freeze");
    let mut open = opened(&json, true, 120, 40);
    let text = screen_text(&render(&open));
    assert!(
        text.contains("■ DONE") && text.contains("slow_sync_call"),
        "{text}"
    );
    assert_eq!(render(&open).backend(), render(&watched).backend());
    // Every tool of a finished run: cursor, zoom, details, code pane (which the details
    // leave room for below the lanes), narration, lesson.
    let keys = [
        KeyCode::Left,
        KeyCode::Left,
        KeyCode::Char('+'),
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Char('p'),
        KeyCode::Char('L'),
    ];
    for key in keys {
        press(&mut watched, key);
        press(&mut open, key);
        assert_eq!(
            render(&open).backend(),
            render(&watched).backend(),
            "after {key:?}"
        );
    }
    let text = screen_text(&render(&open));
    assert!(
        text.contains("Python code"),
        "the listings travel with the run:\n{text}"
    );
}

#[test]
fn an_opened_run_is_drawn_like_the_fixture_it_was_saved_from() {
    // A scripted run (no scenario file: an attached process's document has none).
    let fixture = crate::testkit::freeze_done();
    let json = to_json_string(&to_document(&fixture, None, None));
    let saved = crate::saved::from_bytes(json.as_bytes(), "run.json").expect("it opens");
    assert!(saved.scenario.is_none());
    assert_eq!(saved.run.tape, fixture.tape);
    assert_eq!(
        to_json_string(&to_document(&saved.run, None, None)),
        json,
        "the lanes fold again from the tape"
    );
    let open = opened(&json, true, 100, 30);
    assert!(
        matches!(open.screen, Screen::Attach(_)),
        "no scenario: no code pane, no rerun"
    );
    let text = screen_text(&render(&open));
    for lane in ["slow_sync_call", "heartbeat", "fetch_weather"] {
        assert!(text.contains(lane), "{text}");
    }
}

/// For each screen, each command bound there: unavailable commands get no footer hint, are
/// dimmed in the help, and say why when pressed; available ones do what they do.
#[test]
fn one_answer_about_availability_drives_dispatch_the_footer_and_the_help() {
    let live = run_app(freeze_live(), true, 200, 40);
    let mut attach = opened(
        &to_json_string(&to_document(&freeze_done(), None, None)),
        true,
        200,
        40,
    );
    if let Screen::Attach(screen) = &mut attach.screen {
        screen.target = "http://127.0.0.1:1".into();
    }
    for mut app in [live, attach] {
        assert_availability_is_told(&mut app);
    }
}

#[test]
fn a_tape_without_an_end_still_ends_when_replayed() {
    let live = freeze_live();
    let info = live.timeline.info().clone();
    let mut app = menu_app(true, 120, 40);
    let launch = Launch::Open {
        info,
        scenario: None,
        attached: Some("somewhere".into()),
        script: None,
        tape: Arc::new(Tape::from_entries(live.tape.entries().to_vec())),
    };
    let mut driver = Driver::default();
    assert!(!driver.execute(update(&mut app, Msg::Launch(launch))));
    let msg = driver.drain().expect("a drain");
    let _ = update(&mut app, msg);
    assert!(app.run().unwrap().timeline.is_finished());
    assert!(!driver.is_live());
}

/// A saved run steps like a live one: Ctrl-T holds it at its first step start, `n` moves
/// on, and after the last the run is whole again, as it opened.
#[test]
fn an_opened_run_can_be_stepped() {
    let (_, json) = watched_and_saved("concurrent-group");
    let mut open = opened(&json, true, 120, 40);
    let whole = screen_text(&render(&open));
    let _ = ctrl(&mut open, 't');
    let run = open.run().expect("a run");
    let stops = crate::ui::step::stops(&[&run.timeline]);
    assert_eq!(run.hold, stops.first().copied());
    assert!(screen_text(&render(&open)).contains("STEP 1/"));
    for _ in &stops {
        press(&mut open, KeyCode::Char('n'));
    }
    assert_eq!(open.run().expect("a run").hold, None);
    assert_eq!(screen_text(&render(&open)), whole);
}
