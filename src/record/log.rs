//! One thread's event log: a chain of fixed-size chunks, appended to by that thread and read
//! by the recorder's reader.
//!
//! Why chunks rather than one big ring: a ring large enough that a reader starved of CPU
//! loses nothing is far larger than the caches, and the writer always moves on to its least
//! recently used slot, so every new cache line it writes misses. Here the reader hands every
//! chunk it has read back to the writer, which reuses the most recently returned one first:
//! while the reader keeps up, the writer writes into a handful of chunks that are still in
//! cache, and the log only grows (up to its limit) while the reader lags.
//!
//! Protocol. The writer owns its current chunk: it writes slot `len`, then publishes it by
//! storing `len + 1` (release). When the chunk is full it takes another one (a returned one,
//! or a new one while under the limit), resets it, and links it as the full chunk's `next`
//! (release); after that it never touches the full chunk again. The reader reads each chunk
//! up to its published `len` (acquire); a chunk that is full and has a `next` is finished, and
//! goes back to the free list. Every chunk is always in exactly one place: the chain from the
//! reader's cursor to the writer's current chunk, or the free list.

use std::mem::MaybeUninit;
use std::ptr;

#[cfg(feature = "loom")]
use loom::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
#[cfg(feature = "loom")]
use loom::sync::{Mutex, MutexGuard};
#[cfg(not(feature = "loom"))]
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
#[cfg(not(feature = "loom"))]
use std::sync::{Mutex, MutexGuard};

use super::raw::RawEvent;

/// Events per chunk.
#[cfg(not(feature = "loom"))]
pub(super) const CHUNK_EVENTS: usize = 1024;
/// Events per chunk: two under loom, so that a few events cross chunks and its models stay
/// small.
#[cfg(feature = "loom")]
pub(super) const CHUNK_EVENTS: usize = 2;

/// A fixed-size block of events.
pub(super) struct Chunk {
    /// Events written and published; only the writer stores it.
    len: AtomicUsize,
    /// The chunk written after this one, set once this one is full.
    next: AtomicPtr<Chunk>,
    events: [Slot; CHUNK_EVENTS],
}

impl Chunk {
    #[cfg(not(feature = "loom"))]
    fn new_boxed() -> Box<Chunk> {
        let mut chunk = Box::<Chunk>::new_uninit();
        let p = chunk.as_mut_ptr();
        // SAFETY: `len` and `next` are written here; `events` may stay uninitialised (slots
        // are only read below `len`, after being written).
        unsafe {
            ptr::addr_of_mut!((*p).len).write(AtomicUsize::new(0));
            ptr::addr_of_mut!((*p).next).write(AtomicPtr::new(ptr::null_mut()));
            chunk.assume_init()
        }
    }

    /// Under loom every slot is a tracked cell, built as such.
    #[cfg(feature = "loom")]
    fn new_boxed() -> Box<Chunk> {
        Box::new(Chunk {
            len: AtomicUsize::new(0),
            next: AtomicPtr::new(ptr::null_mut()),
            events: std::array::from_fn(|_| Slot::new()),
        })
    }

    /// Appends `event` if the chunk has room. Writer only.
    #[inline(always)]
    pub(super) fn try_push(&self, event: RawEvent) -> bool {
        let len = self.len.load(Ordering::Relaxed);
        if len >= CHUNK_EVENTS {
            return false;
        }
        // SAFETY: slot `len` is unpublished, so the reader does not read it, and only this
        // thread (the writer) writes to this chunk.
        unsafe { self.events.get_unchecked(len).write(event) };
        self.len.store(len + 1, Ordering::Release);
        true
    }
}

/// One event's place in a chunk.
#[cfg(not(feature = "loom"))]
#[repr(transparent)]
struct Slot(std::cell::UnsafeCell<MaybeUninit<RawEvent>>);

#[cfg(not(feature = "loom"))]
impl Slot {
    /// SAFETY: nobody else reads or writes this slot meanwhile.
    #[inline(always)]
    unsafe fn write(&self, event: RawEvent) {
        // Two plain word stores: letting the compiler copy the struct went through the
        // stack and stalled on store forwarding.
        let slot = self.0.get().cast::<u64>();
        // SAFETY: the caller's; a slot is the two words of a `RawEvent`.
        unsafe {
            slot.write(event.word);
            slot.add(1).write(event.subject);
        }
    }
}

/// Hands the events in `slots` to `read`, in place.
///
/// SAFETY: every slot was written, and nobody writes any of them meanwhile.
#[cfg(not(feature = "loom"))]
unsafe fn read_slots(slots: &[Slot], read: &mut impl FnMut(&[RawEvent])) {
    // SAFETY: the caller's; `Slot` is `repr(transparent)` over `UnsafeCell<MaybeUninit<T>>`,
    // which has the layout of `T`.
    read(unsafe { std::slice::from_raw_parts(slots.as_ptr().cast::<RawEvent>(), slots.len()) });
}

/// One event's place in a chunk: loom's cell, which reports a write that overlaps a read.
#[cfg(feature = "loom")]
struct Slot(loom::cell::UnsafeCell<MaybeUninit<RawEvent>>);

#[cfg(feature = "loom")]
impl Slot {
    fn new() -> Self {
        Slot(loom::cell::UnsafeCell::new(MaybeUninit::uninit()))
    }

    /// SAFETY: as for the plain slot.
    unsafe fn write(&self, event: RawEvent) {
        // SAFETY: the caller's.
        self.0
            .with_mut(|p| unsafe { p.write(MaybeUninit::new(event)) });
    }
}

