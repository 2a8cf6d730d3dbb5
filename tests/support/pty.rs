//! The real binary in a pseudo-terminal, its screen read by a terminal emulator (vt100) and
//! the terminal's own modes (raw or not) read from the pty itself: what the end-to-end tests
//! of the dashboard drive, its faults and signals included.

#![allow(dead_code)] // each test file takes what it needs

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Long enough for a debug build on a loaded 2-core machine; only failures wait this long.
pub const PATIENCE: Duration = Duration::from_secs(20);

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

/// The binary running in a pseudo-terminal of `cols` x `rows`.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    closed: Arc<AtomicBool>,
}

impl Session {
    /// Starts the binary with `args` in a pseudo-terminal of `cols` x `rows`.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_with(args, &[], cols, rows)
    }

    /// Starts the binary with `args` and the environment variables `env` in a
    /// pseudo-terminal of `cols` x `rows`.
    pub fn start_with(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
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
        for (name, value) in env {
            cmd.env(name, value);
        }
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

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Types `bytes`.
    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the pty is open");
        writer.write_all(bytes).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits until the screen satisfies `pred`; returns how long that took.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> Duration {
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

    /// Waits until the screen shows `text`; returns how long that took.
    pub fn wait_text(&self, text: &str) -> Duration {
        self.wait_for(text, |s| s.contains(text))
    }

    /// Waits until the program exits; returns its status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

    /// Whether the binary is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }

    /// The binary's process id.
    #[allow(dead_code)] // not every test file that includes this module uses it
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Sends `signal` (`TERM`, `INT`, `HUP`, `USR1`) to the binary.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{signal} {pid}");
    }

    /// Types `key`, then asserts that the binary exits successfully and restores the
    /// terminal: how a test leaves the dashboard.
    pub fn quit(&mut self, key: &[u8]) {
        self.send(key);
        let status = self.wait_exit();
        assert!(status.success(), "{status:?}");
        self.assert_restored();
    }

    /// Resizes the terminal.
    pub fn resize(&mut self, cols: u16, rows: u16) {
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
    pub fn hang_up(&mut self) {
        self.closed.store(true, Ordering::SeqCst);
        self.writer = None;
        self.master = None;
    }

    /// Whether the screen is the alternate one, the cursor hidden, the mouse reported.
    pub fn modes(&self) -> (bool, bool, bool) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let mouse = screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None;
        (screen.alternate_screen(), screen.hide_cursor(), mouse)
    }

    /// Whether the pty is in raw mode: no line editing, no echo (read from its termios).
    pub fn raw(&self) -> bool {
        let master = self.master.as_ref().expect("the pty is open");
        let fd = master.as_raw_fd().expect("the pty's descriptor");
        // SAFETY: tcgetattr only writes the termios struct it is given.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0, "tcgetattr");
        termios.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// Asserts that the dashboard is up: alternate screen, cursor hidden, mouse reported,
    /// raw mode.
    pub fn assert_up(&self) {
        assert_eq!(
            self.modes(),
            (true, true, true),
            "(alternate screen, hidden cursor, mouse); the screen:\n{}",
            self.screen()
        );
        assert!(self.raw(), "the dashboard runs in raw mode");
    }

    /// Asserts that the terminal is as it was before the dashboard: main screen, cursor
    /// shown, no mouse reporting, line editing and echo back on.
    pub fn assert_restored(&self) {
        assert_eq!(
            self.modes(),
            (false, false, false),
            "(alternate screen, hidden cursor, mouse) after the exit; the screen:\n{}",
            self.screen()
        );
        assert!(!self.raw(), "the terminal was left in raw mode");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
