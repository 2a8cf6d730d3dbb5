//! The recorder: a cheap clock and one lock-free ring per thread.
//!
//! Every thread that records gets its own single-producer ring on first use, so recording an
//! event is a clock read and a push with no lock and no allocation. The reader drains every
//! ring, converts clock ticks to nanoseconds since the run began, and sorts the batch by time.
//! Task names, labels and error texts are rare and large: they go through a mutex-protected
//! list that is always drained before the rings, so their events never arrive first.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::event::{Event, EventKind, LabelId, Meta, TaskId, TaskKind, WorkerId};

/// Events one thread can hold before the reader drains them; beyond that they are dropped
/// and counted.
pub const DEFAULT_RING_CAPACITY: usize = 1 << 18;

/// Records one run's events. Cheap to clone: all clones share one store.
#[derive(Clone)]
pub struct Recorder {
    shared: Arc<Shared>,
}

struct Shared {
    base: u64,
    ring_capacity: usize,
    workers: u16,
    next_task: AtomicU32,
    next_label: AtomicU32,
    next_blocking: AtomicU16,
    dropped: AtomicU64,
    meta: Mutex<Vec<Meta>>,
    rings: Mutex<Vec<rtrb::Consumer<Event>>>,
}

/// The per-thread end of a recorder: the ring this thread pushes into.
struct Local {
    shared: Arc<Shared>,
    ring: rtrb::Producer<Event>,
    /// The polling-thread id, found on the first poll on this thread.
    worker: Option<WorkerId>,
    /// The last clock reading on this thread, 0 once the thread has parked since.
    stamp: u64,
}

