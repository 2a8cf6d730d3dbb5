//! The code pane: where the room puts it, `c` and `p`, the lines each task is lit on, and
//! snapshots from the fixed synthetic timelines.

use insta::assert_snapshot;

use super::*;
use crate::ui::code_choice::{CodePane, Lang};
use crate::ui::view::code::task_lines;

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

/// Whether `app`'s run view shows its code pane.
fn code_shown(app: &App) -> bool {
    app.screen.single().expect("a run").layout.code.is_some()
}

#[test]
fn c_shows_the_code_pane_and_p_switches_the_language() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    assert!(!code_shown(&app), "five lanes leave no room for it below");
    assert!(ch(&mut app, 'c').is_empty());
    assert!(code_shown(&app));
    assert_eq!(run(&app).code, CodePane::Open);
    assert_eq!(run(&app).lang, Lang::Rust);
    let _ = ch(&mut app, 'p');
    assert_eq!(run(&app).lang, Lang::Python);
    let _ = ch(&mut app, 'p');
    assert_eq!(run(&app).lang, Lang::Rust);
    let _ = ch(&mut app, 'c');
    assert!(!code_shown(&app));
    assert_eq!(run(&app).code, CodePane::Closed);
}

#[test]
fn the_pane_and_its_language_carry_over_to_a_rerun() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    let _ = ch(&mut app, 'c');
    let _ = ch(&mut app, 'p');
    let _ = ch(&mut app, 'r');
    assert!(code_shown(&app));
    assert_eq!(run(&app).lang, Lang::Python);
}

/// Where the lanes leave room below them, the code pane opens there by itself: at 120x40
/// for a run of two tasks; on a terminal 160 columns wide or more, beside the lanes when
/// there is no room below; `c` hides it, and a rerun keeps it hidden.
#[test]
fn the_code_pane_takes_the_room_the_lanes_leave() {
    let few = |w, h| run_app(freeze_done(), true, w, h);
    let mut app = few(120, 60);
    let layout = app.screen.single().expect("a run").layout;
    let code = layout.code.expect("room below the lanes at 120x60");
    assert_eq!(code.width, 120, "below the lanes, across the screen");
    assert!(code.y > layout.tasks.bottom());
    assert!(
        !code_shown(&few(120, 40)),
        "five lanes leave no room below at 120x40"
    );
    let wide = few(200, 40);
    let side = wide
        .screen
        .single()
        .expect("a run")
        .layout
        .code
        .expect("beside");
    assert!(side.x > 100 && side.y < 5, "{side:?}");
    let _ = ch(&mut app, 'c');
    assert!(!code_shown(&app));
    let _ = ch(&mut app, 'r');
    assert!(!code_shown(&app), "closed stays closed");
}

#[test]
fn each_task_is_lit_on_its_steps_line_now_and_at_the_cursor() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let _ = ch(&mut app, 'c');
    let group = line_of("join_all", Lang::Rust);
    let block = line_of("std::thread::sleep(Duration", Lang::Rust);
    assert_eq!(task_lines(run(&app)), vec![(group, 0), (block, 1)]);
    let _ = ch(&mut app, 'p');
    let py_group = line_of("TaskGroup", Lang::Python);
    let py_block = line_of("    time.sleep(2)", Lang::Python);
    assert_eq!(task_lines(run(&app)), vec![(py_group, 0), (py_block, 1)]);
    // At 50 ms main had started its group, slow_sync_call not yet its blocking call.
    run_mut(&mut app).cursor = Some(50 * MS);
    assert_eq!(task_lines(run(&app)), vec![(py_group, 0)]);
    run_mut(&mut app).cursor = Some(200 * US);
    assert!(task_lines(run(&app)).is_empty(), "nothing started yet");
}

#[test]
fn code_pane_rust_120x40() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let _ = ch(&mut app, 'c');
    let text = screen_text(&render(&app));
    assert!(text.contains("◀ slow_sync_call"), "{text}");
    assert!(text.contains("Rust code (p: Python)"), "{text}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn code_pane_python_below_the_lanes_80x24() {
    let mut app = run_app(freeze_live(), true, 80, 24);
    let _ = ch(&mut app, 'c');
    let _ = ch(&mut app, 'p');
    // The selected task's line is scrolled into view.
    let _ = ch(&mut app, 'j');
    let text = screen_text(&render(&app));
    assert!(text.contains("◀ slow_sync_call"), "{text}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn without_colour_the_lit_lines_name_their_task() {
    let mut app = run_app(freeze_live(), false, 120, 40);
    let _ = ch(&mut app, 'c');
    let text = screen_text(&render(&app));
    assert!(text.contains("▶s"), "{text}");
    assert!(text.contains("▶m"), "{text}");
}

#[test]
fn a_scenario_without_listings_says_so() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let view = run_mut(&mut app);
    let mut bare = (*view.scenario).clone();
    bare.code = None;
    view.scenario = Arc::new(bare);
    assert!(update(&mut app, Msg::Tick).is_empty());
    assert!(ch(&mut app, 'c').is_empty());
    let text = screen_text(&render(&app));
    assert!(text.contains("this scenario has no code listing"), "{text}");
}

/// In a narrow code pane, the lit line of the blocking call is not cut: it wraps, the
/// task's name after it; and no lane mark touches the pane beside the lanes.
#[test]
fn the_lit_line_wraps_instead_of_being_cut_and_the_lanes_keep_off_the_pane() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    let _ = ch(&mut app, 'c');
    let rows: Vec<String> = screen_text(&render(&app))
        .lines()
        .map(str::to_string)
        .collect();
    let code = app.screen.single().unwrap().layout.code.expect("the pane");
    let pane = |row: &String| row.chars().skip(usize::from(code.x)).collect::<String>();
    let at = rows
        .iter()
        .position(|r| pane(r).contains("▶s"))
        .expect("a lit line");
    let lit: String = rows[at..at + 2]
        .iter()
        .map(|r| {
            pane(r)
                .chars()
                .skip(6)
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect();
    assert!(
        lit.contains("std::thread::sleep(Duration::from_secs(2));"),
        "{lit}"
    );
    assert!(lit.contains("◀ slow_sync_call"), "{lit}");
    for row in &rows[usize::from(code.y)..usize::from(code.bottom())] {
        let gap = row.chars().nth(usize::from(code.x) - 1);
        assert_eq!(gap, Some(' '), "the column before the pane:\n{row}");
    }
}
