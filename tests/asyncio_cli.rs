//! The commands around a run on asyncio, through the binary: a multi_thread scenario's
//! note, `compare --runtimes tokio,asyncio`, a saved asyncio run opened again, no suitable
//! python3, and `--console` refused. Skipped, saying so, without CPython 3.11+ (except what
//! needs no interpreter).

#[path = "support/asyncio.rs"]
mod asyncio;

use asyncio::*;
use taskscope::export::json::{FlavorJson, RunJson};
use taskscope::source::{Entry, Item};

#[test]
fn a_multi_thread_scenario_runs_on_the_one_loop_and_says_so() {
    if !python_ok() {
        return;
    }
    let args = [
        "run",
        "multi-thread-blocking",
        "--runtime",
        "asyncio",
        "--headless",
        "--speed",
        "4",
    ];
    let text = stdout_ok(&args);
    assert!(
        text.starts_with("multi-thread-blocking · asyncio, 1 loop"),
        "{text}"
    );
    assert!(text.contains("note: asyncio has one event loop: this multi_thread scenario (4 workers on tokio) runs on it"), "{text}");
}

#[test]
fn compare_draws_a_scenario_on_tokio_and_on_asyncio_on_one_axis() {
    if !python_ok() {
        return;
    }
    let args = [
        "compare",
        "await-chain",
        "--runtimes",
        "tokio,asyncio",
        "--headless",
        "--speed",
        "4",
    ];
    let text = stdout_ok(&args);
    assert!(
        text.starts_with("await-chain · current_thread, 1 worker"),
        "{text}"
    );
    assert!(text.contains("\nawait-chain · asyncio, 1 loop"), "{text}");
    let wall = text.lines().last().unwrap();
    // Both take the scripted 3 s of scenario time, never less; a loaded machine adds its
    // delays (times four at --speed 4), so only a loose upper bound.
    let seconds = |after: &str| -> f64 {
        let rest = &wall[wall
            .find(after)
            .unwrap_or_else(|| panic!("{after}: {wall}"))
            + after.len()..];
        rest.split_whitespace().next().unwrap().parse().unwrap()
    };
    for who in ["await-chain (current_thread) ", "await-chain (asyncio) "] {
        let s = seconds(who);
        assert!((3.0..4.5).contains(&s), "{who}{s}: {wall}");
    }
    let json = taskscope(&[&args[..], &["--format", "json"]].concat());
    let pair: taskscope::cli::CompareJson = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(pair.left.runtime.flavor, FlavorJson::CurrentThread);
    assert_eq!(pair.right.runtime.flavor, FlavorJson::Asyncio);
}

#[test]
fn a_saved_asyncio_run_opens_as_it_was() {
    if !python_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("freeze.json");
    let path = file.to_str().unwrap();
    let args = [
        "export",
        "blocking-freeze",
        "--runtime",
        "asyncio",
        "--speed",
        "4",
        "--format",
        "json",
        "--out",
        path,
    ];
    stdout_ok(&args);
    let saved = std::fs::read_to_string(&file).unwrap();
    let doc: RunJson = serde_json::from_str(&saved).unwrap();
    let positions = doc
        .tape
        .entries()
        .iter()
        .filter(|e| matches!(e, Entry::Item(Item::Position(_))));
    assert!(
        positions.count() > 0,
        "the tape carries where each task was"
    );
    let again = taskscope(&["open", path, "--headless", "--format", "json"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(String::from_utf8(again.stdout).unwrap(), saved);
    let view = dir.path().join("freeze.txt");
    let args = [
        "export",
        path,
        "--format",
        "text",
        "--size",
        "160x40",
        "--out",
        view.to_str().unwrap(),
    ];
    stdout_ok(&args);
    let picture = std::fs::read_to_string(&view).unwrap();
    let status = picture.lines().next().unwrap();
    assert!(
        status.contains("│ asyncio · 1 loop │"),
        "the status bar names the runtime: {status}"
    );
    // The code pane shows the Python listing, an asyncio run's own.
    assert!(
        picture.contains("─ Python code (p: Rust) listings/blocking-freeze.py"),
        "{picture}"
    );
}

#[test]
fn without_a_suitable_python_the_run_says_what_was_looked_for() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["run", "await-chain", "--runtime", "asyncio", "--headless"])
        .env("TASKSCOPE_PYTHON", "/nonexistent/python3")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    let text = stderr(&output);
    assert!(
        text.contains(
            "no suitable python3: `/nonexistent/python3` (named by TASKSCOPE_PYTHON) was not found"
        ),
        "{text}"
    );
    assert!(text.contains("CPython 3.11 or newer"), "{text}");
    assert!(output.stdout.is_empty(), "nothing ran: nothing printed");
    if !python_ok() {
        return;
    }
    // An interpreter that says it is older than 3.11 (this one, told so).
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old-python");
    let wrapper = format!(
        "#!/bin/sh\nexec {} -c 'import sys; path = sys.argv.pop(1); sys.version_info = (3, 9, 0); exec(compile(open(path).read(), path, \"exec\"), {{\"__name__\": \"__main__\"}})' \"$@\"\n",
        python()
    );
    std::fs::write(&old, wrapper).unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(
        &mut std::fs::metadata(&old).unwrap().permissions(),
        0o755,
    );
    std::fs::set_permissions(&old, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args(["run", "await-chain", "--runtime", "asyncio", "--headless"])
        .env("TASKSCOPE_PYTHON", &old)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
    let text = stderr(&output);
    assert!(
        text.contains("no suitable python3: needs CPython 3.11 or newer"),
        "{text}"
    );
    assert!(text.contains("(named by TASKSCOPE_PYTHON)"), "{text}");
}

#[test]
fn console_is_refused_for_an_asyncio_run() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
        .args([
            "run",
            "await-chain",
            "--runtime",
            "asyncio",
            "--headless",
            "--console",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--console serves a tokio runtime"),
        "{}",
        stderr(&output)
    );
}
