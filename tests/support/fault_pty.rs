//! The real binary in a pseudo-terminal, its output read by a terminal emulator (vt100), and
//! the terminal's own modes (raw or not) read from the pty itself.

#![allow(dead_code)] // each test file takes what it needs

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Long enough for a debug build on a loaded 2-core machine; only failures wait this long.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// taskscope running in a pty.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    input: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Pty {
    /// Starts taskscope with `args` and the environment variables `env` in a 100x30 pty.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Pty {
        let size = PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_taskscope"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn taskscope");
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(size.rows).expect("rows"),
            std::num::NonZeroU16::new(size.cols).expect("columns"),
            0,
        )));
        let mut output = pair.master.try_clone_reader().expect("a reader");
        let emulator = screen.clone();
        std::thread::spawn(move || {
            let mut bytes = [0u8; 8192];
            while let Ok(n @ 1..) = output.read(&mut bytes) {
                emulator.lock().unwrap().process(&bytes[..n]);
            }
        });
        let input = pair.master.take_writer().expect("a writer");
        Pty {
            child,
            master: pair.master,
            input,
            screen,
        }
    }

    /// The text on the emulated screen.
    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) {
        let start = Instant::now();
        while !self.text().contains(text) {
            assert!(
                start.elapsed() < PATIENCE,
                "`{text}` never showed; the screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Types `bytes`.
    pub fn send(&mut self, bytes: &[u8]) {
        self.input.write_all(bytes).expect("write to the pty");
        self.input.flush().expect("flush the pty");
    }

    /// Sends `signal` (`TERM`, `INT`, `HUP`, `USR1`) to taskscope.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{signal} {pid}");
    }

    /// Waits for taskscope to exit, and for the last of its output to be read.
    pub fn exit_status(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "taskscope did not exit; the screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether the screen is the alternate one, the cursor hidden, the mouse reported.
    pub fn modes(&self) -> (bool, bool, bool) {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let mouse = screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None;
        (screen.alternate_screen(), screen.hide_cursor(), mouse)
    }

    /// Whether the pty is in raw mode: no line editing, no echo (read from its termios).
    pub fn raw(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("the pty's descriptor");
        // SAFETY: tcgetattr only writes the termios struct it is given.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut termios) }, 0, "tcgetattr");
        termios.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
