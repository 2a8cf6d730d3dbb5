//! Timeline fold throughput, and what the recorder and the timeline store per event.
//!
//! The input is real: the 2,000 tasks x 200 `yield_now` workload of the recorder bench,
//! recorded once by the recorder (1.2M events: spawns, poll starts and ends, wakes, ends).
//!
//! `cargo bench --bench fold`
//!
//! Targets: at least 5 million events folded per second; at most 32 bytes per stored event.

mod workload;

use std::hint::black_box;
use std::mem::size_of;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use taskscope::record::{Event, Meta};
use taskscope::timeline::{Busy, Segment, Timeline};

/// A timeline that knows every task (metadata comes before the events that use it).
fn with_metas(metas: &[Meta]) -> Timeline {
    let mut timeline = Timeline::new(workload::run_info());
    for meta in metas {
        timeline.apply_meta(meta.clone());
    }
    timeline
}

fn fold(timeline: &mut Timeline, events: &[Event]) {
    for &event in events {
        timeline.apply(event);
    }
}

/// Prints what is stored per event: the recorder's event, and the timeline's segments and
/// busy intervals after folding the whole run.
fn report_memory(metas: &[Meta], events: &[Event]) {
    let mut timeline = with_metas(metas);
    fold(&mut timeline, events);
    let stored = timeline.stored_bytes();
    let segments: usize = timeline.tasks().iter().map(|t| t.segments().len()).sum();
    let busy: usize = timeline.workers().iter().map(|w| w.busy().len()).sum();
    let used = segments * size_of::<Segment>() + busy * size_of::<Busy>();
    let per_event = |bytes: usize| bytes as f64 / events.len() as f64;
    eprintln!(
        "recorder: {} bytes per Event (16 in the per-thread logs)\n\
         timeline: {} events folded into {segments} segments ({} bytes each) and {busy} busy \
         intervals ({} bytes each): {:.1} bytes per event used, {:.1} with Vec capacity",
        size_of::<Event>(),
        events.len(),
        size_of::<Segment>(),
        size_of::<Busy>(),
        per_event(used),
        per_event(stored),
    );
}

fn throughput(c: &mut Criterion) {
    let (metas, events) = workload::record_once();
    report_memory(&metas, &events);
    let mut group = c.benchmark_group("timeline fold");
    group.sample_size(20);
    group.throughput(Throughput::Elements(events.len() as u64));
    group.bench_function("2000 tasks x 200 yield_now (recorded)", |b| {
        b.iter_batched_ref(
            || with_metas(&metas),
            |timeline| fold(black_box(timeline), &events),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
