//! `taskscope attach`: swimlanes for another process, read from its console-subscriber.
//!
//! A [`Session`] is a [`Source`] like a run's: drain it whenever you like (it never blocks)
//! and read its status for the connection. The network lives on the session's own thread
//! (see `client.rs`); the conversion from console-api updates to events is `convert.rs`.
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
use std::time::{Duration, Instant};

use tokio::sync::watch;
use tonic::transport::Endpoint;

use crate::record::TaskId;
use crate::scenario::Flavor;
use crate::source::{Batch, RunInfo, Source, Status};
use crate::timeline::format_duration;
use client::Msg;
use convert::Converter;

pub use fields::TaskInfo;
pub use report::{AttachReport, Interruption, TaskCounts};
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
    /// Give up when no update has arrived this long after the session started (None: wait
    /// as long as it takes, as the dashboard does).
    pub patience: Option<Duration>,
}

impl Default for AttachOptions {
    fn default() -> Self {
        AttachOptions {
            workers: default_workers(),
            connect_timeout: Duration::from_secs(2),
            reconnect_attempts: 6,
            patience: None,
        }
    }
}

/// The worker count of tokio's default multi-thread runtime on this machine.
pub fn default_workers() -> u16 {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(64) as u16)
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

/// An address to attach to, checked: `http://HOST:PORT`.
#[derive(Clone, Debug)]
pub struct Target {
    address: String,
    /// Boxed: an endpoint is large, and targets travel in messages.
    endpoint: Box<Endpoint>,
}

impl Target {
    /// Reads `text` (`http://HOST:PORT`, `HOST:PORT` or a port); a malformed address is the
    /// only error.
    pub fn parse(text: &str) -> Result<Target, BadTarget> {
        let address = target::target_url(text).map_err(BadTarget)?;
        let endpoint = Endpoint::from_shared(address.clone())
            .map_err(|e| BadTarget(format!("`{address}` is not an address to attach to: {e}")))?;
        Ok(Target {
            address,
            endpoint: Box::new(endpoint),
        })
    }

    /// The address, as connected to (`http://127.0.0.1:6669`).
    pub fn as_str(&self) -> &str {
        &self.address
    }
}

impl PartialEq for Target {
    fn eq(&self, other: &Self) -> bool {
        self.address == other.address
    }
}

/// What a session attached to `target` with `options` is, before its first update: the
/// lanes' header (`attach ADDR`) and the worker lanes drawn.
pub fn run_info(target: &Target, options: &AttachOptions) -> RunInfo {
    let workers = options.workers.max(1);
    let flavor = if workers == 1 {
        Flavor::CurrentThread
    } else {
        Flavor::MultiThread
    };
    RunInfo::tokio(format!("attach {}", target.as_str()), flavor, workers)
}

/// What the caption row of attached lanes says: how coarse they are.
pub fn sampling_note(interval: Option<Duration>) -> String {
    let interval = interval.map_or_else(
        || "(not measured yet)".to_string(),
        |d| crate::timeline::format_duration(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)),
    );
    format!(
        "lanes sampled at the app's publish interval {interval}; \
         set TOKIO_CONSOLE_PUBLISH_INTERVAL=50ms in the app for finer lanes"
    )
}

/// An attachment to another process's console-subscriber: a live source of lanes.
pub struct Session {
    target: String,
    info: RunInfo,
    status: Status,
    rx: Receiver<Msg>,
    /// Tells the client thread to stop (so does dropping it).
    stop_client: watch::Sender<()>,
    converter: Converter,
    fresh: bool,
    started: Instant,
    /// When the first update arrived here: while connected, the lanes' clock follows this
    /// machine's time from then on, so a stalled app's lanes go on (and `--duration` is
    /// wall time) instead of stopping at the last update.
    first_update: Option<Instant>,
    patience: Option<Duration>,
    /// Set once the last batch (the one that ends the lanes) was handed over.
    ended: bool,
    metas: Vec<crate::record::Meta>,
    events: Vec<crate::record::Event>,
}

