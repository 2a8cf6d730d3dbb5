//! Inside a task: the branches of a race or a timeout as sub-lanes under their task (the
//! loser, the call cut off, dropped with a mark of its own), and who woke the selected
//! task. Drawn from real runs of the built-ins, saved once so that the pictures are the same
//! every time (`taskscope run NAME --headless --format json > src/ui/tests/runs/NAME.json`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use ratatui::style::Color;

use super::*;
use crate::timeline::{Outcome, Timeline, WakeSource};
use crate::ui::marks::{DROPPED, WokenBy};

/// hedged-requests: `main` races `ask_primary` (4 s) against `hedge` (500 ms, then a 1 s
/// call to a replica); the primary is dropped at 1.5 s.
pub(super) const HEDGED: &str = include_str!("runs/hedged-requests.json");
/// timeout-cancels: `checkout` is cut off by a 2 s timeout in the middle of its payment.
const TIMEOUT: &str = include_str!("runs/timeout-cancels.json");
/// mutex-across-await: `cart` sleeps, then waits on the lock that `refresh_prices` holds
/// across a slow query; `checkout` waits on it after `cart`.
pub(super) const MUTEX: &str = include_str!("runs/mutex-across-await.json");

pub(super) fn press(app: &mut App, code: KeyCode) {
    let _ = update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Selects the lane of the task called `name`.
pub(super) fn select(app: &mut App, name: &str) {
    press(app, KeyCode::Home);
    for _ in 0..run(app).lanes().0.len() {
        let tl = run(app).shown();
        if run(app)
            .selected
            .and_then(|id| tl.task(id))
            .map(|t| t.name.as_str())
            == Some(name)
        {
            return;
        }
        press(app, KeyCode::Down);
    }
    panic!("no lane {name}");
}

/// The id of the task called `name`.
fn id(tl: &Timeline, name: &str) -> crate::record::TaskId {
    tl.tasks()
        .iter()
        .find(|t| t.name == name)
        .map(|t| t.id)
        .expect("a lane")
}

/// The screen's row that shows the lane named `name` (its first row).
fn lane_row(text: &str, name: &str) -> String {
    let found = text.lines().find(|l| {
        let name_col: String = l.chars().take(24).collect();
        name_col
            .split_whitespace()
            .any(|w| w.trim_start_matches(['▶', '↳', '▸']) == name)
    });
    found.unwrap_or_default().to_string()
}

#[test]
fn hedged_requests_draws_the_race_as_sub_lanes_and_its_dropped_loser() {
    let app = opened(HEDGED, true, 120, 40);
    let tl = run(&app).shown();
    let (main, primary, hedge) = (id(tl, "main"), id(tl, "ask_primary"), id(tl, "hedge"));
    assert_eq!(
        run(&app).lanes().0,
        [main, primary, hedge],
        "under their task"
    );
    let (loser, winner) = (tl.task(primary).unwrap(), tl.task(hedge).unwrap());
    assert_eq!(
        (loser.outcome, winner.outcome),
        (Outcome::Cancelled, Outcome::Ok)
    );
    let text = screen_text(&render(&app));
    assert!(text.contains("─ tasks: 1 · branches: 2 ─"), "{text}");
    // The loser's drop is marked in the column where the winner ended.
    let window = run(&app).window(app.screen.single().unwrap().layout.chart_cols());
    let x0 = usize::from(app.screen.single().unwrap().layout.chart_x());
    let col = |t: u64| x0 + usize::from(window.col_of(t).unwrap());
    let (dropped, won) = (col(loser.ended_ns.unwrap()), col(winner.ended_ns.unwrap()));
    assert!(
        dropped.abs_diff(won) <= 1,
        "dropped at {dropped}, won at {won}"
    );
    let cell = |row: &str, x: usize| row.chars().nth(x).unwrap_or(' ');
    let loser_row = lane_row(&text, "ask_primary");
    assert!(
        [dropped, dropped + 1]
            .iter()
            .any(|&x| cell(&loser_row, x) == '✂'),
        "{loser_row}"
    );
    assert!(
        lane_row(&text, "hedge").starts_with("  ↳hedge       ✓"),
        "{text}"
    );
    assert!(text.contains("✂ race: `ask_primary` dropped when `hedge` finished first"));
    let legend = text.lines().rev().nth(1).unwrap_or_default();
    assert!(
        legend.contains("✂ dropped") && legend.contains("↳ branch"),
        "{legend}"
    );
    assert_snapshot!(render(&app).backend());
}

#[test]
fn timeout_cancels_cuts_its_call_off_80x24() {
    let mut app = opened(TIMEOUT, true, 80, 24);
    select(&mut app, "checkout");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&render(&app));
    for what in [
        "↳checkout ✂",
        "#1 · branch of a timeout",
        "outcome   ✂ dropped",
    ] {
        assert!(text.contains(what), "{what}:\n{text}");
    }
    assert_snapshot!(render(&app).backend());
}

