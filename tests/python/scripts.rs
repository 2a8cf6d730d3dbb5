//! `script` mode: small programs of this folder run unchanged under the module, their
//! names, waits, failures, blocking calls and order checked on the decoded events.

use super::harness::*;
use taskscope::export::json::{KindJson, OutcomeJson, StateJson};
use taskscope::pyrun::wire::Item;

#[test]
fn scripts_keep_their_names_arguments_and_output() {
    if !python_ok() {
        return;
    }
    let run = run_script("named_tasks.py", &["a", "b c"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("argv ['a', 'b c']") && run.stdout.contains("got users orders plain")
    );
    let doc = run.document("named_tasks.py");
    let main = task(&doc, "Task-1");
    assert_eq!(main.kind, KindJson::BlockOn);
    for (name, line) in [("fetch-users", 12), ("fetch-orders", 13)] {
        let lane = task(&doc, name);
        assert_eq!(lane.parent, Some(main.id));
        assert!(
            lane.location
                .as_deref()
                .unwrap()
                .ends_with(&format!("named_tasks.py:{line}"))
        );
        assert_eq!(lane.outcome, OutcomeJson::Ok);
    }
    let users = task(&doc, "fetch-users");
    let wait = users
        .segments
        .iter()
        .find(|s| s.state == StateJson::Waiting)
        .expect("a wait");
    assert_eq!(wait.label.as_deref(), Some("asyncio.sleep(0.05)"));
    assert!(wait.end_ns - wait.start_ns >= 45_000_000);
    let at_sleep = run
        .items
        .iter()
        .any(|i| matches!(i, Item::Position(p) if p.task == users.id && p.line == 7));
    assert!(at_sleep, "fetch-users waits at line 7");
    let plain = doc
        .tasks
        .iter()
        .filter(|t| t.name.starts_with("Task-") && t.id != main.id)
        .count();
    assert_eq!(plain, 1, "the task without a name has asyncio's");
}

#[test]
fn a_script_s_taskgroup_cancels_the_other_member() {
    if !python_ok() {
        return;
    }
    let run = run_script("taskgroup.py", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("caught ['flaky failed']"));
    let doc = run.document("taskgroup.py");
    let flaky = task(&doc, "flaky");
    assert_eq!(flaky.error.as_deref(), Some("ValueError: flaky failed"));
    assert_cancelled_by(&doc, "flaky", &["slow"]);
    assert_eq!(task(&doc, "Task-1").outcome, OutcomeJson::Ok);
}

#[test]
fn a_script_s_blocking_call_holds_the_loop_and_to_thread_does_not() {
    if !python_ok() {
        return;
    }
    let run = run_script("blocking.py", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.document("blocking.py");
    let block = doc.workers[0]
        .busy
        .iter()
        .find(|b| b.end_ns - b.start_ns >= 390_000_000)
        .map(|b| (b.start_ns, b.end_ns))
        .expect("a 0.4 s poll on the loop's thread");
    let ticker = doc.tasks.iter().find(|t| {
        spans(t, StateJson::Scheduled)
            .iter()
            .any(|&s| overlap(block, s) >= 300_000_000)
    });
    assert!(ticker.is_some(), "another task is ready during the block");
    assert!(doc.findings.iter().any(|f| f.kind == "blocked_worker"));
    let thread = doc
        .tasks
        .iter()
        .find(|t| t.kind == KindJson::Blocking)
        .expect("a to_thread lane");
    assert_eq!(thread.name, "asyncio.to_thread(time.sleep)");
    assert!(thread.busy_ns >= 95_000_000);
    assert!(
        thread
            .segments
            .iter()
            .all(|s| s.worker.is_none_or(|w| w >= 1))
    );
    assert!(doc.workers.len() >= 2 && doc.workers[1].blocking_pool);
}

#[test]
fn the_loop_runs_things_in_the_same_order_when_recorded() {
    if !python_ok() {
        return;
    }
    let recorded = run_script("order.py", &[]);
    assert_eq!(recorded.status, 0, "{}", recorded.stderr);
    let plain = plain_output("order.py");
    assert!(
        plain.starts_with("callback a0") && plain.contains("resolve"),
        "{plain}"
    );
    assert_eq!(recorded.stdout, plain);
}

#[test]
fn a_script_s_tasks_say_what_they_wait_on() {
    if !python_ok() {
        return;
    }
    let run = run_script("waits.py", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.document("waits.py");
    let labels = |name: &str| -> Vec<String> {
        let waits = task(&doc, name)
            .segments
            .iter()
            .filter(|s| s.state == StateJson::Waiting);
        waits.filter_map(|s| s.label.clone()).collect()
    };
    let consumer = labels("consumer");
    for expected in ["Queue.get()", "Event.wait()"] {
        assert!(
            consumer.iter().any(|l| l == expected),
            "{expected} in {consumer:?}"
        );
    }
    let main = labels("Task-1");
    for expected in ["asyncio.sleep(0.05)", "asyncio.gather()", "await napper"] {
        assert!(main.iter().any(|l| l == expected), "{expected} in {main:?}");
    }
    assert!(
        labels("producer")
            .iter()
            .all(|l| l == "asyncio.sleep(0.01)")
    );
}
