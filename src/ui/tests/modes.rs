//! Step mode, compare and attach views: their keys through `update`, and snapshots from
//! the fixed synthetic timelines.

use crossterm::event::KeyCode;
use insta::assert_snapshot;

use super::*;
use crate::ui::msg::Effect;

/// The status bar and the footer of `app`'s screen.
fn bars(app: &App) -> (String, String) {
    let text = screen_text(&render(app));
    let lines: Vec<&str> = text.lines().collect();
    (lines[0].to_string(), lines[lines.len() - 1].to_string())
}

#[test]
fn step_mode_holds_the_view_at_each_step_start_and_n_moves_it() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    assert!(
        !bars(&app).1.contains("n next step"),
        "offered only in step mode"
    );
    assert!(ch(&mut app, 'n').is_empty());
    assert!(app.flash.as_deref().unwrap_or("").contains("step mode"));
    app.flash = None;
    assert!(ctrl(&mut app, 't').is_empty());
    assert!(app.step_mode, "and for the next runs");
    let stops = crate::ui::step::stops(&[&run(&app).timeline]);
    assert_eq!(stops.len(), 2, "{stops:?}");
    assert_eq!(run(&app).hold, Some(stops[0]));
    let (status, footer) = bars(&app);
    assert!(
        status.contains("STEP 1/2 · n next") && status.contains("● LIVE"),
        "{status}"
    );
    assert!(footer.contains("n next step"), "{footer}");
    assert_eq!(
        run(&app).shown().now_ns(),
        stops[0],
        "nothing after the hold"
    );
    assert!(
        ch(&mut app, 'n').is_empty(),
        "no effect: the run is not touched"
    );
    assert_eq!(run(&app).hold, Some(stops[1]));
    assert!(
        bars(&app).0.contains("STEP 2/2 · n rest"),
        "{}",
        bars(&app).0
    );
    let _ = ch(&mut app, 'n');
    assert_eq!(run(&app).hold, None, "the rest of the run");
    let (status, _) = bars(&app);
    assert!(
        status.contains("■ DONE") && !status.contains("STEP"),
        "{status}"
    );
    assert_eq!(
        render(&app).backend(),
        render(&run_app(freeze_done(), true, 120, 40)).backend()
    );
}

/// At a hold, the screen is the run as it was live then: the same as a run whose source
/// had handed over only what happened by then (bar the status bar and the footer).
#[test]
fn the_held_view_is_the_run_as_it_was_live_then() {
    let mut held = run_app(freeze_done(), true, 120, 40);
    let _ = ctrl(&mut held, 't');
    let _ = ch(&mut held, 'n');
    let at = run(&held).hold.expect("held");
    let done = freeze_done();
    let mut cut = Recorded::new(done.timeline.info().clone());
    let mut batch = done.tape.batch();
    batch.cut(at);
    for item in batch.drain() {
        cut.push(item);
    }
    let live = run_app(cut, true, 120, 40);
    let rows = |app: &App| {
        let text = screen_text(&render(app));
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[1..lines.len() - 1].to_vec()
    };
    assert_eq!(rows(&held), rows(&live));
    assert!(bars(&live).0.contains("● LIVE"));
}

#[test]
fn ctrl_t_in_the_menu_starts_the_next_runs_in_step_mode() {
    let mut app = menu_app(true, 120, 40);
    let _ = ctrl(&mut app, 't');
    assert!(app.step_mode);
    assert!(screen_text(&render(&app)).contains("STEP MODE"));
    let _ = key(&mut app, KeyCode::Enter);
    assert!(
        screen_text(&render(&app)).contains("STEP MODE"),
        "the question says so"
    );
    let effects = key(&mut app, KeyCode::Tab);
    assert!(effects.iter().any(|e| matches!(e, Effect::StartRun { .. })));
    assert!(app.screen.step().is_some());
}

