//! What an export of attached lanes adds to the run's: where they came from, how fine they
//! are, and the app's own exact counters. Shared by the headless output and any view.

use std::fmt::Write;

use serde_json::{Map, Value, json};

use super::{SAMPLING_NOTE, Session, Status};
use crate::timeline::{Timeline, format_duration};

/// Most tasks listed in the text footer; the JSON lists every one.
const TEXT_TASKS: usize = 40;

impl Status {
    /// One word for the JSON output: `connecting`, `connected`, `reconnecting`, `failed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Connecting => "connecting",
            Status::Connected => "connected",
            Status::Reconnecting { .. } => "reconnecting",
            Status::Failed(_) => "failed",
        }
    }

    /// The error behind a lost or failed connection.
    pub fn error(&self) -> Option<&str> {
        match self {
            Status::Reconnecting { error, .. } | Status::Failed(error) => Some(error),
            Status::Connecting | Status::Connected => None,
        }
    }
}

impl Session {
    /// How many times the app restarted while attached: a new connection's first update
    /// came from another process.
    pub fn restarts(&self) -> u64 {
        self.converter.restarts()
    }

    /// The `attach` object added to the JSON document of attached lanes (see the README).
    pub fn report_json(&self, timeline: &Timeline) -> Value {
        let tasks: Vec<Value> = timeline
            .tasks()
            .iter()
            .filter_map(|lane| {
                let (info, counts) = self.task(lane.id)?;
                let fields: Map<String, Value> = info
                    .fields
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect();
                Some(json!({
                    "id": lane.id,
                    "console_id": info.console_id,
                    "fields": fields,
                    "app_polls": counts.polls,
                    "app_busy_ns": counts.busy_ns,
                    "app_wakes": counts.wakes,
                }))
            })
            .collect();
        json!({
            "target": self.target(),
            "status": self.status().as_str(),
            "error": self.status().error(),
            "publish_interval_ns": self.publish_interval().map(|d| d.as_nanos() as u64),
            "sampled": true,
            "note": SAMPLING_NOTE,
            "tasks": tasks,
        })
    }

    /// The lines printed under the text swimlane of attached lanes.
    pub fn report_text(&self, timeline: &Timeline) -> String {
        let mut out = String::new();
        let interval = match self.publish_interval() {
            Some(d) => format!("updates every {}", format_duration(d.as_nanos() as u64)),
            None => "fewer than two updates".to_string(),
        };
        let _ = writeln!(out, "attached to {} · {interval}", self.target());
        let _ = writeln!(out, "note: {SAMPLING_NOTE}");
        let _ = writeln!(
            out,
            "note: console-subscriber does not say which worker polled a task: the worker \
             lanes pack the polls onto {} lane(s) (--workers), blocking closures after them.",
            self.info().workers
        );
        out.push_str("\ncounted by the app (exact; the lanes show the sampled polls):\n");
        let lanes = timeline.tasks();
        for lane in lanes.iter().take(TEXT_TASKS) {
            let Some((info, counts)) = self.task(lane.id) else {
                continue;
            };
            let _ = writeln!(
                out,
                "  {:<24} {:>7} polls  {:>9} busy  {:>7} wakes  {}",
                info.name,
                counts.polls,
                format_duration(counts.busy_ns),
                counts.wakes,
                info.location.as_deref().unwrap_or("")
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
