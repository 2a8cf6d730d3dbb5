//! The dashboard ended by faults, in a real pseudo-terminal: a panic, SIGTERM, SIGINT and
//! SIGHUP each leave the terminal as it was (main screen, cursor shown, no mouse reporting,
//! line editing and echo back on) and end with the status a shell expects: 101 for the
//! panic, 128 + the signal's number for a signal.

#[path = "support/fault_pty.rs"]
mod pty;

use pty::Pty;

/// The dashboard is up: alternate screen, cursor hidden, mouse reported, raw mode.
fn assert_up(pty: &Pty) {
    assert_eq!(
        pty.modes(),
        (true, true, true),
        "alternate screen, hidden cursor, mouse"
    );
    assert!(pty.raw(), "the dashboard runs in raw mode");
}

/// Everything the dashboard changed is back.
fn assert_restored(pty: &Pty) {
    assert_eq!(
        pty.modes(),
        (false, false, false),
        "(alternate screen, hidden cursor, mouse) after the exit; the screen:\n{}",
        pty.text()
    );
    assert!(!pty.raw(), "the terminal was left in raw mode");
}

#[test]
fn a_panic_in_the_dashboard_restores_the_terminal_and_says_why() {
    // Debug builds only: with TASKSCOPE_TEST_PANIC set, SIGUSR1 makes the loop panic.
    let mut pty = Pty::start(
        &["run", "blocking-freeze", "--speed", "0.25", "--no-quiz"],
        &[("TASKSCOPE_TEST_PANIC", "1")],
    );
    pty.wait_text("slow_sync_call");
    assert_up(&pty);
    pty.signal("USR1");
    let status = pty.exit_status();
    assert_eq!(status.exit_code(), 101, "{status:?}");
    assert_restored(&pty);
    // The panic's message is on the main screen, where it can be read.
    pty.wait_text("a panic on purpose");
}

/// Each signal, during a live run and on the idle menu.
#[test]
fn sigterm_sigint_and_sighup_restore_the_terminal_and_exit_128_plus_the_signal() {
    for (signal, status) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        for args in [
            &["run", "blocking-freeze", "--speed", "0.25", "--no-quiz"][..],
            &[],
        ] {
            let mut pty = Pty::start(args, &[]);
            pty.wait_text(if args.is_empty() {
                "pick a scenario"
            } else {
                "slow_sync_call"
            });
            assert_up(&pty);
            pty.signal(signal);
            let ended = pty.exit_status();
            assert_eq!(ended.exit_code(), status, "SIG{signal} {args:?}: {ended:?}");
            assert_restored(&pty);
        }
    }
}

#[test]
fn without_the_test_variable_sigusr1_is_not_a_panic() {
    let mut pty = Pty::start(
        &["run", "blocking-freeze", "--speed", "0.25", "--no-quiz"],
        &[],
    );
    pty.wait_text("slow_sync_call");
    // SIGUSR1's default action ends the process; it must not be turned into a panic.
    pty.signal("USR1");
    let status = pty.exit_status();
    assert_ne!(status.exit_code(), 101, "{status:?}");
    assert!(!pty.text().contains("a panic on purpose"), "{}", pty.text());
}
