//! `taskscope attach` against a real app instrumented with console-subscriber
//! (`examples/console_app.rs`), and against addresses that do not answer.

mod net;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use net::{Killed, free_port, run_with_deadline, wait_for_listener};
use serde_json::Value;

/// `target/debug/examples/console_app`, built if this test binary was built alone.
fn console_app() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/debug/deps/attach-HASH → target/debug/examples/console_app
    let debug_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target dir");
    let app = debug_dir
        .join("examples")
        .join(format!("console_app{}", std::env::consts::EXE_SUFFIX));
    if !app.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let built = Command::new(cargo)
            .args(["build", "--example", "console_app"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status();
        assert!(
            built.is_ok_and(|s| s.success()) && app.exists(),
            "{} is missing and could not be built: run `cargo build --example console_app`",
            app.display()
        );
    }
    app
}

fn attach(args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_taskscope"));
    cmd.arg("attach").args(args);
    run_with_deadline(cmd, Duration::from_secs(60))
}

fn lane<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no lane named {name} in {doc:#}"))
}

/// Durations of a lane's running segments, in ms, but for a poll cut by the start or
/// the end of the watch.
fn running_ms(lane: &Value, wall_ns: u64) -> Vec<f64> {
    lane["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["state"] == "running" && s["start_ns"] != 0 && s["end_ns"] != wall_ns)
        .map(|s| (s["end_ns"].as_u64().unwrap() - s["start_ns"].as_u64().unwrap()) as f64 / 1e6)
        .collect()
}

fn app_counts(doc: &Value, lane: &Value) -> Value {
    doc["attach"]["tasks"]
        .as_array()
        .expect("attach.tasks")
        .iter()
        .find(|t| t["id"] == lane["id"])
        .cloned()
        .expect("the app's counts for a lane")
}

#[test]
fn attach_draws_the_apps_named_tasks_and_its_blocking_polls() {
    let port = free_port();
    let child = Command::new(console_app())
        .arg(port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start console_app");
    let _app = Killed(child);
    wait_for_listener(port, Duration::from_secs(30));

    let addr = format!("127.0.0.1:{port}");
    let args = ["--headless", "--format", "json", "--duration", "3s"];
    let (code, out, err) = attach(&[&addr, args[0], args[1], args[2], args[3], args[4]]);
    assert_eq!(code, Some(0), "stderr: {err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON on stdout");

    // The same contract as a run, plus where the lanes came from.
    for key in [
        "scenario", "runtime", "wall_ns", "tasks", "workers", "findings",
    ] {
        assert!(doc.get(key).is_some(), "no `{key}`");
    }
    assert_eq!(doc["attach"]["status"], "connected");
    assert!(
        doc["attach"]["note"]
            .as_str()
            .unwrap()
            .contains("TOKIO_CONSOLE_PUBLISH_INTERVAL")
    );
    let wall_ms = doc["wall_ns"].as_u64().unwrap() as f64 / 1e6;
    assert!(wall_ms > 2_000.0, "watched for only {wall_ms} ms");

    for name in ["ticker", "yielder", "blocker", "pool-user"] {
        let lane = lane(&doc, name);
        assert_eq!(lane["outcome"], "running", "{name}");
        assert!(
            lane["location"]
                .as_str()
                .unwrap()
                .contains("console_app.rs"),
            "{name}: {}",
            lane["location"]
        );
    }

    // Polls grow over the watch: the ticker (every 100 ms) is seen polled again and again,
    // early and late, and the app counted at least as many polls as the lane shows.
    let ticker = lane(&doc, "ticker");
    let seen = ticker["polls"].as_u64().unwrap();
    let counted = app_counts(&doc, ticker)["app_polls"].as_u64().unwrap();
    assert!(seen >= 5, "ticker polled {seen} times in {wall_ms} ms");
    assert!(counted >= seen, "app counted {counted}, lane shows {seen}");
    let starts: Vec<u64> = (ticker["segments"].as_array().unwrap().iter())
        .filter(|s| s["state"] == "running")
        .map(|s| s["start_ns"].as_u64().unwrap())
        .collect();
    let half = doc["wall_ns"].as_u64().unwrap() / 2;
    assert!(starts.iter().any(|&s| s < half) && starts.iter().any(|&s| s > half));

    // The blocker holds its worker 300 ms per poll: its polls are drawn about that long,
    // and far longer than the ticker's.
    let wall_ns = doc["wall_ns"].as_u64().unwrap();
    let blocker = running_ms(lane(&doc, "blocker"), wall_ns);
    let long: Vec<f64> = blocker.iter().copied().filter(|&ms| ms >= 100.0).collect();
    assert!(long.len() >= 2, "blocker's running segments: {blocker:?}");
    assert!(
        long.iter().all(|&ms| (250.0..2_000.0).contains(&ms)),
        "blocker's long polls should last about 300 ms: {long:?}"
    );
    let ticker_longest = running_ms(ticker, wall_ns).into_iter().fold(0.0, f64::max);
    assert!(
        ticker_longest * 5.0 < long[0],
        "ticker {ticker_longest} ms vs blocker {long:?}"
    );
}

#[test]
fn attach_to_a_closed_port_fails_at_once_naming_the_address() {
    let port = free_port();
    let started = Instant::now();
    let (code, out, err) = attach(&[&format!("127.0.0.1:{port}"), "--headless"]);
    assert_eq!(code, Some(4), "stderr: {err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("cannot attach"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn attach_to_an_address_that_never_answers_gives_up_after_the_connect_timeout() {
    // A bound socket that never accepts: the TCP handshake completes, nothing answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = silent.local_addr().unwrap().port();
    let started = Instant::now();
    let (code, _, err) = attach(&[&port.to_string(), "--headless", "--format", "json"]);
    assert_eq!(code, Some(4), "stderr: {err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("no answer within"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_malformed_address_is_bad_input() {
    let (code, _, err) = attach(&["http://[oops", "--headless"]);
    assert_eq!(code, Some(2), "stderr: {err}");
    assert!(err.contains("http://[oops"), "{err}");
}

/// `console_app` on `port`, killed when the test ends, once it listens.
fn start_app(port: u16) -> Killed {
    let child = Command::new(console_app())
        .arg(port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start console_app");
    let app = Killed(child);
    wait_for_listener(port, Duration::from_secs(30));
    app
}

/// Stops (`-STOP`) or continues (`-CONT`) a process: a frozen app.
fn signal(app: &Killed, sig: &str) {
    let sent = Command::new("kill")
        .args([sig, &app.0.id().to_string()])
        .status();
    assert!(sent.is_ok_and(|s| s.success()), "kill {sig}");
}

/// Attaches headless with JSON for `duration` on a thread, so that the test can act on the
/// app meanwhile.
fn attach_in_background(
    port: u16,
    duration: &str,
) -> std::thread::JoinHandle<(Option<i32>, String, String)> {
    let args = [
        format!("127.0.0.1:{port}"),
        "--headless".into(),
        "--format".into(),
        "json".into(),
        "--duration".into(),
        duration.into(),
    ];
    std::thread::spawn(move || attach(&args.iter().map(String::as_str).collect::<Vec<_>>()))
}

#[test]
fn a_frozen_app_is_reported_as_stalled_on_stderr_and_its_return_too() {
    let port = free_port();
    let app = start_app(port);
    let watch = attach_in_background(port, "6s");
    std::thread::sleep(Duration::from_millis(1_500));
    signal(&app, "-STOP"); // publishes every 50 ms; stalled after 1 s without
    std::thread::sleep(Duration::from_millis(2_500));
    signal(&app, "-CONT");
    let (code, out, err) = watch.join().expect("attach");
    assert_eq!(code, Some(0), "stderr: {err}");
    assert!(err.contains("no update from"), "{err}");
    assert!(err.contains("frozen"), "{err}");
    assert!(err.contains("resumed after"), "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(doc["attach"]["status"], "connected", "updates resumed");
    assert_eq!(doc["attach"]["interruptions"][0]["kind"], "stalled");
    assert!(
        doc["attach"]["interruptions"][0]["for_ns"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[test]
fn an_app_frozen_at_the_end_is_reported_stalled_in_the_json() {
    let port = free_port();
    let app = start_app(port);
    let watch = attach_in_background(port, "4s");
    std::thread::sleep(Duration::from_millis(1_500));
    signal(&app, "-STOP");
    let (code, out, err) = watch.join().expect("attach");
    signal(&app, "-CONT");
    assert_eq!(code, Some(0), "stderr: {err}");
    assert!(err.contains("no update from"), "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(doc["attach"]["status"], "stalled");
    assert!(
        doc["attach"]["error"].as_str().unwrap().contains("frozen"),
        "{}",
        doc["attach"]
    );
}

#[test]
fn a_restarted_app_is_told_on_stderr_and_its_new_tasks_begin_as_they_are() {
    let port = free_port();
    let first = start_app(port);
    let watch = attach_in_background(port, "6s");
    std::thread::sleep(Duration::from_millis(1_500));
    drop(first);
    let _second = start_app(port);
    let (code, out, err) = watch.join().expect("attach");
    assert_eq!(code, Some(0), "stderr: {err}");
    assert!(err.contains("lost the connection to"), "{err}");
    assert!(err.contains("reconnected to"), "{err}");
    assert!(err.contains("the app had restarted"), "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(doc["attach"]["status"], "connected");
    assert_eq!(doc["attach"]["interruptions"][0]["kind"], "lost");
    let tickers: Vec<&Value> = (doc["tasks"].as_array().unwrap().iter())
        .filter(|t| t["name"] == "ticker")
        .collect();
    assert_eq!(tickers.len(), 2, "the old process's and the new one's");
    assert_eq!(tickers[0]["outcome"], "cancelled");
    assert_eq!(tickers[1]["outcome"], "running");
    // The new process's lanes begin after the old one's end (how they begin is checked on
    // simulated updates in the unit tests, where the times are known).
    let old_end = tickers[0]["ended_ns"].as_u64().unwrap();
    assert!(
        tickers[1]["spawned_ns"].as_u64().unwrap() >= old_end,
        "{}",
        tickers[1]
    );
}

#[test]
fn an_address_with_another_scheme_than_http_is_bad_input() {
    for scheme in ["https", "ftp"] {
        let (code, out, err) = attach(&[&format!("{scheme}://127.0.0.1:6669"), "--headless"]);
        assert_eq!(code, Some(2), "stderr: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(&format!("not {scheme}://")), "{err}");
        assert!(err.contains("ADDR"), "{err}");
    }
}