/// Hands the events in `slots` to `read`, copied one by one through loom's cells.
///
/// SAFETY: as for the plain version.
#[cfg(feature = "loom")]
unsafe fn read_slots(slots: &[Slot], read: &mut impl FnMut(&[RawEvent])) {
    // SAFETY: the caller's: each slot was written.
    let events: Vec<RawEvent> = (slots.iter())
        .map(|slot| slot.0.with(|p| unsafe { (*p).assume_init() }))
        .collect();
    read(&events);
}

/// The reader's position in the chain.
struct Cursor {
    chunk: *mut Chunk,
    read: usize,
}

// SAFETY: the pointer is to a chunk of the log that owns the cursor; only the holder of the
// cursor's mutex follows it.
unsafe impl Send for Cursor {}

/// One thread's log, shared by its writer and the reader.
pub(super) struct ThreadLog {
    cursor: Mutex<Cursor>,
    /// Chunks the reader has finished with, for the writer to reuse (most recent last).
    /// Boxed, though small under loom: the writer and the reader point into them.
    #[cfg_attr(feature = "loom", allow(clippy::vec_box))]
    free: Mutex<Vec<Box<Chunk>>>,
    /// Chunks allocated so far, and the most this log may allocate.
    allocated: AtomicUsize,
    max_chunks: usize,
    /// Set by the writer when it is done with the log.
    abandoned: AtomicBool,
}

impl ThreadLog {
    /// A log that holds at most about `capacity` unread events (whole chunks, at least two),
    /// and its first chunk, for the writer.
    pub(super) fn new(capacity: usize) -> (ThreadLog, *mut Chunk) {
        let first = Box::into_raw(Chunk::new_boxed());
        let log = ThreadLog {
            cursor: Mutex::new(Cursor {
                chunk: first,
                read: 0,
            }),
            free: Mutex::new(Vec::new()),
            allocated: AtomicUsize::new(1),
            max_chunks: capacity.div_ceil(CHUNK_EVENTS).max(2),
            abandoned: AtomicBool::new(false),
        };
        (log, first)
    }

    /// The chunk to write after `full` (which the writer must not touch afterwards), or
    /// `None` when the log is at its limit and the reader has returned nothing. Writer only.
    #[cold]
    fn next_chunk(&self, full: *mut Chunk) -> Option<*mut Chunk> {
        let recycled = lock(&self.free).pop();
        let chunk = match recycled {
            Some(chunk) => {
                chunk.len.store(0, Ordering::Relaxed);
                chunk.next.store(ptr::null_mut(), Ordering::Relaxed);
                chunk
            }
            None if self.allocated.load(Ordering::Relaxed) < self.max_chunks => {
                self.allocated.fetch_add(1, Ordering::Relaxed);
                Chunk::new_boxed()
            }
            None => return None,
        };
        let chunk = Box::into_raw(chunk);
        // SAFETY: `full` is the writer's current chunk, alive until the reader has seen this
        // link; the release store publishes the reset of `chunk` with it.
        unsafe { (*full).next.store(chunk, Ordering::Release) };
        Some(chunk)
    }

    /// Appends `event` to this log, whose current chunk for the writer is `*chunk`: when
    /// that is full, moves `*chunk` on to the next one. Returns false when the log is at its
    /// limit and the reader has returned nothing (the event is lost). Writer only.
    #[cold]
    pub(super) fn push(&self, chunk: &mut *mut Chunk, event: RawEvent) -> bool {
        // SAFETY: `*chunk` is the writer's current chunk, so it is alive.
        if unsafe { (**chunk).try_push(event) } {
            return true;
        }
        let Some(next) = self.next_chunk(*chunk) else {
            return false;
        };
        *chunk = next;
        // SAFETY: as above; a fresh chunk has room.
        unsafe { (*next).try_push(event) }
    }

    /// Marks the log as finished by its writer, who must not touch it again.
    pub(super) fn abandon(&self) {
        self.abandoned.store(true, Ordering::Release);
    }

    /// Gives every published event not read yet to `read`, a slice at a time, and hands
    /// finished chunks back to the writer. Returns true when the writer is gone and
    /// everything was read: the log can be dropped.
    pub(super) fn drain(&self, mut read: impl FnMut(&[RawEvent])) -> bool {
        let abandoned = self.abandoned.load(Ordering::Acquire);
        let mut cursor = lock(&self.cursor);
        loop {
            // SAFETY: the cursor's chunk is in the chain, so the reader has not returned it.
            let chunk = unsafe { &*cursor.chunk };
            let len = chunk.len.load(Ordering::Acquire);
            // SAFETY: slots below `len` were written before `len` was published (acquire
            // above), and the writer never writes them again while the chunk is in the chain.
            unsafe { read_slots(&chunk.events[cursor.read..len], &mut read) };
            cursor.read = len;
            if len < CHUNK_EVENTS {
                return abandoned;
            }
            let next = chunk.next.load(Ordering::Acquire);
            if next.is_null() {
                return abandoned;
            }
            // SAFETY: the writer linked `next`, so it is done with this chunk, which came
            // from `Box::into_raw`.
            let finished = unsafe { Box::from_raw(cursor.chunk) };
            lock(&self.free).push(finished);
            cursor.chunk = next;
            cursor.read = 0;
        }
    }
}

impl Drop for ThreadLog {
    fn drop(&mut self) {
        // Both ends are gone: free the chain (the free list frees itself).
        let cursor = self
            .cursor
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut chunk = cursor.chunk;
        while !chunk.is_null() {
            // SAFETY: every chunk of the chain came from `Box::into_raw` and is owned by the
            // log; nobody else can reach it now.
            let boxed = unsafe { Box::from_raw(chunk) };
            chunk = boxed.next.load(Ordering::Relaxed);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(all(test, feature = "loom"))]
mod loom_tests;
