//! How an attachment goes, told as it happens. A headless watch has no status bar: it says
//! on stderr when the connection was lost and when it came back (and whether the app had
//! restarted meanwhile), and when the app sent no update for longer than a few publish
//! intervals (frozen, or too busy to publish) and when updates resumed. The JSON report
//! keeps the same episodes.

use std::time::{Duration, Instant};

use super::Session;
use super::{AttachReport, Interruption};
use crate::source::{Batch, RunInfo, Source, Status};
use crate::timeline::format_duration;

/// An app that sent no update for this many publish intervals is stalled...
pub const STALL_INTERVALS: u32 = 3;

/// ... and for at least this long (one second of scheduling noise is not a stall).
pub const MIN_STALL: Duration = Duration::from_secs(1);

/// The publish interval assumed before two updates have measured it: console-subscriber's
/// default.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(1);

/// What a session looked like at one moment.
#[derive(Clone, Copy, Debug)]
pub struct Observation<'a> {
    /// The connection.
    pub status: &'a Status,
    /// Whether any update arrived yet.
    pub has_data: bool,
    /// The latest update's time, ns since the first: it moves with every update.
    pub app_now_ns: u64,
    /// The measured publish interval.
    pub interval: Option<Duration>,
    /// App restarts seen so far.
    pub restarts: u64,
}

/// A stretch without updates: the connection was lost, or the app stalled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Episode {
    /// `"lost"` or `"stalled"`.
    pub kind: &'static str,
    /// The app's time of the last update before it, ns since the first.
    pub after_ns: u64,
    /// How long it lasted (wall time); `None` while it goes on.
    pub lasted: Option<Duration>,
    began: Instant,
}

/// Watches a session from the outside; see the module documentation.
#[derive(Debug)]
pub struct Health {
    target: String,
    last_update: Option<(u64, Instant)>,
    restarts: u64,
    episodes: Vec<Episode>,
}

impl Health {
    /// A watch of the session attached to `target`.
    pub fn new(target: &str) -> Self {
        Health {
            target: target.to_string(),
            last_update: None,
            restarts: 0,
            episodes: Vec::new(),
        }
    }

    /// Looks at `session` now; returns what to tell the user (one line each).
    pub fn observe(&mut self, session: &Session, at: Instant) -> Vec<String> {
        let status = session.status();
        self.step(
            Observation {
                status: &status,
                has_data: session.has_data(),
                app_now_ns: session.now_ns(),
                interval: session.publish_interval(),
                restarts: session.restarts(),
            },
            at,
        )
    }

    /// [`Health::observe`] on what a session showed at `at`.
    pub fn step(&mut self, o: Observation<'_>, at: Instant) -> Vec<String> {
        let mut said = Vec::new();
        let target = &self.target;
        let updated = o.has_data && self.last_update.is_none_or(|(ns, _)| ns != o.app_now_ns);
        let after_ns = self.last_update.map_or(0, |(ns, _)| ns);
        let open = self.episodes.last_mut().filter(|e| e.lasted.is_none());
        match (o.status, open) {
            (Status::Reconnecting { error, .. }, None) if self.last_update.is_some() => {
                said.push(format!(
                    "lost the connection to {target} ({error}); reconnecting"
                ));
                self.episodes.push(Episode::new("lost", after_ns, at));
            }
            (Status::Reconnecting { error, .. }, Some(stall)) if stall.kind == "stalled" => {
                stall.lasted = Some(at - stall.began);
                said.push(format!(
                    "lost the connection to {target} ({error}); reconnecting"
                ));
                self.episodes.push(Episode::new("lost", after_ns, at));
            }
            (Status::Live, Some(episode)) if updated => {
                let lasted = at - episode.began;
                episode.lasted = Some(lasted);
                let gap = format_duration(lasted.as_nanos() as u64);
                said.push(if episode.kind == "lost" {
                    let restarted = if o.restarts > self.restarts {
                        ": the app had restarted (its old tasks end as cancelled where the \
                         last update left them; the new ones begin at the first update)"
                    } else {
                        ""
                    };
                    format!("reconnected to {target} after {gap}{restarted}")
                } else {
                    format!("updates from {target} resumed after {gap} without one")
                });
            }
            (Status::Live, None) if !updated => {
                if let Some(waited) = self.stalled_for(o.interval, at) {
                    let waited = format_duration(waited.as_nanos() as u64);
                    let every = format_duration(publish_interval(o.interval).as_nanos() as u64);
                    said.push(format!(
                        "no update from {target} for {waited} (it publishes every {every}): \
                         the app may be frozen, or too busy to publish"
                    ));
                    self.episodes.push(Episode::new("stalled", after_ns, at));
                }
            }
            _ => {}
        }
        if updated {
            self.last_update = Some((o.app_now_ns, at));
        }
        self.restarts = o.restarts;
        said
    }

