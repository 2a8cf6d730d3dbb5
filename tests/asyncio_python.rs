//! `taskscope python SCRIPT` through the binary, on small programs of tests/python/: every
//! task appears with its asyncio name and creation site, and its states are where the
//! program puts them; the program's output and exit status reach the person; `record` and
//! `export` take a `.py`, and a saved run of a program opens again. Skipped, saying so,
//! without CPython 3.11+.

#[path = "support/asyncio.rs"]
mod asyncio;

use asyncio::*;
use taskscope::export::json::{FlavorJson, KindJson, OutcomeJson, RunJson, StateJson};

fn python_json(name: &str, args: &[&str]) -> (RunJson, String) {
    let path = script(name);
    let all = [
        &["python", "--headless", "--format", "json", &path][..],
        args,
    ]
    .concat();
    let output = taskscope(&all);
    assert!(output.status.success(), "{name}: {}", stderr(&output));
    let doc = serde_json::from_slice(&output.stdout).expect("only the run's JSON on stdout");
    (doc, stderr(&output))
}

#[test]
fn named_tasks_appear_with_their_names_creation_sites_and_waits() {
    if !python_ok() {
        return;
    }
    let (run, stderr) = python_json("named_tasks.py", &["a", "--b c"]);
    assert_eq!(run.runtime.flavor, FlavorJson::Asyncio);
    assert_eq!(run.scenario, "named_tasks.py");
    // The program's own output goes to stderr, so stdout holds only the JSON.
    assert!(
        stderr.contains("argv ['a', '--b c']") && stderr.contains("got users orders plain"),
        "{stderr}"
    );
    let main = task(&run, "Task-1");
    assert_eq!(main.kind, KindJson::BlockOn);
    for (name, line, wait) in [("fetch-users", 12, 50), ("fetch-orders", 13, 100)] {
        let lane = task(&run, name);
        assert_eq!(lane.parent, Some(main.id));
        let location = lane.location.as_deref().unwrap();
        assert!(
            location.ends_with(&format!("tests/python/named_tasks.py:{line}")),
            "{location}"
        );
        let waited: u64 = spans(lane, StateJson::Waiting)
            .iter()
            .map(|s| s.1 - s.0)
            .sum();
        assert!(
            waited >= wait * 1_000_000 * 95 / 100,
            "{name} waited {waited} ns"
        );
        assert_eq!(lane.outcome, OutcomeJson::Ok);
    }
    assert!(
        run.tasks.iter().any(|t| t.name == "Task-4"),
        "the unnamed task has asyncio's name"
    );
    let program = run.script.expect("the program travels with the run");
    assert_eq!(
        (program.args, program.exit_status),
        (vec!["a".to_string(), "--b c".to_string()], Some(0))
    );
    assert!(program.path.ends_with("tests/python/named_tasks.py"));
    assert!(program.text.unwrap().contains("name=\"fetch-users\""));
}

#[test]
fn a_taskgroup_s_failing_member_cancels_the_other_one() {
    if !python_ok() {
        return;
    }
    let (run, _) = python_json("taskgroup.py", &[]);
    let (slow, flaky) = (task(&run, "slow"), task(&run, "flaky"));
    assert_eq!(flaky.outcome, OutcomeJson::Failed);
    assert_eq!(flaky.error.as_deref(), Some("ValueError: flaky failed"));
    assert_eq!(slow.outcome, OutcomeJson::Cancelled);
    assert!(slow.ended_ns.unwrap() - flaky.ended_ns.unwrap() <= 20_000_000);
    assert_eq!(
        task(&run, "Task-1").outcome,
        OutcomeJson::Ok,
        "the program caught it"
    );
}

#[test]
fn a_blocking_call_holds_the_loop_and_to_thread_does_not() {
    if !python_ok() {
        return;
    }
    let (run, _) = python_json("blocking.py", &[]);
    // gather made a task of each coroutine, named by asyncio: Task-2 and Task-3.
    let gathered: Vec<_> = run
        .tasks
        .iter()
        .filter(|t| t.parent == Some(task(&run, "Task-1").id))
        .collect();
    let names: Vec<&str> = gathered.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Task-2", "Task-3"]);
    let long = |t: &&taskscope::export::json::TaskJson| {
        spans(t, StateJson::Running)
            .into_iter()
            .find(|s| s.1 - s.0 >= 390_000_000)
    };
    let blocker = gathered
        .iter()
        .find(|t| long(t).is_some())
        .expect("time.sleep(0.4) holds the loop");
    let block = long(blocker).unwrap();
    assert!(
        blocker
            .location
            .as_deref()
            .unwrap()
            .ends_with("blocking.py:18"),
        "created by gather's line"
    );
    let ticker = gathered.iter().find(|t| t.id != blocker.id).unwrap();
    let ready: u64 = spans(ticker, StateJson::Scheduled)
        .iter()
        .map(|&s| overlap(s, block))
        .sum();
    assert!(
        ready >= 300_000_000,
        "the ticker is ready, not run, during the block: {ready} ns"
    );
    let thread = run
        .tasks
        .iter()
        .find(|t| t.kind == KindJson::Blocking)
        .expect("a to_thread lane");
    assert_eq!(thread.name, "asyncio.to_thread(time.sleep)");
    let on = |id: u32| {
        run.workers
            .iter()
            .find(|w| w.busy.iter().any(|b| b.task == id))
            .unwrap()
    };
    assert!(
        on(thread.id).blocking_pool && on(thread.id).index >= 1,
        "a thread of its own"
    );
    assert!(
        run.findings.iter().any(|f| f.kind == "blocked_worker"),
        "{:?}",
        run.findings
    );
}

