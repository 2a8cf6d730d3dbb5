//! Every built-in scenario, run for real by the binary (`run NAME --headless --format json`),
//! checked against the relationships its lesson claims. Times are compared with each other,
//! never with absolute values, and the scenarios run sped up.

#[path = "support/command.rs"]
mod command;

use std::sync::Mutex;

use taskscope::export::json::{KindJson, OutcomeJson, RunJson, StateJson, TaskJson};

use command::taskscope_ok;

/// Scripted durations run this many times faster than written.
const SPEED: f64 = 4.0;

/// A scripted duration of `ms` milliseconds, as it runs at [`SPEED`], in ns.
fn scaled_ms(ms: u64) -> u64 {
    (ms as f64 * 1e6 / SPEED) as u64
}

/// A measured span that must cover a scripted duration: the runner times steps with the
/// OS clock, the recorder stamps events with the calibrated TSC; the two may disagree by a
/// fraction of a percent.
fn at_least(ms: u64) -> u64 {
    scaled_ms(ms) * 98 / 100
}

/// The runs are timing-sensitive: one at a time, so they don't compete for the 2 cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn run(name: &str) -> RunJson {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let speed = SPEED.to_string();
    let output = taskscope_ok(&[
        "run",
        name,
        "--headless",
        "--format",
        "json",
        "--speed",
        &speed,
    ]);
    serde_json::from_slice(&output.stdout).expect("the JSON contract")
}

fn task<'a>(run: &'a RunJson, name: &str) -> &'a TaskJson {
    run.tasks
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no task `{name}` in {:?}", names(run)))
}

fn names(run: &RunJson) -> Vec<&str> {
    run.tasks.iter().map(|t| t.name.as_str()).collect()
}

/// The waiting segments of a task whose label contains `text`, as (start, end).
fn waits(task: &TaskJson, text: &str) -> Vec<(u64, u64)> {
    task.segments
        .iter()
        .filter(|s| s.state == StateJson::Waiting)
        .filter(|s| s.label.as_deref().is_some_and(|l| l.contains(text)))
        .map(|s| (s.start_ns, s.end_ns))
        .collect()
}

