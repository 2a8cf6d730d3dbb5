//! What tokio-console connects to: console-subscriber's own server, called in-process, with
//! every update it streams passing through here on its way out.
//!
//! Why: console-subscriber publishes once per publish interval and has no "publish now".
//! A headless run that exits as soon as its scenario ends leaves a connected console with
//! the state of the last publish: tasks still alive, one poll short. Seeing each update go
//! out tells the end of the run when every connected console has been sent one made after
//! the run ended (see [`Watches`]); only then does the process exit.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use console_api::instrument::instrument_client::InstrumentClient;
use console_api::instrument::instrument_server::{Instrument, InstrumentServer};
use console_api::instrument::{
    InstrumentRequest, PauseRequest, PauseResponse, ResumeRequest, ResumeResponse, State,
    StateRequest, TaskDetailsRequest, Update,
};
use console_api::tasks::TaskDetails;
use tonic::codec::Streaming;
use tonic::codegen::tokio_stream::Stream;
use tonic::{Request, Response, Status};

/// console-subscriber's server, reached as a local service rather than over a socket.
type Inner = InstrumentClient<InstrumentServer<console_subscriber::Server>>;

/// The `Instrument` service tokio-console talks to: forwards every call to `inner`, and
/// reports each update of a `WatchUpdates` stream to `watches`.
pub(super) struct Relay {
    inner: Inner,
    watches: Arc<Watches>,
}

impl Relay {
    pub(super) fn new(
        inner: InstrumentServer<console_subscriber::Server>,
        watches: Arc<Watches>,
    ) -> Self {
        // Updates list every task: no size limit between the two halves of one process.
        let inner = InstrumentClient::new(inner).max_decoding_message_size(usize::MAX);
        Relay { inner, watches }
    }
}

#[tonic::async_trait]
impl Instrument for Relay {
    type WatchUpdatesStream = Relayed;
    type WatchTaskDetailsStream = Streaming<TaskDetails>;
    type WatchStateStream = Streaming<State>;

    async fn watch_updates(
        &self,
        request: Request<InstrumentRequest>,
    ) -> Result<Response<Relayed>, Status> {
        let updates = self
            .inner
            .clone()
            .watch_updates(request.into_inner())
            .await?;
        let id = self.watches.open();
        Ok(Response::new(Relayed {
            updates: updates.into_inner(),
            id,
            watches: self.watches.clone(),
        }))
    }

    async fn watch_task_details(
        &self,
        request: Request<TaskDetailsRequest>,
    ) -> Result<Response<Streaming<TaskDetails>>, Status> {
        self.inner
            .clone()
            .watch_task_details(request.into_inner())
            .await
    }

    async fn watch_state(
        &self,
        request: Request<StateRequest>,
    ) -> Result<Response<Streaming<State>>, Status> {
        self.inner.clone().watch_state(request.into_inner()).await
    }

    async fn pause(
        &self,
        request: Request<PauseRequest>,
    ) -> Result<Response<PauseResponse>, Status> {
        self.inner.clone().pause(request.into_inner()).await
    }

    async fn resume(
        &self,
        request: Request<ResumeRequest>,
    ) -> Result<Response<ResumeResponse>, Status> {
        self.inner.clone().resume(request.into_inner()).await
    }
}

/// One console's stream of updates, reported to [`Watches`] as they go out.
pub(super) struct Relayed {
    updates: Streaming<Update>,
    id: u64,
    watches: Arc<Watches>,
}

impl Stream for Relayed {
    type Item = Result<Update, Status>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let next = Pin::new(&mut self.updates).poll_next(cx);
        if let Poll::Ready(Some(Ok(update))) = &next {
            let made = update.now.and_then(|t| SystemTime::try_from(t).ok());
            self.watches.sent(self.id, made);
        }
        next
    }
}

impl Drop for Relayed {
    fn drop(&mut self) {
        self.watches.close(self.id);
    }
}

/// The open update streams, and which of them has been sent the run's final state.
#[derive(Debug, Default)]
pub(super) struct Watches {
    state: Mutex<WatchState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct WatchState {
    next_id: u64,
    /// Open streams: whether each was sent an update made at or after `end`.
    open: HashMap<u64, bool>,
    /// When the run was declared over, on console-subscriber's clock.
    end: Option<SystemTime>,
}

impl Watches {
    fn lock(&self) -> MutexGuard<'_, WatchState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A new stream opens; returns its id.
    pub(super) fn open(&self) -> u64 {
        let mut state = self.lock();
        state.next_id += 1;
        let id = state.next_id;
        // A stream opened after the end starts with a full snapshot, made after it.
        state.open.insert(id, false);
        id
    }

    /// Stream `id` was sent an update made at `made`.
    pub(super) fn sent(&self, id: u64, made: Option<SystemTime>) {
        let mut state = self.lock();
        let end = state.end;
        if let (Some(end), Some(made), Some(done)) = (end, made, state.open.get_mut(&id))
            && made >= end
        {
            *done = true;
            self.changed.notify_all();
        }
    }

    /// Stream `id` closed (its console went away).
    pub(super) fn close(&self, id: u64) {
        self.lock().open.remove(&id);
        self.changed.notify_all();
    }

    /// Declares the run over at `end` and waits until every open stream has been sent an
    /// update made at or after it, or `limit` passed. `None` when no stream is open (no
    /// waiting at all); else whether they all were.
    pub(super) fn await_final(&self, end: SystemTime, limit: Duration) -> Option<bool> {
        let deadline = Instant::now() + limit;
        let mut state = self.lock();
        if state.open.is_empty() {
            return None;
        }
        state.end = Some(end);
        loop {
            if state.open.values().all(|&done| done) {
                return Some(true);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Some(false);
            }
            state = (self.changed.wait_timeout(state, left))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn nobody_watching_means_no_wait() {
        let watches = Watches::default();
        let id = watches.open();
        watches.close(id);
        assert_eq!(watches.await_final(SystemTime::now(), 10 * MS), None);
    }

    #[test]
    fn only_an_update_made_after_the_end_counts_for_each_stream() {
        let watches = Arc::new(Watches::default());
        let (a, b) = (watches.open(), watches.open());
        let end = SystemTime::now();
        let sender = {
            let watches = watches.clone();
            std::thread::spawn(move || {
                std::thread::sleep(20 * MS);
                watches.sent(a, Some(end - MS)); // made before the end: not final
                watches.sent(a, Some(end + MS));
                watches.close(b); // this console went away instead
            })
        };
        assert_eq!(
            watches.await_final(end, Duration::from_secs(10)),
            Some(true)
        );
        sender.join().unwrap();
    }

    #[test]
    fn the_wait_is_bounded() {
        let watches = Watches::default();
        let id = watches.open();
        let end = SystemTime::now();
        watches.sent(id, Some(end - MS));
        assert_eq!(watches.await_final(end, 30 * MS), Some(false));
    }
}
