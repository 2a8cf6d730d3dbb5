//! `taskscope attach`: swimlanes for another process, read from its console-subscriber.
//!
//! A [`Session`] is a source of lanes like a run's [`RunHandle`](crate::runner::RunHandle):
//! make a [`Timeline`] with [`Session::timeline`], call [`Session::drain_into`] whenever you
//! like (it never blocks), and read [`Session::status`] for the connection. The network
//! lives on the session's own thread (see `client.rs`); the conversion from console-api
//! updates to events is `convert.rs`.
//!
//! Attached lanes are sampled: the app publishes once per publish interval (1 s by default)
//! and each update carries, per task, only its last poll and last wake, placed where they
//! happened. [`SAMPLING_NOTE`] says so, and how to make them finer.

mod client;
mod convert;
mod fields;
pub mod health;
mod report;
mod slots;
mod snapshot;
mod target;

use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use tokio::sync::watch;

use crate::record::{Event, Meta, TaskId};
use crate::scenario::Flavor;
use crate::timeline::{RunInfo, Timeline};
use client::Msg;
use convert::Converter;

pub use fields::TaskInfo;
pub use snapshot::ConsoleCounts;

/// Where `taskscope attach` connects when no address is given: console-subscriber's default.
pub const DEFAULT_TARGET: &str = "http://127.0.0.1:6669";

/// What every view of attached lanes should say about them.
pub const SAMPLING_NOTE: &str = "attached lanes are sampled at the app's publish interval: \
    each update carries only every task's last poll and last wake. For finer lanes, start \
    the app with TOKIO_CONSOLE_PUBLISH_INTERVAL=50ms in its environment (read by \
    console_subscriber::init() and Builder::with_default_env()).";

/// How to attach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttachOptions {
    /// Worker lanes to draw polls on. console-subscriber does not say which worker polled a
    /// task, so polls are packed onto these lanes (1 for a current_thread app).
    pub workers: u16,
    /// How long one connection attempt may take.
    pub connect_timeout: Duration,
    /// Reconnection attempts after the stream breaks, with backoff, before giving up.
    pub reconnect_attempts: u32,
}

impl Default for AttachOptions {
    fn default() -> Self {
        AttachOptions {
            workers: default_workers(),
            connect_timeout: Duration::from_secs(2),
            reconnect_attempts: 6,
        }
    }
}

/// The worker count of tokio's default multi-thread runtime on this machine.
pub fn default_workers() -> u16 {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(64) as u16)
}

/// The connection, as a view should show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The first connection attempt is under way.
    Connecting,
    /// Updates are streaming.
    Connected,
    /// The stream broke; the next attempt comes after a backoff.
    Reconnecting {
        /// Attempts since the stream was last healthy.
        attempt: u32,
        /// Why the stream broke, or why the last attempt failed.
        error: String,
        /// The wait before the next attempt.
        retry_in: Duration,
    },
    /// Given up for good; the text names the address and says why.
    Failed(String),
}

/// A malformed attach address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadTarget(pub String);

impl std::fmt::Display for BadTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadTarget {}

/// An attachment to another process's console-subscriber: a live source of lanes.
pub struct Session {
    target: String,
    info: RunInfo,
    status: Status,
    rx: Receiver<Msg>,
    _stop: watch::Sender<()>,
    converter: Converter,
    fresh: bool,
    metas: Vec<Meta>,
    events: Vec<Event>,
}

impl Session {
    /// Starts attaching to `target` (`http://HOST:PORT`, `HOST:PORT` or a port) on a thread of
    /// its own and returns at once; only a malformed address is an error here, the rest
    /// arrives through [`Session::status`].
    pub fn connect(target: &str, options: AttachOptions) -> Result<Session, BadTarget> {
        let target = target::target_url(target).map_err(BadTarget)?;
        let endpoint = tonic::transport::Endpoint::from_shared(target.clone())
            .map_err(|e| BadTarget(format!("`{target}` is not an address to attach to: {e}")))?
            .connect_timeout(options.connect_timeout)
            .http2_keep_alive_interval(Duration::from_secs(5))
            .keep_alive_timeout(Duration::from_secs(10));
        let (tx, rx) = std::sync::mpsc::channel();
        let (stop, stopped) = watch::channel(());
        let status = match client::spawn(endpoint, target.clone(), options, tx, stopped) {
            Ok(()) => Status::Connecting,
            Err(e) => Status::Failed(format!("cannot start the attach client: {e}")),
        };
        let workers = options.workers.max(1);
        let info = RunInfo {
            scenario: format!("attach {target}"),
            flavor: if workers == 1 {
                Flavor::CurrentThread
            } else {
                Flavor::MultiThread
            },
            workers,
        };
        Ok(Session {
            target,
            info,
            status,
            rx,
            _stop: stop,
            converter: Converter::new(workers),
            fresh: false,
            metas: Vec::new(),
            events: Vec::new(),
        })
    }

    /// The address, as connected to (`http://127.0.0.1:6669`).
    pub fn target(&self) -> &str {
        &self.target
    }

    /// What the lanes' header shows: `attach ADDR`, and the worker lanes drawn.
    pub fn info(&self) -> &RunInfo {
        &self.info
    }

    /// A new, empty timeline for this session.
    pub fn timeline(&self) -> Timeline {
        Timeline::new(self.info.clone())
    }

    /// The connection's state, as of the last [`Session::drain_into`].
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Applies every update received so far to `timeline` and moves its clock to the latest
    /// update's time (the app's clock, ns since the first update). Never blocks. Returns
    /// how many events were applied.
    pub fn drain_into(&mut self, timeline: &mut Timeline) -> usize {
        let mut applied = 0;
        loop {
            let msg = match self.rx.try_recv() {
                Ok(msg) => msg,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if !matches!(self.status, Status::Failed(_)) {
                        let gone = format!("the attach client for {} stopped", self.target);
                        self.status = Status::Failed(gone);
                    }
                    break;
                }
            };
            match msg {
                Msg::Connected => {
                    self.status = Status::Connected;
                    self.fresh = true;
                }
                Msg::Update(update) => {
                    let (metas, events) = (&mut self.metas, &mut self.events);
                    self.converter.update(&update, self.fresh, metas, events);
                    self.fresh = false;
                    self.metas.drain(..).for_each(|m| timeline.apply_meta(m));
                    applied += self.events.len();
                    self.events.drain(..).for_each(|e| timeline.apply(e));
                }
                Msg::Lost {
                    attempt,
                    error,
                    retry_in,
                } => {
                    self.status = Status::Reconnecting {
                        attempt,
                        error,
                        retry_in,
                    };
                }
                Msg::Failed(error) => self.status = Status::Failed(error),
            }
        }
        timeline.set_dropped_events(self.converter.dropped_events());
        timeline.advance(self.converter.now_ns());
        applied
    }

    /// The latest update's time, ns since the first update: where attached data ends.
    pub fn now_ns(&self) -> u64 {
        self.converter.now_ns()
    }

    /// Whether any update has arrived yet.
    pub fn has_data(&self) -> bool {
        !self.converter.is_empty()
    }

    /// The app's publish interval, as measured between updates (once two have arrived).
    pub fn publish_interval(&self) -> Option<Duration> {
        self.converter
            .publish_interval_ns()
            .map(Duration::from_nanos)
    }

    /// Who a lane's task is (console id, fields) and what the app itself counted for it:
    /// exact polls, busy time and wakes, where the lane shows only the sampled ones.
    pub fn task(&self, id: TaskId) -> Option<(&TaskInfo, ConsoleCounts)> {
        self.converter.task(id)
    }
}

#[cfg(test)]
mod tests;
