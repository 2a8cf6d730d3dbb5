//! The run view as a task tree: `o` folds a task with its children and branches behind a
//! count (and unfolds it), `O` unfolds every task, `/` filters the lanes by name (Enter
//! keeps the filter, Esc clears it, then goes back); the rule says what is left out, and the
//! footer and the help say only what can be done.

use crossterm::event::KeyCode;
use insta::assert_snapshot;

use super::inside::{HEDGED, press, select};
use super::*;
use crate::ui::commands::{Availability, availability};
use crate::ui::keymap::{Command, Context};

fn names(app: &App) -> Vec<String> {
    let tl = run(app).shown();
    let lanes = run(app).lanes().0;
    lanes
        .iter()
        .map(|&id| tl.task(id).unwrap().name.clone())
        .collect()
}

fn rule(app: &App) -> String {
    let text = screen_text(&render(app));
    let found = text.lines().find(|l| l.starts_with("─ tasks"));
    found.unwrap_or_default().trim_end_matches('─').to_string()
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn o_folds_a_task_with_its_branches_behind_a_count_and_unfolds_it() {
    let mut app = opened(HEDGED, true, 100, 30);
    assert_eq!(names(&app), ["main", "ask_primary", "hedge"]);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(names(&app), ["main"]);
    let text = screen_text(&render(&app));
    assert!(text.contains("▶▸main +2"), "{text}");
    assert_eq!(rule(&app), "─ tasks: 1 · 2 folded away (O unfolds) ");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(names(&app), ["main", "ask_primary", "hedge"]);
    // On a branch, `o` folds its task and selects it.
    select(&mut app, "hedge");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(names(&app), ["main"]);
    assert_eq!(run(&app).selected, Some(0));
    assert_snapshot!(render(&app).backend());
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(names(&app).len(), 3);
    assert!(run(&app).choice.folds.is_empty());
}

#[test]
fn o_and_shift_o_say_why_when_there_is_nothing_to_fold() {
    // blocking-freeze's main has children; a root without any cannot fold.
    let mut app = run_app(freeze_done(), true, 120, 40);
    assert_eq!(
        availability(&app, Command::UnfoldAll),
        Availability::Unavailable("nothing is folded: o folds the selected task")
    );
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(
        app.flash.as_deref(),
        Some("nothing is folded: o folds the selected task")
    );
    assert_eq!(availability(&app, Command::Fold), Availability::Available);
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(run(&app).choice.filter, "", "an empty filter is no filter");
    typed(&mut app, "/slow");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        app.flash.as_deref(),
        Some("folds wait while a filter is on: Esc clears it")
    );
    assert!(run(&app).choice.folds.is_empty());
}

#[test]
fn slash_filters_lanes_by_name_with_their_ancestors() {
    let mut app = opened(HEDGED, true, 100, 30);
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.context(), Context::LaneFilter);
    // Letters type, `q` among them; Backspace erases.
    typed(&mut app, "HEDq");
    assert!(!app.quit);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(run(&app).choice.filter, "HED");
    assert_eq!(names(&app), ["main", "hedge"], "the match and its task");
    assert_eq!(
        rule(&app),
        "─ tasks: 1 · branches: 1 · /HED▏ 1 of 3 match (Enter keeps, Esc clears) "
    );
    let footer = screen_text(&render(&app));
    let footer = footer.lines().last().unwrap_or_default();
    assert!(
        footer.contains("⏎ keep  esc clear  ↑↓ lane  ^C quit"),
        "{footer}"
    );
    assert_snapshot!(render(&app).backend());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), Context::Run);
    assert_eq!(names(&app), ["main", "hedge"], "Enter keeps it");
    assert!(rule(&app).ends_with("/HED 1 of 3 match (Esc clears) "));
    // Esc clears the filter first, then goes back to the menu.
    assert!(update(&mut app, Msg::Key(esc())).is_empty());
    assert_eq!(names(&app).len(), 3);
    assert!(matches!(app.screen, Screen::Run(_)));
    let _ = update(&mut app, Msg::Key(esc()));
    assert!(matches!(app.screen, Screen::Menu));
}

fn esc() -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(KeyCode::Esc, crossterm::event::KeyModifiers::NONE)
}

#[test]
fn a_filter_that_matches_nothing_shows_no_lane_and_says_so() {
    let mut app = opened(HEDGED, true, 80, 24);
    typed(&mut app, "/zzz");
    assert!(names(&app).is_empty());
    assert_eq!(run(&app).selected, None);
    assert!(rule(&app).contains("/zzz▏ 0 of 3 match"), "{}", rule(&app));
    // Nothing to select, to fold, or to show details of: nothing breaks.
    for key in [KeyCode::Down, KeyCode::Up, KeyCode::Enter, KeyCode::Esc] {
        press(&mut app, key);
        render(&app);
    }
    assert_eq!(names(&app).len(), 3, "Esc cleared it");
}

#[test]
fn the_filter_carries_over_to_the_next_run_and_is_drawn_at_every_size() {
    let mut app = opened(HEDGED, true, 100, 30);
    typed(&mut app, "/ask");
    press(&mut app, KeyCode::Enter);
    let _ = update(&mut app, Msg::Key(ch_key('r')));
    assert_eq!(run(&app).choice.filter, "ask");
    for (w, h) in [(60, 15), (80, 24), (200, 60), (1, 1)] {
        let mut app = opened(HEDGED, false, w, h);
        for keys in ["o", "/hed", "/"] {
            typed(&mut app, keys);
            render(&app);
        }
    }
}

fn ch_key(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(KeyCode::Char(c), crossterm::event::KeyModifiers::NONE)
}

/// The rule counts tasks, branches and futures apart, as the headless table does: with
/// finished lanes collapsed too, and a future's lane says it is one.
#[test]
fn the_rule_counts_tasks_branches_and_futures_apart() {
    let mut app = opened(HEDGED, true, 120, 40);
    assert_eq!(rule(&app), "─ tasks: 1 · branches: 2 ");
    press(&mut app, KeyCode::Char('C'));
    assert_eq!(
        rule(&app),
        "─ tasks: 0 running · 1 task, 2 branches finished collapsed (C shows them) "
    );
    let app = run_app(freeze_done(), true, 120, 40);
    assert_eq!(rule(&app), "─ tasks: 4 · futures: 1 ");
    let text = screen_text(&render(&app));
    assert!(text.contains("   send_email (future) ○ │○"), "{text}");
}
