//! The JSON export follows its contract: field names, types, enum spellings, nulls.

use serde_json::Value;
use taskscope::export::json::{KindJson, OutcomeJson, RunJson, StateJson, to_document};
use taskscope::export::{to_json, to_json_string};
use taskscope::feed::Recorded;
use taskscope::record::{EventKind, TaskKind};
use taskscope::scenario::Flavor;
use taskscope::testkit::{self, Script};

/// The document of a run without a scenario (as an attached process's).
fn document(run: &Recorded) -> RunJson {
    to_document(run, None, None)
}

fn keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[test]
fn it_parses_back_into_the_contract_structs() {
    for t in [testkit::blocking_freeze(), testkit::group_failure()] {
        let doc = document(&t);
        let parsed: RunJson = serde_json::from_str(&to_json_string(&doc)).unwrap();
        assert_eq!(parsed, doc);
        let parsed: RunJson = serde_json::from_value(to_json(&doc)).unwrap();
        assert_eq!(parsed, doc);
    }
}

#[test]
fn it_has_the_contract_fields_and_spellings() {
    let v = to_json(&document(&testkit::group_failure()));
    for key in [
        "scenario",
        "runtime",
        "wall_ns",
        "dropped_events",
        "tasks",
        "workers",
        "findings",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["runtime"]["flavor"], "multi_thread");
    assert_eq!(v["runtime"]["workers"], 2);
    assert_eq!(v["wall_ns"], 301_000_000);
    let main = &v["tasks"][0];
    let task_keys = [
        "busy_ns",
        "ended_ns",
        "error",
        "id",
        "idle_ns",
        "kind",
        "name",
        "outcome",
        "parent",
        "polls",
        "scheduled_ns",
        "segments",
        "spawned_ns",
    ];
    assert!(
        task_keys.iter().all(|k| keys(main).contains(k)),
        "{:?}",
        keys(main)
    );
    assert_eq!(main["parent"], Value::Null);
    assert_eq!(main["kind"], "block_on");
    let flaky = &v["tasks"][1];
    assert_eq!(
        (&flaky["outcome"], &flaky["error"]),
        (&"failed".into(), &"HTTP 503".into())
    );
    let waiting = flaky["segments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["state"] == "waiting")
        .unwrap();
    assert_eq!(
        keys(waiting),
        ["end_ns", "label", "start_ns", "state", "worker"]
    );
    assert_eq!(
        (&waiting["worker"], &waiting["label"]),
        (&Value::Null, &"GET /flaky".into())
    );
    let running = &flaky["segments"][1];
    assert_eq!(
        (&running["state"], &running["worker"]),
        (&"running".into(), &1.into())
    );
    assert_eq!(v["tasks"][2]["outcome"], "cancelled");
    assert_eq!(v["tasks"][5]["kind"], "blocking");
    assert_eq!(
        keys(&v["workers"][2]["busy"][0]),
        ["end_ns", "start_ns", "task"]
    );
    assert_eq!(v["workers"][2]["blocking_pool"], true);
    let finding = &v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "cancelled")
        .unwrap();
    assert_eq!(
        keys(finding),
        ["end_ns", "kind", "message", "start_ns", "tasks"]
    );
    assert_eq!(finding["tasks"], serde_json::json!([1, 2, 3]));
}

#[test]
fn never_polled_and_blocked_worker_are_exported() {
    let doc = document(&testkit::blocking_freeze());
    let email = doc.tasks.iter().find(|t| t.name == "send_email").unwrap();
    assert_eq!(
        (email.kind, email.outcome),
        (KindJson::Future, OutcomeJson::NeverPolled)
    );
    assert!(email.segments.is_empty());
    let kinds: Vec<&str> = doc.findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(kinds, ["never_polled", "blocked_worker", "concurrency"]);
}

#[test]
fn a_live_export_shows_open_segments_up_to_now() {
    let mut s = Script::new("live", Flavor::CurrentThread, 1);
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.ev(10, 0, EventKind::PollStart { worker: 0 });
    s.clock(500);
    s.push(taskscope::source::Item::Dropped(7));
    let t = s.done();
    let doc = document(&t);
    assert_eq!((doc.wall_ns, doc.dropped_events), (500, 7));
    let main = &doc.tasks[0];
    assert_eq!((main.outcome, main.ended_ns), (OutcomeJson::Running, None));
    let last = main.segments.last().unwrap();
    assert_eq!(
        (last.state, last.start_ns, last.end_ns),
        (StateJson::Running, 10, 500)
    );
    assert_eq!(doc.workers[0].busy.last().map(|b| b.end_ns), Some(500));
    assert_eq!(to_json(&doc)["tasks"][0]["ended_ns"], Value::Null);
}

#[test]
fn group_failure_json() {
    insta::assert_snapshot!(to_json_string(&document(&testkit::group_failure())));
}
