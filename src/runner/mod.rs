//! Runs one scenario on its own tokio runtime, on its own OS thread, recorded.
//!
//! A run is a [`Source`]: the caller (the UI loop, the headless printer, a test) never waits
//! on the scenario; it drains the recorded events whenever it likes, and can stop the run at
//! any moment, even while a scenario step blocks its worker.

mod combinators;
pub mod console;
mod error;
mod exec;
mod labels;
mod pace;
mod resources;
mod stop;
mod tasks;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Once};
use std::thread::JoinHandle;

use crate::record::{Event, Meta, Recorder};
use crate::scenario::{Flavor, Scenario};
use crate::source::{Batch, RunInfo, Source, Status};
use exec::{Exec, StopSignal};
pub use labels::step_label;

/// How to run a scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunOptions {
    /// Playback speed: 2.0 halves every scripted duration, 0.5 doubles it.
    pub speed: f64,
    /// Events one thread can hold between two drains.
    pub ring_capacity: usize,
    /// Also report the runtime to this tokio-console server (`--console`), see [`console`].
    pub console: Option<console::ConsoleTap>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            speed: 1.0,
            ring_capacity: crate::record::DEFAULT_RING_CAPACITY,
            console: None,
        }
    }
}

const NOT_YET: u64 = u64::MAX;

/// A scenario running on its own thread.
pub struct RunHandle {
    recorder: Recorder,
    stop: Arc<StopSignal>,
    /// When `main` returned, ns since the start (`NOT_YET` before).
    main_ended: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
    info: RunInfo,
    metas: Vec<Meta>,
    events: Vec<Event>,
    startup_error: Arc<std::sync::Mutex<Option<String>>>,
    /// Set once the last batch (the one that ends the run) was handed over.
    ended: bool,
}

/// What a run of `scenario` at `speed` is, before its first event: its name and runtime.
pub fn run_info(scenario: &Scenario, speed: f64) -> RunInfo {
    let workers = u16::try_from(scenario.runtime.workers.max(1)).unwrap_or(u16::MAX);
    RunInfo::tokio(scenario.name.clone(), scenario.runtime.flavor, workers).at_speed(speed)
}

/// Starts `scenario` on a new thread with a runtime of the flavor and worker count it asks
/// for, and returns at once.
pub fn start(scenario: Arc<Scenario>, options: RunOptions) -> RunHandle {
    silence_scenario_panics();
    let info = run_info(&scenario, options.speed);
    let recorder = Recorder::with_capacity(info.workers, options.ring_capacity);
    let stop = Arc::new(StopSignal::default());
    let main_ended = Arc::new(AtomicU64::new(NOT_YET));
    let startup_error = Arc::new(std::sync::Mutex::new(None));
    let exec = Exec::new(
        scenario.clone(),
        recorder.clone(),
        options.speed,
        stop.clone(),
    );
    let thread = {
        let (main_ended, startup_error) = (main_ended.clone(), startup_error.clone());
        let stop_signal = stop.clone();
        std::thread::Builder::new()
            .name(format!("scenario {}", scenario.name))
            .spawn(move || {
                let console = options.console;
                if let Err(error) =
                    run_on_runtime(&scenario, exec, &stop_signal, &main_ended, console)
                {
                    *startup_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(error);
                }
            })
            .expect("spawn the scenario thread")
    };
    RunHandle {
        recorder,
        stop,
        main_ended,
        thread: Some(thread),
        info,
        metas: Vec::new(),
        events: Vec::new(),
        startup_error,
        ended: false,
    }
}

