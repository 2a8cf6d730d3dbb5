//! Runs the asyncio module for real (`python3 -c MODULE ...`), reads its events from a Unix
//! socket as they come, decodes them and folds them into a timeline.

use std::io::Read;
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use taskscope::export::json::{RunJson, to_document};
use taskscope::feed::Recorded;
use taskscope::pyrun::MODULE;
use taskscope::pyrun::wire::{Decoder, Item};
use taskscope::runner::step_label;
use taskscope::scenario::{Action, Flavor, OnTimeout, ResourceKind, Scenario};
use taskscope::source::{Item as Fed, RunInfo};

// The interpreter, the one-run-at-a-time turn and the readers of a run's tasks are the
// binary's asyncio tests' own.
#[path = "../support/asyncio.rs"]
mod asyncio;
use asyncio::turn;
pub use asyncio::{assert_cancelled_by, lifetime, overlap, python, python_ok, spans, task};

/// A child that has not ended after this long is stuck.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One run of the module: what it sent (with when each item arrived), and how it ended.
pub struct Run {
    /// The decoded items, in stream order.
    pub items: Vec<Item>,
    /// When each item arrived, since the child started.
    pub arrived: Vec<Duration>,
    /// The child's exit status.
    pub status: i32,
    /// What the child wrote on its stdout and stderr.
    pub stdout: String,
    /// See `stdout`.
    pub stderr: String,
    /// How long the child ran.
    pub elapsed: Duration,
}

impl Run {
    /// The run folded into a timeline (closed at the EXIT record), as the JSON document.
    pub fn document(&self, name: &str) -> RunJson {
        to_document(&self.recorded(name), None, None)
    }

    /// The run folded as a source's batches would be (with its tape), closed at the EXIT
    /// record.
    fn recorded(&self, name: &str) -> Recorded {
        let mut run = Recorded::new(RunInfo::tokio(name, Flavor::CurrentThread, 1));
        let mut end = 0;
        for item in &self.items {
            match item {
                Item::Meta(meta) => run.push(Fed::Meta(Box::new(meta.clone()))),
                Item::Event(event) => run.push(Fed::Event(*event)),
                Item::Exit(exit) => end = exit.at_ns,
                _ => {}
            }
        }
        run.push(Fed::End(end));
        run
    }
}

