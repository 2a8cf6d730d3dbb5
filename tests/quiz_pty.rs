//! End to end, the question for the room: the real binary in a pseudo-terminal asks a
//! built-in's question before its run, takes the room's answer from the keys (digits, Enter,
//! a typed number) and, once the run is over, shows it beside the measured truth.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

/// failure-cancellation asks which tasks get cancelled: the room ticks two with digits,
/// runs with Enter, and reads the verdict off the screen. Its answer is right on every run:
/// the group cancels the two siblings of the task that fails.
#[test]
fn the_room_ticks_its_answer_runs_and_reads_the_verdict() {
    let mut s = Session::start(&["run", "failure-cancellation", "--speed", "2"], 120, 40);
    s.wait_text("A QUESTION FOR THE ROOM");
    s.wait_text("Which tasks get cancelled?");
    s.send(b"1");
    s.wait_text("[✓] fetch_weather");
    s.send(b"2");
    s.wait_text("[✓] fetch_news");
    assert!(s.screen().contains("[ ] flaky_call"), "{}", s.screen());
    s.send(b"\r");
    s.wait_text("the room said fetch_weather and fetch_news");
    s.wait_for("the verdict", |screen| {
        screen.contains("■ DONE")
            && screen.contains("the room said fetch_weather and fetch_news · ✓ right")
            && screen.contains("measured: fetch_weather and fetch_news were cancelled")
    });
    s.quit(b"q");
}

/// rescued-by-timeout asks how long main takes; the room types its number. The verdict
/// says right or wrong by the measured figure it shows: right within a tenth of it.
#[test]
fn the_room_types_a_duration_and_the_screen_judges_it_by_the_measured_one() {
    let mut s = Session::start(&["run", "rescued-by-timeout", "--speed", "2"], 100, 30);
    s.wait_text("How long does main take?");
    s.send(b"abc\r");
    s.wait_text("type a duration: 2 (seconds), 1.5s or 250ms");
    s.send(b"\x7f\x7f\x7f2.1\r");
    s.wait_text("the room said 2.10 s");
    s.wait_for("the verdict", |screen| {
        screen.contains("measured: main took")
    });
    let screen = s.screen();
    let line = |start: &str| {
        let found = screen.lines().find(|l| l.trim_start().starts_with(start));
        found
            .unwrap_or_else(|| panic!("no {start}:\n{screen}"))
            .to_string()
    };
    let measured = line("measured: main took ");
    let seconds: f64 = measured
        .split("main took ")
        .nth(1)
        .and_then(|rest| rest.split(" s:").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a figure in {measured}"));
    let right = (2.1 - seconds).abs() <= (seconds / 10.0).max(0.01);
    let said = line("the room said 2.10 s");
    let verdict = if right { "✓ right" } else { "✗ wrong" };
    assert!(said.contains(verdict), "{said} for {seconds} s:\n{screen}");
    s.quit(b"q");
}

/// Tab runs without asking; Esc on the question goes back to the menu, and `q` quits from
/// the question too.
#[test]
fn tab_skips_the_question_esc_goes_back_and_q_quits() {
    let mut s = Session::start(&["run", "hedged-requests"], 100, 30);
    s.wait_text("Which of the two finishes first?");
    s.send(b"\t");
    s.wait_text("tasks: 1 · branches: 2");
    assert!(!s.screen().contains("─ quiz"), "not asked: no verdict");
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.send(b"\r");
    s.wait_text("A QUESTION FOR THE ROOM");
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.send(b"\r");
    s.wait_text("A QUESTION FOR THE ROOM");
    s.quit(b"q");
}
