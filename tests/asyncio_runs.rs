//! The built-ins run on CPython's asyncio loop through the binary (`run --runtime asyncio`):
//! the relationships that hold on tokio hold there too, measured as relationships between
//! times, never absolute ones (see `asyncio_cli.rs` for the commands around a run). Skipped,
//! saying so, without CPython 3.11+.

#[path = "support/asyncio.rs"]
mod asyncio;

use asyncio::*;
use taskscope::export::json::{FlavorJson, KindJson, OutcomeJson, RunJson, StateJson};
use taskscope::record::EventKind;
use taskscope::source::{Entry, Item};

/// Scripted durations run this many times faster than written.
const SPEED: f64 = 4.0;

/// `ms` of a scenario's time, in real ns at [`SPEED`].
fn scaled_ms(ms: u64) -> u64 {
    (ms as f64 * 1e6 / SPEED) as u64
}

fn on_asyncio(name: &str) -> RunJson {
    let run = builtin_on_asyncio(name, &SPEED.to_string());
    assert_eq!(run.runtime.flavor, FlavorJson::Asyncio, "{name}");
    run
}

/// When each of `task`'s timers was due, from the run's tape.
fn deadlines(run: &RunJson, task: u32) -> Vec<u64> {
    let events = run.tape.entries().iter().filter_map(|entry| match entry {
        Entry::Item(Item::Event(e)) if e.task == task => Some(*e),
        _ => None,
    });
    events
        .filter_map(|e| match e.kind {
            EventKind::TimerArmed { after_us } => Some(e.at_ns + u64::from(after_us) * 1000),
            _ => None,
        })
        .collect()
}

#[test]
fn await_chain_takes_about_twice_the_concurrent_group_on_asyncio() {
    if !python_ok() {
        return;
    }
    let chain = lifetime(task(&on_asyncio("await-chain"), "main"));
    let group = lifetime(task(&on_asyncio("concurrent-group"), "main"));
    // Each awaits two 1.5 s calls: one after the other, then as a group.
    assert!(chain >= scaled_ms(3000) * 98 / 100, "chain {chain}");
    assert!(group >= scaled_ms(1500) * 98 / 100, "group {group}");
    let ratio = chain as f64 / group as f64;
    assert!((1.6..=2.1).contains(&ratio), "chain / group = {ratio}");
}

#[test]
fn blocking_freeze_keeps_the_others_ready_from_their_deadlines_on_asyncio() {
    if !python_ok() {
        return;
    }
    let run = on_asyncio("blocking-freeze");
    assert_eq!(run.runtime.workers, 1, "one loop");
    let blocker = task(&run, "slow_sync_call");
    let block = run.workers[0]
        .busy
        .iter()
        .find(|b| b.task == blocker.id && b.end_ns - b.start_ns >= scaled_ms(2000) * 98 / 100)
        .map(|b| (b.start_ns, b.end_ns))
        .expect("time.sleep holds the loop's thread for its 2 s");
    for name in ["heartbeat", "fetch_weather"] {
        let lane = task(&run, name);
        let ready = spans(lane, StateJson::Scheduled)
            .into_iter()
            .find(|&s| overlap(block, s) > 0)
            .unwrap_or_else(|| panic!("{name} is never ready during the block"));
        // Ready from its timer's deadline, long before the loop could run it...
        let due = deadlines(&run, lane.id)
            .into_iter()
            .filter(|&d| d >= block.0 && d < block.1)
            .min()
            .unwrap_or_else(|| panic!("{name} has a timer due during the block"));
        assert!(
            ready.0.abs_diff(due) <= 2_000_000,
            "{name}: ready at {} due at {due}",
            ready.0
        );
        assert!(
            ready.0 + scaled_ms(2000) / 2 < block.1,
            "{name} ready only at {}",
            ready.0
        );
        // ...for about the rest of the block.
        assert!(ready.1 >= block.1, "{name} ran before the block ended");
        assert!(
            ready.1 - block.1 <= 20_000_000,
            "{name} ran only at {}",
            ready.1
        );
    }
    let blocked = finding(&run, "blocked_worker");
    // Without a label in the file, the step says what it is in asyncio's words.
    assert!(
        blocked.message.contains("`time.sleep(2)`"),
        "{}",
        blocked.message
    );
}

#[test]
fn failure_cancellation_cancels_the_siblings_within_milliseconds_on_asyncio() {
    if !python_ok() {
        return;
    }
    let run = on_asyncio("failure-cancellation");
    assert_cancelled_by(&run, "flaky_call", &["fetch_weather", "fetch_news"]);
    // The four lanes are alive together to their end, as on tokio: the same figure, though
    // asyncio.run's clean-up after the last task's end is part of the run's wall.
    let last_end = run.tasks.iter().filter_map(|t| t.ended_ns).max();
    assert!(
        last_end.is_some_and(|end| end < run.wall_ns),
        "{last_end:?}"
    );
    let tokio = run_json(&[
        "run",
        "failure-cancellation",
        "--headless",
        "--format",
        "json",
        "--speed",
        &SPEED.to_string(),
    ]);
    assert!(
        (run.concurrency - tokio.concurrency).abs() < 0.01,
        "asyncio {} tokio {}",
        run.concurrency,
        tokio.concurrency
    );
}