/// Runs the module with `args` (after the mode, without `--events`), reading its events
/// from a socket; with `close_after`, the reader hangs up after that many bytes.
pub fn run_module(
    mode: &str,
    args: &[&str],
    stdin: Option<&str>,
    close_after: Option<usize>,
) -> Run {
    let _turn = turn();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let socket = dir.path().join("events.sock");
    let listener = UnixListener::bind(&socket).expect("bind the events socket");
    let started = Instant::now();
    let mut child = Command::new(python())
        .args(["-c", MODULE, mode, "--events"])
        .arg(format!("unix:{}", socket.display()))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start python3");
    if let Some(text) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(text.as_bytes()).expect("write the program");
    }
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let stdout = std::thread::spawn(move || read_all(&mut out));
    let stderr = std::thread::spawn(move || read_all(&mut err));
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    let mut items = Vec::new();
    let mut arrived = Vec::new();
    let mut connection = None;
    while connection.is_none() && started.elapsed() < TIMEOUT {
        match listener.accept() {
            Ok((stream, _)) => connection = Some(stream),
            Err(_) if child.try_wait().expect("wait").is_some() => break,
            Err(_) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    if let Some(mut stream) = connection {
        stream.set_nonblocking(false).expect("a blocking stream");
        stream
            .set_read_timeout(Some(TIMEOUT))
            .expect("a read timeout");
        let mut decoder = Decoder::new();
        let mut buf = vec![0; 1 << 16];
        let mut total = 0;
        loop {
            let n = stream.read(&mut buf).expect("read events");
            if n == 0 {
                break;
            }
            total += n;
            let before = items.len();
            decoder
                .feed(&buf[..n], &mut items)
                .expect("a well-formed stream");
            arrived.resize(items.len().max(before), started.elapsed());
            if close_after.is_some_and(|limit| total >= limit) {
                break; // hang up: the child must notice and end
            }
        }
        if close_after.is_none() {
            decoder
                .finish(&mut items)
                .expect("the stream ends between records");
        }
    }
    let status = wait(&mut child);
    let elapsed = started.elapsed();
    Run {
        elapsed,
        items,
        arrived,
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn read_all(pipe: &mut impl Read) -> String {
    let mut text = String::new();
    let _ = pipe.read_to_string(&mut text);
    text
}

fn wait(child: &mut std::process::Child) -> i32 {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code().unwrap_or(-1);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("the python3 child did not end");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Runs a scenario Program (JSON) at `speed`.
pub fn run_program(program: &str, speed: f64) -> Run {
    let speed = speed.to_string();
    let args = ["--program", "-", "--speed", &speed, "--origin", "test"];
    let run = run_module("scenario", &args, Some(program), None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run
}

/// Runs a script of tests/python/ with its arguments.
pub fn run_script(name: &str, args: &[&str]) -> Run {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python")
        .join(name);
    let path = path.to_str().expect("a UTF-8 path").to_string();
    let mut all = vec![path.as_str()];
    all.extend_from_slice(args);
    run_module("script", &all, None, None)
}

/// What a script of tests/python/ prints when python3 runs it alone, without the module.
pub fn plain_output(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python")
        .join(name);
    let output = Command::new(python())
        .arg(path)
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A built-in scenario as the Program JSON of docs/program-format (written here from the
/// parsed scenario until the compiled `Program` serializes itself).
pub fn program_json(scenario: &Scenario) -> String {
    let function = |name: &str| {
        scenario
            .functions
            .iter()
            .position(|f| f.name == name)
            .unwrap()
    };
    let resource = |name: &str| {
        scenario
            .resources
            .iter()
            .position(|r| r.name == name)
            .unwrap()
    };
    let functions: Vec<Value> = scenario
        .functions
        .iter()
        .map(|f| {
            let mut slots: Vec<&str> = Vec::new();
            let steps: Vec<Value> = f
                .steps
                .iter()
                .map(|step| {
                    let mut v = match &step.action {
                        Action::Sleep(d) => json!({"do": "sleep", "ns": d.as_nanos() as u64}),
                        Action::Call(g) => json!({"do": "call", "fn": function(g)}),
                        Action::Spawn(m) => {
                            slots.push(&m.task);
                            json!({"do": "spawn", "fn": function(&m.function), "task": m.task, "slot": slots.len() - 1})
                        }
                        Action::Join(name) => {
                            let slot = slots.iter().position(|s| s == name).unwrap();
                            json!({"do": "join", "slot": slot, "task": name})
                        }
                        Action::Group(members) => {
                            let members: Vec<Value> = members
                                .iter()
                                .map(|m| json!({"fn": function(&m.function), "task": m.task}))
                                .collect();
                            json!({"do": "group", "members": members})
                        }
                        Action::JoinAll(fs) | Action::Race(fs) => {
                            let verb = if matches!(step.action, Action::Race(_)) { "race" } else { "join_all" };
                            json!({"do": verb, "fns": fs.iter().map(|g| function(g)).collect::<Vec<_>>()})
                        }
                        Action::Timeout { limit, function: g, on_timeout } => json!({
                            "do": "timeout", "ns": limit.as_nanos() as u64, "fn": function(g),
                            "continue": *on_timeout == OnTimeout::Continue
                        }),
                        Action::Block(d) => json!({"do": "block", "ns": d.as_nanos() as u64}),
                        Action::Spin(d) => json!({"do": "spin", "ns": d.as_nanos() as u64}),
                        Action::SpawnBlocking(d) => json!({
                            "do": "spawn_blocking", "ns": d.as_nanos() as u64,
                            "task": step_label(step).unwrap_or_default()
                        }),
                        Action::Yield => json!({"do": "yield"}),
                        Action::Fail(text) => json!({"do": "fail", "text": text}),
                        Action::Panic(text) => json!({"do": "panic", "text": text}),
                        Action::Forget(g) => json!({"do": "forget", "fn": function(g), "task": g}),
                        Action::Repeat { times, function: g } => {
                            json!({"do": "repeat", "times": times, "fn": function(g)})
                        }
                        Action::WithPermit { semaphore, function: g } => {
                            json!({"do": "with_permit", "res": resource(semaphore), "fn": function(g)})
                        }
                        Action::Lock { mutex, function: g } => {
                            json!({"do": "lock", "res": resource(mutex), "fn": function(g)})
                        }
                        Action::Cancel(token) => json!({"do": "cancel", "res": resource(token)}),
                        Action::UntilCancelled { token, function: g } => {
                            json!({"do": "until_cancelled", "res": resource(token), "fn": function(g)})
                        }
                        Action::Pending => json!({"do": "pending"}),
                        Action::Stream { items, each } => json!({
                            "do": "stream", "items": items, "each_ns": each.map(|d| d.as_nanos() as u64)
                        }),
                    };
                    let fields = v.as_object_mut().unwrap();
                    fields.insert("id".into(), json!(step.id));
                    fields.insert("line".into(), json!(step.line));
                    fields.insert("label".into(), json!(step.label));
                    fields.insert("say".into(), json!(step.say));
                    v
                })
                .collect();
            json!({"name": f.name, "line": f.line, "slots": slots.len(), "steps": steps})
        })
        .collect();
    let resources: Vec<Value> = scenario
        .resources
        .iter()
        .map(|r| match r.kind {
            ResourceKind::Semaphore { permits } => {
                json!({"name": r.name, "kind": "semaphore", "permits": permits})
            }
            ResourceKind::Mutex => json!({"name": r.name, "kind": "mutex"}),
            ResourceKind::Token => json!({"name": r.name, "kind": "token"}),
        })
        .collect();
    json!({
        "version": 1, "name": scenario.name, "main": function("main"),
        "functions": functions, "resources": resources
    })
    .to_string()
}
