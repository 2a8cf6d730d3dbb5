//! The question for the room: asked before a run of a scenario that has one, answered with
//! a digit, with digits and Enter (a set), or with a typed number, skipped with Tab; then
//! the room's answer beside the measured truth under the lanes once the run settles it.
//! The runs judged are real runs of the built-ins, saved once
//! (`taskscope run NAME --headless --format json > src/ui/tests/runs/NAME.json`).

use crossterm::event::KeyCode;
use insta::assert_snapshot;

use super::*;
use crate::quiz::Answer;
use crate::ui::Driver;
use crate::ui::app::Overlay;
use crate::ui::msg::{Effect, Effects};

/// blocking-freeze: "which task finishes first?", one of three; slow_sync_call did.
const FREEZE: &str = include_str!("runs/blocking-freeze.json");
/// failure-cancellation: "which tasks get cancelled?", a set; fetch_weather and fetch_news.
const FAILURE: &str = include_str!("runs/failure-cancellation.json");
/// rescued-by-timeout: "how long does main take?", typed; about 2.1 s.
const RESCUED: &str = include_str!("runs/rescued-by-timeout.json");

fn starts(effects: &Effects) -> bool {
    effects.iter().any(|e| matches!(e, Effect::StartRun { .. }))
}

/// The menu at `w` x `h` with `name` selected and Enter pressed: its question is up.
fn asked(name: &str, w: u16, h: u16) -> App {
    let mut app = menu_app(true, w, h);
    while app.menu.selected_entry().expect("an entry").name != name {
        let _ = key(&mut app, KeyCode::Down);
    }
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        [Effect::StopRun],
        "no run yet"
    );
    assert!(matches!(app.screen, Screen::Ask(_)));
    app
}

fn flash(app: &App) -> &str {
    app.flash.as_deref().unwrap_or("")
}

#[test]
fn a_digit_answers_a_one_choice_question_and_the_run_starts() {
    let mut app = asked("blocking-freeze", 120, 40);
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(
        flash(&app),
        "3 choices: press 1 to 3 · Tab runs without asking"
    );
    assert!(ch(&mut app, '7').is_empty(), "no seventh choice");
    assert_eq!(flash(&app), "3 choices: press 1 to 3");
    assert!(ch(&mut app, 'x').is_empty());
    assert!(matches!(app.screen, Screen::Ask(_)), "still asking");
    assert!(starts(&ch(&mut app, '3')));
    assert_eq!(run(&app).answer, Some(Answer::Choice(2)));
    let quiz = app.screen.single().expect("a run").layout.quiz;
    assert!(quiz.is_some(), "the answer is shown under the lanes");
    let text = screen_text(&render(&app));
    assert!(text.contains("the room said fetch_weather"), "{text}");
    assert!(text.contains("the run settles it when it ends"), "{text}");
}

#[test]
fn digits_tick_the_choices_of_a_set_and_enter_runs_with_them() {
    let mut app = asked("failure-cancellation", 120, 40);
    for c in ['1', '3', '1'] {
        assert!(ch(&mut app, c).is_empty(), "a digit ticks, it does not run");
    }
    let Screen::Ask(ask) = &app.screen else {
        panic!("asking")
    };
    assert_eq!(ask.ticked, [2], "1 ticked, then unticked");
    let text = screen_text(&render(&app));
    assert!(
        text.contains("[ ] fetch_weather") && text.contains("[✓] flaky_call"),
        "{text}"
    );
    assert!(starts(&key(&mut app, KeyCode::Enter)));
    assert_eq!(run(&app).answer, Some(Answer::Choices(vec![2])));
    // Nothing ticked is an answer too: none of them.
    let mut none = asked("failure-cancellation", 120, 40);
    assert!(starts(&key(&mut none, KeyCode::Enter)));
    assert_eq!(run(&none).answer, Some(Answer::Choices(Vec::new())));
}

#[test]
fn a_typed_answer_is_read_on_enter_or_refused_with_what_to_type() {
    let mut app = asked("rescued-by-timeout", 80, 24);
    for c in "2x".chars() {
        assert!(ch(&mut app, c).is_empty(), "characters type");
    }
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    let text = screen_text(&render(&app));
    assert!(text.contains("the room says   2x"), "{text}");
    assert!(
        text.contains("`2x` is not a duration (`x` is not a unit): type 2 (seconds)"),
        "{text}"
    );
    // Beyond the bound of a quiz's durations: refused, with the bound.
    let mut long = asked("rescued-by-timeout", 80, 24);
    for c in "10000".chars() {
        let _ = ch(&mut long, c);
    }
    assert!(key(&mut long, KeyCode::Enter).is_empty(), "nothing runs");
    let text = screen_text(&render(&long));
    assert!(text.contains("`10000` is too long: at most 60m"), "{text}");
    let _ = key(&mut app, KeyCode::Backspace);
    let Screen::Ask(ask) = &app.screen else {
        panic!("asking")
    };
    assert_eq!((ask.typed.as_str(), ask.refused.as_deref()), ("2", None));
    for c in ".1".chars() {
        let _ = ch(&mut app, c);
    }
    assert!(starts(&key(&mut app, KeyCode::Enter)));
    let tenths = std::time::Duration::from_millis(2100);
    assert_eq!(run(&app).answer, Some(Answer::Duration(tenths)));
}

