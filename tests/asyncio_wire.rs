//! The asyncio module run for real by python3 (skipped, saying so, without CPython 3.11+):
//! built-in scenarios as Programs, a Program of its own, and small scripts of tests/python/,
//! their events decoded and folded as a Source will. Times are compared with each other,
//! never with absolute values.

#[path = "python/harness.rs"]
mod harness;
#[path = "python/scripts.rs"]
mod scripts;

use harness::{
    Run, assert_cancelled_by, lifetime, overlap, program_json, python_ok, run_module, run_program,
    spans, task,
};
use taskscope::export::json::{KindJson, OutcomeJson, RunJson, StateJson, TaskJson};
use taskscope::pyrun::wire::Item;
use taskscope::record::EventKind;

/// Scripted durations run this many times faster than written.
const SPEED: f64 = 4.0;

fn scaled_ms(ms: u64) -> u64 {
    (ms as f64 * 1e6 / SPEED) as u64
}

fn builtin(name: &str) -> (Run, RunJson) {
    let scenario = taskscope::scenario::builtin(name).expect("a built-in");
    let run = run_program(&program_json(&scenario), SPEED);
    let document = run.document(name);
    (run, document)
}

#[test]
fn await_chain_takes_about_twice_the_concurrent_group() {
    if !python_ok() {
        return;
    }
    let chain = lifetime(task(&builtin("await-chain").1, "main"));
    let group = lifetime(task(&builtin("concurrent-group").1, "main"));
    // Each built-in awaits two 1.5 s calls: in turn, then as a group.
    assert!(
        chain as f64 >= 1.9 * scaled_ms(1500) as f64,
        "chain {chain}"
    );
    assert!(
        group as f64 <= 1.3 * scaled_ms(1500) as f64,
        "group {group}"
    );
    let ratio = chain as f64 / group as f64;
    assert!((1.6..=2.2).contains(&ratio), "chain / group = {ratio}");
}

#[test]
fn blocking_freeze_shows_the_others_ready_from_their_deadlines() {
    if !python_ok() {
        return;
    }
    let (run, doc) = builtin("blocking-freeze");
    let blocker = task(&doc, "slow_sync_call");
    let block = doc.workers[0]
        .busy
        .iter()
        .find(|b| b.task == blocker.id && b.end_ns - b.start_ns >= scaled_ms(2000) * 98 / 100)
        .map(|b| (b.start_ns, b.end_ns))
        .expect("the blocking call holds the loop's thread for its 2 s");
    for name in ["heartbeat", "fetch_weather"] {
        let lane = task(&doc, name);
        let starved = spans(lane, StateJson::Scheduled)
            .into_iter()
            .find(|&s| overlap(block, s) > 0);
        let starved = starved.unwrap_or_else(|| panic!("{name} is never ready during the block"));
        assert!(
            starved.0 < block.1 - scaled_ms(2000) / 2,
            "{name} ready only at {}",
            starved.0
        );
        assert!(starved.1 >= block.1, "{name} ran before the block ended");
        // Ready from its timer's deadline, woken by the loop only after the block.
        let armed = run.items.iter().find_map(|item| match item {
            Item::Event(e) if e.task == lane.id => match e.kind {
                EventKind::TimerArmed { after_us } => Some(e.at_ns + u64::from(after_us) * 1000),
                _ => None,
            },
            _ => None,
        });
        let due = armed.expect("a timer deadline");
        assert!(
            starved.0.abs_diff(due) <= 1_000_000,
            "{name}: ready at {} but due at {due}",
            starved.0
        );
        let woken = run.items.iter().any(|item| {
            matches!(item, Item::Event(e) if e.task == lane.id
                && matches!(e.kind, EventKind::Woken { .. }) && e.at_ns >= block.1)
        });
        assert!(woken, "{name} is woken after the block");
    }
    assert!(
        doc.findings.iter().any(|f| f.kind == "blocked_worker"),
        "{:?}",
        doc.findings
    );
}

#[test]
fn failure_cancellation_cancels_the_siblings_within_milliseconds() {
    if !python_ok() {
        return;
    }
    let (_run, doc) = builtin("failure-cancellation");
    let flaky = task(&doc, "flaky_call");
    assert_eq!(flaky.error.as_deref(), Some("HTTP 503 from news service"));
    assert_cancelled_by(&doc, "flaky_call", &["fetch_weather", "fetch_news"]);
    assert_eq!(task(&doc, "main").outcome, OutcomeJson::Failed);
}

