//! End to end, as a presenter uses it: the real binary in a pseudo-terminal. `q` quits from
//! every screen, Esc never quits the menu, `/` filters and coming back from a run clears
//! the filter, and a stepped run, driven with `n` and pauses between presses, tells the
//! unstepped run's story.

#[path = "support/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::Session;

/// How long a presenter pauses between two presses of `n`: far longer than the run needs
/// to reach its next step, so a run that moved on by itself would show it.
const PAUSE: Duration = Duration::from_millis(300);

#[test]
fn q_quits_from_the_menu() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_text("pick a scenario");
    s.quit(b"q");
}

#[test]
fn q_quits_from_a_run() {
    let mut s = Session::start(&["run", "await-chain", "--no-quiz"], 100, 30);
    s.wait_text("GET /weather");
    s.quit(b"q");
}

#[test]
fn esc_twice_on_the_menu_leaves_the_program_running() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_text("pick a scenario");
    for _ in 0..2 {
        s.send(b"\x1b");
        std::thread::sleep(PAUSE);
    }
    s.wait_text("no filter or marks to clear");
    std::thread::sleep(PAUSE);
    assert!(s.running(), "Esc quit the menu:\n{}", s.screen());
    assert!(s.screen().contains("pick a scenario"));
    s.quit(b"q");
}

#[test]
fn slash_filters_and_the_filter_is_empty_after_coming_back_from_a_run() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_text("/ filters the list");
    s.send(b"freeze");
    s.wait_text("/ starts a filter");
    assert!(
        !s.screen().contains("filter freeze"),
        "letters alone type nothing"
    );
    s.send(b"/freeze");
    // A frame is drawn in pieces: wait for the whole filtered screen, not for its first row.
    s.wait_for("the list filtered to blocking-freeze", |screen| {
        screen.contains("filter freeze")
            && screen.contains("1 of ")
            && screen.contains("blocking-freeze")
            && !screen.contains("await-chain")
    });
    s.send(b"\r");
    s.wait_text("Esc clears it");
    s.send(b"\r");
    s.wait_text("A QUESTION FOR THE ROOM");
    s.send(b"\t");
    s.wait_text("tasks: ");
    s.send(b"\x1b");
    s.wait_for(
        "the whole list again, no filter, the run's scenario selected",
        |screen| {
            screen.contains("/ filters the list")
                && !screen.contains("filter freeze")
                && screen.contains("await-chain")
                && screen.contains("▶ blocking-freeze")
        },
    );
    s.quit(b"q");
}

/// The blocked-worker finding of an unstepped headless run: its sentence with the numbers
/// left out, and the names of the tasks ready meanwhile.
fn unstepped_blocked_worker() -> (String, Vec<String>) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["run", "blocking-freeze", "--headless", "--format", "json"])
        .output()
        .expect("run taskscope");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let finding = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["kind"] == "blocked_worker")
        .expect("a blocked worker")
        .clone();
    let name = |id: &serde_json::Value| {
        let tasks = doc["tasks"].as_array().expect("tasks");
        let task = tasks.iter().find(|t| t["id"] == *id).expect("the task");
        task["name"].as_str().expect("a name").to_string()
    };
    let ready = finding["tasks"].as_array().expect("tasks")[1..]
        .iter()
        .map(name)
        .collect();
    (
        without_numbers(finding["message"].as_str().expect("a message")),
        ready,
    )
}

/// `text` with every number replaced by `#`: two real runs differ in their last digits.
fn without_numbers(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let digit = c.is_ascii_digit() || (c == '.' && out.ends_with('#'));
        if !digit {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

/// The step the status bar says is shown (`STEP 3/7`), if any.
fn step_shown(screen: &str) -> Option<usize> {
    let status = screen.lines().next()?;
    let at = status.find("STEP ")? + 5;
    let digits: String = status[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A stepped blocking-freeze, driven with `n` and pauses between presses: the view holds
/// at each step start (it never moves on by itself), and once the rest is shown the run
/// tells the unstepped run's story: the same blocked-worker finding, and the same tasks
/// ready (scheduled) while the worker was blocked.
#[test]
fn a_stepped_blocking_freeze_tells_the_unstepped_story() {
    let (finding, ready) = unstepped_blocked_worker();
    assert_eq!(ready, ["heartbeat", "fetch_weather"]);
    let mut s = Session::start(&["run", "blocking-freeze", "--step", "--no-quiz"], 120, 40);
    s.wait_text("STEP 1/");
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last = 0;
    while let Some(step) = step_shown(&s.screen()) {
        assert!(step >= last, "the hold went back from {last} to {step}");
        std::thread::sleep(PAUSE);
        assert_eq!(
            step_shown(&s.screen()),
            Some(step),
            "the view moved on without n:\n{}",
            s.screen()
        );
        last = step;
        s.send(b"n");
        s.wait_for("the next step or the rest", |screen| {
            step_shown(screen) != Some(step)
        });
        assert!(Instant::now() < deadline, "still stepping:\n{}", s.screen());
    }
    assert!(
        last >= 4,
        "blocking-freeze has at least 4 step starts, saw {last}"
    );
    s.wait_text("■ DONE");
    let screen = s.screen();
    let blocked = screen
        .lines()
        .find(|l| l.contains("⚠ worker 0 blocked"))
        .unwrap_or_else(|| panic!("no blocked-worker finding:\n{screen}"));
    let shown = blocked.trim().trim_start_matches('⚠').trim();
    let shown = shown.split("  at ").next().unwrap_or(shown);
    assert_eq!(without_numbers(shown), finding, "{screen}");
    for name in &ready {
        let lane = screen
            .lines()
            .find(|l| l.trim_start_matches(['▶', ' ']).starts_with(name.as_str()))
            .unwrap_or_else(|| panic!("no lane {name}:\n{screen}"));
        assert!(
            lane.contains("▒▒▒▒▒"),
            "{name} was not ready meanwhile:\n{screen}"
        );
    }
    s.quit(b"q");
}
