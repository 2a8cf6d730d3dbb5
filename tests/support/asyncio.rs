//! The binary run on asyncio: `taskscope ... --runtime asyncio` and `taskscope python`, with
//! the interpreter the asyncio tests use, one run at a time (the relationships they check
//! are between times, on a loaded 2-core machine).

#![allow(dead_code)] // each user takes what it needs

use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

use taskscope::export::json::{FindingJson, OutcomeJson, RunJson, StateJson, TaskJson};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The interpreter: `python3`, or the one TASKSCOPE_TEST_PYTHON names (to run these tests
/// on several CPython versions).
pub fn python() -> String {
    std::env::var("TASKSCOPE_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// True when the interpreter is CPython 3.11 or newer; says the test is skipped otherwise.
pub fn python_ok() -> bool {
    let ok = Command::new(python())
        .args(["-c", "import sys; sys.exit(sys.version_info < (3, 11))"])
        .status()
        .is_ok_and(|status| status.success());
    if !ok {
        taskscope::testkit::skipped("python3 >= 3.11 not found");
    }
    ok
}

/// Holds the others back while a timed run goes.
pub fn turn() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner())
}

/// `taskscope ARGS`, its asyncio child on the tests' interpreter.
pub fn taskscope(args: &[&str]) -> Output {
    let _turn = turn();
    Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(args)
        .env("TASKSCOPE_PYTHON", python())
        .output()
        .expect("run taskscope")
}

/// The standard error of `output`, for messages.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `taskscope ARGS` that must succeed: what it printed on stdout.
pub fn stdout_ok(args: &[&str]) -> String {
    let output = taskscope(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// `taskscope ARGS` that must succeed and print a run's JSON.
pub fn run_json(args: &[&str]) -> RunJson {
    serde_json::from_str(&stdout_ok(args)).expect("the run's JSON")
}

/// A built-in run headless on asyncio at `speed`, as JSON.
pub fn builtin_on_asyncio(name: &str, speed: &str) -> RunJson {
    let args = [
        "run",
        name,
        "--runtime",
        "asyncio",
        "--headless",
        "--format",
        "json",
    ];
    run_json(&[&args[..], &["--speed", speed]].concat())
}

/// The task called `name` (the test fails without one).
pub fn task<'a>(run: &'a RunJson, name: &str) -> &'a TaskJson {
    let names: Vec<&str> = run.tasks.iter().map(|t| t.name.as_str()).collect();
    run.tasks
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no task `{name}` in {names:?}"))
}

/// The first finding of `kind` (the test fails without one).
pub fn finding<'a>(run: &'a RunJson, kind: &str) -> &'a FindingJson {
    let found = run.findings.iter().find(|f| f.kind == kind);
    found.unwrap_or_else(|| panic!("no `{kind}` finding in {:?}", run.findings))
}

/// Asserts that the task `failed` failed, that each of `siblings` was cancelled within
/// 20 ms of it, and that the `cancelled` finding names `failed` as the reason: a failure's
/// cancellation of its group, on any runtime.
pub fn assert_cancelled_by(run: &RunJson, failed: &str, siblings: &[&str]) {
    let failure = task(run, failed);
    assert_eq!(failure.outcome, OutcomeJson::Failed, "{failed}");
    let failed_at = failure.ended_ns.expect("it ended");
    for &name in siblings {
        let sibling = task(run, name);
        assert_eq!(sibling.outcome, OutcomeJson::Cancelled, "{name}");
        let late = sibling.ended_ns.expect("it ended") - failed_at;
        assert!(
            late <= 20_000_000,
            "{name} cancelled {late} ns after the failure"
        );
    }
    let cancelled = finding(run, "cancelled");
    let because = format!("because `{failed}` failed");
    assert!(
        cancelled.message.contains(&because),
        "{}",
        cancelled.message
    );
}

/// The task called `name` whose parent is called `parent`.
pub fn child<'a>(run: &'a RunJson, parent: &str, name: &str) -> &'a TaskJson {
    let parent = task(run, parent).id;
    let found = run
        .tasks
        .iter()
        .find(|t| t.parent == Some(parent) && t.name == name);
    found.unwrap_or_else(|| panic!("no `{name}` under its parent"))
}

/// From its creation to its end.
pub fn lifetime(task: &TaskJson) -> u64 {
    task.ended_ns.expect("it ended") - task.spawned_ns
}

/// How long two spans overlap.
pub fn overlap(a: (u64, u64), b: (u64, u64)) -> u64 {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// The task's spans in `state`.
pub fn spans(task: &TaskJson, state: StateJson) -> Vec<(u64, u64)> {
    let spans = task.segments.iter().filter(|s| s.state == state);
    spans.map(|s| (s.start_ns, s.end_ns)).collect()
}

/// The path of a program of tests/python/.
pub fn script(name: &str) -> String {
    format!("{}/tests/python/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The processes whose parent is `pid`, with their command names.
pub fn children_of(pid: u32) -> Vec<(u32, String)> {
    let procs = std::fs::read_dir("/proc").expect("/proc");
    let stats = procs.filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("stat")).ok());
    stats
        .filter_map(|stat| {
            // pid (comm) state ppid ...
            let (head, rest) = stat.rsplit_once(") ")?;
            let (id, comm) = head.split_once(" (")?;
            let ppid = rest.split(' ').nth(1)?.parse::<u32>().ok()?;
            let id: u32 = id.parse().ok()?;
            (ppid == pid).then(|| (id, comm.to_string()))
        })
        .collect()
}

/// Makes this test process the reaper of its descendants' orphans, one that never reaps
/// them: a python3 that taskscope left unreaped stays here as a zombie, whatever the
/// system's pid 1 does, so [`assert_gone`] sees it.
pub fn become_subreaper() {
    // SAFETY: a plain prctl on this process.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1) };
}

/// A program in `dir` whose one task sleeps for a minute: a python3 that outlives the test
/// unless taskscope ends it.
pub fn long_program(dir: &std::path::Path) -> String {
    let path = dir.join("long.py");
    std::fs::write(&path, "import asyncio\nasyncio.run(asyncio.sleep(60))\n").expect("write");
    path.to_str().expect("a UTF-8 path").to_string()
}

/// Asserts that process `pid` is gone: neither running nor a zombie left unreaped.
pub fn assert_gone(pid: u32, context: &str) {
    let left = std::fs::read_to_string(format!("/proc/{pid}/stat"));
    assert!(left.is_err(), "{context}: python3 left behind: {left:?}");
}
