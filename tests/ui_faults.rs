//! The dashboard ended by faults, in a real pseudo-terminal: a panic, SIGTERM, SIGINT and
//! SIGHUP each leave the terminal as it was (main screen, cursor shown, no mouse reporting,
//! line editing and echo back on) and end with the status a shell expects: 101 for the
//! panic, 128 + the signal's number for a signal.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

/// Starts taskscope with `args` and the environment variables `env` in a 100x30 pty.
fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
    Session::start_with(args, env, 100, 30)
}

#[test]
fn a_panic_in_the_dashboard_restores_the_terminal_and_says_why() {
    // Debug builds only: with TASKSCOPE_TEST_PANIC set, SIGUSR1 makes the loop panic.
    let mut pty = start(
        &["run", "blocking-freeze", "--speed", "0.25", "--no-quiz"],
        &[("TASKSCOPE_TEST_PANIC", "1")],
    );
    pty.wait_text("slow_sync_call");
    pty.assert_up();
    pty.signal("USR1");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 101, "{status:?}");
    pty.assert_restored();
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
            let mut pty = start(args, &[]);
            pty.wait_text(if args.is_empty() {
                "pick a scenario"
            } else {
                "slow_sync_call"
            });
            pty.assert_up();
            pty.signal(signal);
            let ended = pty.wait_exit();
            assert_eq!(ended.exit_code(), status, "SIG{signal} {args:?}: {ended:?}");
            pty.assert_restored();
        }
    }
}

#[test]
fn without_the_test_variable_sigusr1_is_not_a_panic() {
    let mut pty = start(
        &["run", "blocking-freeze", "--speed", "0.25", "--no-quiz"],
        &[],
    );
    pty.wait_text("slow_sync_call");
    // SIGUSR1's default action ends the process; it must not be turned into a panic.
    pty.signal("USR1");
    let status = pty.wait_exit();
    assert_ne!(status.exit_code(), 101, "{status:?}");
    assert!(
        !pty.screen().contains("a panic on purpose"),
        "{}",
        pty.screen()
    );
}