#[test]
fn forgot_await_has_a_never_awaited_coroutine_and_the_warning_as_its_finding() {
    if !python_ok() {
        return;
    }
    let run = on_asyncio("forgot-await");
    let email = task(&run, "send_email");
    assert_eq!(
        (email.kind, email.outcome, email.polls),
        (KindJson::Future, OutcomeJson::NeverPolled, 0)
    );
    let warning = "RuntimeWarning: coroutine 'send_email' was never awaited";
    assert_eq!(email.error.as_deref(), Some(warning));
    let never = finding(&run, "never_polled");
    assert!(never.message.contains(warning), "{}", never.message);
    assert_eq!(never.tasks, [email.id]);
}

#[test]
fn missing_await_warning_warns_once_per_forgotten_call_on_asyncio() {
    if !python_ok() {
        return;
    }
    let run = on_asyncio("missing-await-warning");
    let audits: Vec<_> = run.tasks.iter().filter(|t| t.name == "audit").collect();
    assert_eq!(audits.len(), 3);
    let warning = "RuntimeWarning: coroutine 'audit' was never awaited";
    for audit in &audits {
        assert_eq!(audit.outcome, OutcomeJson::NeverPolled);
        assert_eq!(audit.error.as_deref(), Some(warning));
    }
    let warned = run
        .findings
        .iter()
        .filter(|f| f.message.contains(warning))
        .count();
    assert_eq!(warned, 3, "{:?}", run.findings);
    // Each forgotten call is made after its order is saved: 0.4 s apart.
    let made: Vec<u64> = audits.iter().map(|a| a.spawned_ns).collect();
    assert!(
        made.windows(2)
            .all(|w| w[1] - w[0] >= scaled_ms(400) * 95 / 100),
        "{made:?}"
    );
}

#[test]
fn gather_lets_the_sibling_finish_and_the_taskgroup_cancels_it() {
    if !python_ok() {
        return;
    }
    let asyncio = on_asyncio("gather-vs-taskgroup");
    let tokio = run_json(&[
        "run",
        "gather-vs-taskgroup",
        "--headless",
        "--format",
        "json",
        "--speed",
        "4",
    ]);
    for (runtime, run) in [("asyncio", &asyncio), ("tokio", &tokio)] {
        let flaky = child(run, "gathered", "flaky_call");
        let report = child(run, "gathered", "build_report");
        assert_eq!(flaky.outcome, OutcomeJson::Failed, "{runtime}");
        assert_eq!(
            report.outcome,
            OutcomeJson::Ok,
            "{runtime}: gather cancels nothing"
        );
        assert!(
            report.ended_ns.unwrap() >= flaky.ended_ns.unwrap() + scaled_ms(600),
            "{runtime}"
        );
        let flaky = child(run, "grouped", "flaky_call");
        let prices = child(run, "grouped", "fetch_prices");
        assert_eq!(
            prices.outcome,
            OutcomeJson::Cancelled,
            "{runtime}: the group cancels"
        );
        let late = prices.ended_ns.unwrap() - flaky.ended_ns.unwrap();
        assert!(
            late <= 20_000_000,
            "{runtime}: cancelled {late} ns after the failure"
        );
        assert_eq!(
            task(run, "gathered").outcome,
            OutcomeJson::Failed,
            "{runtime}"
        );
        let quiz = run.quiz.as_ref().unwrap();
        let right: Vec<&str> = quiz
            .right
            .iter()
            .map(|&i| quiz.choices[i].as_str())
            .collect();
        assert_eq!(right, ["fetch_prices"], "{runtime}: {}", quiz.verdict);
    }
    // gather hands the error over at once on asyncio (the report runs on alone); tokio's
    // join! waits for the report first.
    let ended = |run: &RunJson, name: &str| task(run, name).ended_ns.unwrap();
    let report = |run: &RunJson| child(run, "gathered", "build_report").ended_ns.unwrap();
    assert!(ended(&asyncio, "gathered") + scaled_ms(600) <= report(&asyncio));
    assert!(ended(&tokio, "gathered") >= report(&tokio));
    assert_eq!(
        child(&asyncio, "gathered", "build_report").kind,
        KindJson::Task,
        "gather makes tasks"
    );
    assert_eq!(
        child(&tokio, "gathered", "build_report").kind,
        KindJson::Branch
    );
}

#[test]
fn every_builtin_runs_to_its_end_on_asyncio() {
    if !python_ok() {
        return;
    }
    let mut unsettled = Vec::new();
    for builtin in taskscope::scenario::builtins() {
        let run = builtin_on_asyncio(builtin.name, "8");
        assert_eq!(run.dropped_events, 0, "{}", builtin.name);
        for t in &run.tasks {
            assert_ne!(
                t.outcome,
                OutcomeJson::Running,
                "{} / {}",
                builtin.name,
                t.name
            );
        }
        if run.quiz.is_none_or(|q| q.measured.is_none()) {
            unsettled.push(builtin.name);
        }
    }
    // Every built-in's question is one an asyncio run settles: the call under
    // asyncio.timeout is a branch lane as on tokio, and `[asyncio.quiz]` asks its own.
    assert!(unsettled.is_empty(), "{unsettled:?}");
}
