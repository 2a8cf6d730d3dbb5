//! [`PyRun`]: a run on CPython's asyncio loop, as a [`Source`]. It starts a `python3` child
//! with the instrumentation module (a scenario's Program and its speed, or a user's script),
//! reads the child's events on a thread of its own (`reader.rs`), and hands them over as
//! batches whenever it is asked, never waiting. `stop` ends the child at once: its loop and
//! its `asyncio.to_thread` threads with it.

use std::os::unix::net::UnixListener;
use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::child::{self, Mode, Output};
use super::live;
use super::reader::{Reader, Shared, lock};
use super::script::Script;
use super::wire::RunExit;
use crate::scenario::{Flavor, Scenario};
use crate::source::{Batch, RunInfo, Source, Status};

/// How far behind its own estimate of the child's clock a run's clock reading stays: events
/// reach this process in batches up to 10 ms old, and a clock reading says that nothing
/// earlier is still to come.
const CLOCK_LAG: Duration = Duration::from_millis(15);

/// A run in a `python3` child, on its asyncio loop.
pub struct PyRun {
    info: RunInfo,
    /// Said about every run of this source (a multi_thread scenario on the one loop).
    note: Option<String>,
    /// The script's output, summed up on screen while it is kept.
    shown_output: Option<Arc<super::output::OutputLog>>,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    child: Option<Arc<Mutex<Child>>>,
    thread: Option<JoinHandle<()>>,
    /// The last clock reading handed over.
    clock: u64,
    status: Status,
    ended: bool,
}

impl PyRun {
    /// Starts `scenario` at `speed` on asyncio, and returns at once. A scenario written for
    /// multi_thread runs on the one loop, and the run says so. `headless`: no dashboard
    /// handles the ending signals, so they end and reap the child (see
    /// [`live::end_on_signal`]).
    pub fn scenario(scenario: &Scenario, speed: f64, headless: bool) -> PyRun {
        if headless {
            live::end_on_signal(); // before the child starts
        }
        let info = RunInfo::asyncio(scenario.name.clone()).at_speed(speed);
        let note = (scenario.runtime.flavor == Flavor::MultiThread).then(|| {
            format!(
                "asyncio has one event loop: this multi_thread scenario ({} workers on tokio) \
                 runs on it",
                scenario.runtime.workers
            )
        });
        let log = super::output::OutputLog::new();
        let program = match scenario.program() {
            Ok(program) => serde_json::to_string(&program).expect("a Program serializes"),
            Err(error) => return PyRun::failed(info, format!("cannot compile: {error}")),
        };
        let origin = scenario.origin.clone();
        let mut run = PyRun::launch(info, Output::Keep(log), |dir, socket, output| {
            let file = dir.join("program.json");
            std::fs::write(&file, program).map_err(|e| format!("cannot write the program: {e}"))?;
            let mode = Mode::Scenario {
                program: &file,
                speed,
                origin: &origin,
            };
            child::spawn(mode, dir, socket, output)
        });
        run.note = note;
        run
    }

    /// Starts `script` under the instrumentation, its output kept in its log (shown on
    /// screen) or passed through (headless: then taskscope's ending signals end and reap the
    /// child too), and returns at once.
    pub fn script(script: &Script, pass_through: bool) -> PyRun {
        let info = RunInfo::asyncio(script.name());
        script.log.clear();
        if pass_through {
            // Headless, no dashboard handles the ending signals: watched before it starts.
            live::end_on_signal();
        }
        let output = if pass_through {
            Output::PassThrough
        } else {
            Output::Keep(script.log.clone())
        };
        let mut run = PyRun::launch(info, output, |dir, socket, output| {
            let mode = Mode::Script {
                path: &script.path,
                args: &script.args,
            };
            child::spawn(mode, dir, socket, output)
        });
        if !pass_through {
            run.shown_output = Some(script.log.clone());
        }
        if let Some(Err(reason)) = &lock(&run.shared).over {
            script.log.set_failure(reason.clone()); // it could not start
        }
        run
    }

    /// Prepares the folder and the socket, starts the child with `spawn`, and the thread that
    /// reads it.
    fn launch(
        info: RunInfo,
        output: Output,
        spawn: impl FnOnce(
            &std::path::Path,
            &std::path::Path,
            &Output,
        ) -> Result<child::Started, String>,
    ) -> PyRun {
        let dir = match tempfile::Builder::new().prefix("taskscope-").tempdir() {
            Ok(dir) => dir,
            Err(e) => return PyRun::failed(info, format!("cannot make a temporary folder: {e}")),
        };
        let socket = dir.path().join("events.sock");
        let listener = UnixListener::bind(&socket).and_then(|l| {
            l.set_nonblocking(true)?;
            Ok(l)
        });
        let listener = match listener {
            Ok(listener) => listener,
            Err(e) => {
                let why = format!("cannot listen on {}: {e}", socket.display());
                return PyRun::failed(info, why);
            }
        };
        let started = match spawn(dir.path(), &socket, &output) {
            Ok(started) => started,
            Err(reason) => return PyRun::failed(info, reason),
        };
        let child = Arc::new(Mutex::new(started.child));
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let reader = Reader {
            listener,
            dir,
            child: child.clone(),
            output: started.readers,
            log: match output {
                Output::Keep(log) => Some(log),
                Output::PassThrough => None,
            },
            shared: shared.clone(),
            stop: stop.clone(),
            python: child::interpreter(),
        };
        let thread = std::thread::Builder::new()
            .name(format!("asyncio {}", info.scenario))
            .spawn(move || reader.run());
        let thread = match thread {
            Ok(thread) => thread,
            Err(e) => {
                live::end(&mut lock(&child));
                return PyRun::failed(info, format!("cannot start a thread: {e}"));
            }
        };
        let mut run = PyRun::new(info, Shared::default());
        (run.shared, run.stop) = (shared, stop);
        (run.child, run.thread) = (Some(child), Some(thread));
        run
    }