#[test]
fn step_mode_status_80x24() {
    let mut app = run_app(freeze_done(), true, 80, 24);
    let _ = ctrl(&mut app, 't');
    let _ = ch(&mut app, 'n');
    let text = screen_text(&render(&app));
    assert!(text.contains("STEP 2/2 · n rest"), "{text}");
    assert!(text.contains("n next step"), "{text}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn tab_marks_two_scenarios_and_enter_compares_them() {
    let mut app = menu_app(true, 120, 40);
    let _ = key(&mut app, KeyCode::Tab);
    let first = app.menu.selected_entry().unwrap().name.clone();
    let _ = key(&mut app, KeyCode::Down);
    let _ = key(&mut app, KeyCode::Tab);
    let _ = key(&mut app, KeyCode::Tab);
    assert_eq!(app.menu.marks.len(), 1, "Tab again unmarks");
    let _ = key(&mut app, KeyCode::Tab);
    let second = app.menu.selected_entry().unwrap().name.clone();
    let text = screen_text(&render(&app));
    assert!(text.contains("Enter runs both"), "{text}");
    let effects = key(&mut app, KeyCode::Enter);
    let Some(Effect::StartCompare { scenarios, .. }) = effects.last() else {
        panic!("{effects:?}");
    };
    assert_eq!([&scenarios[0].name, &scenarios[1].name], [&first, &second]);
    assert!(matches!(app.screen, Screen::Compare(_)));
    assert_eq!(
        key(&mut app, KeyCode::Char('r')).len(),
        2,
        "stop, start both"
    );
    assert_eq!(key(&mut app, KeyCode::Esc), vec![Effect::StopRun]);
    assert!(matches!(app.screen, Screen::Menu));
    let _ = key(&mut app, KeyCode::Esc);
    assert!(
        app.menu.marks.is_empty() && !app.quit,
        "Esc clears the marks first"
    );
}

/// blocking-freeze over, above failure-cancellation's synthetic run: both opened as a
/// comparison, then fed their tapes.
fn compare_app(w: u16, h: u16) -> App {
    let mut app = menu_app(true, w, h);
    let pair = ["blocking-freeze", "failure-cancellation"]
        .map(|name| Arc::new(scenario::builtin(name).expect("built-in")));
    let effects = update(&mut app, Msg::Launch(Launch::Compare(pair)));
    assert_eq!(effects.len(), 2, "stop, start both");
    let runs = [freeze_done(), failure_done()];
    for (view, run) in app.screen.runs_mut().iter_mut().zip(&runs) {
        // The synthetic runs stand for the real ones: their runtimes replace the scenarios'.
        view.timeline = crate::timeline::Timeline::new(run.timeline.info().clone());
    }
    let drained = runs.iter().map(as_drained).collect();
    assert!(update(&mut app, Msg::Events(drained)).is_empty());
    app
}

#[test]
fn compare_120x40() {
    let app = compare_app(120, 40);
    let text = screen_text(&render(&app));
    assert!(
        text.contains("blocking-freeze 2.10 s · failure-cancellation 0.30 s · 6.9"),
        "{text}"
    );
    assert_snapshot!(render(&app).backend());
}

/// With fewer rows than findings, both runs keep rows of findings (their latest, a fair
/// share each), and a row says how many are not shown.
#[test]
fn compare_80x24_lists_both_runs_findings_and_counts_the_rest() {
    let app = compare_app(80, 24);
    let text = screen_text(&render(&app));
    let rows: Vec<&str> = text.lines().collect();
    assert_padded(rows[0]);
    let title = rows
        .iter()
        .position(|r| r.starts_with("─ findings ("))
        .expect("findings");
    let total: usize = rows[title]["─ findings (".len()..]
        .split(')')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count");
    let listed: Vec<&&str> = rows[title + 1..]
        .iter()
        .take_while(|r| r.contains(": ") || r.contains("more not shown"))
        .collect();
    let of = |name: &str| {
        listed
            .iter()
            .filter(|r| r.contains(&format!("{name}: ")))
            .count()
    };
    let (a, b) = (of("blocking-freeze"), of("failure-cancellation"));
    assert!(a > 0 && b > 0, "both runs have rows: {text}");
    assert!(a.abs_diff(b) <= 1, "a fair share: {text}");
    let more = format!("… {} more not shown", total - a - b);
    assert!(listed.iter().any(|r| r.contains(&more)), "{more}: {text}");
    assert_snapshot!(text);
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
    let target = crate::attach::Target::parse("http://127.0.0.1:1").expect("an address");
    let options = crate::attach::AttachOptions {
        workers: 2,
        ..crate::attach::AttachOptions::default()
    };
    let effects = update(&mut app, Msg::Launch(Launch::Attach { target, options }));
    assert!(matches!(effects.last(), Some(Effect::Attach { .. })));
    let mut failed = Drained {
        status: Status::Failed("connection refused".into()),
        note: Some(crate::attach::sampling_note(None)),
        ..Drained::default()
    };
    failed.batch.end(0);
    assert!(update(&mut app, Msg::Events(vec![failed])).is_empty());
    assert_eq!(app.failure(), Some("connection refused"));
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
    let _ = ch(&mut app, 's');
    assert_eq!(app.next_speed, next, "no speed for an attached process");
    let _ = ch(&mut app, 'c');
    let layout = app.screen.single().expect("an attach view").layout;
    assert!(layout.code.is_none(), "no code pane either");
    assert!(key(&mut app, KeyCode::Esc).contains(&Effect::Quit));
}

/// Compare in step mode: one hold over the step starts of both runs, both views held at
/// it, `n` moving both; after the last, both runs whole.
#[test]
fn compare_steps_both_runs_on_one_axis() {
    let mut app = compare_app(120, 40);
    let _ = ctrl(&mut app, 't');
    let Screen::Compare(compare) = &app.screen else {
        panic!("a comparison");
    };
    let stops = crate::ui::step::stops(&[&compare.runs[0].timeline, &compare.runs[1].timeline]);
    assert!(!stops.is_empty());
    for &stop in &stops {
        assert!(
            app.runs().iter().all(|r| r.hold == Some(stop)),
            "held at {stop}"
        );
        let status = screen_text(&render(&app))
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        assert!(status.contains("STEP"), "{status}");
        let _ = ch(&mut app, 'n');
    }
    assert!(app.runs().iter().all(|r| r.hold.is_none()), "the rest");
    assert!(app.screen.step().is_none());
}

/// At 80x24 the help of the menu, of a run and of a comparison (in one column or two) says
/// what every key does in full: no description is cut short with `…`.
#[test]
fn at_80x24_every_help_description_is_whole() {
    let screens = [
        menu_app(true, 80, 24),
        run_app(freeze_live(), true, 80, 24),
        compare_app(80, 24),
    ];
    for mut app in screens {
        let context = app.context();
        press(&mut app, KeyCode::Char('?'));
        let text = screen_text(&render(&app));
        let rows: Vec<&str> = text.lines().collect();
        let top = rows
            .iter()
            .position(|r| r.contains("┌ keys"))
            .expect("a popup");
        let bottom = rows.iter().rposition(|r| r.contains('└')).expect("its end");
        // The popup's own columns, between its borders.
        let left = rows[top].chars().position(|c| c == '┌').expect("a corner");
        let right = rows[top].chars().position(|c| c == '┐').expect("a corner");
        let inside: Vec<String> = rows[top..bottom]
            .iter()
            .map(|r| r.chars().skip(left).take(right - left).collect())
            .collect();
        for row in &inside {
            assert!(!row.contains('…'), "{context:?}: a cut description: {row}");
        }
        for (keys, binding) in crate::ui::keymap::help(context) {
            assert!(
                inside.iter().any(|r| r.contains(binding.help)),
                "{context:?}: `{keys}` {} is not whole: {text}",
                binding.help
            );
        }
    }
}

/// A comparison's narration says when its step started, as the single run's does, also
/// where a row is too short for the whole of it: a caption about an earlier step is told
/// from one about now.
#[test]
fn compare_narration_says_when_its_step_started_at_every_hold() {
    for width in [60, 80, 120] {
        let mut app = compare_app(width, 24);
        let _ = ctrl(&mut app, 't');
        let mut captions = 0;
        while app.screen.step().is_some() {
            let text = screen_text(&render(&app));
            for row in text.lines().filter(|r| r.starts_with(" » ")) {
                captions += 1;
                let (_, when) = row.trim_end().rsplit_once(" at ").expect(row);
                assert!(when.starts_with(|c: char| c.is_ascii_digit()), "{row}");
            }
            let _ = ch(&mut app, 'n');
        }
        assert!(captions > 0, "{width}: no narration shown");
    }
}

/// A comparison's status bar is whole at every width it is drawn at, in step mode too (its
/// widest state): the step cell is never cut at the edge (at 80 columns the times alone
/// stand for the runs, which their rules name).
#[test]
fn compare_s_status_bar_is_whole_in_step_mode() {
    for width in [60, 80, 100, 120] {
        let mut app = compare_app(width, 24);
        let _ = ctrl(&mut app, 't');
        let text = screen_text(&render(&app));
        let bar = text.lines().next().expect("a status bar").trim_end();
        assert!(bar.ends_with("n next"), "{width}: {bar}");
    }
}
