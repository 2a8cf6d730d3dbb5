//! The dashboard on asyncio, end to end: the real binary in a pseudo-terminal. A run with
//! `--runtime asyncio` asks its question, names its runtime, lights the Python line each
//! task is at and settles the question with the asyncio run's measures; the menu switches
//! the next runs' runtime and compares a scenario on both; `taskscope python` draws a
//! program's tasks and prints its output once the terminal is restored, and its python3
//! ends with it. Skipped, saying so,
//! without CPython 3.11+.

#[path = "support/asyncio.rs"]
mod asyncio;
#[path = "support/pty.rs"]
mod pty;

use asyncio::{assert_gone, become_subreaper, children_of, long_program, python_ok, script, turn};
use pty::Session;

#[test]
fn an_asyncio_run_names_its_runtime_and_lights_the_python_lines() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    let mut s = Session::start(&["run", "blocking-freeze", "--runtime", "asyncio"], 170, 45);
    // The question comes first, for a run on asyncio; the room says slow_sync_call.
    s.wait_text("next run on asyncio at 1x");
    s.wait_text("Which task finishes first?");
    s.send(b"1");
    s.wait_text("│ asyncio · 1 loop │");
    s.wait_text("─ Python code (p: Rust) listings/blocking-freeze.py");
    // While time.sleep holds the loop, the blocker is lit at it and the others wait ready.
    s.wait_text("⚠ NOW  worker 0 blocked");
    s.wait_for("the blocker lit at time.sleep", |screen| {
        screen.contains("time.sleep(2)  ◀ slow_sync_call")
    });
    s.wait_text("■ DONE");
    s.wait_text("blocked 2.00 s by `time.sleep(2)`");
    // The asyncio run settles the question: the blocker ends first, the loop free again.
    s.wait_text("the room said slow_sync_call · ✓ right");
    s.wait_text("measured: slow_sync_call ended first");
    s.quit(b"q");
}

#[test]
fn the_menu_switches_the_runtime_and_compares_a_scenario_on_both() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    let mut s = Session::start(&[], 120, 40);
    s.wait_text("next run on tokio at 1x");
    s.send(b"\x12"); // ctrl-r
    s.wait_text("next run on asyncio at 1x");
    s.send(b"\x12");
    s.wait_text("next run on tokio at 1x");
    s.send(b"/await-chain\r");
    s.send(b"\x02"); // ctrl-b: the selected scenario on tokio and on asyncio
    s.wait_text("─ await-chain · current_thread×1");
    s.wait_text("─ await-chain · asyncio");
    s.wait_for("both runs to end", |screen| {
        screen.matches(" done ").count() == 2
    });
    s.quit(b"q");
}

#[test]
fn taskscope_python_draws_a_program_and_prints_its_output_after() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    let path = script("named_tasks.py");
    let mut s = Session::start(&["python", &path, "x"], 170, 40);
    for lane in ["Task-1", "fetch-users", "fetch-orders", "Task-4"] {
        s.wait_text(lane);
    }
    s.wait_text("output: 2 lines, printed when taskscope closes · last: got users orders plain");
    s.wait_text("─ Python code /");
    assert!(
        !s.screen().contains("argv ['x']"),
        "nothing printed over the dashboard"
    );
    s.quit(b"q");
    s.wait_text("argv ['x']");
    s.wait_text("got users orders plain");
}

#[test]
fn a_program_that_does_not_compile_says_so_in_the_run_view() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("bad.py");
    std::fs::write(&path, "async def main(:\n    pass\n").expect("write");
    let mut s = Session::start(&["python", path.to_str().unwrap()], 120, 40);
    s.wait_text("■ DONE");
    // Where the lanes would be: that it ran no task, and why, in full (the error's line
    // too); no empty worker lane.
    s.wait_text("bad.py ran no asyncio tasks: it exited with status 1: SyntaxError: ");
    s.wait_text("(bad.py, line 1)");
    assert!(!s.screen().contains("worker 0"), "{}", s.screen());
    s.send(b"q");
    assert_eq!(s.wait_exit().exit_code(), 1);
    s.assert_restored();
    // Its output, printed once the dashboard closed: python3's, without a traceback.
    s.wait_text("SyntaxError: ");
    let screen = s.screen();
    assert!(
        !screen.contains("Traceback") && !screen.contains("runpy"),
        "{screen}"
    );
}

#[test]
fn a_program_s_kept_output_is_printed_in_the_order_it_was_written() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    let path = script("alternating.py");
    let mut s = Session::start(&["python", &path], 120, 40);
    s.wait_text("output: 16 lines, printed when taskscope closes · last: err 7");
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
    // stdout and stderr in turn, as a terminal would have shown them.
    let written: Vec<String> = (0..8)
        .flat_map(|i| [format!("out {i}"), format!("err {i}")])
        .collect();
    s.wait_text("err 7");
    let screen = s.screen();
    let shown: Vec<&str> = screen
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("out ") || l.starts_with("err "))
        .collect();
    assert_eq!(shown, written, "{screen}");
}

#[test]
fn sigterm_ends_a_program_s_python3_started_from_a_file_and_reaps_it() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    become_subreaper();
    let dir = tempfile::tempdir().expect("a folder");
    let path = long_program(dir.path());
    let mut s = Session::start(&["python", &path], 100, 30);
    s.wait_text("Task-1");
    let taskscope = s.pid();
    let python: Vec<u32> = children_of(taskscope)
        .into_iter()
        .filter(|(_, comm)| comm.starts_with("python"))
        .map(|(pid, _)| pid)
        .collect();
    assert_eq!(python.len(), 1, "{:?}", children_of(taskscope));
    // Its command line names the module's file, not the module's whole text.
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", python[0])).expect("cmdline");
    let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
    assert!(
        cmdline.len() < 1000 && cmdline.contains("taskscope_asyncio.py script"),
        "{} bytes: {}",
        cmdline.len(),
        cmdline.chars().take(200).collect::<String>()
    );
    s.signal("TERM");
    assert_eq!(s.wait_exit().exit_code(), 143);
    s.assert_restored();
    assert_gone(python[0], "after SIGTERM");
}

#[test]
fn a_closed_window_ends_the_dashboard_s_python3_and_reaps_it() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    become_subreaper();
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("long.py");
    // It keeps printing, so the dashboard keeps drawing and the test's reader lets go of the
    // pty once it is closed.
    let long = "import asyncio\nasync def main():\n    while True:\n        \
                print('tick')\n        await asyncio.sleep(0.05)\nasyncio.run(main())\n";
    std::fs::write(&path, long).expect("write");
    let mut s = Session::start(&["python", path.to_str().unwrap()], 100, 30);
    s.wait_text("Task-1");
    let python: Vec<u32> = children_of(s.pid())
        .into_iter()
        .filter(|(_, comm)| comm.starts_with("python"))
        .map(|(pid, _)| pid)
        .collect();
    assert_eq!(python.len(), 1, "{:?}", children_of(s.pid()));
    // The dashboard's loop never sees the hang-up (the terminal's reader spins on it): its
    // watchdog ends the process, and ends the python3 first.
    s.hang_up();
    let started = std::time::Instant::now();
    while s.running() {
        assert!(started.elapsed().as_secs() < 30, "still running");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_gone(python[0], "after the window closed");
}