#[test]
fn a_failing_program_s_status_is_taskscope_s() {
    if !python_ok() {
        return;
    }
    let path = script("fails.py");
    let output = taskscope(&["python", "--headless", &path]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("to stdout") && text.contains("to stderr"),
        "{text}"
    );
    assert!(
        text.contains("ValueError: the program failed"),
        "its traceback: {text}"
    );
    // As `python3 fails.py` prints it: from the script's first frame, none of taskscope's.
    let traceback = text
        .split("Traceback (most recent call last):\n")
        .nth(1)
        .expect(&text);
    assert!(
        traceback.starts_with(&format!("  File \"{path}\", line 13, in <module>")),
        "{text}"
    );
    assert!(
        !text.contains("runpy") && !text.contains("<string>"),
        "{text}"
    );
    assert!(
        text.contains("taskscope: fails.py exited with status 1: ValueError: the program failed"),
        "{text}"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("fails.py · asyncio, 1 loop"),
        "the report on stdout: {stdout}"
    );
    assert!(
        !stdout.contains("to stdout"),
        "the program's output is not in the report"
    );
}

#[test]
fn a_missing_program_is_bad_input() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["python", "--headless", "no-such-program.py"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no-such-program.py"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn record_and_export_take_a_program_and_its_saved_run_opens_again() {
    if !python_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("named.json");
    let path = script("named_tasks.py");
    let out = json.to_str().unwrap();
    stdout_ok(&["export", &path, "--format", "json", "--out", out, "--", "x"]);
    let saved = std::fs::read_to_string(&json).unwrap();
    let doc: RunJson = serde_json::from_str(&saved).unwrap();
    assert_eq!(doc.script.as_ref().unwrap().args, ["x"]);
    let again = taskscope(&["open", out, "--headless", "--format", "json"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        saved,
        "{}",
        stderr(&again)
    );
    // Its picture has the program as the code pane's listing, each task at its line.
    let view = dir.path().join("named.txt");
    stdout_ok(&[
        "export",
        out,
        "--format",
        "text",
        "--size",
        "170x40",
        "--out",
        view.to_str().unwrap(),
    ]);
    let picture = std::fs::read_to_string(&view).unwrap();
    assert!(picture.contains("─ Python code /"), "{picture}");
    assert!(
        picture.contains("asyncio.create_task(fetch(\"users\", 0.05), name=\"fetch-users\")"),
        "{picture}"
    );
    let cast = dir.path().join("named.cast");
    stdout_ok(&[
        "record",
        &path,
        "--out",
        cast.to_str().unwrap(),
        "--hold",
        "0s",
    ]);
    let recording = std::fs::read_to_string(&cast).unwrap();
    assert!(
        recording.contains("fetch-users"),
        "the recording draws the program's tasks"
    );
    let refused = taskscope(&[
        "record",
        &path,
        "--out",
        cast.to_str().unwrap(),
        "--speed",
        "2",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--speed is for running a scenario"),
        "{}",
        stderr(&refused)
    );
}

/// A program that does not compile, in a folder of its own: its path.
fn not_compiling() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("bad.py");
    std::fs::write(&path, "import asyncio\n\n\nasync def main(:\n    pass\n").expect("write");
    let path = path.to_str().expect("a path").to_string();
    (dir, path)
}

#[test]
fn a_program_that_does_not_compile_fails_as_python3_says_and_no_more() {
    if !python_ok() {
        return;
    }
    let (_dir, path) = not_compiling();
    let python3 = std::process::Command::new(python())
        .arg(&path)
        .output()
        .expect("run python3");
    let theirs = String::from_utf8_lossy(&python3.stderr).into_owned();
    assert!(theirs.contains("SyntaxError") && !theirs.contains("Traceback"));
    let output = taskscope(&["python", "--headless", &path]);
    assert_eq!(output.status.code(), Some(1));
    // python3's own words first, then taskscope's one line: none of taskscope's frames.
    let text = stderr(&output);
    assert!(text.starts_with(&theirs), "{text}\n---\n{theirs}");
    let error = theirs.lines().last().expect("the error line");
    let why = format!("it exited with status 1: {error} (bad.py, line 4)");
    assert_eq!(
        text[theirs.len()..],
        format!("taskscope: bad.py exited with status 1: {error} (bad.py, line 4)\n")
    );
    // The report says in one line that it ran no tasks, and why.
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout, format!("bad.py ran no asyncio tasks: {why}\n"));
}
