//! End to end: the real binary in a pseudo-terminal, its screen read by a terminal emulator.
//! Menu → run → quit with the terminal restored; Esc back to the menu; keys answered while
//! the scenario's worker is blocked; SIGTERM and resizes.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a debug build on a loaded 2-core machine; only failures wait this long.
const PATIENCE: Duration = Duration::from_secs(20);

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

/// The binary running in a pseudo-terminal of `cols` x `rows`.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    closed: Arc<AtomicBool>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_taskscope"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn taskscope");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let sink = parser.clone();
        let closed = Arc::new(AtomicBool::new(false));
        let closing = closed.clone();
        // Reads until the pty closes, or until `hang_up` once more output arrives (the
        // reader's copy of the master keeps the pty open while it lives).
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || closing.load(Ordering::SeqCst) {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Session {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            parser,
            closed,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the pty is open");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits until the screen satisfies `pred`; returns how long that took.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            if pred(&self.screen()) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn wait_text(&self, text: &str) -> Duration {
        self.wait_for(text, |s| s.contains(text))
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader catch the last bytes written before the exit.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "taskscope did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master
            .as_ref()
            .expect("the pty is open")
            .resize(size)
            .expect("resize");
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
    }

    /// Closes the terminal, as closing its window does.
    fn hang_up(&mut self) {
        self.closed.store(true, Ordering::SeqCst);
        self.writer = None;
        self.master = None;
    }

    fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn menu_then_blocking_freeze_then_q_restores_the_terminal() {
    let mut s = Session::start(&[], 120, 40);
    s.wait_text("pick a scenario");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());
    s.send(b"freeze");
    s.wait_text("filter freeze");
    s.send(b"\r");
    for lane in ["slow_sync_call", "heartbeat", "fetch_weather", "worker 0"] {
        s.wait_text(lane);
    }
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn esc_during_a_run_goes_back_to_the_menu() {
    let mut s = Session::start(&["run", "blocking-freeze"], 100, 30);
    s.wait_text("slow_sync_call");
    s.wait_text("● LIVE");
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.send(b"\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// While `slow_sync_call` holds the scenario's only worker in `std::thread::sleep` (8 s at
/// speed 0.25), `?` toggles the help popup. Each time, the delay from writing the key to the
/// changed screen is measured. A dashboard that waited on the scenario would take seconds;
/// the median of five presses must be within 100 ms, and no press may take 500 ms (room for
/// a scheduling hiccup on a loaded 2-core machine without hiding a frozen UI).
#[test]
fn keys_are_answered_while_the_worker_is_blocked() {
    let mut s = Session::start(&["run", "blocking-freeze", "--speed", "0.25"], 120, 40);
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
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&["run", "blocking-freeze"], 100, 30);
    s.wait_text("slow_sync_call");
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn a_terminal_too_small_says_so_and_recovers_on_resize() {
    let mut s = Session::start(&["run", "blocking-freeze"], 100, 30);
    s.wait_text("slow_sync_call");
    s.resize(40, 10);
    s.wait_text("enlarge to at least 60x15");
    s.resize(90, 28);
    s.wait_text("slow_sync_call");
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// A closed window (the pty hung up) ends the dashboard instead of leaving it spinning.
/// A live run keeps drawing, so the test's reader sees output and lets go of the pty.
#[test]
fn a_closed_terminal_ends_the_process() {
    let mut s = Session::start(&["run", "blocking-freeze", "--speed", "0.25"], 100, 30);
    s.wait_text("slow_sync_call");
    s.hang_up();
    let start = Instant::now();
    while s.child.try_wait().expect("try_wait").is_none() {
        assert!(
            start.elapsed() < PATIENCE,
            "still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `--scenarios DIR` and FILE arguments add to the menu; a file that does not parse is
/// listed with its diagnostic instead of stopping the dashboard.
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
    s.send(b"my-chain");
    s.wait_text("┌ my-chain");
    s.send(b"\x1b");
    s.wait_text("type to filter");
    s.send(b"extra");
    s.wait_text("┌ extra.toml");
    s.send(b"\x1b");
    s.wait_text("type to filter");
    s.send(b"broken");
    s.wait_text("this file does not parse");
    s.send(b"\x1b");
    s.wait_text("type to filter");
    s.send(b"\x1b");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// `taskscope compare A B` opens both runs, one above the other, with their wall times side
/// by side once over; Esc goes to the menu, where Ctrl-C quits (letters type a filter).
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
        screen.contains("■ DONE") && screen.contains("x │ speed 4x")
    });
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.send(b"\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// `open FILE`: the saved run in the dashboard, finished, with its code pane; Esc goes to
/// the menu.
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
    s.wait_text("■ DONE");
    s.wait_text("worker 0 blocked");
    s.send(b"c");
    s.wait_text("Rust code");
    s.send(b"\x1b");
    s.wait_text("pick a scenario");
    s.send(b"\x03");
    assert!(s.wait_exit().success());
    s.assert_restored();
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