/// A refusal too long for its row wraps like the question, to its last word, at 80
/// columns and at the smallest screen.
#[test]
fn a_refusal_wraps_to_its_last_word() {
    for (w, h) in [(80, 24), (60, 15)] {
        let mut app = asked("rescued-by-timeout", w, h);
        // Enter with nothing typed says what to type.
        assert!(key(&mut app, KeyCode::Enter).is_empty(), "nothing runs");
        let text = screen_text(&render(&app));
        let footer = text.lines().last().unwrap_or_default();
        assert!(footer.contains("first (2 is 2 s; 1.5s, 250ms)"), "{footer}");
        for c in "abc".chars() {
            let _ = ch(&mut app, c);
        }
        assert!(key(&mut app, KeyCode::Enter).is_empty(), "nothing runs");
        let text = screen_text(&render(&app));
        let words: Vec<&str> = text.split_whitespace().collect();
        let said = words.join(" ");
        let why = "`abc` is not a duration (it does not start with a number): type 2 (seconds), 1.5s or 250ms";
        assert!(said.contains(why), "{w}x{h}:\n{text}");
    }
}

#[test]
fn tab_runs_without_asking_and_esc_goes_back_to_the_menu() {
    let mut app = asked("hedged-requests", 120, 40);
    assert!(starts(&key(&mut app, KeyCode::Tab)));
    assert_eq!(run(&app).answer, None);
    let layout = app.screen.single().expect("a run").layout;
    assert!(layout.quiz.is_none(), "not asked: no quiz pane");
    let mut back = asked("hedged-requests", 120, 40);
    assert_eq!(key(&mut back, KeyCode::Esc), [Effect::StopRun]);
    assert!(matches!(back.screen, Screen::Menu));
    let selected = back.menu.selected_entry().expect("an entry");
    assert_eq!(selected.name, "hedged-requests");
}

#[test]
fn q_quits_and_the_help_lists_the_keys_of_the_question() {
    for name in [
        "blocking-freeze",
        "failure-cancellation",
        "rescued-by-timeout",
    ] {
        let mut app = asked(name, 120, 40);
        let _ = ch(&mut app, '?');
        assert_eq!(app.overlay, Overlay::Help);
        let text = screen_text(&render(&app));
        assert!(text.contains("run without asking"), "{text}");
        assert!(
            !text.contains("parked"),
            "no lanes, no marks of lanes: {text}"
        );
        let _ = ch(&mut app, '?');
        assert_eq!(app.overlay, Overlay::None);
        assert_eq!(ch(&mut app, 'q'), [Effect::StopRun, Effect::Quit], "{name}");
        let mut app = asked(name, 120, 40);
        assert_eq!(
            ctrl(&mut app, 'c'),
            [Effect::StopRun, Effect::Quit],
            "{name}"
        );
    }
}

#[test]
fn ctrl_a_in_the_menu_turns_the_questions_off_and_on() {
    let mut app = menu_app(true, 120, 40);
    let _ = ctrl(&mut app, 'a');
    assert!(!app.ask);
    assert!(screen_text(&render(&app)).contains("NO QUIZ"));
    assert!(starts(&key(&mut app, KeyCode::Enter)), "runs at once");
    let _ = key(&mut app, KeyCode::Esc);
    let _ = ctrl(&mut app, 'a');
    assert!(app.ask && !screen_text(&render(&app)).contains("NO QUIZ"));
    assert_eq!(key(&mut app, KeyCode::Enter), [Effect::StopRun]);
    assert!(matches!(app.screen, Screen::Ask(_)));
}

#[test]
fn a_comparison_and_a_rerun_ask_nothing_and_a_rerun_keeps_the_answer() {
    let mut app = menu_app(true, 120, 40);
    let _ = key(&mut app, KeyCode::Tab);
    let _ = key(&mut app, KeyCode::Down);
    let _ = key(&mut app, KeyCode::Tab);
    let effects = key(&mut app, KeyCode::Enter);
    assert!(matches!(effects.last(), Some(Effect::StartCompare { .. })));
    let mut app = asked("blocking-freeze", 120, 40);
    let _ = ch(&mut app, '1');
    assert!(starts(&ch(&mut app, 'r')));
    assert_eq!(run(&app).answer, Some(Answer::Choice(0)), "judged again");
}