fn run_on_runtime(
    scenario: &Scenario,
    exec: Arc<Exec>,
    stop: &StopSignal,
    main_ended: &AtomicU64,
    console: Option<console::ConsoleTap>,
) -> Result<(), String> {
    let mut builder = match scenario.runtime.flavor {
        Flavor::CurrentThread => tokio::runtime::Builder::new_current_thread(),
        Flavor::MultiThread => {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            b.worker_threads(scenario.runtime.workers.max(1));
            b
        }
    };
    builder.enable_all().thread_name("taskscope-worker");
    builder.on_thread_start(move || {
        mark_scenario_thread();
        console::enter_runtime_thread(console);
    });
    builder.on_thread_stop(console::leave_runtime_thread);
    builder.on_thread_park(crate::record::thread_parks);
    builder.on_task_terminate(|_| crate::record::task_terminated());
    let runtime = builder
        .build()
        .map_err(|e| format!("cannot build the runtime: {e}"))?;
    mark_scenario_thread();
    // `block_on` polls on this thread (all of a current_thread runtime's polls).
    let _console = console.map(console::ConsoleTap::set_default);
    let main = exec.main();
    match scenario.runtime.flavor {
        // On current_thread, `block_on` polls main on the only worker, as `#[tokio::main]`.
        Flavor::CurrentThread => runtime.block_on(async {
            tokio::select! {
                _ = main => {}
                _ = stop.wait() => {}
            }
        }),
        // On multi_thread the thread calling `block_on` is not a worker: main is spawned so
        // that every poll shows on a worker lane.
        Flavor::MultiThread => runtime.block_on(async {
            match tokio::task::Builder::new().name("main").spawn(main) {
                Ok(main) => tokio::select! {
                    _ = main => {}
                    _ = stop.wait() => {}
                },
                Err(e) => crate::output::errln!("taskscope: cannot spawn main: {e}"),
            }
        }),
    }
    main_ended.store(exec.recorder().now_ns(), Ordering::SeqCst);
    // Tasks still alive are cancelled now, as when `#[tokio::main]` returns; blocking steps
    // still running end early so that the shutdown does not wait for them.
    stop.set();
    drop(runtime);
    Ok(())
}

impl RunHandle {
    /// True once the scenario returned and its runtime has shut down.
    fn thread_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(|t| t.is_finished())
    }

    /// Why the run could not start (the runtime could not be built), if so.
    fn startup_error(&self) -> Option<String> {
        self.startup_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn stop_now(&self) {
        self.stop.set();
    }
}

impl Source for RunHandle {
    fn info(&self) -> &RunInfo {
        &self.info
    }

    /// Hands over every event recorded so far and the recorder's clock. Once the run is
    /// over, ends the batch at the time `main` returned.
    fn drain(&mut self, batch: &mut Batch) {
        if self.ended {
            return;
        }
        // Read before draining: once the thread is over, this drain holds its last events.
        let finished = self.thread_finished();
        let now = self.recorder.now_ns();
        self.recorder.drain(&mut self.metas, &mut self.events);
        batch.extend(self.metas.drain(..), self.events.drain(..));
        batch.dropped(self.recorder.dropped_events());
        if finished {
            let ended = self.main_ended.load(Ordering::SeqCst);
            batch.end(if ended == NOT_YET { now } else { ended });
            self.ended = true;
        } else {
            batch.clock(now);
        }
    }

    fn status(&self) -> Status {
        match (self.ended, self.startup_error()) {
            (false, _) => Status::Live,
            (true, Some(error)) => Status::Failed(error),
            (true, None) => Status::Done,
        }
    }

    /// Asks the run to stop: steps stop at their next chance, blocking calls within a few
    /// milliseconds, and the runtime shuts down. Does not wait.
    fn stop(&mut self) {
        self.stop_now();
    }
}

impl Drop for RunHandle {
    fn drop(&mut self) {
        self.stop_now();
    }
}

thread_local! {
    static SCENARIO_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn mark_scenario_thread() {
    SCENARIO_THREAD.with(|flag| flag.set(true));
}

/// A scenario's panic is part of the show (recorded as a panicked task), not an error of
/// taskscope: keep it from printing over the dashboard. Panics elsewhere still print.
fn silence_scenario_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !SCENARIO_THREAD.with(|flag| flag.get()) {
                previous(info);
            }
        }));
    });
}
