//! Stopping a run from any thread: steps look at the flag between and inside their waits,
//! and the runtime's main future wakes on the notification.

use std::sync::atomic::{AtomicBool, Ordering};

/// Tells a run to stop, from any thread: steps look at the flag, and the runtime's main
/// future wakes on the notification.
#[derive(Default)]
pub struct StopSignal {
    flag: AtomicBool,
    notify: tokio::sync::Notify,
}

impl StopSignal {
    /// Raises the flag and wakes whoever waits in [`StopSignal::wait`].
    pub fn set(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.notify.notify_one();
    }

    /// True once [`StopSignal::set`] was called.
    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// Resolves when the signal is set.
    pub async fn wait(&self) {
        if !self.is_set() {
            self.notify.notified().await;
        }
    }
}
