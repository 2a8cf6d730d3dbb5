//! The recorder on real runtimes: nothing lost, nothing misattributed, every thread's log
//! released.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::log::CHUNK_EVENTS;
use super::*;

fn drain(recorder: &Recorder) -> (Vec<Meta>, Vec<Event>) {
    let (mut metas, mut events) = (Vec::new(), Vec::new());
    recorder.drain(&mut metas, &mut events);
    (metas, events)
}

async fn yielder(yields: usize) -> TaskResult {
    for _ in 0..yields {
        tokio::task::yield_now().await;
    }
    Ok(())
}

/// Spawns `tasks` recorded tasks that yield `yields` times each and waits for them.
fn run_yielders(
    runtime: &tokio::runtime::Runtime,
    recorder: &Recorder,
    tasks: usize,
    yields: usize,
) {
    runtime.block_on(async {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let id = recorder.new_task("yielder", TaskKind::Task, None);
                tokio::spawn(Instrumented::new(recorder.clone(), id, yielder(yields)))
            })
            .collect();
        for handle in handles {
            handle.await.expect("task").expect("ok");
        }
    });
}

/// Checks every task's events: a spawn, `yields + 1` well-formed polls on workers below
/// `workers`, `yields` wakes, and one `Ok` end after the last poll. Returns the workers used.
fn check_yielders(events: &[Event], tasks: usize, yields: usize, workers: u16) -> BTreeSet<u16> {
    assert!(
        events.windows(2).all(|w| w[0].at_ns <= w[1].at_ns),
        "sorted by time"
    );
    let mut per_task: BTreeMap<TaskId, Vec<&Event>> = BTreeMap::new();
    for event in events {
        per_task.entry(event.task).or_default().push(event);
    }
    assert_eq!(per_task.len(), tasks);
    let mut used = BTreeSet::new();
    for (task, events) in per_task {
        let kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds.first(), Some(&EventKind::Spawned), "task {task}");
        assert_eq!(
            kinds.last(),
            Some(&EventKind::Ended {
                outcome: EndKind::Ok
            }),
            "task {task}"
        );
        let mut open: Option<u64> = None;
        let (mut polls, mut wakes) = (0, 0);
        for event in &events {
            match event.kind {
                EventKind::PollStart { worker } => {
                    assert!(open.is_none(), "task {task}: nested poll");
                    assert!(worker < workers, "task {task}: worker {worker}");
                    used.insert(worker);
                    open = Some(event.at_ns);
                    polls += 1;
                }
                EventKind::PollEnd => {
                    let start = open.take().expect("poll end without start");
                    assert!(start <= event.at_ns);
                }
                EventKind::Woken { by } => {
                    // yield_now defers its wake to the scheduler, outside any poll.
                    assert_eq!(by, None, "task {task}");
                    wakes += 1;
                }
                EventKind::Spawned | EventKind::Ended { .. } => {}
                other => panic!("task {task}: unexpected {other:?}"),
            }
        }
        assert!(open.is_none(), "task {task}: unfinished poll");
        assert_eq!((polls, wakes), (yields + 1, yields), "task {task}");
    }
    used
}

#[test]
fn current_thread_records_every_poll_wake_and_end() {
    let recorder = Recorder::new(1);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .on_thread_park(thread_parks)
        .on_task_terminate(|_| task_terminated())
        .build()
        .unwrap();
    // Enough events to fill several chunks.
    let (tasks, yields) = (20, 3 * CHUNK_EVENTS / 20);
    run_yielders(&runtime, &recorder, tasks, yields);
    let (metas, events) = drain(&recorder);
    assert_eq!(metas.len(), tasks);
    assert_eq!(
        check_yielders(&events, tasks, yields, 1),
        BTreeSet::from([0])
    );
    assert_eq!(recorder.dropped_events(), 0);
}

#[test]
fn multi_thread_workers_and_a_concurrent_reader_lose_nothing() {
    let recorder = Recorder::new(2);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .on_thread_park(thread_parks)
        .on_task_terminate(|_| task_terminated())
        .build()
        .unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (recorder, done) = (recorder.clone(), done.clone());
        std::thread::spawn(move || {
            let mut all = Vec::new();
            loop {
                let last = done.load(Ordering::Acquire);
                all.extend(drain(&recorder).1);
                if last {
                    return all;
                }
                std::thread::sleep(Duration::from_micros(200));
            }
        })
    };
    let (tasks, yields) = (64, 100);
    run_yielders(&runtime, &recorder, tasks, yields);
    drop(runtime); // its worker threads exit and give up their logs
    done.store(true, Ordering::Release);
    let mut events = reader.join().unwrap();
    // Batches are sorted; across batches a late thread's events may come a little later.
    events.sort_by_key(|e| e.at_ns);
    check_yielders(&events, tasks, yields, 2);
    assert_eq!(recorder.dropped_events(), 0);
    drain(&recorder);
    // Only this thread's log (it spawned the tasks) is left.
    assert_eq!(recorder.live_logs(), 1, "exited threads' logs are released");
}

