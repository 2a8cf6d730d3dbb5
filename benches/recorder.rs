//! Recorder overhead: 2,000 tasks x 200 `yield_now` on a current_thread runtime (400k
//! polls), run uninstrumented, recorded by taskscope, and traced by console-subscriber.
//!
//! `cargo bench --bench recorder`

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use taskscope::record::{Instrumented, Recorder, TaskKind};
use tracing_subscriber::layer::SubscriberExt;

const TASKS: usize = 2_000;
const YIELDS: usize = 200;

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
fn uninstrumented() {
    runtime().block_on(async {
        let handles: Vec<_> = (0..TASKS).map(|_| tokio::spawn(yielder())).collect();
        for handle in handles {
            let _ = handle.await;
        }
    });
}

/// Our recorder with a reader thread that drains it every millisecond, as the dashboard
/// does (more often than its 60 frames a second). The rings are sized so that a reader
/// starved of CPU by other work loses nothing.
struct Recording {
    recorder: Recorder,
    done: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<usize>>,
}

impl Recording {
    fn start() -> Self {
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
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
        };
        Recording {
            recorder,
            done,
            reader: Some(reader),
        }
    }

    /// The workload with every task wrapped by the recorder.
    fn run(&self) {
        let recorder = &self.recorder;
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

    /// Stops the reader; checks that every poll was recorded and nothing was dropped.
    fn finish(mut self, iterations: usize) {
        self.done.store(true, Ordering::Relaxed);
        let events = self.reader.take().map_or(0, |r| r.join().expect("reader"));
        assert!(
            events >= iterations * TASKS * YIELDS,
            "recorded {events} events"
        );
        assert_eq!(self.recorder.dropped_events(), 0, "events were dropped");
    }
}

/// The workload under console-subscriber's layer, its server running on its own thread.
fn console_dispatch() -> tracing::Dispatch {
    let layer = console_subscriber::ConsoleLayer::builder()
        .server_addr(([127, 0, 0, 1], 0))
        .spawn();
    tracing::Dispatch::new(tracing_subscriber::registry().with(layer))
}

fn traced_by_console(dispatch: &tracing::Dispatch) {
    tracing::dispatcher::with_default(dispatch, uninstrumented);
}

fn overhead(c: &mut Criterion) {
    let dispatch = console_dispatch();
    let mut group = c.benchmark_group("2000 tasks x 200 yield_now, current_thread");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("uninstrumented", |b| b.iter(uninstrumented));
    let recording = Recording::start();
    let mut iterations = 0;
    group.bench_function("taskscope recorder", |b| {
        b.iter(|| {
            iterations += 1;
            recording.run()
        })
    });
    recording.finish(iterations);
    group.bench_function("console-subscriber", |b| {
        b.iter(|| traced_by_console(&dispatch))
    });
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