impl Session {
    /// Starts attaching to `target` on a thread of its own and returns at once; how it goes
    /// arrives through the session's status.
    pub fn connect(target: Target, options: AttachOptions) -> Session {
        let endpoint = (*target.endpoint)
            .clone()
            .connect_timeout(options.connect_timeout)
            .http2_keep_alive_interval(Duration::from_secs(5))
            .keep_alive_timeout(Duration::from_secs(10));
        let (tx, rx) = std::sync::mpsc::channel();
        let (stop, stopped) = watch::channel(());
        let address = target.as_str().to_string();
        let status = match client::spawn(endpoint, address.clone(), options, tx, stopped) {
            Ok(()) => Status::Connecting,
            Err(e) => Status::Failed(format!("cannot start the attach client: {e}")),
        };
        Session {
            info: run_info(&target, &options),
            target: address,
            status,
            rx,
            stop_client: stop,
            converter: Converter::new(options.workers.max(1)),
            fresh: false,
            started: Instant::now(),
            first_update: None,
            patience: options.patience,
            ended: false,
            metas: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The address, as connected to (`http://127.0.0.1:6669`).
    pub fn target(&self) -> &str {
        &self.target
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

    /// Reads every message the client thread sent, folding updates into `batch`.
    fn receive(&mut self, batch: &mut Batch) {
        loop {
            let msg = match self.rx.try_recv() {
                Ok(msg) => msg,
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    if !matches!(self.status, Status::Failed(_)) {
                        let gone = format!("the attach client for {} stopped", self.target);
                        self.status = Status::Failed(gone);
                    }
                    return;
                }
            };
            match msg {
                Msg::Connected => {
                    self.status = Status::Live;
                    self.fresh = true;
                }
                Msg::Update(update) => {
                    self.first_update.get_or_insert_with(Instant::now);
                    let (metas, events) = (&mut self.metas, &mut self.events);
                    self.converter.update(&update, self.fresh, metas, events);
                    self.fresh = false;
                    batch.extend(self.metas.drain(..), self.events.drain(..));
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
    }

    /// The lanes' clock: the latest update's time, or, while connected, this machine's time
    /// since the first update when that is later (an app that stalls sends nothing).
    fn clock_ns(&self) -> u64 {
        let app = self.converter.now_ns();
        match (&self.status, self.first_update) {
            (Status::Live, Some(at)) => {
                app.max(u64::try_from(at.elapsed().as_nanos()).unwrap_or(u64::MAX))
            }
            _ => app,
        }
    }

    /// Fails the session when no update arrived within its patience.
    fn lose_patience(&mut self) {
        let Some(patience) = self.patience else {
            return;
        };
        if self.has_data() || self.started.elapsed() < patience {
            return;
        }
        self.status = match &self.status {
            Status::Failed(_) => return,
            Status::Reconnecting { error, .. } => Status::Failed(error.clone()),
            _ => Status::Failed(format!(
                "no update from {} arrived within {}",
                self.target,
                format_duration(u64::try_from(patience.as_nanos()).unwrap_or(u64::MAX))
            )),
        };
    }
}

impl Source for Session {
    /// What the lanes' header shows: `attach ADDR`, and the worker lanes drawn.
    fn info(&self) -> &RunInfo {
        &self.info
    }

    /// Hands over every update received so far as events, with the lanes' clock (ns since
    /// the first update, see `clock_ns`). Once the session failed for good, ends
    /// the lanes there.
    fn drain(&mut self, batch: &mut Batch) {
        if self.ended {
            return;
        }
        self.receive(batch);
        self.lose_patience();
        batch.dropped(self.converter.dropped_events());
        if matches!(self.status, Status::Failed(_)) {
            batch.end(self.converter.now_ns());
            self.ended = true;
        } else {
            batch.clock(self.clock_ns());
        }
    }

    /// The connection's state, as of the last drain.
    fn status(&self) -> Status {
        self.status.clone()
    }

    fn note(&self) -> Option<String> {
        Some(sampling_note(self.publish_interval()))
    }

    /// Stops the client thread (it sees the session's stop signal); the lanes so far stay.
    fn stop(&mut self) {
        let _ = self.stop_client.send(());
    }
}

#[cfg(test)]
mod tests;