#[test]
fn forgot_await_has_a_never_awaited_coroutine_and_its_warning() {
    if !python_ok() {
        return;
    }
    let (run, doc) = builtin("forgot-await");
    let forgotten: Vec<&TaskJson> = doc
        .tasks
        .iter()
        .filter(|t| t.outcome == OutcomeJson::NeverPolled)
        .collect();
    assert_eq!(forgotten.len(), 1);
    let email = forgotten[0];
    assert_eq!(
        (email.name.as_str(), email.kind, email.polls),
        ("send_email", KindJson::Future, 0)
    );
    assert_eq!(email.parent, Some(task(&doc, "main").id));
    let text = "RuntimeWarning: coroutine 'send_email' was never awaited";
    let warned = run
        .items
        .iter()
        .any(|i| matches!(i, Item::NeverAwaited(w) if w.task == email.id && w.text == text));
    assert!(warned, "the warning's text is sent");
    assert!(
        run.stderr.contains(text),
        "CPython warned as usual:\n{}",
        run.stderr
    );
    assert!(doc.findings.iter().any(|f| f.kind == "never_polled"));
}

#[test]
fn gather_siblings_finish_but_taskgroup_siblings_are_cancelled() {
    if !python_ok() {
        return;
    }
    let program = include_str!("python/programs/gather_vs_taskgroup.json");
    let doc = run_program(program, SPEED).document("gather-vs-taskgroup");
    let child_of = |parent: &str, name: &str| -> &TaskJson {
        let parent = task(&doc, parent).id;
        let found = doc
            .tasks
            .iter()
            .find(|t| t.parent == Some(parent) && t.name == name);
        found.unwrap_or_else(|| panic!("no `{name}` under the task that runs it"))
    };
    let (report, gathered_flaky) = (
        child_of("gathered", "slow_report"),
        child_of("gathered", "flaky"),
    );
    assert_eq!(gathered_flaky.outcome, OutcomeJson::Failed);
    assert_eq!(
        report.outcome,
        OutcomeJson::Ok,
        "gather does not cancel the siblings"
    );
    assert!(report.ended_ns.unwrap() >= gathered_flaky.ended_ns.unwrap() + scaled_ms(700));
    let (fetch, grouped_flaky) = (
        child_of("grouped", "slow_fetch"),
        child_of("grouped", "flaky_fetch"),
    );
    assert_eq!(grouped_flaky.outcome, OutcomeJson::Failed);
    assert_eq!(
        fetch.outcome,
        OutcomeJson::Cancelled,
        "TaskGroup cancels the siblings"
    );
    assert!(fetch.ended_ns.unwrap() - grouped_flaky.ended_ns.unwrap() <= 20_000_000);
    assert_eq!(task(&doc, "gathered").outcome, OutcomeJson::Failed);
}

#[test]
fn a_scenario_reports_its_steps_and_where_each_task_waits() {
    if !python_ok() {
        return;
    }
    let scenario = taskscope::scenario::builtin("blocking-freeze").unwrap();
    let (run, doc) = builtin("blocking-freeze");
    let tick = scenario
        .steps()
        .find(|(f, _)| f.name == "tick")
        .unwrap()
        .1
        .id;
    let heartbeat = task(&doc, "heartbeat").id;
    let started = |step: u32| {
        run.items.iter().filter(move |i| {
            matches!(i, Item::Event(e) if e.task == heartbeat && e.kind == EventKind::StepStarted { step })
        })
    };
    assert_eq!(started(tick).count(), 5, "five ticks");
    let positions: Vec<_> = run
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Position(p) if p.task == heartbeat => Some(p),
            _ => None,
        })
        .collect();
    assert!(!positions.is_empty());
    assert!(
        positions
            .iter()
            .all(|p| p.step == Some(tick) && p.file.starts_with("<taskscope scenario"))
    );
    assert_eq!(task(&doc, "main").kind, KindJson::BlockOn);
    let slow = task(&doc, "slow_sync_call");
    assert_eq!(
        slow.location.as_deref(),
        Some(format!("test:{}", scenario.steps().next().unwrap().1.line).as_str())
    );
}

