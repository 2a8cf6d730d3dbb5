//! Chrome Trace Event Format, for Perfetto (ui.perfetto.dev) and chrome://tracing.
//!
//! One named row per task (its polls, waits and scheduled time as slices), its branches in
//! rows of their own just under it, one row per worker (which task it polled), flow arrows
//! from each wake to the poll it caused (from the waking task's row when a task woke it),
//! and an instant event per finding. Timestamps are microseconds since the run began.

use serde::Serialize;
use serde_json::{Value, json};

use crate::timeline::{State, TaskLane, Timeline};

/// The trace's process for task rows.
const TASKS_PID: u32 = 1;
/// The trace's process for worker rows.
const WORKERS_PID: u32 = 2;

/// One trace event. Fields a phase does not use are left out.
#[derive(Debug, Serialize)]
struct TraceEvent {
    name: String,
    ph: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cat: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ts: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dur: Option<f64>,
    pid: u32,
    tid: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bp: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'static str>,
    #[serde(skip_serializing_if = "Value::is_null")]
    args: Value,
}

impl TraceEvent {
    fn new(name: impl Into<String>, ph: &'static str, pid: u32, tid: u32) -> Self {
        TraceEvent {
            name: name.into(),
            ph,
            cat: None,
            ts: None,
            dur: None,
            pid,
            tid,
            id: None,
            bp: None,
            s: None,
            args: Value::Null,
        }
    }

    fn at(mut self, ns: u64) -> Self {
        self.ts = Some(us(ns));
        self
    }

    fn slice(mut self, start_ns: u64, end_ns: u64, cat: &'static str) -> Self {
        self.ts = Some(us(start_ns));
        self.dur = Some(us(end_ns.saturating_sub(start_ns)));
        self.cat = Some(cat);
        self
    }
}

fn us(ns: u64) -> f64 {
    ns as f64 / 1_000.0
}

/// The run as a Chrome trace: `{"traceEvents": [...], "displayTimeUnit": "ms"}`.
pub fn to_chrome_trace(t: &Timeline) -> Value {
    let mut events = Vec::new();
    names(t, &mut events);
    let mut flow_id = 0;
    for lane in t.tasks() {
        task_row(t, lane, &mut flow_id, &mut events);
    }
    for worker in t.workers() {
        let tid = u32::from(worker.index);
        for busy in worker.busy().iter().copied().chain(worker.open()) {
            let name = t.task(busy.task).map_or("?", |l| l.name.as_str());
            events.push(TraceEvent::new(name, "X", WORKERS_PID, tid).slice(
                busy.start_ns,
                busy.end_ns,
                "poll",
            ));
        }
    }
    for finding in t.findings() {
        let mut event = TraceEvent::new(finding.message, "i", TASKS_PID, 0).at(finding.start_ns);
        event.s = Some("g");
        event.cat = Some("finding");
        event.args = json!({ "kind": finding.kind.as_str(), "tasks": finding.tasks });
        events.push(event);
    }
    json!({ "traceEvents": events, "displayTimeUnit": "ms" })
}

/// Process and row names, and row order (tasks in lane order, workers by index).
fn names(t: &Timeline, events: &mut Vec<TraceEvent>) {
    let process = |pid, name: String| {
        let mut e = TraceEvent::new("process_name", "M", pid, 0);
        e.args = json!({ "name": name });
        e
    };
    events.push(process(TASKS_PID, format!("{}: tasks", t.info().scenario)));
    events.push(process(
        WORKERS_PID,
        format!("{}: workers", t.info().scenario),
    ));
    let row = |pid, tid, name: String, index: usize| {
        let mut named = TraceEvent::new("thread_name", "M", pid, tid);
        named.args = json!({ "name": name });
        let mut sorted = TraceEvent::new("thread_sort_index", "M", pid, tid);
        sorted.args = json!({ "sort_index": index });
        [named, sorted]
    };
    for (index, id) in t.lane_order().into_iter().enumerate() {
        if let Some(lane) = t.task(id) {
            let of = lane
                .kind
                .branch_of()
                .map(|of| format!(" ({} branch)", of.as_str()));
            let indent = "  ".repeat(lane.depth());
            let name = format!(
                "{indent}{}{} #{}",
                lane.name,
                of.unwrap_or_default(),
                lane.id
            );
            events.extend(row(TASKS_PID, lane.id, name, index));
        }
    }
    for w in t.workers() {
        let name = if w.blocking_pool {
            format!("blocking pool thread {}", w.index)
        } else {
            format!("worker {}", w.index)
        };
        events.extend(row(
            WORKERS_PID,
            u32::from(w.index),
            name,
            usize::from(w.index),
        ));
    }
}

/// A task's slices in time order, with a flow arrow from each wake to the poll it caused.
fn task_row(t: &Timeline, lane: &TaskLane, flow_id: &mut u64, events: &mut Vec<TraceEvent>) {
    let segments: Vec<_> = lane.segments().iter().copied().chain(lane.open()).collect();
    for (i, seg) in segments.iter().enumerate() {
        let label = seg.label().and_then(|l| t.label(l));
        let (name, cat) = match seg.state {
            State::Running => ("poll".to_string(), "poll"),
            State::Scheduled => ("scheduled".to_string(), "scheduled"),
            State::Waiting => (label.unwrap_or("waiting").to_string(), "wait"),
        };
        let mut slice =
            TraceEvent::new(name, "X", TASKS_PID, lane.id).slice(seg.start_ns, seg.end_ns, cat);
        slice.args = json!({ "worker": seg.worker(), "label": label });
        events.push(slice);
        let next_poll = segments.get(i + 1).filter(|n| n.state == State::Running);
        if let (State::Scheduled, Some(poll)) = (seg.state, next_poll) {
            *flow_id += 1;
            // The wake that made it ready: from the waking task's row (inside its poll) if a
            // task woke it, else from this row where it became ready.
            let wakes = lane.wakes();
            let made_ready = wakes.partition_point(|w| w.ready_ns <= seg.start_ns);
            let wake = made_ready.checked_sub(1).map(|i| wakes[i]);
            let (row, at) = match wake.and_then(|w| w.source.task().map(|by| (by, w.at_ns))) {
                Some((by, at)) if t.task(by).is_some() => (by, at),
                _ => (lane.id, seg.start_ns),
            };
            let mut start = TraceEvent::new("wake", "s", TASKS_PID, row).at(at);
            start.id = Some(*flow_id);
            start.cat = Some("wake");
            let mut end = TraceEvent::new("wake", "f", TASKS_PID, lane.id).at(poll.start_ns);
            end.id = Some(*flow_id);
            end.cat = Some("wake");
            end.bp = Some("e");
            events.push(start);
            events.push(end);
        }
    }
}