    fn new(info: RunInfo, shared: Shared) -> PyRun {
        PyRun {
            info,
            note: None,
            shown_output: None,
            shared: Arc::new(Mutex::new(shared)),
            stop: Arc::new(AtomicBool::new(false)),
            child: None,
            thread: None,
            clock: 0,
            status: Status::Live,
            ended: false,
        }
    }

    /// A run that could not start: its only batch ends it, its status says why.
    fn failed(info: RunInfo, reason: String) -> PyRun {
        let shared = Shared {
            over: Some(Err(reason)),
            ..Shared::default()
        };
        PyRun::new(info, shared)
    }

    /// The child's EXIT record, once it came: the status it exits with, and why.
    pub fn exit(&self) -> Option<RunExit> {
        lock(&self.shared).exit.clone()
    }

    fn kill(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(child) = &self.child {
            live::end(&mut lock(child));
        }
    }
}

impl Source for PyRun {
    fn info(&self) -> &RunInfo {
        &self.info
    }

    /// Hands over what the child sent since the last drain and a clock reading; once
    /// everything was read, ends the batch when the child's run ended.
    fn drain(&mut self, batch: &mut Batch) {
        if self.ended {
            return;
        }
        let mut shared = lock(&self.shared);
        shared.items.drain(..).for_each(|item| batch.push(item));
        if shared.dropped > 0 {
            batch.dropped(shared.dropped);
        }
        let seen = shared.hello.map(|h| h.elapsed().saturating_sub(CLOCK_LAG));
        let seen = seen.map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        self.clock = self.clock.max(shared.latest_ns).max(seen);
        match shared.over.take() {
            Some(result) => {
                // The run ended at the child's EXIT record (its clean-up done), else where
                // its events stopped.
                let end = shared.exit.as_ref().map_or(shared.latest_ns, |e| e.at_ns);
                batch.end(end.max(shared.latest_ns));
                self.status = match result {
                    Ok(()) => Status::Done,
                    Err(reason) => Status::Failed(reason),
                };
                self.ended = true;
                drop(shared);
                if let Some(thread) = self.thread.take() {
                    let _ = thread.join(); // over: it has nothing left to do
                }
            }
            None if shared.hello.is_some() => batch.clock(self.clock),
            None => {}
        }
    }

    fn status(&self) -> Status {
        self.status.clone()
    }

    /// Why the run failed; else the child's exit status when it was not 0 (and why: a
    /// script's uncaught exception, its SyntaxError), a multi_thread scenario's note, and
    /// for a script whose output is kept, how much it printed and its last line.
    fn note(&self) -> Option<String> {
        if let Status::Failed(reason) = &self.status {
            return Some(format!("the asyncio run failed: {reason}"));
        }
        let shared = lock(&self.shared);
        let exit = shared.exit.clone().filter(|e| e.status != 0);
        let exited = if self.ended && !shared.spawned {
            Some(ran_no_tasks(&self.info.scenario, exit.as_ref()))
        } else {
            exit.map(|e| format!("{} {}", self.info.scenario, exited(&e)))
        };
        drop(shared);
        let output = self.shown_output.as_ref().and_then(|log| {
            let (lines, last) = log.summary();
            let last = last?;
            let s = if lines == 1 { "" } else { "s" };
            Some(format!(
                "output: {lines} line{s}, printed when taskscope closes · last: {}",
                last.text
            ))
        });
        let said: Vec<String> = [exited, self.note.clone(), output]
            .into_iter()
            .flatten()
            .collect();
        (!said.is_empty()).then(|| said.join(" · "))
    }

    /// Ends the child at once (SIGKILL: its loop and its threads) and reaps it.
    fn stop(&mut self) {
        self.kill();
    }
}

impl Drop for PyRun {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What a run that recorded no task says (a program that could not be compiled, or never
/// ran asyncio), and why when it failed: `app.py ran no asyncio tasks: it exited with status
/// 1: SyntaxError: ...`.
pub fn ran_no_tasks(name: &str, exit: Option<&RunExit>) -> String {
    let failed = exit.filter(|e| e.status != 0);
    let why = failed.map_or_else(String::new, |e| format!(": it {}", exited(e)));
    format!("{name} ran no asyncio tasks{why}")
}

/// `exited with status 1: ValueError: ...`.
fn exited(exit: &RunExit) -> String {
    let why = exit
        .message
        .as_ref()
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    format!("exited with status {}{why}", exit.status)
}