    /// How long since the last update, when that is longer than a stall: [`STALL_INTERVALS`]
    /// publish intervals, and at least [`MIN_STALL`].
    fn stalled_for(&self, interval: Option<Duration>, at: Instant) -> Option<Duration> {
        let (_, last) = self.last_update?;
        let waited = at.saturating_duration_since(last);
        (waited > stall_after(interval)).then_some(waited)
    }

    /// Whether the app is stalled now (connected, and no update for a stall's length).
    pub fn is_stalled(&self) -> bool {
        self.episodes
            .last()
            .is_some_and(|e| e.kind == "stalled" && e.lasted.is_none())
    }

    /// The episodes so far, in order.
    pub fn episodes(&self) -> &[Episode] {
        &self.episodes
    }

    /// Adds what happened to the `attach` report: `status` becomes `stalled` (with an
    /// `error` saying since when) if the app is stalled now, and `interruptions` lists every
    /// episode.
    pub fn annotate(&self, report: &mut AttachReport, at: Instant) {
        let stall = self.episodes.last().filter(|_| self.is_stalled());
        if let (Some(stall), Some((_, last))) = (stall, self.last_update) {
            let waited = format_duration(at.saturating_duration_since(last).as_nanos() as u64);
            report.status = "stalled".into();
            report.error = Some(format!(
                "no update from {} for the last {waited} (since the one at {}): the app may \
                 be frozen, or too busy to publish",
                self.target,
                format_duration(stall.after_ns)
            ));
        }
        report.interruptions = (self.episodes.iter())
            .map(|e| Interruption {
                kind: e.kind.to_string(),
                after_ns: e.after_ns,
                for_ns: e.lasted.map(|d| d.as_nanos() as u64),
            })
            .collect();
    }
}

/// A session watched for its health: a [`Source`] like the session itself, that also tells
/// on stderr, after each drain, when the connection was lost and regained and when the app
/// stalled (headless attach has no status bar).
pub struct Watched {
    /// The session.
    pub session: Session,
    /// What was seen of it.
    pub health: Health,
}

impl Watched {
    /// Watches `session` from now on.
    pub fn new(session: Session) -> Watched {
        let health = Health::new(session.target());
        Watched { session, health }
    }
}

impl Source for Watched {
    fn info(&self) -> &RunInfo {
        self.session.info()
    }

    fn drain(&mut self, batch: &mut Batch) {
        self.session.drain(batch);
        for notice in self.health.observe(&self.session, Instant::now()) {
            crate::output::errln!("taskscope: {notice}");
        }
    }

    fn status(&self) -> Status {
        self.session.status()
    }

    fn stop(&mut self) {
        self.session.stop();
    }

    fn note(&self) -> Option<String> {
        self.session.note()
    }
}

impl Episode {
    fn new(kind: &'static str, after_ns: u64, began: Instant) -> Self {
        Episode {
            kind,
            after_ns,
            lasted: None,
            began,
        }
    }
}

fn publish_interval(measured: Option<Duration>) -> Duration {
    measured.unwrap_or(DEFAULT_INTERVAL)
}

/// How long without an update makes a stall.
pub fn stall_after(interval: Option<Duration>) -> Duration {
    (publish_interval(interval) * STALL_INTERVALS).max(MIN_STALL)
}

#[cfg(test)]
mod tests;
