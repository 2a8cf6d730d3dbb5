//! The terminal's modes while the dashboard is up (raw mode, the alternate screen, mouse
//! reporting), and putting them back however the dashboard ends: return, error, panic,
//! Ctrl-C, SIGTERM, SIGHUP. A signal ends the process with the status a shell expects of it
//! (128 + its number: 130 SIGINT, 143 SIGTERM, 129 SIGHUP), after the terminal is restored.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once, OnceLock};
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::SIGHUP;

use crate::pyrun::live;

/// The terminal is in the dashboard's modes.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Mouse reporting was turned on.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Holds the terminal in the dashboard's modes; dropping it restores them.
#[derive(Debug)]
pub struct TerminalGuard(());

impl TerminalGuard {
    /// Enters raw mode and the alternate screen (and mouse reporting when `mouse`), after
    /// installing the panic hook that undoes it.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let guard = TerminalGuard(());
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, Hide)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
            MOUSE.store(true, Ordering::SeqCst);
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back as it was (idempotent; safe from a panic hook).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Threads that run scenarios: their panics are part of the show, not ours (the runner
/// records them), so they must not tear the dashboard down.
fn is_scenario_thread() -> bool {
    let current = std::thread::current();
    let name = current.name().unwrap_or("");
    name.starts_with("scenario ") || name.starts_with("taskscope-worker")
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !is_scenario_thread() {
                restore();
            }
            previous(info);
        }));
    });
}

/// The signals that end the dashboard (after restoring the terminal).
const ENDING: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// The number of the last ending signal received (0: none).
fn received() -> &'static Arc<AtomicUsize> {
    static RECEIVED: OnceLock<Arc<AtomicUsize>> = OnceLock::new();
    RECEIVED.get_or_init(Arc::default)
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT, which the loop checks so that it can leave
/// the way it always does: restoring the terminal. [`received_signal`] says which it was.
pub fn signal_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in ENDING {
        // The number first: whoever sees the flag finds it set.
        signal_hook::flag::register_usize(signal, received().clone(), signal as usize)?;
        signal_hook::flag::register(signal, flag.clone())?;
    }
    if cfg!(debug_assertions) && std::env::var_os(TEST_PANIC).is_some() {
        signal_hook::flag::register(signal_hook::consts::SIGUSR1, test_panic().clone())?;
    }
    Ok(flag)
}

/// The ending signal the dashboard received, if any.
pub fn received_signal() -> Option<i32> {
    match received().load(Ordering::SeqCst) {
        0 => None,
        signal => i32::try_from(signal).ok(),
    }
}

/// The exit status of a process ended by `signal`, as a shell reports it: 128 + its number.
pub fn signal_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(u8::MAX)
}

/// Debug builds only: with this environment variable set, SIGUSR1 makes the dashboard's
/// loop panic (see [`panic_if_asked`]).
const TEST_PANIC: &str = "TASKSCOPE_TEST_PANIC";

fn test_panic() -> &'static Arc<AtomicBool> {
    static ASKED: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    ASKED.get_or_init(Arc::default)
}

/// Panics if a test asked for it (debug builds with `TASKSCOPE_TEST_PANIC` set, then
/// SIGUSR1): how the end-to-end tests check that a panic restores the terminal.
pub fn panic_if_asked() {
    if cfg!(debug_assertions) && test_panic().load(Ordering::SeqCst) {
        panic!("a panic on purpose ({TEST_PANIC} and SIGUSR1): the terminal must be restored");
    }
}

/// How often the watchdog looks at the terminal and the signal flag.
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(250);
/// How long the loop may take to act on a signal before the watchdog ends the process.
const SIGNAL_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Starts a thread that ends the process when the terminal is gone (its window closed: the
/// tty hung up) or when a signal was not acted on within two seconds. Needed because
/// crossterm's event reader spins on a hung-up tty, reading end-of-file forever, so the
/// loop would never run again to notice. No run's clean-up happens on this way out, so it
/// ends and reaps the `python3` children itself ([`live::end_all_and_exit`], bounded: the
/// watchdog cannot hang on them).
pub fn spawn_watchdog(signals: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("taskscope-watchdog".into())
        .spawn(move || {
            let mut signalled_at = None;
            loop {
                std::thread::sleep(WATCH_EVERY);
                if crossterm::terminal::window_size().is_err() {
                    // Nobody is left to see the screen: nothing to restore.
                    live::end_all_and_exit(signal_status(SIGHUP).into(), Duration::ZERO);
                }
                if signals.load(Ordering::SeqCst) {
                    let since = *signalled_at.get_or_insert_with(std::time::Instant::now);
                    if since.elapsed() >= SIGNAL_GRACE {
                        restore();
                        let signal = received_signal().unwrap_or(signal_hook::consts::SIGTERM);
                        live::end_all_and_exit(signal_status(signal).into(), Duration::ZERO);
                    }
                }
            }
        });
    // Without the watchdog the dashboard still works; it only cannot outlive a closed window.
    drop(spawned);
}
