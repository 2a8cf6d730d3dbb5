//! `taskscope run --console`: the scenario's runtime is served to tokio-console. A plain
//! console-api client stands in for tokio-console (which is not installed here).

#[path = "support/command.rs"]
mod command;
mod net;

use std::collections::{HashMap, HashSet};
use std::process::{Command, Stdio};
use std::time::Duration;

use taskscope::feed::{Pace, record_to_end};

use command::scenario_file;
use console_api::field::Name;
use console_api::instrument::InstrumentRequest;
use console_api::instrument::instrument_client::InstrumentClient;
use net::{Killed, free_port, run_with_deadline, wait_for_listener};

/// Two named tasks that sleep long enough for a client to connect on a loaded machine.
const SCENARIO: &str = r#"
name = "console-serve"
summary = "Two named tasks sleep while a console client watches."

[functions]
main = [ { group = ["sleepy_alpha", "sleepy_beta"] } ]
sleepy_alpha = [ { sleep = "20s" } ]
sleepy_beta = [ { sleep = "20s" } ]
"#;

/// Watches the console server on `port` until every name in `wanted` was announced as a
/// task's `task.name`, or `limit` passes; returns the task names and spawn locations seen.
async fn tasks_seen(port: u16, wanted: &[&str], limit: Duration) -> (HashSet<String>, Vec<String>) {
    let mut client = InstrumentClient::connect(format!("http://127.0.0.1:{port}"))
        .await
        .expect("connect to the console server");
    let mut updates = client
        .watch_updates(InstrumentRequest {})
        .await
        .expect("watch updates")
        .into_inner();
    let mut field_names: HashMap<u64, Vec<String>> = HashMap::new();
    let mut seen = HashSet::new();
    let mut locations = Vec::new();
    let deadline = tokio::time::Instant::now() + limit;
    while !wanted.iter().all(|w| seen.contains(*w)) {
        let next = tokio::time::timeout_at(deadline, updates.message()).await;
        let Ok(Ok(Some(update))) = next else { break };
        for m in update.new_metadata.iter().flat_map(|r| &r.metadata) {
            if let (Some(id), Some(meta)) = (m.id, &m.metadata) {
                field_names.insert(id.id, meta.field_names.clone());
            }
        }
        for task in update.task_update.iter().flat_map(|t| &t.new_tasks) {
            locations.extend(task.location.as_ref().map(|l| format!("{:?}", l.file)));
            for field in &task.fields {
                let name = match &field.name {
                    Some(Name::StrName(n)) => Some(n.clone()),
                    Some(Name::NameIdx(i)) => field
                        .metadata_id
                        .or(task.metadata)
                        .and_then(|m| field_names.get(&m.id)?.get(*i as usize).cloned()),
                    None => None,
                };
                if let (Some("task.name"), Some(value)) = (name.as_deref(), &field.value) {
                    seen.insert(value.to_string());
                }
            }
        }
    }
    (seen, locations)
}

#[test]
fn tokio_console_sees_the_scenarios_tasks_by_name() {
    let file = scenario_file(SCENARIO);
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["run", file.path().to_str().unwrap(), "--headless"])
        .args(["--console", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start taskscope");
    let _run = Killed(child);
    wait_for_listener(port, Duration::from_secs(30));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let wanted = ["sleepy_alpha", "sleepy_beta"];
    let (seen, locations) = runtime.block_on(tasks_seen(port, &wanted, Duration::from_secs(15)));
    for name in wanted {
        assert!(seen.contains(name), "{name} not among {seen:?}");
    }
    // Only the scenario's runtime is traced: not the console server's own tasks.
    for server_crate in ["console-subscriber", "tonic", "hyper", "h2-"] {
        assert!(
            !locations.iter().any(|l| l.contains(server_crate)),
            "the console lists a task of {server_crate}: {locations:?}"
        );
    }
}

#[test]
fn a_console_port_in_use_is_a_clear_error_naming_the_port() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = busy.local_addr().unwrap().port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taskscope"));
    cmd.args(["run", "await-chain", "--headless", "--console"])
        .arg(format!("127.0.0.1:{port}"));
    let (code, out, err) = run_with_deadline(cmd, Duration::from_secs(30));
    assert_eq!(code, Some(4), "stderr: {err}");
    assert!(out.is_empty(), "the scenario must not run: {out}");
    assert!(err.contains(&format!("port {port}")), "{err}");
    assert!(err.contains("in use"), "{err}");
}