/// `cart` was woken by its timer, then by `refresh_prices` releasing the lock: marks where
/// each wake made it ready, and on `refresh_prices`' lane where it woke it.
#[test]
fn the_wake_marks_of_a_task_woken_by_a_timer_and_by_another_task() {
    let mut app = opened(MUTEX, true, 120, 40);
    select(&mut app, "cart");
    press(&mut app, KeyCode::Enter);
    let tl = run(&app).shown();
    let (cart, prices) = (id(tl, "cart"), id(tl, "refresh_prices"));
    let lane = tl.task(cart).unwrap();
    let sources: Vec<WakeSource> = lane.wakes().iter().map(|w| w.source).collect();
    assert!(sources.contains(&WakeSource::Timer), "{sources:?}");
    assert!(sources.contains(&WakeSource::Task(prices)), "{sources:?}");
    let text = screen_text(&render(&app));
    let layout = app.screen.single().unwrap().layout;
    let window = run(&app).window(layout.chart_cols());
    let x = |t: u64| usize::from(layout.chart_x() + window.col_of(t).unwrap());
    let cell = |row: &str, x: usize| row.chars().nth(x).unwrap_or(' ');
    let (cart_row, prices_row) = (lane_row(&text, "cart"), lane_row(&text, "refresh_prices"));
    for wake in lane.wakes() {
        let glyph = WokenBy::of(wake.source).glyph();
        assert_eq!(
            cell(&cart_row, x(wake.ready_ns)).to_string(),
            glyph,
            "{cart_row}"
        );
        if wake.source == WakeSource::Task(prices) {
            assert_eq!(cell(&prices_row, x(wake.at_ns)), '◆', "{prices_row}");
        }
    }
    for what in [
        "woken by  ◷ timer ×2",
        "◆ refresh_prices ×1",
        "woke      main ×1 · checkout ×1",
    ] {
        assert!(text.contains(what), "{what}:\n{text}");
    }
    let legend = text.lines().rev().nth(1).unwrap_or_default();
    assert!(legend.contains("◆ task woke it") && legend.contains("◷ timer woke it"));
    assert!(!legend.contains('◎'), "no wake from the runtime: {legend}");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn wake_marks_read_without_colour() {
    let mut app = opened(MUTEX, false, 100, 30);
    select(&mut app, "cart");
    let terminal = render(&app);
    for cell in terminal.backend().buffer().content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let text = screen_text(&terminal);
    assert!(lane_row(&text, "cart").contains('◷'), "{text}");
    assert!(lane_row(&text, "refresh_prices").contains('◆'), "{text}");
    assert_snapshot!(terminal.backend());
}

/// Only the selected task's wakes are marked, and a picture selects none.
#[test]
fn only_the_selected_task_has_wake_marks_and_a_picture_has_none() {
    let mut app = opened(MUTEX, true, 120, 40);
    select(&mut app, "refresh_prices");
    let text = screen_text(&render(&app));
    assert!(!lane_row(&text, "cart").contains('◷'), "{text}");
    let text = screen_text(&render(&picture(MUTEX, 120, 40)));
    assert!(text.contains("refresh_prices"), "{text}");
    assert!(!text.contains(['◆', '◷', '◎', '┆']), "{text}");
}

/// A branch dropped is told with its own mark: nowhere but in the legend does the
/// cancellation mark show for it.
#[test]
fn a_dropped_branch_is_no_cancelled_task() {
    let app = opened(HEDGED, true, 200, 60);
    let text = screen_text(&render(&app));
    let legend = text.lines().rev().nth(1).unwrap_or_default();
    assert!(
        legend.contains("⊘ cancelled") && legend.contains("✂ dropped"),
        "{legend}"
    );
    let rest: Vec<&str> = text.lines().filter(|l| *l != legend).collect();
    assert!(!rest.iter().any(|l| l.contains('⊘')), "{text}");
    assert_eq!(
        rest.iter().filter(|l| l.contains(DROPPED)).count(),
        2,
        "{text}"
    );
}

/// Every ended lane's chart has its end mark at every width, whichever lane is selected:
/// a wake in the column of a lane's end (main woken as its last child ends, a child waking
/// main as it ends) is marked before it, never over it.
#[test]
fn a_wake_at_a_lanes_end_never_hides_its_end_mark() {
    for json in [HEDGED, MUTEX] {
        for width in (60..=200).step_by(7) {
            let mut app = opened(json, true, width, 40);
            let names: Vec<String> = {
                let run = run(&app);
                let tl = run.shown();
                run.lanes()
                    .0
                    .iter()
                    .filter_map(|&id| tl.task(id))
                    .filter(|t| crate::ui::marks::end_mark(t).is_some())
                    .map(|t| t.name.clone())
                    .collect()
            };
            for selected in &names {
                select(&mut app, selected);
                let text = screen_text(&render(&app));
                for name in &names {
                    let row = text
                        .lines()
                        .filter(|l| l.contains('│'))
                        .find(|l| {
                            let label = l.split('│').next().unwrap_or_default();
                            label
                                .split_whitespace()
                                .any(|w| w.trim_start_matches(['▶', '↳']) == name)
                        })
                        .unwrap_or_default();
                    let chart: String = row.split('│').skip(1).collect();
                    let ended = ["✓", "✗", "‼", "⊘", DROPPED, "○"];
                    assert!(
                        ended.iter().any(|m| chart.contains(m)),
                        "{width} wide, {selected} selected: {name} has no end mark: {row}"
                    );
                }
            }
        }
    }
}
