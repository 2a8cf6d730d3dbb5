//! How tasks ended, when that is worth telling: `failed`, `panicked` and `never_polled` one
//! by one (a never-awaited coroutine of an asyncio run with CPython's warning, which came as
//! its lane's error text), `cancelled` grouped by the failure that caused it.

use std::collections::BTreeMap;

use super::{Finding, FindingKind};
use crate::record::TaskId;
use crate::timeline::{Outcome, TaskLane, Timeline};

/// Beyond this many cancelled tasks without a known cause, they share one finding.
const MAX_LONE_CANCELS: usize = 3;

impl Timeline {
    /// never_polled, failed and panicked: one finding per task.
    pub(super) fn ending_finding(&self, lane: &TaskLane) -> Option<Finding> {
        let end = lane.ended_ns?;
        let name = &lane.name;
        let (kind, message, start_ns) = match lane.outcome {
            Outcome::NeverPolled => (
                FindingKind::NeverPolled,
                match &lane.error {
                    // CPython's own warning, from an asyncio run.
                    Some(warning) => format!(
                        "`{name}` was created but never awaited: its body never ran. \
                         Python warned: {warning}"
                    ),
                    None => format!("`{name}` was created but never awaited: its body never ran"),
                },
                lane.spawned_ns,
            ),
            Outcome::Failed => (
                FindingKind::Failed,
                format!("`{name}` {}", failure(lane)),
                end,
            ),
            Outcome::Panicked => (
                FindingKind::Panicked,
                format!("`{name}` {}", failure(lane)),
                end,
            ),
            _ => return None,
        };
        let tasks = vec![lane.id];
        Some(Finding {
            kind,
            message,
            start_ns,
            end_ns: end,
            tasks,
            live: false,
        })
    }

    /// Cancelled tasks: grouped by the task whose failure caused the abort; those without a
    /// known cause one by one (or together when there are many, as at a runtime shutdown).
    pub(super) fn cancel_findings(&self, out: &mut Vec<Finding>) {
        let mut by_cause: BTreeMap<TaskId, Vec<&TaskLane>> = BTreeMap::new();
        let mut lone = Vec::new();
        // A dropped branch is told by `dropped.rs`, with why it was dropped.
        let cancelled = self.tasks.iter().filter(|t| !t.is_branch());
        for lane in cancelled.filter(|t| t.outcome == Outcome::Cancelled) {
            match lane
                .abort_cause()
                .filter(|&c| c != lane.id && self.task(c).is_some())
            {
                Some(cause) => by_cause.entry(cause).or_default().push(lane),
                None => lone.push(lane),
            }
        }
        for (cause, lanes) in by_cause {
            let cause = &self.tasks[cause as usize];
            let what = match cause.outcome {
                Outcome::Failed | Outcome::Panicked => failure(cause),
                Outcome::Ok => "finished first".to_string(),
                Outcome::Cancelled => "was cancelled".to_string(),
                _ => "ended".to_string(),
            };
            let who = match lanes.as_slice() {
                [one] => format!("`{}`", one.name),
                many => format!("{} tasks", many.len()),
            };
            let message = format!("{who} cancelled because `{}` {what}", cause.name);
            out.push(cancel_finding(message, Some(cause.id), &lanes));
        }
        if lone.len() > MAX_LONE_CANCELS {
            let names: Vec<String> = lone
                .iter()
                .take(3)
                .map(|t| format!("`{}`", t.name))
                .collect();
            let message = format!(
                "{} tasks cancelled: {} and {} more",
                lone.len(),
                names.join(", "),
                lone.len() - names.len()
            );
            out.push(cancel_finding(message, None, &lone));
        } else {
            for lane in lone {
                let message = format!("`{}` cancelled", lane.name);
                out.push(cancel_finding(message, None, &[lane]));
            }
        }
    }
}

/// "failed: HTTP 503" / "panicked: boom" (without the text when there is none).
pub(super) fn failure(lane: &TaskLane) -> String {
    let verb = if lane.outcome == Outcome::Panicked {
        "panicked"
    } else {
        "failed"
    };
    match &lane.error {
        Some(text) => format!("{verb}: {text}"),
        None => verb.to_string(),
    }
}

/// From the first abort request (or end) to the last end of `lanes`.
fn cancel_finding(message: String, cause: Option<TaskId>, lanes: &[&TaskLane]) -> Finding {
    let end = |t: &TaskLane| t.ended_ns.unwrap_or(t.spawned_ns);
    let start_ns = lanes
        .iter()
        .map(|t| t.abort_requested_ns().unwrap_or(end(t)).min(end(t)))
        .min();
    let end_ns = lanes.iter().map(|t| end(t)).max();
    let tasks = cause
        .into_iter()
        .chain(lanes.iter().map(|t| t.id))
        .collect();
    Finding {
        kind: FindingKind::Cancelled,
        message,
        start_ns: start_ns.unwrap_or(0),
        end_ns: end_ns.unwrap_or(0),
        tasks,
        live: false,
    }
}
