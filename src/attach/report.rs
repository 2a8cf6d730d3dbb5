//! What an export of attached lanes adds to the run's: where they came from, how fine they
//! are, and the app's own exact counters. Made from a session; kept in a saved run's JSON
//! (the `attach` object), from which `open` prints the same text again.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::{SAMPLING_NOTE, Session};
use crate::record::TaskId;
use crate::source::{Source, Status};
use crate::timeline::{Timeline, format_duration};

/// Most tasks listed in the text footer; the JSON lists every one.
const TEXT_TASKS: usize = 40;

/// The `attach` object of the JSON document of attached lanes (see the README).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachReport {
    /// The address attached to.
    pub target: String,
    /// `connecting`, `connected`, `reconnecting` or `failed`.
    pub status: String,
    /// The error behind a lost or failed connection.
    pub error: Option<String>,
    /// The app's publish interval, as measured, ns.
    pub publish_interval_ns: Option<u64>,
    /// Always true: attached lanes are sampled.
    pub sampled: bool,
    /// What the sampling means, and how to make the lanes finer.
    pub note: String,
    /// What the app itself counted for each lane's task.
    pub tasks: Vec<TaskCounts>,
    /// Every stretch without updates while attached: the connection lost, or the app
    /// stalled (see `health.rs`). Absent when there was none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interruptions: Vec<Interruption>,
}

/// A stretch without updates from the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interruption {
    /// `lost` (the connection) or `stalled` (connected, but no update came).
    pub kind: String,
    /// The app's time of the last update before it, ns since the first update.
    pub after_ns: u64,
    /// How long it lasted, ns; null while it went on at the end.
    pub for_ns: Option<u64>,
}

/// The app's own counters of one attached task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCounts {
    /// The lane's id.
    pub id: TaskId,
    /// The console's id of the task.
    pub console_id: u64,
    /// Every field the task's span carries.
    pub fields: BTreeMap<String, String>,
    /// Polls, counted by the app (exact).
    pub app_polls: u64,
    /// Time polled, counted by the app, ns.
    pub app_busy_ns: u64,
    /// Wakes, counted by the app.
    pub app_wakes: u64,
}

/// One word for the JSON output.
fn status_word(status: &Status) -> &'static str {
    match status {
        Status::Connecting => "connecting",
        Status::Live => "connected",
        Status::Reconnecting { .. } => "reconnecting",
        Status::Done => "done",
        Status::Failed(_) => "failed",
    }
}

impl Session {
    /// How many times the app restarted while attached: a new connection's first update
    /// came from another process.
    pub fn restarts(&self) -> u64 {
        self.converter.restarts()
    }

    /// The `attach` object of the JSON document of `timeline`, the lanes of this session.
    pub fn report(&self, timeline: &Timeline) -> AttachReport {
        let tasks = timeline
            .tasks()
            .iter()
            .filter_map(|lane| {
                let (info, counts) = self.task(lane.id)?;
                Some(TaskCounts {
                    id: lane.id,
                    console_id: info.console_id,
                    fields: info.fields.iter().cloned().collect(),
                    app_polls: counts.polls,
                    app_busy_ns: counts.busy_ns,
                    app_wakes: counts.wakes,
                })
            })
            .collect();
        let status = self.status();
        AttachReport {
            target: self.target().to_string(),
            status: status_word(&status).to_string(),
            error: status.error().map(str::to_string),
            publish_interval_ns: self.publish_interval().map(|d| d.as_nanos() as u64),
            sampled: true,
            note: SAMPLING_NOTE.to_string(),
            tasks,
            interruptions: Vec::new(),
        }
    }
}

impl AttachReport {
    /// The lines printed under the text swimlane of `timeline`, the attached lanes.
    pub fn text(&self, timeline: &Timeline) -> String {
        let mut out = String::new();
        let interval = match self.publish_interval_ns {
            Some(ns) => format!("updates every {}", format_duration(ns)),
            None => "fewer than two updates".to_string(),
        };
        let _ = writeln!(out, "attached to {} · {interval}", self.target);
        let _ = writeln!(out, "note: {}", self.note);
        let _ = writeln!(
            out,
            "note: console-subscriber does not say which worker polled a task: the worker \
             lanes pack the polls onto {} lane(s) (--workers), blocking closures after them.",
            timeline.info().workers
        );
        out.push_str("\ncounted by the app (exact; the lanes show the sampled polls):\n");
        let lanes = timeline.tasks();
        for lane in lanes.iter().take(TEXT_TASKS) {
            let Some(counts) = self.tasks.iter().find(|t| t.id == lane.id) else {
                continue;
            };
            let _ = writeln!(
                out,
                "  {:<24} {:>7} polls  {:>9} busy  {:>7} wakes  {}",
                lane.name,
                counts.app_polls,
                format_duration(counts.app_busy_ns),
                counts.app_wakes,
                lane.location.as_deref().unwrap_or("")
            );
        }
        if lanes.len() > TEXT_TASKS {
            let _ = writeln!(
                out,
                "  ... and {} more (see --format json)",
                lanes.len() - TEXT_TASKS
            );
        }
        out
    }
}
