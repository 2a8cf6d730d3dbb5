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

/// graceful-shutdown: the server's `until_cancelled` call is a branch row under it, and the
/// wake that ends it starts on main's row (main cancelled the token), inside main's poll.
#[test]
fn branches_have_rows_and_a_wake_by_a_task_starts_on_its_row() {
    let events = trace_of("graceful-shutdown");
    let rows: HashMap<u64, String> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name" && e["pid"] == 1)
        .map(|e| {
            let name = e["args"]["name"].as_str().unwrap().to_string();
            (e["tid"].as_u64().unwrap(), name)
        })
        .collect();
    let row_of = |name: &str| {
        let found = rows.iter().find(|(_, n)| n.trim_start().starts_with(name));
        *found.unwrap_or_else(|| panic!("no row {name}: {rows:?}")).0
    };
    assert!(
        rows[&row_of("handle_requests")].contains("(until_cancelled branch)"),
        "{rows:?}"
    );
    let (main, server) = (row_of("main"), row_of("server"));
    let polls_of = |tid: u64| -> Vec<(f64, f64)> {
        let polls = events.iter().filter(|e| e["ph"] == "X" && e["pid"] == 1);
        let polls = polls.filter(|e| e["tid"] == tid && e["cat"] == "poll");
        polls
            .map(|e| {
                let ts = e["ts"].as_f64().unwrap();
                (ts, ts + e["dur"].as_f64().unwrap())
            })
            .collect()
    };
    let ends_on_server: HashSet<u64> = events
        .iter()
        .filter(|e| e["ph"] == "f" && e["tid"] == server)
        .map(|e| e["id"].as_u64().unwrap())
        .collect();
    let from_main: Vec<f64> = events
        .iter()
        .filter(|e| e["ph"] == "s" && e["tid"] == main)
        .filter(|e| ends_on_server.contains(&e["id"].as_u64().unwrap()))
        .map(|e| e["ts"].as_f64().unwrap())
        .collect();
    assert_eq!(from_main.len(), 1, "one wake of the server by main");
    let at = from_main[0];
    assert!(
        polls_of(main).iter().any(|p| p.0 <= at && at <= p.1),
        "the wake at {at} is not inside one of main's polls"
    );
}