impl Local {
    #[inline]
    fn push(&mut self, event: Event) {
        if self.ring.push(event).is_err() {
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

thread_local! {
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
    static CURRENT_TASK: Cell<Option<TaskId>> = const { Cell::new(None) };
}

/// The process-wide clock. Calibrating the TSC takes a moment, so it is done once.
pub fn clock() -> &'static quanta::Clock {
    static CLOCK: OnceLock<quanta::Clock> = OnceLock::new();
    CLOCK.get_or_init(|| {
        let clock = quanta::Clock::new();
        READ_TSC_DIRECTLY.store(reads_tsc(&clock), Ordering::Relaxed);
        clock
    })
}

/// True when the clock counts TSC ticks, so that [`ticks`] may read the TSC itself: a
/// direct read is about twice as fast as going through the clock.
static READ_TSC_DIRECTLY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[cfg(target_arch = "x86_64")]
fn reads_tsc(clock: &quanta::Clock) -> bool {
    // SAFETY: reading the time-stamp counter has no preconditions on x86_64.
    let before = unsafe { core::arch::x86_64::_rdtsc() };
    let raw = clock.raw();
    // SAFETY: as above.
    let after = unsafe { core::arch::x86_64::_rdtsc() };
    before <= raw && raw <= after
}

#[cfg(not(target_arch = "x86_64"))]
fn reads_tsc(_clock: &quanta::Clock) -> bool {
    false
}

/// The current time in clock ticks (converted to nanoseconds when drained).
#[inline(always)]
fn ticks() -> u64 {
    #[cfg(target_arch = "x86_64")]
    if READ_TSC_DIRECTLY.load(Ordering::Relaxed) {
        // SAFETY: reading the time-stamp counter has no preconditions on x86_64.
        return unsafe { core::arch::x86_64::_rdtsc() };
    }
    clock().raw()
}

impl Recorder {
    /// A recorder for a runtime with `workers` worker threads; time zero is now.
    pub fn new(workers: u16) -> Self {
        Self::with_capacity(workers, DEFAULT_RING_CAPACITY)
    }

    /// Like [`Recorder::new`] with a chosen per-thread ring size (benchmarks record
    /// hundreds of thousands of events between two drains).
    pub fn with_capacity(workers: u16, ring_capacity: usize) -> Self {
        let clock = clock();
        Recorder {
            shared: Arc::new(Shared {
                base: clock.raw(),
                ring_capacity,
                workers,
                next_task: AtomicU32::new(0),
                next_label: AtomicU32::new(0),
                next_blocking: AtomicU16::new(0),
                dropped: AtomicU64::new(0),
                meta: Mutex::new(Vec::new()),
                rings: Mutex::new(Vec::new()),
            }),
        }
    }

    /// Nanoseconds since the run began.
    pub fn now_ns(&self) -> u64 {
        clock().delta_as_nanos(self.shared.base, clock().raw())
    }

    /// Events that could not be stored because a ring was full.
    pub fn dropped_events(&self) -> u64 {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    /// Registers a new task (or forgotten future) and records its spawn. The parent is the
    /// task running on this thread, if any.
    pub fn new_task(&self, name: &str, kind: TaskKind, location: Option<String>) -> TaskId {
        let id = self.shared.next_task.fetch_add(1, Ordering::Relaxed);
        self.push_meta(Meta::Task {
            id,
            name: name.to_string(),
            kind,
            parent: current_task(),
            location,
        });
        self.record(id, EventKind::Spawned);
        id
    }

    /// Interns a label and returns the id events carry.
    pub fn label(&self, text: &str) -> LabelId {
        let id = self.shared.next_label.fetch_add(1, Ordering::Relaxed);
        self.push_meta(Meta::Label {
            id,
            text: text.to_string(),
        });
        id
    }

    /// Records the error or panic text of a task; call before its `Ended` event.
    pub fn error_text(&self, task: TaskId, text: String) {
        self.push_meta(Meta::Error { task, text });
    }

    fn push_meta(&self, meta: Meta) {
        lock(&self.shared.meta).push(meta);
    }

    /// Records an event for `task` now, into this thread's ring.
    #[inline]
    pub fn record(&self, task: TaskId, kind: EventKind) {
        let at = ticks();
        self.with_local(|local| {
            local.stamp = at;
            local.push(Event {
                at_ns: at,
                task,
                kind,
            });
        });
    }

    /// Records a poll start of `task` on this thread (a runtime worker, or a blocking-pool
    /// thread numbered after the workers in order of first use).
    #[inline]
    pub fn record_poll_start(&self, task: TaskId) {
        let at = ticks();
        self.with_local(|local| {
            local.stamp = at;
            let worker = match local.worker {
                Some(worker) => worker,
                None => {
                    let worker = match tokio::runtime::worker_index() {
                        Some(index) => index as WorkerId,
                        None => {
                            let k = local.shared.next_blocking.fetch_add(1, Ordering::Relaxed);
                            local.shared.workers + k
                        }
                    };
                    *local.worker.insert(worker)
                }
            };
            local.push(Event {
                at_ns: at,
                task,
                kind: EventKind::PollStart { worker },
            });
        });
    }

    /// Records that `task` was woken. A wake happens either inside a poll or in the
    /// scheduler between polls, never with user code running in between: unless this
    /// thread has parked since its last clock reading, that reading is the wake's time to
    /// within the scheduler's own work, and saves a clock read on the hottest path.
    #[inline]
    pub fn record_wake(&self, task: TaskId) {
        let by = current_task();
        self.with_local(|local| {
            if local.stamp == 0 {
                local.stamp = ticks();
            }
            local.push(Event {
                at_ns: local.stamp,
                task,
                kind: EventKind::Woken { by },
            });
        });
    }

    #[inline]
    fn with_local<R>(&self, f: impl FnOnce(&mut Local) -> R) -> R {
        LOCAL.with(|cell| {
            let mut slot = cell.borrow_mut();
            let stale = match &*slot {
                Some(local) => !Arc::ptr_eq(&local.shared, &self.shared),
                None => true,
            };
            if stale {
                *slot = Some(self.attach());
            }
            f(slot.as_mut().expect("attached above"))
        })
    }

    fn attach(&self) -> Local {
        let (ring, reader) = rtrb::RingBuffer::new(self.shared.ring_capacity);
        lock(&self.shared.rings).push(reader);
        Local {
            shared: self.shared.clone(),
            ring,
            worker: None,
            stamp: 0,
        }
    }

    /// Hands everything recorded so far to the reader: all new metadata into `metas`, and
    /// the events of every thread, sorted by time, into `events` (both cleared first).
    /// Apply the metadata first: it names what the events refer to.
    pub fn drain(&self, metas: &mut Vec<Meta>, events: &mut Vec<Event>) {
        metas.clear();
        events.clear();
        metas.append(&mut lock(&self.shared.meta));
        {
            let mut rings = lock(&self.shared.rings);
            for ring in rings.iter_mut() {
                let n = ring.slots();
                if let Ok(chunk) = ring.read_chunk(n) {
                    events.extend(chunk);
                }
            }
            rings.retain(|ring| !(ring.is_abandoned() && ring.is_empty()));
        }
        let clock = clock();
        for event in events.iter_mut() {
            event.at_ns = clock.delta_as_nanos(self.shared.base, event.at_ns);
        }
        events.sort_by_key(|event| event.at_ns);
    }
}

/// Call just before a runtime thread parks (`on_thread_park`): time will pass without
/// events, so the next wake on this thread reads the clock again.
pub fn thread_parks() {
    LOCAL.with(|cell| {
        if let Some(local) = cell.borrow_mut().as_mut() {
            local.stamp = 0;
        }
    });
}

/// The task being polled on this thread, if any: the parent of what it spawns, the waker
/// of what it wakes, the owner of the awaits it labels.
pub fn current_task() -> Option<TaskId> {
    CURRENT_TASK.with(Cell::get)
}

/// Marks `task` as the one running on this thread until the guard drops.
pub(crate) fn enter_task(task: TaskId) -> CurrentGuard {
    CurrentGuard {
        previous: CURRENT_TASK.with(|c| c.replace(Some(task))),
    }
}

/// Restores the previously running task when dropped.
pub(crate) struct CurrentGuard {
    previous: Option<TaskId>,
}

impl Drop for CurrentGuard {
    fn drop(&mut self) {
        CURRENT_TASK.with(|c| c.set(self.previous));
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