/// Names, kinds and outcomes of a headless JSON run of `concurrent-group`, with `extra` args.
fn concurrent_group(extra: &[&str]) -> (Vec<(String, String, String)>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taskscope"));
    cmd.args([
        "run",
        "concurrent-group",
        "--headless",
        "--format",
        "json",
        "--speed",
        "4",
    ])
    .args(extra);
    let (code, out, err) = run_with_deadline(cmd, Duration::from_secs(60));
    assert_eq!(code, Some(0), "stderr: {err}");
    let run: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(run["dropped_events"], 0);
    let tasks = run["tasks"].as_array().expect("tasks").iter();
    let lanes = tasks
        .map(|t| {
            let field = |k: &str| t[k].as_str().unwrap_or_default().to_string();
            (field("name"), field("kind"), field("outcome"))
        })
        .collect();
    (lanes, err)
}

#[test]
fn the_run_records_the_same_lanes_with_the_console_on() {
    let port = free_port();
    let (plain, _) = concurrent_group(&[]);
    let (served, err) = concurrent_group(&["--console", &port.to_string()]);
    assert!(
        err.contains(&format!("tokio-console http://127.0.0.1:{port}")),
        "{err}"
    );
    assert_eq!(plain, served);
}

/// The dashboard's way: a run served with `--console` and an attach session in one process,
/// both drained into timelines while the run goes on.
#[test]
fn an_attach_session_draws_a_run_served_in_the_same_process() {
    use std::sync::Arc;

    use taskscope::attach::{AttachOptions, Session, Target};
    use taskscope::feed::Recorded;
    use taskscope::runner::{self, RunOptions, console};
    use taskscope::source::{Source, Status};

    let tap = console::serve("127.0.0.1:0".parse().unwrap()).expect("serve on a free port");
    let scenario = taskscope::scenario::builtin("concurrent-group").expect("built-in");
    let options = RunOptions {
        speed: 0.5,
        console: Some(tap),
        ..RunOptions::default()
    };
    let mut run = runner::start(Arc::new(scenario), options);
    let mut recorded = Recorded::new(run.info().clone());
    let attach = AttachOptions {
        workers: 1,
        ..AttachOptions::default()
    };
    let target = Target::parse(&tap.addr().to_string()).expect("address");
    let mut session = Session::connect(target, attach);
    let mut attached = Recorded::new(session.info().clone());
    let wanted = ["fetch_weather", "fetch_news"];
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let has = |t: &taskscope::timeline::Timeline, name: &str| {
        t.tasks()
            .iter()
            .any(|lane| lane.name == name && lane.stats().polls > 0)
    };
    while !wanted.iter().all(|w| has(&attached.timeline, w)) {
        assert!(
            std::time::Instant::now() < deadline,
            "attached lanes: {:?}, status {:?}",
            (attached.timeline.tasks().iter())
                .map(|l| &l.name)
                .collect::<Vec<_>>(),
            session.status()
        );
        assert!(
            !matches!(session.status(), Status::Failed(_)),
            "{:?}",
            session.status()
        );
        recorded.take(&mut run.drained());
        attached.take(&mut session.drained());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(session.status(), Status::Live);
    for name in wanted {
        assert!(
            has(&recorded.timeline, name),
            "the run's own lanes lack {name}"
        );
        let lane = (attached.timeline.tasks().iter())
            .find(|l| l.name == name)
            .unwrap();
        let (info, counts) = session.task(lane.id).expect("the app's view of the lane");
        assert!(
            info.location
                .as_deref()
                .unwrap_or("")
                .contains("src/runner")
        );
        assert!(counts.polls >= lane.stats().polls);
    }
}

/// The end of a run with a console watching: the console is sent the final state (every
/// task done, every poll counted) before `finish` returns, then the stream closes.
#[test]
fn a_connected_console_is_sent_the_final_state_before_the_run_lets_go() {
    use std::sync::Arc;
    use taskscope::runner::console::{self, FinalPublish};
    use taskscope::runner::{self, RunOptions};

    let tap = console::serve("127.0.0.1:0".parse().unwrap()).expect("serve on a free port");
    let port = tap.addr().port();
    let (subscribed, is_subscribed) = std::sync::mpsc::channel();
    let watcher = std::thread::spawn(move || {
        let first = move |view: &net::console::ConsoleView| {
            if view.updates == 1 {
                let _ = subscribed.send(());
            }
            false
        };
        net::console::watch_blocking(port, first, Duration::from_secs(60))
    });
    is_subscribed
        .recv_timeout(Duration::from_secs(30))
        .expect("the console's first update");
    let scenario = taskscope::scenario::builtin("concurrent-group").expect("built-in");
    let options = RunOptions {
        speed: 4.0,
        console: Some(tap),
        ..RunOptions::default()
    };
    let mut sources = [runner::start(Arc::new(scenario), options)];
    let (mut runs, timed_out) =
        record_to_end(&mut sources, Pace::headless(Duration::from_secs(60)));
    assert!(!timed_out);
    let timeline = runs.remove(0).timeline;
    let started = std::time::Instant::now();
    assert_eq!(tap.finish(), FinalPublish::Delivered);
    let waited = started.elapsed();
    let (view, closed) = watcher.join().expect("the watcher");
    assert!(
        closed,
        "the server closes the stream once the final state is out"
    );
    assert!(
        waited < Duration::from_secs(3),
        "bounded by about one publish interval: {waited:?}"
    );
    assert!(!view.tasks.is_empty());
    for task in view.tasks.values() {
        assert!(task.dropped, "the console still has {task:?} alive");
    }
    // tokio-console counts one poll more per task than taskscope (see the README): tracing
    // enters a task's span once more to drop its future.
    for lane in timeline.tasks() {
        let console_polls: Vec<u64> = match lane.kind {
            taskscope::record::TaskKind::BlockOn => (view.tasks.values())
                .filter(|t| t.kind == "block_on")
                .map(|t| t.polls)
                .collect(),
            _ => view.named(&lane.name).map(|t| t.polls).collect(),
        };
        assert_eq!(
            console_polls,
            [lane.stats().polls + 1],
            "{}: the console's polls against taskscope's {}",
            lane.name,
            lane.stats().polls
        );
    }
}

#[test]
fn with_no_console_connected_the_end_does_not_wait() {
    use taskscope::runner::console::{self, FinalPublish};
    let tap = console::serve("127.0.0.1:0".parse().unwrap()).expect("serve on a free port");
    let started = std::time::Instant::now();
    assert_eq!(tap.finish(), FinalPublish::NobodyWatching);
    // Far less than the one publish interval (1 s) a connected console would cost.
    assert!(started.elapsed() < Duration::from_millis(200));
}

/// The binary: a headless run whose console is watched ends only once that console has the
/// run's final state, and exits 0.
#[test]
fn a_headless_run_ends_with_its_final_state_in_the_connected_console() {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["run", "concurrent-group", "--headless", "--speed", "0.5"])
        .args(["--console", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start taskscope");
    let mut run = Killed(child);
    wait_for_listener(port, Duration::from_secs(30));
    let (view, closed) = net::console::watch_blocking(port, |_| false, Duration::from_secs(60));
    let status = run.0.wait().expect("the run's exit");
    assert!(status.success(), "{status:?}");
    assert!(closed, "the stream ends when the run does");
    for name in ["fetch_weather", "fetch_news"] {
        let tasks: Vec<_> = view.named(name).collect();
        assert_eq!(tasks.len(), 1, "{name}: {view:?}");
        assert!(tasks[0].dropped, "{name} still alive in the console");
    }
    assert!(view.tasks.values().all(|t| t.dropped), "{view:?}");
}

#[test]
fn a_console_on_every_interface_is_announced_with_a_warning_and_a_usable_address() {
    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taskscope"));
    cmd.args(["run", "concurrent-group", "--headless", "--speed", "8"])
        .arg(format!("--console=0.0.0.0:{port}"));
    let (code, _, err) = run_with_deadline(cmd, Duration::from_secs(60));
    assert_eq!(code, Some(0), "stderr: {err}");
    assert!(err.contains("warning"), "{err}");
    assert!(err.contains("anyone who can reach it"), "{err}");
    assert!(
        err.contains(&format!("tokio-console http://127.0.0.1:{port}")),
        "{err}"
    );
    assert!(!err.contains("http://0.0.0.0"), "{err}");
}

#[test]
fn a_console_address_with_another_scheme_is_bad_input_naming_the_flag() {
    for scheme in ["https", "ftp"] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_taskscope"));
        cmd.args(["run", "await-chain", "--headless"])
            .arg(format!("--console={scheme}://127.0.0.1:6669"));
        let (code, out, err) = run_with_deadline(cmd, Duration::from_secs(30));
        assert_eq!(code, Some(2), "stderr: {err}");
        assert!(out.is_empty(), "the scenario must not run: {out}");
        assert!(err.contains("--console"), "{err}");
        assert!(err.contains(&format!("not {scheme}://")), "{err}");
    }
}
