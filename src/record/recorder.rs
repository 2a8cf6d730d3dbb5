//! The recorder: a cheap clock and one lock-free log per thread.
//!
//! Every thread that records gets its own single-writer log on first use (see `log.rs`), so
//! recording an event is a clock read and two stores into a chunk that is usually in cache,
//! with no lock, no atomic read-modify-write and no allocation. Everything a thread needs
//! for that is in one thread-local, reached once per poll. The reader (`reader.rs`) drains
//! every log, converts clock ticks to nanoseconds since the run began, and sorts the batch
//! by time.
//! A runtime whose tasks are recorded calls [`thread_parks`] from `on_thread_park` and
//! [`task_terminated`] from `on_task_terminate` (the runner does), so that a wake's waker is
//! known: the task being polled, or the task whose end tokio is handing to its joiner.
//! Task names, labels and error texts are rare and large: they go through a mutex-protected
//! list. Each is published there before the events that use it are recorded, and the reader
//! takes that list after the logs, so an event never reaches it before its metadata.

use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::clock::{clock, ticks};
use super::event::{EventKind, LabelId, Meta, TaskId, TaskKind, WorkerId};
use super::log::{Chunk, ThreadLog};
use super::raw::RawEvent;

/// Events one thread can hold before the reader drains them (rounded up to whole chunks of
/// 1,024); beyond that they are dropped and counted. A bound, not a footprint: while the
/// reader keeps up, a thread's log is a few chunks.
pub const DEFAULT_RING_CAPACITY: usize = 1 << 18;

/// Records one run's events. Cheap to clone: all clones share one store.
#[derive(Clone)]
pub struct Recorder {
    pub(super) shared: Arc<Shared>,
}

pub(super) struct Shared {
    /// Unique among all recorders of the process (never 0): names the owner of a thread's log.
    id: u64,
    base: u64,
    ring_capacity: usize,
    workers: u16,
    next_task: AtomicU32,
    next_label: AtomicU32,
    next_blocking: AtomicU16,
    dropped: AtomicU64,
    pub(super) meta: Mutex<Vec<Meta>>,
    /// The log of every thread that records, until its thread is done with it and it is read.
    pub(super) logs: Mutex<Vec<Arc<ThreadLog>>>,
    /// Events of a thread that can no longer own a log (it is running its thread-local
    /// destructors): rare, so a mutex is fine.
    pub(super) late: Mutex<Vec<RawEvent>>,
}

static NEXT_RECORDER_ID: AtomicU64 = AtomicU64::new(1);

/// What a recording thread keeps: its log, its last clock reading, its worker id and the task
/// it is polling. One thread-local, initialised at compile time and without a destructor, so
/// reaching it is a plain TLS address (no lazy-init or registration check), and one access
/// serves a whole poll.
struct ThreadState {
    /// The id of the recorder `log` belongs to; 0 when this thread has no log.
    owner: Cell<u64>,
    /// The chunk of `log` this thread writes into (null without a log).
    chunk: Cell<*mut Chunk>,
    /// This thread's log: `Some` exactly when `owner` is not 0. Only [`ThreadState::attach`]
    /// and [`ThreadState::detach`] touch it, never reentrantly (nothing they call records).
    /// Released by [`LogOwner`] at thread exit.
    log: UnsafeCell<ManuallyDrop<Option<Arc<ThreadLog>>>>,
    /// The last clock reading on this thread, 0 once the thread has parked since.
    stamp: Cell<u64>,
    /// The polling-thread id for the owner, found on the first poll; [`NO_WORKER`] before.
    worker: Cell<u32>,
    /// The task being polled on this thread.
    current: Cell<Option<TaskId>>,
    /// A task whose future was just dropped on this thread outside any poll (tokio's harness
    /// drops a finished or cancelled task's future, then wakes its `JoinHandle`): the waker
    /// of the next wake recorded here outside a poll, which is that hand-over.
    finished: Cell<Option<TaskId>>,
}

const NO_WORKER: u32 = u32::MAX;

thread_local! {
    static STATE: ThreadState = const {
        ThreadState {
            owner: Cell::new(0),
            chunk: Cell::new(std::ptr::null_mut()),
            log: UnsafeCell::new(ManuallyDrop::new(None)),
            stamp: Cell::new(0),
            worker: Cell::new(NO_WORKER),
            current: Cell::new(None),
            finished: Cell::new(None),
        }
    };
    /// Registered when the thread first gets a log; gives it up at thread exit.
    static LOG_OWNER: LogOwner = const { LogOwner };
}