#[test]
fn events_arrive_while_the_loop_is_blocked() {
    if !python_ok() {
        return;
    }
    let (run, _doc) = builtin("blocking-freeze");
    let scenario = taskscope::scenario::builtin("blocking-freeze").unwrap();
    let block = scenario
        .steps()
        .find(|(_, s)| s.action.verb() == "block")
        .unwrap()
        .1
        .id;
    let position = |wanted: &dyn Fn(&Item) -> bool| run.items.iter().position(wanted).unwrap();
    let started = position(
        &|i| matches!(i, Item::Event(e) if e.kind == EventKind::StepStarted { step: block }),
    );
    let ended = position(&|i| matches!(i, Item::Exit(_)));
    let early = run.arrived[ended].saturating_sub(run.arrived[started]);
    assert!(
        early.as_nanos() as u64 >= scaled_ms(2000) * 3 / 4,
        "the block's start came {early:?} before the end"
    );
}

#[test]
fn a_bad_program_is_refused_with_what_was_expected() {
    if !python_ok() {
        return;
    }
    let program = r#"{"version": 2, "name": "x", "main": 0, "functions": [], "resources": []}"#;
    let run = run_module("scenario", &["--program", "-"], Some(program), None);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("program.version: expected 1, found 2"),
        "{}",
        run.stderr
    );
    let exit = run.items.iter().find_map(|i| match i {
        Item::Exit(exit) => Some(exit),
        _ => None,
    });
    let exit = exit.expect("an EXIT record");
    assert_eq!(exit.status, 2);
    assert!(exit.message.as_deref().unwrap().contains("program.version"));
}

#[test]
fn a_closed_pipe_ends_the_child_quietly() {
    if !python_ok() {
        return;
    }
    // A 60 s wait: the child must not wait it out once nobody reads its events.
    let program = r#"{"version": 1, "name": "long", "main": 0, "resources": [],
        "functions": [{"name": "main", "line": 1, "slots": 0, "steps": [
            {"id": 0, "line": 2, "label": null, "say": null, "do": "sleep", "ns": 60000000000}]}]}"#;
    let run = run_module("scenario", &["--program", "-"], Some(program), Some(1));
    assert_eq!(run.status, 0);
    assert_eq!(run.stderr, "", "no traceback");
    assert!(
        run.elapsed.as_secs() < 30,
        "it ran on for {:?}",
        run.elapsed
    );
}

#[test]
fn the_module_fits_in_one_command_line_argument() {
    // `python3 -c MODULE`: Linux takes at most 128 KiB in one argument.
    assert!(
        taskscope::pyrun::MODULE.len() < 100_000,
        "{} bytes",
        taskscope::pyrun::MODULE.len()
    );
}

#[test]
fn every_builtin_runs_on_asyncio_to_its_end() {
    if !python_ok() {
        return;
    }
    for each in taskscope::scenario::builtins() {
        let name = each.name;
        let (run, doc) = builtin(name);
        let exit = run.items.iter().find_map(|item| match item {
            Item::Exit(exit) => Some(exit.status),
            _ => None,
        });
        assert_eq!(exit, Some(0), "{}: {}", name, run.stderr);
        assert_eq!(doc.dropped_events, 0, "{}", name);
        for t in &doc.tasks {
            assert_ne!(t.outcome, OutcomeJson::Running, "{} / {}", name, t.name);
            let running: u64 = t
                .segments
                .iter()
                .filter(|s| s.state == StateJson::Running)
                .map(|s| s.end_ns - s.start_ns)
                .sum();
            assert_eq!(running, t.busy_ns, "{} / {}", name, t.name);
        }
        let stderr = run.stderr.replace(
            "RuntimeWarning: coroutine 'send_email' was never awaited",
            "",
        );
        assert!(!stderr.contains("Error"), "{}:\n{}", name, run.stderr);
    }
}

#[test]
fn a_bad_events_target_is_refused_with_what_was_expected() {
    if !python_ok() {
        return;
    }
    for target in ["fd:99", "unix:/nonexistent/events.sock", "tcp:1"] {
        let output = std::process::Command::new(harness::python())
            .args([
                "-c",
                taskscope::pyrun::MODULE,
                "script",
                "--events",
                target,
                "x.py",
            ])
            .output()
            .expect("run python3");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{target}: {stderr}");
        assert!(stderr.contains(&format!("--events {target}")), "{stderr}");
        assert!(!stderr.contains("Traceback"), "{stderr}");
    }
}
