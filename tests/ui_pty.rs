//! End to end: the real binary in a pseudo-terminal, its screen read by a terminal emulator.
//! Menu → run → quit with the terminal restored; Esc back to the menu; keys answered while
//! the scenario's worker is blocked; SIGTERM and resizes.

#[path = "support/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

use pty::{PATIENCE, Session};

#[test]
fn menu_then_blocking_freeze_then_q_restores_the_terminal() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_text("pick a scenario");
    s.assert_up();
    s.send(b"/freeze");
    s.wait_text("filter freeze");
    s.send(b"\r\r");
    // blocking-freeze asks the room first; Tab runs without asking.
    s.wait_text("A QUESTION FOR THE ROOM");
    s.send(b"\t");
    s.wait_text("worker 0");
    for lane in ["slow_sync_call", "heartbeat", "fetch_weather", "worker 0"] {
        s.wait_text(lane);
    }
    s.quit(b"q");
}

#[test]
fn esc_during_a_run_goes_back_to_the_menu() {
    let mut s = Session::start(&["run", "blocking-freeze", "--no-quiz"], 100, 30);
    s.wait_text("slow_sync_call");
    s.wait_text("● LIVE");
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.quit(b"\x03");
}

/// While `slow_sync_call` holds the scenario's only worker in `std::thread::sleep` (8 s at
/// speed 0.25), `?` toggles the help popup. Each time, the delay from writing the key to the
/// changed screen is measured. A dashboard that waited on the scenario would take seconds;
/// the median of five presses must be within 100 ms, and no press may take 500 ms (room for
/// a scheduling hiccup on a loaded 2-core machine without hiding a frozen UI).
#[test]
fn keys_are_answered_while_the_worker_is_blocked() {
    let mut s = Session::start(
        &["run", "blocking-freeze", "--speed", "0.25", "--no-quiz"],
        120,
        40,
    );
    s.wait_text("⚠ NOW  worker 0 blocked");
    let mut delays = Vec::new();
    for i in 0..5 {
        let started = Instant::now();
        s.send(b"?");
        let open = i % 2 == 0;
        s.wait_for("the help to toggle", |screen| {
            screen.contains("? or Esc closes") == open
        });
        delays.push(started.elapsed());
        assert!(
            s.screen().contains("⚠ NOW  worker 0 blocked"),
            "the worker is still blocked"
        );
    }
    delays.sort();
    eprintln!("key-to-screen delays while blocked: {delays:?}");
    assert!(
        delays[2] <= Duration::from_millis(100),
        "median {:?} of {delays:?}",
        delays[2]
    );
    assert!(
        delays[4] < Duration::from_millis(500),
        "slowest {:?}",
        delays[4]
    );
    s.quit(b"q");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&["run", "blocking-freeze", "--no-quiz"], 100, 30);
    s.wait_text("slow_sync_call");
    s.signal("TERM");
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn a_terminal_too_small_says_so_and_recovers_on_resize() {
    let mut s = Session::start(&["run", "blocking-freeze", "--no-quiz"], 100, 30);
    s.wait_text("slow_sync_call");
    s.resize(40, 10);
    s.wait_text("enlarge to at least 60x15");
    s.resize(90, 28);
    s.wait_text("slow_sync_call");
    s.quit(b"q");
}

/// A closed window (the pty hung up) ends the dashboard instead of leaving it spinning.
/// A live run keeps drawing, so the test's reader sees output and lets go of the pty.
#[test]
fn a_closed_terminal_ends_the_process() {
    let mut s = Session::start(
        &["run", "blocking-freeze", "--speed", "0.25", "--no-quiz"],
        100,
        30,
    );
    s.wait_text("slow_sync_call");
    s.hang_up();
    let start = Instant::now();
    while s.running() {
        assert!(
            start.elapsed() < PATIENCE,
            "still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `--scenarios DIR` and FILE arguments add to the menu (read once the menu is up); a file
/// that does not parse is listed with its diagnostic instead of stopping the dashboard.
#[test]
fn scenario_files_join_the_menu_even_when_broken() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui_pty_scenarios");
    std::fs::create_dir_all(&dir).expect("a scenarios folder");
    let good = "name = \"my-chain\"\nsummary = \"One short wait.\"\nlesson = \"Waiting.\"\n\
                [runtime]\nflavor = \"current_thread\"\n\
                [functions]\nmain = [ { sleep = \"10ms\" } ]\n";
    std::fs::write(dir.join("mine.toml"), good).expect("write a scenario");
    std::fs::write(dir.join("broken.toml"), "name = 3\n").expect("write a broken one");
    let extra = dir.join("extra.toml");
    std::fs::write(&extra, "summary = \"no name\"\n").expect("write another broken one");
    let dir_arg = dir.display().to_string();
    let extra_arg = extra.display().to_string();
    let mut s = Session::start(&["--scenarios", &dir_arg, &extra_arg], 120, 40);
    s.wait_text("pick a scenario");
    s.send(b"/my-chain");
    s.wait_text("┌ my-chain");
    s.send(b"\x1b");
    s.wait_text("/ filters the list");
    s.send(b"/extra");
    s.wait_text("┌ extra.toml");
    s.send(b"\x1b");
    s.wait_text("/ filters the list");
    s.send(b"/broken");
    s.wait_text("this file does not parse");
    s.send(b"\x1b");
    s.wait_text("/ filters the list");
    s.quit(b"q");
}

/// `taskscope compare A B` opens both runs, one above the other, with their wall times side
/// by side once over (in the scenarios' own time: 2 s and 1 s at 4x); Esc goes to the menu, where Ctrl-C quits.
#[test]
fn compare_opens_both_runs_and_quits() {
    let mut s = Session::start(
        &["compare", "await-chain", "concurrent-group", "--speed", "4"],
        120,
        40,
    );
    s.wait_text("─ await-chain");
    s.wait_text("─ concurrent-group");
    s.wait_for("both walls and their ratio", |screen| {
        let walls = screen.contains("await-chain 3.0") && screen.contains("concurrent-group 1.5");
        screen.contains("■ DONE") && walls && screen.contains("4x")
    });
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.quit(b"\x03");
}

/// `open FILE`: the saved run in the dashboard, finished, with its code pane (`c` toggles
/// it); Esc goes to the menu.
#[test]
fn open_shows_a_saved_run_with_its_code_and_esc_goes_to_the_menu() {
    let saved = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["run", "blocking-freeze", "--headless", "--format", "json"])
        .args(["--speed", "4"])
        .output()
        .expect("run taskscope");
    assert!(saved.status.success());
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("freeze.json");
    std::fs::write(&file, &saved.stdout).expect("write");
    let mut s = Session::start(&["open", file.to_str().unwrap()], 120, 40);
    // Its scenario's question first; Tab replays without asking.
    s.wait_text("A QUESTION FOR THE ROOM");
    s.send(b"\t");
    s.wait_text("■ DONE");
    s.wait_text("worker 0 blocked");
    // Four tasks leave room for the code pane below the lanes: it is there by itself.
    s.wait_text("Rust code");
    s.send(b"c");
    s.wait_for("the pane hidden", |screen| !screen.contains("Rust code"));
    s.send(b"c");
    s.wait_text("Rust code");
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.quit(b"\x03");
}

/// The attach view of an address that refuses: it says so, and quitting exits 4, as the
/// headless attach does.
#[test]
fn the_attach_view_of_a_failed_session_exits_4() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let mut s = Session::start(&["attach", &format!("127.0.0.1:{port}")], 120, 40);
    s.wait_text("failed");
    s.send(b"q");
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 4, "{status:?}");
    s.assert_restored();
}
