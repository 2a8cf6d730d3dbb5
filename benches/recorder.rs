//! Recorder overhead: 2,000 tasks x 200 `yield_now` on a current_thread runtime (400k
//! polls), run uninstrumented, recorded by taskscope (with a reader thread draining every 16 ms,
//! as the dashboard does), and traced by console-subscriber. Every run builds its own runtime.
//!
//! `cargo bench --bench recorder`
//!
//! Target: the recorder at most 1.25x the uninstrumented time, and at least 20x cheaper
//! than console-subscriber. The recorded runs must record every poll, wake and end and drop
//! nothing: `Recording::finish` asserts it.

mod workload;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use workload::Recording;

fn overhead(c: &mut Criterion) {
    let dispatch = workload::console_dispatch();
    let mut group = c.benchmark_group("2000 tasks x 200 yield_now, current_thread");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("uninstrumented", |b| b.iter(workload::uninstrumented));
    let mut recording = Recording::start();
    group.bench_function("taskscope recorder", |b| b.iter(|| recording.run()));
    recording.finish();
    group.bench_function("console-subscriber", |b| {
        b.iter(|| workload::traced_by_console(&dispatch))
    });
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