/// Runs `f` with this thread's state. `STATE.with` around a large closure is not inlined, and
/// then reaches the thread-local through an indirect call; taking the address in a tiny
/// closure lets the compiler inline it to a plain TLS address.
#[inline(always)]
fn with_state<R>(f: impl FnOnce(&ThreadState) -> R) -> R {
    let state: *const ThreadState = STATE.with(|state| state as *const ThreadState);
    // SAFETY: `STATE` has no destructor, so it lives as long as this thread, and `f` runs
    // on this thread; the reference does not outlive `f`.
    f(unsafe { &*state })
}

struct LogOwner;

impl Drop for LogOwner {
    fn drop(&mut self) {
        STATE.with(ThreadState::detach);
    }
}

impl ThreadState {
    /// Stores that `kind` happened to `task` at clock reading `at` in this thread's log for
    /// `shared`.
    #[inline(always)]
    fn push(&self, shared: &Shared, at: u64, task: TaskId, kind: EventKind) {
        let event = RawEvent::new(at.saturating_sub(shared.base), task, kind);
        // SAFETY: while `owner` names a recorder, `chunk` is the current chunk of the log
        // this thread holds, so it is alive, and this thread is its only writer.
        if self.owner.get() == shared.id && unsafe { (*self.chunk.get()).try_push(event) } {
            return;
        }
        self.push_slow(shared, event);
    }

