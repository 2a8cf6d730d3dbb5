//! The `python3` children alive now, for the whole process, and the ways out that end them
//! all: a headless command's ending signal ([`end_on_signal`]) and the dashboard's watchdog
//! skip every run's own clean-up, so they end the children listed here, and none is left
//! running or unreaped. A child is listed as it starts (under the list's lock: no way out
//! finds it started and unlisted) and taken off, under the same lock, before it is reaped:
//! a listed pid is always one of our unreaped children, never another process's.

use std::io;
use std::process::{Child, Command, ExitStatus};
use std::sync::{Mutex, MutexGuard, Once, PoisonError, TryLockError};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::output::errln;

/// The pids of the children started and not reaped yet.
static LIVE: Mutex<Vec<libc::pid_t>> = Mutex::new(Vec::new());

/// How long [`end_all_and_exit`] waits for the list (held only for a spawn or a system call
/// that does not block) before it exits without it.
const LOCK_WAIT: Duration = Duration::from_millis(500);
/// How long [`end_all_and_exit`] waits for killed children to be reapable before it exits
/// anyway (a killed process ends at once, unless it is stuck in the kernel).
const REAP_WAIT: Duration = Duration::from_millis(500);
/// How long a child that was sent the terminal's Ctrl-C too (it shares taskscope's process
/// group) has to end on its own, printing its KeyboardInterrupt, before it is killed.
const INTERRUPT_GRACE: Duration = Duration::from_millis(500);

fn list() -> MutexGuard<'static, Vec<libc::pid_t>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

fn pid_of(child: &Child) -> Option<libc::pid_t> {
    libc::pid_t::try_from(child.id()).ok()
}

fn forget(live: &mut Vec<libc::pid_t>, child: &Child) {
    live.retain(|&pid| Some(pid) != pid_of(child));
}

/// Starts `command` and lists its child.
pub fn spawn(command: &mut Command) -> io::Result<Child> {
    let mut live = list();
    let child = command.spawn()?;
    live.extend(pid_of(&child));
    Ok(child)
}

/// `child.try_wait()`, taking it off the list when that reaped it.
pub fn try_wait(child: &mut Child) -> io::Result<Option<ExitStatus>> {
    let mut live = list();
    let status = child.try_wait();
    if matches!(status, Ok(Some(_))) {
        forget(&mut live, child);
    }
    status
}

/// Ends `child` at once and reaps it, so that no zombie outlives taskscope: SIGKILL to its
/// process group when it leads one (a dashboard's child, with whatever it started itself),
/// else to it alone; then waits for it (a killed process ends at once).
pub fn end(child: &mut Child) {
    let mut live = list();
    if let Ok(Some(_)) = child.try_wait() {
        forget(&mut live, child);
        return; // already reaped
    }
    if let Some(pid) = pid_of(child) {
        kill(pid);
    }
    forget(&mut live, child);
    drop(live);
    let _ = child.wait();
}

/// SIGKILL to `pid`'s process group when it leads one, and to `pid`.
fn kill(pid: libc::pid_t) {
    // SAFETY: plain system calls on the pid of our own child, not reaped yet (the callers
    // hold the list, which holds only those), so the pid cannot belong to another process.
    unsafe {
        if libc::getpgid(pid) == pid {
            libc::killpg(pid, libc::SIGKILL);
        }
        libc::kill(pid, libc::SIGKILL);
    }
}

/// Whether `pid` is reaped now (or is not ours to wait for).
fn reaped(pid: libc::pid_t) -> bool {
    let mut status = 0;
    // SAFETY: waitpid on the pid of our own child, writing only into `status`.
    unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) != 0 }
}

/// Ends every listed child and reaps it, then exits with `status`. The children that share
/// taskscope's process group (a headless program's, sent the terminal's Ctrl-C too) first
/// get `grace` to end on their own. It cannot hang: it waits at most [`LOCK_WAIT`] for the
/// list and [`REAP_WAIT`] for the killed children. The list stays locked until the exit, so
/// that no owner reaps (or kills) a child meanwhile.
pub fn end_all_and_exit(status: i32, grace: Duration) -> ! {
    let asked = Instant::now();
    let mut live = loop {
        match LIVE.try_lock() {
            Ok(live) => break Some(live),
            Err(TryLockError::Poisoned(poisoned)) => break Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) if asked.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => break None,
        }
    };
    if let Some(live) = live.as_mut() {
        end_all(live, grace);
    }
    std::process::exit(status) // the list still locked
}

/// Kills and reaps the children `live` lists (see [`end_all_and_exit`]).
fn end_all(live: &mut Vec<libc::pid_t>, grace: Duration) {
    let started = Instant::now();
    // SAFETY: getpgid of our own unreaped children (see `kill`).
    let interrupted = |pid: &libc::pid_t| unsafe { libc::getpgid(*pid) != *pid };
    while started.elapsed() < grace && live.iter().any(interrupted) {
        live.retain(|&pid| !reaped(pid));
        std::thread::sleep(Duration::from_millis(10));
    }
    live.iter().for_each(|&pid| kill(pid));
    let killed = Instant::now();
    while !live.is_empty() && killed.elapsed() < REAP_WAIT {
        live.retain(|&pid| !reaped(pid));
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Where nothing else handles them (headless): SIGTERM, SIGHUP or SIGINT end and reap every
/// `python3` child ([`end_all_and_exit`]), then exit as a shell expects (128 + the signal's
/// number); without this the signal's default action would leave the children behind,
/// running or unreaped. Call it before the first child starts, so that no signal finds it
/// unwatched; once is enough (later calls do nothing). Not for the dashboard, which handles
/// these signals itself.
pub fn end_on_signal() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let mut signals = match Signals::new([SIGTERM, SIGHUP, SIGINT]) {
            Ok(signals) => signals,
            Err(e) => return errln!("taskscope: cannot watch for signals: {e}"),
        };
        let watch = move || {
            if let Some(signal) = signals.forever().next() {
                let grace = if signal == SIGINT {
                    INTERRUPT_GRACE
                } else {
                    Duration::ZERO
                };
                end_all_and_exit(128 + signal, grace);
            }
        };
        if let Err(e) = std::thread::Builder::new()
            .name("python3 on signal".into())
            .spawn(watch)
        {
            errln!("taskscope: cannot watch for signals: {e}");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(child: &Child) -> bool {
        list().contains(&pid_of(child).expect("a pid"))
    }

    #[test]
    fn a_child_is_listed_from_its_start_until_it_is_reaped() {
        let mut running = spawn(Command::new("sleep").arg("60")).expect("sleep");
        let mut quick = spawn(&mut Command::new("true")).expect("true");
        assert!(listed(&running) && listed(&quick));
        assert!(try_wait(&mut running).expect("try_wait").is_none());
        assert!(listed(&running));
        end(&mut running);
        assert!(!listed(&running));
        let left = std::fs::read_to_string(format!("/proc/{}/stat", running.id()));
        assert!(left.is_err(), "not reaped: {left:?}");
        while try_wait(&mut quick).expect("try_wait").is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(!listed(&quick));
    }
}