fn overlap(a: (u64, u64), b: (u64, u64)) -> u64 {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

#[test]
fn await_chain_takes_the_sum_of_its_waits() {
    let run = run("await-chain");
    let single = scaled_ms(1500);
    assert!(
        run.wall_ns as f64 >= 1.9 * single as f64,
        "wall {}",
        run.wall_ns
    );
    let main = task(&run, "main");
    let weather = waits(main, "/weather");
    let news = waits(main, "/news");
    assert!(
        !weather.is_empty() && !news.is_empty(),
        "{:?}",
        main.segments
    );
    let weather_end = weather.iter().map(|w| w.1).max().unwrap();
    let news_start = news.iter().map(|w| w.0).min().unwrap();
    assert!(
        weather_end <= news_start,
        "the second call began before the first ended"
    );
}

#[test]
fn concurrent_group_takes_the_longest_wait() {
    let run = run("concurrent-group");
    let single = scaled_ms(1500);
    assert!(
        run.wall_ns as f64 <= 1.3 * single as f64,
        "wall {}",
        run.wall_ns
    );
    let weather = waits(task(&run, "fetch_weather"), "/weather");
    let news = waits(task(&run, "fetch_news"), "/news");
    let shared: u64 = weather
        .iter()
        .flat_map(|&w| news.iter().map(move |&n| overlap(w, n)))
        .sum();
    assert!(
        shared as f64 >= 0.8 * single as f64,
        "the waits overlap only {shared} ns"
    );
}

#[test]
fn blocking_freeze_starves_the_other_tasks() {
    let run = run("blocking-freeze");
    let block = scaled_ms(2000);
    let worker = &run.workers[0];
    let long = worker
        .busy
        .iter()
        .find(|b| b.end_ns - b.start_ns >= at_least(2000))
        .expect("a poll at least as long as the blocking call");
    let poll = (long.start_ns, long.end_ns);
    let starved = run
        .tasks
        .iter()
        .filter(|t| t.id != long.task)
        .map(|t| {
            t.segments
                .iter()
                .filter(|s| s.state == StateJson::Scheduled)
                .map(|s| overlap(poll, (s.start_ns, s.end_ns)))
                .sum::<u64>()
        })
        .max()
        .unwrap_or(0);
    assert!(
        starved as f64 >= 0.8 * block as f64,
        "scheduled only {starved} ns of {block}"
    );
    assert!(
        run.findings.iter().any(|f| f.kind == "blocked_worker"),
        "{:?}",
        run.findings
    );
}

#[test]
fn blocking_fixed_keeps_the_workers_free() {
    let run = run("blocking-fixed");
    let runtime_workers = run.runtime.workers;
    for worker in run.workers.iter().filter(|w| w.index < runtime_workers) {
        for busy in &worker.busy {
            assert!(
                busy.end_ns - busy.start_ns < 10_000_000,
                "a {} ns poll",
                busy.end_ns - busy.start_ns
            );
        }
    }
    let blocking = run
        .tasks
        .iter()
        .find(|t| t.kind == KindJson::Blocking)
        .expect("a blocking-pool task");
    assert!(
        blocking.busy_ns >= scaled_ms(2000),
        "busy {}",
        blocking.busy_ns
    );
    assert!(
        blocking
            .segments
            .iter()
            .all(|s| s.worker.is_none_or(|w| w >= runtime_workers))
    );
    assert!(run.findings.iter().all(|f| f.kind != "blocked_worker"));
}

#[test]
fn failure_cancels_the_siblings_at_once() {
    let run = run("failure-cancellation");
    let failed: Vec<&TaskJson> = run
        .tasks
        .iter()
        .filter(|t| t.outcome == OutcomeJson::Failed && t.kind == KindJson::Task)
        .collect();
    assert_eq!(failed.len(), 1, "{:?}", names(&run));
    let failed = failed[0];
    let failed_at = failed.ended_ns.expect("the failed task ended");
    assert!(failed.error.as_deref().is_some_and(|e| !e.is_empty()));
    let siblings: Vec<&TaskJson> = run
        .tasks
        .iter()
        .filter(|t| t.parent == failed.parent && t.id != failed.id)
        .collect();
    assert!(!siblings.is_empty());
    for sibling in siblings {
        let ended = sibling.ended_ns.expect("every sibling ended");
        if ended > failed_at {
            assert_eq!(sibling.outcome, OutcomeJson::Cancelled, "{}", sibling.name);
            assert!(
                ended - failed_at <= 20_000_000,
                "{} cancelled {} ns late",
                sibling.name,
                ended - failed_at
            );
        }
    }
    assert!(
        run.findings.iter().any(|f| f.kind == "cancelled"),
        "{:?}",
        run.findings
    );
}

#[test]
fn forgot_await_never_runs_the_body() {
    let run = run("forgot-await");
    let forgotten: Vec<&TaskJson> = run
        .tasks
        .iter()
        .filter(|t| t.outcome == OutcomeJson::NeverPolled)
        .collect();
    assert_eq!(forgotten.len(), 1, "{:?}", names(&run));
    let future = forgotten[0];
    assert_eq!(future.kind, KindJson::Future);
    assert_eq!(future.polls, 0);
    assert!(future.segments.is_empty(), "nothing waited on it");
    assert!(run.findings.iter().any(|f| f.kind == "never_polled"));
}

#[test]
fn select_timeout_drops_the_slow_call_at_the_deadline() {
    let run = run("select-timeout");
    let main = task(&run, "main");
    assert_eq!(main.outcome, OutcomeJson::Ok);
    // The slow call would take 5 s; the deadline is 2 s.
    assert!(run.wall_ns < scaled_ms(3000), "wall {}", run.wall_ns);
    assert!(run.wall_ns >= at_least(2000), "wall {}", run.wall_ns);
    // The call is a branch of main, dropped at the deadline, and said so.
    let report = task(&run, "fetch_report");
    assert_eq!(report.kind, KindJson::Branch);
    assert_eq!(report.outcome, OutcomeJson::Cancelled);
    let lived = report.ended_ns.unwrap() - report.spawned_ns;
    assert!(
        lived >= at_least(2000) && lived < scaled_ms(2500),
        "{lived}"
    );
    assert!(
        run.findings.iter().any(|f| f
            .message
            .starts_with("timeout: `fetch_report` dropped after 2.")),
        "{:?}",
        run.findings
    );
}

/// The race of hedged-requests, as branches of main: the winner ends, the loser is
/// dropped at once; their polls are main's.
#[test]
fn hedged_requests_drops_the_loser_when_the_winner_ends() {
    let run = run("hedged-requests");
    let main = task(&run, "main");
    let branches: Vec<&TaskJson> = run
        .tasks
        .iter()
        .filter(|t| t.kind == KindJson::Branch && t.parent == Some(main.id))
        .collect();
    assert_eq!(branches.len(), 2, "{:?}", names(&run));
    let winner = task(&run, "hedge");
    let loser = task(&run, "ask_primary");
    assert_eq!(winner.outcome, OutcomeJson::Ok);
    assert_eq!(loser.outcome, OutcomeJson::Cancelled);
    let (won, dropped) = (winner.ended_ns.unwrap(), loser.ended_ns.unwrap());
    assert!(
        dropped >= won && dropped - won <= 5_000_000,
        "dropped {} ns after the winner ended",
        dropped.saturating_sub(won)
    );
    // The winner answered after the hedge's wait and the replica's call, long before the
    // primary would have.
    assert!(
        won - winner.spawned_ns >= at_least(1500),
        "{}",
        won - winner.spawned_ns
    );
    assert!(won - winner.spawned_ns < scaled_ms(4000));
    let branch_busy: u64 = branches.iter().map(|b| b.busy_ns).sum();
    assert!(
        branch_busy <= main.busy_ns,
        "{branch_busy} > {}",
        main.busy_ns
    );
    assert!(
        run.findings
            .iter()
            .any(|f| f.message == "race: `ask_primary` dropped when `hedge` finished first"),
        "{:?}",
        run.findings
    );
}

/// agent-loop: main is in flight the whole run, so at least one task always is.
#[test]
fn agent_loop_counts_main_in_flight_the_whole_run() {
    let run = run("agent-loop");
    let main = task(&run, "main");
    let main_life = main.ended_ns.unwrap() - main.spawned_ns;
    assert!(main_life as f64 >= 0.95 * run.wall_ns as f64);
    assert!(run.concurrency >= 1.0, "{}", run.concurrency);
    let tasks: Vec<_> = ["main", "search_web", "read_calendar", "query_db"]
        .iter()
        .map(|n| task(&run, n))
        .collect();
    let lives: u64 = tasks
        .iter()
        .map(|t| t.ended_ns.unwrap() - t.spawned_ns)
        .sum();
    // Over the stretch the lanes draw: from the first task's spawn to the last one's end.
    let first = tasks.iter().map(|t| t.spawned_ns).min().unwrap();
    let last = tasks.iter().map(|t| t.ended_ns.unwrap()).max().unwrap();
    let expected = lives as f64 / (last - first) as f64;
    assert!(
        (run.concurrency - expected).abs() < 0.01,
        "{} vs {expected}",
        run.concurrency
    );
}

#[test]
fn multi_thread_blocking_stalls_one_worker_only() {
    let run = run("multi-thread-blocking");
    assert_eq!(run.runtime.workers, 4);
    let (blocked, poll) = run
        .workers
        .iter()
        .find_map(|w| {
            w.busy
                .iter()
                .find(|b| b.end_ns - b.start_ns >= scaled_ms(1000))
                .map(|b| (w.index, (b.start_ns, b.end_ns)))
        })
        .expect("a worker held by the blocking call");
    let others_polled = run
        .workers
        .iter()
        .filter(|w| w.index != blocked && !w.blocking_pool)
        .flat_map(|w| &w.busy)
        .filter(|b| overlap(poll, (b.start_ns, b.end_ns)) > 0)
        .count();
    assert!(
        others_polled >= 10,
        "only {others_polled} polls on the other workers meanwhile"
    );
}

#[test]
fn every_builtin_reports_consistent_numbers() {
    for builtin in taskscope::scenario::builtins() {
        let run = run(builtin.name);
        assert_eq!(run.dropped_events, 0, "{}", builtin.name);
        for branch in run.tasks.iter().filter(|t| t.kind == KindJson::Branch) {
            let host = run.tasks.iter().find(|t| Some(t.id) == branch.parent);
            assert!(host.is_some(), "{} / {}", builtin.name, branch.name);
        }
        for t in &run.tasks {
            let running: u64 = t
                .segments
                .iter()
                .filter(|s| s.state == StateJson::Running)
                .map(|s| s.end_ns - s.start_ns)
                .sum();
            assert_eq!(running, t.busy_ns, "{} / {}", builtin.name, t.name);
            assert_ne!(
                t.outcome,
                OutcomeJson::Running,
                "{} / {}",
                builtin.name,
                t.name
            );
        }
    }
}
