//! The log's protocol, model-checked with loom in every interleaving of one writer and one
//! reader with at most four preemptions: every event the writer stored is read exactly once
//! and in order, a full log loses only what it reports as lost, chunks go back and forth
//! between the two without a slot being read while written (loom's cells report that), and
//! an abandoned log is drained to the end.
//!
//! Run with `cargo test --features loom --lib record::log` (`.ci/run` does).

use std::sync::Arc;

use super::{CHUNK_EVENTS, Chunk, ThreadLog};
use crate::record::raw::RawEvent;
use crate::record::{EventKind, TaskId};

/// The writer's current chunk, moved to the writer's thread.
struct WriterChunk(*mut Chunk);

// SAFETY: only the writer's thread uses it, as the recorder's thread-local does.
unsafe impl Send for WriterChunk {}

fn event(n: u32) -> RawEvent {
    RawEvent::new(u64::from(n), n, EventKind::PollEnd)
}

/// The model, with at most four preemptions: the three models take about a second (without
/// a bound, about 20 s); loom's documentation notes that most bugs need only two or three.
fn model(f: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(4);
    builder.check(f);
}

/// Everything `log` hands to the reader now, as task numbers; whether it is finished.
fn drain(log: &ThreadLog, into: &mut Vec<TaskId>) -> bool {
    log.drain(|events| into.extend(events.iter().map(|e| e.to_event(0).task)))
}

/// Pushes `0..n` as the recorder's writer does; returns which ones were stored.
fn write(log: &ThreadLog, chunk: &mut WriterChunk, n: u32) -> Vec<TaskId> {
    (0..n)
        .filter(|&i| log.push(&mut chunk.0, event(i)))
        .collect()
}

/// A writer filling chunks while the reader drains: with room for every event, each one
/// arrives once, in order, whatever the interleaving.
#[test]
fn a_concurrent_reader_gets_every_event_once_in_order() {
    model(|| {
        let total = 2 * CHUNK_EVENTS as u32 + 1; // crosses two chunk boundaries
        let (log, first) = ThreadLog::new(4 * CHUNK_EVENTS);
        let log = Arc::new(log);
        let mut chunk = WriterChunk(first);
        let writer = {
            let log = log.clone();
            loom::thread::spawn(move || {
                let stored = write(&log, &mut chunk, total);
                log.abandon();
                stored
            })
        };
        let mut read = Vec::new();
        drain(&log, &mut read);
        let stored = writer.join().unwrap();
        assert_eq!(
            stored,
            (0..total).collect::<Vec<_>>(),
            "room for all of them"
        );
        assert!(drain(&log, &mut read), "abandoned and read: done");
        assert_eq!(read, stored);
    });
}

/// A log at its limit: the writer reuses the chunks the reader hands back and drops only
/// what finds no room; the reader gets exactly the events that were stored.
#[test]
fn a_full_log_recycles_chunks_and_loses_only_what_it_reports() {
    model(|| {
        let total = 3 * CHUNK_EVENTS as u32;
        let (log, first) = ThreadLog::new(2 * CHUNK_EVENTS); // two chunks at most
        let log = Arc::new(log);
        let mut chunk = WriterChunk(first);
        let writer = {
            let log = log.clone();
            loom::thread::spawn(move || {
                let stored = write(&log, &mut chunk, total);
                log.abandon();
                stored
            })
        };
        let mut read = Vec::new();
        drain(&log, &mut read);
        drain(&log, &mut read);
        let stored = writer.join().unwrap();
        assert!(stored.len() >= 2 * CHUNK_EVENTS, "{stored:?}");
        assert!(drain(&log, &mut read));
        assert_eq!(read, stored, "every stored event once, in order");
    });
}

/// The writer gives the log up while the reader is in the middle of it: the reader sees it
/// finished only after reading the last event, never before.
#[test]
fn an_abandoned_log_is_finished_only_once_read_to_the_end() {
    model(|| {
        let (log, first) = ThreadLog::new(2 * CHUNK_EVENTS);
        let log = Arc::new(log);
        let mut chunk = WriterChunk(first);
        let writer = {
            let log = log.clone();
            loom::thread::spawn(move || {
                let stored = write(&log, &mut chunk, CHUNK_EVENTS as u32 + 1);
                log.abandon();
                stored
            })
        };
        let mut read = Vec::new();
        let finished = drain(&log, &mut read);
        if finished {
            assert_eq!(read.len(), CHUNK_EVENTS + 1, "finished before the end");
        }
        let stored = writer.join().unwrap();
        while !drain(&log, &mut read) {}
        assert_eq!(read, stored);
    });
}