    /// `push` when this thread has no log for `shared` yet, or its chunk is full.
    #[cold]
    #[inline(never)]
    fn push_slow(&self, shared: &Shared, event: RawEvent) {
        if self.owner.get() != shared.id && !self.attach(shared) {
            lock(&shared.late).push(event);
            return;
        }
        // SAFETY: `log` is only borrowed here, briefly; `push` records nothing.
        let log = unsafe { &*self.log.get() };
        let mut chunk = self.chunk.get();
        let stored = log.as_ref().is_some_and(|log| log.push(&mut chunk, event));
        self.chunk.set(chunk);
        if !stored {
            shared.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Gives this thread a log of `shared` (giving up one it held for another recorder).
    /// Returns false when the thread is exiting and can no longer own one.
    #[cold]
    fn attach(&self, shared: &Shared) -> bool {
        // Registers the exit hook on first use; fails once the thread's destructors run.
        if LOG_OWNER.try_with(|_| ()).is_err() {
            return false;
        }
        self.detach();
        let (log, chunk) = ThreadLog::new(shared.ring_capacity);
        let log = Arc::new(log);
        lock(&shared.logs).push(log.clone());
        // SAFETY: as for `log` in `push_slow`.
        **unsafe { &mut *self.log.get() } = Some(log);
        self.chunk.set(chunk);
        self.owner.set(shared.id);
        self.worker.set(NO_WORKER);
        true
    }

    /// Gives up this thread's log, if any: its reader drops it once drained.
    fn detach(&self) {
        self.owner.set(0);
        self.chunk.set(std::ptr::null_mut());
        // SAFETY: as for `log` in `push_slow`.
        if let Some(log) = unsafe { &mut *self.log.get() }.take() {
            log.abandon();
        }
    }

    /// This thread's polling-thread id for `shared`: a runtime worker's index, or a
    /// blocking-pool thread numbered after the workers in order of first use.
    #[inline(always)]
    fn worker(&self, shared: &Shared) -> WorkerId {
        if self.owner.get() != shared.id || self.worker.get() == NO_WORKER {
            return self.find_worker(shared);
        }
        self.worker.get() as WorkerId
    }

    #[cold]
    #[inline(never)]
    fn find_worker(&self, shared: &Shared) -> WorkerId {
        if self.owner.get() != shared.id && !self.attach(shared) {
            return shared.workers + shared.next_blocking.fetch_add(1, Ordering::Relaxed);
        }
        let worker = match tokio::runtime::worker_index() {
            Some(index) => index as WorkerId,
            None => shared.workers + shared.next_blocking.fetch_add(1, Ordering::Relaxed),
        };
        self.worker.set(u32::from(worker));
        worker
    }
}

impl Recorder {
    /// A recorder for a runtime with `workers` worker threads; time zero is now.
    pub fn new(workers: u16) -> Self {
        Self::with_capacity(workers, DEFAULT_RING_CAPACITY)
    }

    /// Like [`Recorder::new`] with a chosen per-thread limit of undrained events (benchmarks
    /// record hundreds of thousands of events between two drains).
    pub fn with_capacity(workers: u16, ring_capacity: usize) -> Self {
        let clock = clock();
        Recorder {
            shared: Arc::new(Shared {
                id: NEXT_RECORDER_ID.fetch_add(1, Ordering::Relaxed),
                base: clock.raw(),
                ring_capacity,
                workers,
                next_task: AtomicU32::new(0),
                next_label: AtomicU32::new(0),
                next_blocking: AtomicU16::new(0),
                dropped: AtomicU64::new(0),
                meta: Mutex::new(Vec::new()),
                logs: Mutex::new(Vec::new()),
                late: Mutex::new(Vec::new()),
            }),
        }
    }

    /// Nanoseconds since the run began.
    pub fn now_ns(&self) -> u64 {
        clock().delta_as_nanos(self.shared.base, clock().raw())
    }

    /// Events that could not be stored because a thread's log was full.
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

    /// Records an event for `task` now, into this thread's log.
    #[inline]
    pub fn record(&self, task: TaskId, kind: EventKind) {
        with_state(|local| {
            let at = ticks();
            local.stamp.set(at);
            local.push(&self.shared, at, task, kind);
        });
    }

    /// Records a poll start of `task` on this thread (a runtime worker, or a blocking-pool
    /// thread numbered after the workers in order of first use).
    #[inline]
    pub fn record_poll_start(&self, task: TaskId) {
        with_state(|local| {
            let worker = local.worker(&self.shared);
            let at = ticks();
            local.stamp.set(at);
            local.push(&self.shared, at, task, EventKind::PollStart { worker });
        });
    }

    /// Runs `poll` as one poll of `task` on this thread: records its start and end around
    /// it, and makes `task` the current task meanwhile. One thread-local access for all.
    #[inline]
    pub(crate) fn poll<R>(&self, task: TaskId, poll: impl FnOnce() -> R) -> R {
        with_state(|local| {
            let shared = &*self.shared;
            let worker = local.worker(shared);
            let at = ticks();
            local.stamp.set(at);
            local.finished.set(None);
            local.push(shared, at, task, EventKind::PollStart { worker });
            let result = {
                let _current = CurrentGuard {
                    local,
                    previous: local.current.replace(Some(task)),
                };
                poll()
            };
            let at = ticks();
            local.stamp.set(at);
            local.push(shared, at, task, EventKind::PollEnd);
            result
        })
    }

    /// Records that `task` was woken.
    ///
    /// A wake on a thread that polls (a runtime worker) happens either inside a poll or in
    /// the scheduler between polls, never with user code running in between: unless this
    /// thread has parked since its last clock reading, that reading is the wake's time to
    /// within the scheduler's own work, and saves a clock read on the hottest path. Other
    /// threads (one that only wakes, like a UI thread stopping a run) read the clock.
    #[inline]
    pub fn record_wake(&self, task: TaskId) {
        with_state(|local| {
            let mut at = local.stamp.get();
            if at == 0 || local.worker.get() == NO_WORKER {
                at = ticks();
                local.stamp.set(at);
            }
            let by = local.current.get().or_else(|| local.finished.take());
            local.push(&self.shared, at, task, EventKind::Woken { by });
        });
    }

    /// Notes that `task`'s future (or blocking closure) is done on this thread: outside a
    /// poll, tokio is handing its end over, and the next wake here is its `JoinHandle`'s
    /// (until [`task_terminated`]). The first one counts: a task's branches are dropped
    /// after it. Inside a poll (a forgotten future, a dropped branch) the poll's task is
    /// the waker anyway.
    pub fn dropped_here(&self, task: TaskId) {
        with_state(|local| {
            if local.current.get().is_none() && local.finished.get().is_none() {
                local.finished.set(Some(task));
            }
        });
    }
}

/// Call just before a runtime thread parks (`on_thread_park`): time will pass without
/// events, so the next wake on this thread reads the clock again.
pub fn thread_parks() {
    with_state(|local| {
        local.stamp.set(0);
        local.finished.set(None);
    });
}

/// Call when tokio is done ending a task (`on_task_terminate`, which runs right after the
/// task's `JoinHandle` was woken): later wakes on this thread are not that hand-over.
pub fn task_terminated() {
    with_state(|local| local.finished.set(None));
}

/// The task being polled on this thread, if any: the parent of what it spawns, the waker
/// of what it wakes, the owner of the awaits it labels.
pub fn current_task() -> Option<TaskId> {
    with_state(|local| local.current.get())
}

/// Restores the previously running task when dropped (also when the poll unwinds).
struct CurrentGuard<'a> {
    local: &'a ThreadState,
    previous: Option<TaskId>,
}

impl Drop for CurrentGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        self.local.current.set(self.previous);
    }
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