#[test]
fn blocking_pool_threads_are_numbered_after_the_workers() {
    let recorder = Recorder::new(2);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let barrier = Arc::new(std::sync::Barrier::new(3));
    runtime.block_on(async {
        let handles: Vec<_> = (0..3)
            .map(|_| {
                let (recorder, barrier) = (recorder.clone(), barrier.clone());
                let id = recorder.new_task("blocking", TaskKind::Blocking, None);
                tokio::task::spawn_blocking(move || {
                    barrier.wait(); // three threads at once
                    recorder.record_poll_start(id);
                    recorder.record(id, EventKind::PollEnd);
                })
            })
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
    });
    let (_, events) = drain(&recorder);
    let workers: BTreeSet<u16> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::PollStart { worker } => Some(worker),
            _ => None,
        })
        .collect();
    assert_eq!(workers, BTreeSet::from([2, 3, 4]));
}

#[test]
fn a_thread_can_record_for_several_recorders_in_turn() {
    let (a, b) = (Recorder::new(1), Recorder::new(1));
    for round in 0..3 {
        a.record(round, EventKind::Spawned);
        b.record(10 + round, EventKind::Spawned);
        b.record(10 + round, EventKind::PollEnd);
    }
    let tasks = |r: &Recorder| -> Vec<TaskId> { drain(r).1.iter().map(|e| e.task).collect() };
    assert_eq!(tasks(&a), [0, 1, 2]);
    assert_eq!(tasks(&b), [10, 10, 11, 11, 12, 12]);
    // This thread holds one log at a time: the other recorder's was given up.
    assert_eq!(a.live_logs() + b.live_logs(), 1);
}

#[test]
fn a_full_log_drops_and_counts_until_the_reader_catches_up() {
    let recorder = Recorder::with_capacity(1, 2 * CHUNK_EVENTS);
    let total = 5 * CHUNK_EVENTS as u32;
    for i in 0..total {
        recorder.record(i, EventKind::Spawned);
    }
    let (_, events) = drain(&recorder);
    assert_eq!(events.len(), 2 * CHUNK_EVENTS);
    assert_eq!(
        recorder.dropped_events(),
        u64::from(total) - 2 * CHUNK_EVENTS as u64
    );
    assert!(
        events.iter().enumerate().all(|(i, e)| e.task == i as u32),
        "the oldest kept"
    );
    // Drained: room again.
    recorder.record(total, EventKind::Spawned);
    assert_eq!(drain(&recorder).1.len(), 1);
}

#[test]
fn a_wake_from_a_thread_that_does_not_poll_reads_the_clock() {
    let recorder = Recorder::new(1);
    std::thread::scope(|s| {
        s.spawn(|| {
            recorder.record(0, EventKind::Spawned);
            std::thread::sleep(Duration::from_millis(20));
            recorder.record_wake(0);
        });
    });
    let (_, events) = drain(&recorder);
    assert_eq!(events.len(), 2);
    let gap = events[1].at_ns - events[0].at_ns;
    assert!(
        gap >= 20_000_000,
        "the wake is not stamped with an old reading: {gap} ns"
    );
}

#[test]
fn events_recorded_while_a_thread_exits_are_delivered() {
    struct RecordsOnExit(Option<Recorder>);
    impl Drop for RecordsOnExit {
        fn drop(&mut self) {
            if let Some(recorder) = self.0.take() {
                recorder.record(
                    7,
                    EventKind::Ended {
                        outcome: EndKind::Cancelled,
                    },
                );
            }
        }
    }
    thread_local! {
        static ON_EXIT: std::cell::RefCell<RecordsOnExit> =
            const { std::cell::RefCell::new(RecordsOnExit(None)) };
    }
    let recorder = Recorder::new(1);
    let thread = {
        let recorder = recorder.clone();
        std::thread::spawn(move || {
            // Registered before the thread's log, so destroyed after it.
            ON_EXIT.with(|r| r.borrow_mut().0 = Some(recorder.clone()));
            recorder.record(7, EventKind::Spawned);
        })
    };
    // Joins the OS thread, after its thread-local destructors (a scope would not wait).
    thread.join().unwrap();
    let kinds: Vec<EventKind> = drain(&recorder).1.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Spawned,
            EventKind::Ended {
                outcome: EndKind::Cancelled
            }
        ]
    );
    assert_eq!(recorder.live_logs(), 0);
}

#[test]
fn a_wake_inside_a_poll_names_the_waker_and_the_current_task_is_restored() {
    let recorder = Recorder::new(1);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let waiter = recorder.new_task("waiter", TaskKind::Task, None);
        let waiter = tokio::spawn(Instrumented::new(recorder.clone(), waiter, async move {
            rx.await.map_err(|e| e.to_string())
        }));
        tokio::task::yield_now().await; // the waiter registers its waker
        let sender = recorder.new_task("sender", TaskKind::Task, None);
        let sender = tokio::spawn(Instrumented::new(recorder.clone(), sender, async move {
            assert_eq!(current_task(), Some(1));
            tx.send(()).map_err(|_| "closed".to_string())
        }));
        sender.await.unwrap().unwrap();
        waiter.await.unwrap().unwrap();
        assert_eq!(current_task(), None);
    });
    let (_, events) = drain(&recorder);
    let wakes: Vec<(TaskId, EventKind)> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Woken { .. }))
        .map(|e| (e.task, e.kind))
        .collect();
    assert_eq!(wakes, [(0, EventKind::Woken { by: Some(1) })]);
}