/// The footer offers only what works now: no Enter before a number is typed (pressing it
/// says why), no Enter on a question a digit answers.
#[test]
fn the_question_screens_footer_and_help_tell_what_works_now() {
    for name in [
        "blocking-freeze",
        "failure-cancellation",
        "rescued-by-timeout",
    ] {
        let mut app = asked(name, 120, 40);
        assert_availability_is_told(&mut app);
    }
    let mut app = asked("rescued-by-timeout", 120, 40);
    let footer = |app: &App| {
        screen_text(&render(app))
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    assert!(!footer(&app).contains("⏎ run"), "{}", footer(&app));
    let _ = ch(&mut app, '2');
    assert!(footer(&app).contains("⏎ run"), "{}", footer(&app));
}

#[test]
fn the_question_120x40() {
    let app = asked("blocking-freeze", 120, 40);
    assert_snapshot!(render(&app).backend());
}

#[test]
fn the_question_80x24() {
    let mut app = asked("failure-cancellation", 80, 24);
    let _ = ch(&mut app, '2');
    assert_snapshot!(render(&app).backend());
}

/// The dashboard of `taskscope open` on `json`: its question asked and answered with
/// `keys`, then its replay drained.
fn answered(json: &str, keys: &[KeyCode], w: u16, h: u16) -> App {
    let mut app = menu_app(true, w, h);
    let launch = open_launch(json);
    assert_eq!(update(&mut app, Msg::Launch(launch)), [Effect::StopRun]);
    let mut driver = Driver::default();
    for &code in keys {
        assert!(!driver.execute(key(&mut app, code)));
    }
    assert!(matches!(app.screen, Screen::Run(_)), "answered");
    let msg = driver.drain().expect("the replay hands its tape over");
    assert!(update(&mut app, msg).is_empty());
    app
}

/// The rows of the quiz pane.
fn quiz_rows(app: &App) -> Vec<String> {
    let rect = app
        .screen
        .single()
        .expect("a run")
        .layout
        .quiz
        .expect("a pane");
    let text = screen_text(&render(app));
    let rows = text.lines().skip(usize::from(rect.y));
    rows.take(usize::from(rect.height))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_verdict_is_beside_the_answer_under_the_lanes_120x40() {
    let app = answered(FREEZE, &[KeyCode::Char('3')], 120, 40);
    let rows = quiz_rows(&app).join("\n");
    assert!(
        rows.contains("the room said fetch_weather · ✗ wrong"),
        "{rows}"
    );
    assert!(
        rows.contains("measured: slow_sync_call ended first, at 2.1"),
        "{rows}"
    );
    let layout = app.screen.single().expect("a run").layout;
    let quiz = layout.quiz.expect("a pane");
    let lanes = run(&app).lanes().0.len() * usize::from(layout.lane_rows);
    assert!(
        layout.tasks.height as usize >= lanes,
        "every lane drawn whole"
    );
    assert!(
        quiz.y >= layout.tasks.bottom(),
        "below the lanes, hiding none"
    );
    assert_snapshot!(render(&app).backend());
}

#[test]
fn the_verdict_of_a_typed_answer_80x24() {
    let typed = [KeyCode::Char('2'), KeyCode::Enter];
    let app = answered(RESCUED, &typed, 80, 24);
    let rows = quiz_rows(&app).join("\n");
    assert!(rows.contains("the room said 2.00 s · ✓ right"), "{rows}");
    assert!(rows.contains("an answer from"), "{rows}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn a_set_answer_is_right_only_when_it_is_the_whole_set() {
    let both = [KeyCode::Char('1'), KeyCode::Char('2'), KeyCode::Enter];
    let app = answered(FAILURE, &both, 120, 40);
    let rows = quiz_rows(&app).join("\n");
    assert!(
        rows.contains("fetch_weather and fetch_news · ✓ right"),
        "{rows}"
    );
    let one = [KeyCode::Char('1'), KeyCode::Enter];
    let rows = quiz_rows(&answered(FAILURE, &one, 120, 40)).join("\n");
    assert!(
        rows.contains("the room said fetch_weather · ✗ wrong"),
        "{rows}"
    );
}

/// Step mode: the question waits for the end of the run as the view shows it, not as it
/// ran: the hold never gives the answer away.
#[test]
fn in_step_mode_the_run_settles_the_question_when_the_rest_is_shown() {
    let mut app = menu_app(true, 120, 40);
    app.step_mode = true;
    let _ = update(&mut app, Msg::Launch(open_launch(FREEZE)));
    let mut driver = Driver::default();
    assert!(!driver.execute(ch(&mut app, '1')));
    let msg = driver.drain().expect("the replay hands its tape over");
    let _ = update(&mut app, msg);
    assert!(run(&app).timeline.is_finished(), "the run itself is over");
    while app.screen.step().is_some() {
        let rows = quiz_rows(&app).join("\n");
        assert!(rows.contains("the run settles it when it ends"), "{rows}");
        let _ = ch(&mut app, 'n');
    }
    let rows = quiz_rows(&app).join("\n");
    assert!(
        rows.contains("the room said slow_sync_call · ✓ right"),
        "{rows}"
    );
}

/// A picture (an image, a recording) asks nobody: it shows the question with its choices,
/// the right one marked, and the measured truth.
#[test]
fn a_picture_shows_the_question_the_right_choice_and_the_truth() {
    let app = picture(FREEZE, 100, 30);
    let rows = quiz_rows(&app).join("\n");
    assert!(
        rows.contains("1 slow_sync_call ✓   2 heartbeat   3 fetch_weather"),
        "{rows}"
    );
    assert!(
        rows.contains("measured: slow_sync_call ended first"),
        "{rows}"
    );
}
