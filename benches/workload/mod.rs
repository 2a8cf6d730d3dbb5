//! The benchmark workload, shared by the benches: 2,000 tasks x 200 `yield_now` on a
//! current_thread runtime (400k polls), run uninstrumented, recorded by taskscope, or traced
//! by console-subscriber.

#![allow(dead_code)] // each bench uses part of it

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use taskscope::record::{Event, Instrumented, Meta, Recorder, TaskKind};
use tracing_subscriber::layer::SubscriberExt;

/// Tasks spawned per run.
pub const TASKS: usize = 2_000;
/// `yield_now` calls per task: each task is polled `YIELDS + 1` times.
pub const YIELDS: usize = 200;

/// Events one recorded run produces: per task a spawn, `YIELDS + 1` polls (start and end),
/// `YIELDS` wakes and an end.
pub const EVENTS_PER_RUN: usize = TASKS * (1 + 2 * (YIELDS + 1) + YIELDS + 1);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// The runtime as the runner builds it for a recorded scenario.
fn recorded_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .on_thread_park(taskscope::record::thread_parks)
        .on_task_terminate(|_| taskscope::record::task_terminated())
        .build()
        .expect("runtime")
}

async fn yielder() -> Result<(), String> {
    for _ in 0..YIELDS {
        tokio::task::yield_now().await;
    }
    Ok(())
}

/// The workload with plain `tokio::spawn`.
pub fn uninstrumented() {
    runtime().block_on(async {
        let handles: Vec<_> = (0..TASKS).map(|_| tokio::spawn(yielder())).collect();
        for handle in handles {
            let _ = handle.await;
        }
    });
}

/// The workload with every task wrapped by `recorder`.
pub fn recorded(recorder: &Recorder) {
    recorded_runtime().block_on(async {
        let handles: Vec<_> = (0..TASKS)
            .map(|_| {
                let id = recorder.new_task("yielder", TaskKind::Task, None);
                tokio::spawn(Instrumented::new(recorder.clone(), id, yielder()))
            })
            .collect();
        for handle in handles {
            let _ = handle.await;
        }
    });
}

/// Our recorder with a reader thread that drains it once a frame, every 16 ms, as the
/// dashboard does at 60 frames a second (the headless runner drains every 10 ms). Draining
/// more often costs the recorded runtime more: on 2 cores the reader's wake-ups and its
/// reads of freshly written chunks compete with the runtime's own core (measured: about
/// 1.3x every 16 ms against 1.6x-2x every millisecond). The per-thread limit is high so that a
/// reader starved of CPU by other work loses nothing (it bounds memory; while the reader
/// keeps up, a thread's log stays a few chunks).
pub struct Recording {
    recorder: Recorder,
    done: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<usize>>,
    runs: usize,
}

impl Recording {
    /// Starts the reader thread.
    pub fn start() -> Self {
        let recorder = Recorder::with_capacity(1, 1 << 21);
        let done = Arc::new(AtomicBool::new(false));
        let reader = {
            let (recorder, done) = (recorder.clone(), done.clone());
            std::thread::spawn(move || {
                let (mut metas, mut events) = (Vec::new(), Vec::new());
                let mut total = 0;
                loop {
                    let last = done.load(Ordering::Relaxed);
                    recorder.drain(&mut metas, &mut events);
                    total += events.len();
                    if last {
                        return total;
                    }
                    std::thread::sleep(Duration::from_millis(16));
                }
            })
        };
        Recording {
            recorder,
            done,
            reader: Some(reader),
            runs: 0,
        }
    }

    /// Runs the recorded workload once.
    pub fn run(&mut self) {
        self.runs += 1;
        recorded(&self.recorder);
    }

    /// Stops the reader; checks that every event of every run was recorded and delivered,
    /// and that nothing was dropped.
    pub fn finish(mut self) {
        self.done.store(true, Ordering::Relaxed);
        let events = self.reader.take().map_or(0, |r| r.join().expect("reader"));
        assert_eq!(self.recorder.dropped_events(), 0, "events were dropped");
        assert_eq!(
            events,
            self.runs * EVENTS_PER_RUN,
            "events delivered over {} runs",
            self.runs
        );
    }
}

/// One recorded run, drained once at the end: the realistic input of a timeline fold.
pub fn record_once() -> (Vec<Meta>, Vec<Event>) {
    let recorder = Recorder::with_capacity(1, EVENTS_PER_RUN.next_power_of_two());
    recorded(&recorder);
    let (mut metas, mut events) = (Vec::new(), Vec::new());
    recorder.drain(&mut metas, &mut events);
    assert_eq!(recorder.dropped_events(), 0, "events were dropped");
    assert_eq!(events.len(), EVENTS_PER_RUN);
    (metas, events)
}

/// The run a timeline of this workload describes.
pub fn run_info() -> taskscope::source::RunInfo {
    let flavor = taskscope::scenario::Flavor::CurrentThread;
    taskscope::source::RunInfo::tokio("2000 tasks x 200 yield_now", flavor, 1)
}

/// console-subscriber's layer (with its own per-layer filter), its server on its own thread.
pub fn console_dispatch() -> tracing::Dispatch {
    let layer = console_subscriber::ConsoleLayer::builder()
        .server_addr(([127, 0, 0, 1], 0))
        .spawn();
    tracing::Dispatch::new(tracing_subscriber::registry().with(layer))
}

/// The uninstrumented workload, traced by `dispatch` on this thread.
pub fn traced_by_console(dispatch: &tracing::Dispatch) {
    tracing::dispatcher::with_default(dispatch, uninstrumented);
}
