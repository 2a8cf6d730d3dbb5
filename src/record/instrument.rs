//! The wrapper that records a task: its polls, its wakes and how it ended.
//!
//! Every task the runner starts is an [`Instrumented`] future, so the poll brackets are taken
//! exactly around the task's own code, the waker it hands out records who woke it, and its
//! end (returned, failed, panicked, or dropped unfinished) is known without guessing. A
//! branch (a future a task runs concurrently inside itself) is wrapped the same way: its
//! polls are then nested inside its task's, and its waker wakes its task through its own.

use std::fmt::Display;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use super::event::{EndKind, EventKind, LabelId, TaskId};
use super::recorder::{Recorder, current_task};

/// What a scenario task returns: `Err` carries the error text.
pub type TaskResult = Result<(), String>;

/// A future recorded as task (or branch) `id`: any future that returns `Ok(())` or an error
/// that can be written out.
pub struct Instrumented<F> {
    /// Structurally pinned (see `poll`), and stored inline: a box of its own would be one
    /// more cache line to fetch per poll.
    inner: F,
    id: TaskId,
    recorder: Recorder,
    waker: Option<(Waker, Waker)>,
    ended: bool,
}

impl<F> Instrumented<F> {
    /// Wraps `inner`, already registered as task `id` with [`Recorder::new_task`].
    pub fn new(recorder: Recorder, id: TaskId, inner: F) -> Self {
        Instrumented {
            inner,
            id,
            recorder,
            waker: None,
            ended: false,
        }
    }

    /// The task's number.
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// Our waker for this poll: the runtime's waker wrapped so that waking records an event.
    /// Built once and kept while the runtime hands out the same waker; lent to the inner
    /// future, not cloned (a clone and its drop are two atomic operations per poll).
    fn recording_waker<'w>(
        waker: &'w mut Option<(Waker, Waker)>,
        recorder: &Recorder,
        id: TaskId,
        outer: &Waker,
    ) -> &'w Waker {
        if !matches!(waker, Some((seen, _)) if seen.will_wake(outer)) {
            let ours = Waker::from(Arc::new(RecordingWaker {
                task: id,
                recorder: recorder.clone(),
                inner: outer.clone(),
            }));
            *waker = Some((outer.clone(), ours));
        }
        let ours = &waker.as_ref().expect("set just above").1;
        prefetch_for_write(ours.data());
        ours
    }

    fn end(&mut self, outcome: EndKind) {
        self.ended = true;
        self.recorder.record(self.id, EventKind::Ended { outcome });
    }
}

impl<F, E> Future for Instrumented<F>
where
    F: Future<Output = Result<(), E>>,
    E: Display,
{
    type Output = Result<(), E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
        // SAFETY: `inner` is never moved out of `self`, and is only reached pinned, below;
        // `Drop` does not move it. The other fields are not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        let ours = Self::recording_waker(&mut this.waker, &this.recorder, this.id, cx.waker());
        // SAFETY: as above.
        let mut inner = unsafe { Pin::new_unchecked(&mut this.inner) };
        // One thread-local access records the poll's start and end and marks the current task.
        let result = this.recorder.poll(this.id, || {
            let mut inner_cx = Context::from_waker(ours);
            catch_unwind(AssertUnwindSafe(|| inner.as_mut().poll(&mut inner_cx)))
        });
        match result {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(Ok(()))) => {
                this.end(EndKind::Ok);
                Poll::Ready(Ok(()))
            }
            Ok(Poll::Ready(Err(error))) => {
                this.recorder.error_text(this.id, error.to_string());
                this.end(EndKind::Failed);
                Poll::Ready(Err(error))
            }
            Err(panic) => {
                this.recorder.error_text(this.id, panic_message(&*panic));
                this.end(EndKind::Panicked);
                resume_unwind(panic)
            }
        }
    }
}

impl<F> Drop for Instrumented<F> {
    fn drop(&mut self) {
        self.recorder.dropped_here(self.id);
        if !self.ended {
            self.recorder.record(
                self.id,
                EventKind::Ended {
                    outcome: EndKind::Cancelled,
                },
            );
        }
    }
}

/// Asks the CPU to fetch the cache line at `p` for writing: the waker's reference count, which
/// the task's code is likely to bump (a clone) during the poll. With thousands of tasks that
/// line is rarely in cache, and a locked increment on a missing line stalls.
#[inline(always)]
fn prefetch_for_write(p: *const ()) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch has no architectural effect, whatever the address.
    #[allow(unused_unsafe)]
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_ET0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// The text of a panic payload (`panic!("...")` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}

/// A waker that records the wake, then wakes the task through the runtime's waker.
struct RecordingWaker {
    task: TaskId,
    recorder: Recorder,
    inner: Waker,
}

impl RecordingWaker {
    fn record(&self) {
        self.recorder.record_wake(self.task);
    }
}

impl Wake for RecordingWaker {
    fn wake(self: Arc<Self>) {
        self.record();
        self.inner.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.record();
        self.inner.wake_by_ref();
    }
}

/// Marks a labelled await of the current task: recorded when created and when dropped
/// (finished, or dropped by a race or a timeout).
pub struct AwaitLabel {
    recorder: Recorder,
    task: Option<TaskId>,
    label: LabelId,
}

impl AwaitLabel {
    /// Starts a labelled await for the task running on this thread.
    pub fn start(recorder: &Recorder, label: LabelId) -> Self {
        let task = current_task();
        if let Some(task) = task {
            recorder.record(task, EventKind::AwaitStart { label });
        }
        AwaitLabel {
            recorder: recorder.clone(),
            task,
            label,
        }
    }
}

impl Drop for AwaitLabel {
    fn drop(&mut self) {
        if let Some(task) = self.task {
            self.recorder
                .record(task, EventKind::AwaitEnd { label: self.label });
        }
    }
}
