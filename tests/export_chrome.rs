//! The Chrome trace export follows the Trace Event Format's rules, on a real run.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use taskscope::export::chrome::to_chrome_trace;
use taskscope::feed::{Pace, record_to_end};
use taskscope::runner::{self, RunOptions};

fn trace_of(name: &str) -> Vec<Value> {
    let scenario = taskscope::scenario::builtin(name).expect("builtin");
    let options = RunOptions {
        speed: 8.0,
        ..RunOptions::default()
    };
    let mut sources = [runner::start(Arc::new(scenario), options)];
    let (runs, _) = record_to_end(&mut sources, Pace::headless(Duration::from_secs(30)));
    let trace = to_chrome_trace(&runs[0].timeline);
    assert_eq!(trace["displayTimeUnit"], "ms");
    trace["traceEvents"]
        .as_array()
        .expect("traceEvents")
        .clone()
}

#[test]
fn every_event_has_the_keys_its_phase_requires() {
    for event in trace_of("blocking-freeze") {
        let ph = event["ph"].as_str().expect("ph");
        assert!(["M", "X", "s", "f", "i"].contains(&ph), "phase {ph}");
        assert!(event["name"].is_string(), "{event}");
        assert!(event["pid"].is_u64() && event["tid"].is_u64(), "{event}");
        if ph != "M" {
            assert!(event["ts"].as_f64().is_some_and(|ts| ts >= 0.0), "{event}");
        }
        match ph {
            "X" => assert!(event["dur"].as_f64().is_some_and(|d| d >= 0.0), "{event}"),
            "s" | "f" => assert!(event["id"].is_u64(), "{event}"),
            "i" => assert_eq!(event["s"], "g", "{event}"),
            _ => {}
        }
    }
}

#[test]
fn slices_never_go_back_within_a_row() {
    let mut last: HashMap<(u64, u64), f64> = HashMap::new();
    for event in trace_of("failure-cancellation") {
        if event["ph"] != "X" {
            continue;
        }
        let row = (
            event["pid"].as_u64().unwrap(),
            event["tid"].as_u64().unwrap(),
        );
        let ts = event["ts"].as_f64().unwrap();
        let end = ts + event["dur"].as_f64().unwrap();
        let previous = last.insert(row, end).unwrap_or(0.0);
        assert!(
            ts + 1e-6 >= previous,
            "row {row:?}: a slice at {ts} after one ending at {previous}"
        );
    }
}

#[test]
fn every_row_is_named_and_every_flow_is_closed() {
    let events = trace_of("blocking-freeze");
    let named: HashSet<(u64, u64)> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| (e["pid"].as_u64().unwrap(), e["tid"].as_u64().unwrap()))
        .collect();
    for event in events.iter().filter(|e| e["ph"] == "X") {
        let row = (
            event["pid"].as_u64().unwrap(),
            event["tid"].as_u64().unwrap(),
        );
        assert!(named.contains(&row), "row {row:?} has no name");
    }
    let ids = |ph: &str| -> Vec<u64> {
        events
            .iter()
            .filter(|e| e["ph"] == ph)
            .map(|e| e["id"].as_u64().unwrap())
            .collect()
    };
    assert!(!ids("s").is_empty(), "no wake flows");
    assert_eq!(ids("s"), ids("f"));
    let names: Vec<&str> = events
        .iter()
        .filter_map(|e| e["args"]["name"].as_str())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("slow_sync_call")),
        "{names:?}"
    );
    assert!(
        events
            .iter()
            .any(|e| e["ph"] == "i" && e["args"]["kind"] == "blocked_worker")
    );
}
