//! Inside an asyncio task, through the binary: the call under `asyncio.timeout` and an
//! `until_cancelled`'s call are branch lanes as on tokio (polled inside their task's steps,
//! dropped at the moment their scope cuts them, with the same findings and quiz verdicts),
//! and a wake caused by a task's action names that task. Relationships between measured
//! times only. Skipped, saying so, without CPython 3.11+.

#[path = "support/asyncio.rs"]
mod asyncio;

use std::io::Write;

use asyncio::*;
use taskscope::export::json::{
    BranchOfJson, KindJson, OutcomeJson, RunJson, StateJson, WakerKindJson,
};
use taskscope::export::quiz::MeasuredJson;

fn messages(run: &RunJson) -> Vec<&str> {
    run.findings.iter().map(|f| f.message.as_str()).collect()
}

/// The seconds a finding starting with `prefix` gives (`dropped after 2.00 s`).
fn seconds_after(run: &RunJson, prefix: &str) -> f64 {
    let found = messages(run);
    let after = found
        .iter()
        .find_map(|m| m.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` in {found:?}"));
    let (number, unit) = after.split_once(' ').expect("a figure and its unit");
    let number: f64 = number.parse().expect("a number");
    match unit {
        "s" => number,
        "ms" => number / 1000.0,
        other => panic!("a unit: {other}"),
    }
}

/// Every running span of `inner` lies inside a running span of `outer`.
fn runs_inside(outer: &[(u64, u64)], inner: &[(u64, u64)]) -> bool {
    inner
        .iter()
        .all(|&(s, e)| outer.iter().any(|&(os, oe)| os <= s && e <= oe))
}

#[test]
fn the_call_under_a_timeout_is_a_branch_dropped_at_the_deadline() {
    if !python_ok() {
        return;
    }
    let run = builtin_on_asyncio("select-timeout", "4");
    let main = task(&run, "main");
    let fetch = task(&run, "fetch_report");
    assert_eq!(fetch.kind, KindJson::Branch);
    assert_eq!(fetch.branch_of, Some(BranchOfJson::Timeout));
    assert_eq!(fetch.parent, Some(main.id));
    assert_eq!(fetch.outcome, OutcomeJson::Cancelled);
    // Its polls happen inside main's steps; it waits between them.
    let (outer, inner) = (
        spans(main, StateJson::Running),
        spans(fetch, StateJson::Running),
    );
    assert!(
        inner.len() >= 2 && runs_inside(&outer, &inner),
        "{inner:?} in {outer:?}"
    );
    assert!(!spans(fetch, StateJson::Waiting).is_empty());
    // Dropped at the 2 s deadline (in the scenario's time), not after the 5 s call.
    let after = seconds_after(&run, "timeout: `fetch_report` dropped after ");
    assert!((2.0..2.4).contains(&after), "{after}");
    let quiz = run.quiz.as_ref().expect("a quiz");
    match quiz.measured.as_ref().expect("settled by the run") {
        // How long the call ran, in the scenario's time: the 2 s, not the 5 s.
        MeasuredJson::ScenarioNs(ns) => {
            assert!((2_000_000_000..2_400_000_000).contains(ns), "{ns}")
        }
        other => panic!("a duration: {other:?}"),
    }
}

#[test]
fn a_cancelled_token_drops_the_call_it_ran_and_the_quiz_says_so() {
    if !python_ok() {
        return;
    }
    let text = stdout_ok(&[
        "run",
        "graceful-shutdown",
        "--runtime",
        "asyncio",
        "--headless",
        "--speed",
        "4",
    ]);
    assert!(
        text.contains("measured: handle_requests was cancelled; server finished"),
        "{text}"
    );
    let run = builtin_on_asyncio("graceful-shutdown", "4");
    let (main, server) = (task(&run, "main"), task(&run, "server"));
    let requests = task(&run, "handle_requests");
    assert_eq!(requests.branch_of, Some(BranchOfJson::UntilCancelled));
    assert_eq!(requests.parent, Some(server.id));
    assert_eq!(requests.outcome, OutcomeJson::Cancelled);
    assert!(
        messages(&run).contains(
            &"until_cancelled: `handle_requests` dropped when `main` cancelled its token"
        ),
        "{:?}",
        messages(&run)
    );
    // Its requests' timers woke it (and so the server); main's token woke the server.
    let kinds = |wakers: &[taskscope::export::json::WakerJson]| {
        wakers.iter().map(|w| (w.kind, w.by)).collect::<Vec<_>>()
    };
    assert!(
        kinds(&requests.wakers).contains(&(WakerKindJson::Timer, None)),
        "{:?}",
        requests.wakers
    );
    assert!(
        kinds(&server.wakers).contains(&(WakerKindJson::Task, Some(main.id))),
        "{:?}",
        server.wakers
    );
    assert!(
        !kinds(&server.wakers).contains(&(WakerKindJson::Runtime, None)),
        "{:?}",
        server.wakers
    );
}

#[test]
fn a_scenario_s_timeout_and_token_say_the_same_on_both_runtimes() {
    if !python_ok() {
        return;
    }
    let mut file = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("a file");
    file.write_all(
        br#"
name = "cut-off"
summary = "A call cut off by a timeout; a server stopped by a token; a call that finishes."
[resources]
shutdown = { token = true }
[functions]
main = [
  { timeout = "1s", call = "fetch_ads", on_timeout = "continue" },
  { timeout = "1s", call = "fetch_logo" },
  { spawn = "server" },
  { sleep = "300ms" },
  { cancel = "shutdown" },
  { join = "server" },
]
fetch_ads = [ { sleep = "3s", label = "GET /ads" } ]
fetch_logo = [ { sleep = "100ms", label = "GET /logo" } ]
server = [ { until_cancelled = "shutdown", call = "handle_requests" } ]
handle_requests = [ { pending = true } ]
"#,
    )
    .expect("write");
    let path = file.path().to_str().expect("a path");
    let args = [
        "run",
        path,
        "--headless",
        "--format",
        "json",
        "--speed",
        "2",
    ];
    let tokio = run_json(&args);
    let asyncio = run_json(&[&args[..], &["--runtime", "asyncio"]].concat());
    for run in [&tokio, &asyncio] {
        let outcome = |name| (task(run, name).kind, task(run, name).outcome);
        assert_eq!(
            outcome("fetch_ads"),
            (KindJson::Branch, OutcomeJson::Cancelled)
        );
        assert_eq!(outcome("fetch_logo"), (KindJson::Branch, OutcomeJson::Ok));
        assert_eq!(
            outcome("handle_requests"),
            (KindJson::Branch, OutcomeJson::Cancelled)
        );
        let after = seconds_after(run, "timeout: `fetch_ads` dropped after ");
        assert!((1.0..1.2).contains(&after), "{after}");
    }
    let dropped = |run: &RunJson| {
        let mut found: Vec<String> = messages(run)
            .into_iter()
            .filter(|m| m.starts_with("timeout:") || m.starts_with("until_cancelled:"))
            .map(|m| m.split(" after ").next().unwrap_or(m).to_string())
            .collect();
        found.sort();
        found
    };
    assert_eq!(dropped(&tokio), dropped(&asyncio));
    assert_eq!(dropped(&asyncio).len(), 2, "{:?}", messages(&asyncio));
}

#[test]
fn a_wake_caused_by_a_task_names_that_task_and_a_timer_s_does_not() {
    if !python_ok() {
        return;
    }
    let path = script("wakes.py");
    let run = run_json(&["python", "--headless", "--format", "json", &path]);
    let id = |name| task(&run, name).id;
    let by = |name| {
        let wakers = &task(&run, name).wakers;
        let found: Vec<_> = wakers.iter().map(|w| (w.kind, w.by)).collect();
        assert_eq!(found.len(), 1, "{name}: {wakers:?}");
        found[0]
    };
    let thread = run.tasks.iter().find(|t| t.kind == KindJson::Blocking);
    for (woken, waker) in [
        ("event-waiter", id("setter")),                     // Event.set
        ("getter", id("putter")),                           // Queue.put_nowait
        ("locker", id("holder")),                           // Lock.release
        ("future-waiter", id("resolver")), // set_result by a callback the resolver scheduled
        ("parent", id("child")),           // a TaskGroup's child ended
        ("threaded", thread.expect("a to_thread lane").id), // its thread's work ended
    ] {
        assert_eq!(by(woken), (WakerKindJson::Task, Some(waker)), "{woken}");
    }
    assert_eq!(by("sleeper"), (WakerKindJson::Timer, None));
    let main = run.tasks.iter().find(|t| t.kind == KindJson::BlockOn);
    let main = main.expect("asyncio.run's task");
    assert!(
        main.wakers.iter().all(|w| w.kind != WakerKindJson::Runtime),
        "{:?}",
        main.wakers
    );
}
