//! Hostile input meets the real binary and the runner: the deepest nesting the checker
//! accepts runs (no stack overflow, even on half the stack) on both runtimes, listings and scenario files that are
//! not regular files are refused at once, bytes that are not UTF-8 are placed, and no speed
//! or duration overflows inside a run.

#[path = "support/command.rs"]
mod command;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use taskscope::export::json::{OutcomeJson, RunJson};
use taskscope::feed::{Pace, record_to_end};
use taskscope::limits::MAX_NESTING;
use taskscope::runner::{self, RunOptions};
use taskscope::scenario;
use taskscope::timeline::Outcome;

use command::stderr;

/// Runs the binary; a run that has not ended after a minute hung, and fails the test (the
/// cases here end in well under a second).
fn taskscope(args: &[&str]) -> Output {
    taskscope_with_stack(args, None)
}

/// [`taskscope`] with the threads it starts given `stack` bytes (`RUST_MIN_STACK`, which
/// the scenario thread and tokio's threads take when their size is not set) instead of the
/// 2 MiB they have by default.
fn taskscope_with_stack(args: &[&str], stack: Option<usize>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_taskscope"));
    if let Some(bytes) = stack {
        command.env("RUST_MIN_STACK", bytes.to_string());
    }
    let mut child = command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run taskscope");
    // Read both pipes meanwhile: a document larger than a pipe's buffer would otherwise
    // block the child's writes, and look like a hang.
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("read a pipe");
            bytes
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("stdout")));
    let stderr = read(Box::new(child.stderr.take().expect("stderr")));
    let began = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if began.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            panic!("taskscope {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    }
}

/// A scenario whose calls nest `depth` functions deep, each level through another of the
/// steps that run a function inside the task, with `bottom` as the deepest step.
fn nested(depth: usize, flavor: &str, bottom: &str) -> String {
    let mut text = format!(
        "name = \"deep\"\nsummary = \"Nested {depth} deep.\"\n[runtime]\nflavor = \"{flavor}\"\n\
         [resources]\ntoken = {{ token = true }}\npool = {{ semaphore = 100 }}\n"
    );
    for level in 0..depth {
        text.push_str(&format!("lock{level} = {{ mutex = true }}\n"));
    }
    text.push_str("[functions]\n");
    for level in 0..depth {
        let name = if level == 0 {
            "main".to_string()
        } else {
            format!("f{level}")
        };
        let next = format!("f{}", level + 1);
        let step = match level % 8 {
            _ if level == depth - 1 => bottom.to_string(),
            0 => format!("{{ call = \"{next}\" }}"),
            1 => format!("{{ timeout = \"30s\", call = \"{next}\" }}"),
            2 => format!("{{ repeat = 1, call = \"{next}\" }}"),
            3 => format!("{{ with_permit = \"pool\", call = \"{next}\" }}"),
            4 => format!("{{ lock = \"lock{level}\", call = \"{next}\" }}"),
            5 => format!("{{ until_cancelled = \"token\", call = \"{next}\" }}"),
            6 => format!("{{ join_all = [\"{next}\", \"leaf\"] }}"),
            _ => format!("{{ race = [\"{next}\", \"never\"] }}"),
        };
        text.push_str(&format!("{name} = [{step}]\n"));
    }
    text + "leaf = [{ yield = true }]\nnever = [{ pending = true }]\n"
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("a UTF-8 path").to_string()
}

/// `main`'s outcome and error in a run's JSON.
fn main_outcome(output: &Output) -> (OutcomeJson, Option<String>) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    let run: RunJson = serde_json::from_slice(&output.stdout).expect("the run's JSON");
    let main = run
        .tasks
        .into_iter()
        .find(|t| t.name == "main")
        .expect("main");
    (main.outcome, main.error)
}

#[test]
fn the_deepest_nesting_the_checker_accepts_runs_on_both_runtimes() {
    let dir = tempfile::tempdir().unwrap();
    let depth = MAX_NESTING as usize;
    for flavor in ["current_thread", "multi_thread"] {
        let file = write(
            dir.path(),
            "deep.toml",
            &nested(depth, flavor, "{ sleep = \"1ms\" }"),
        );
        assert!(taskscope(&["check", &file]).status.success());
        let run = taskscope(&["run", &file, "--headless", "--format", "json"]);
        assert_eq!(main_outcome(&run).0, OutcomeJson::Ok, "{flavor}");

        let file = write(
            dir.path(),
            "deep.toml",
            &nested(depth, flavor, "{ panic = \"down here\" }"),
        );
        // With half the stack the runtime's threads have, so the limit keeps a margin.
        let args = ["run", &file, "--headless", "--format", "json"];
        let run = taskscope_with_stack(&args, Some(1024 * 1024));
        let (outcome, error) = main_outcome(&run);
        assert_eq!(outcome, OutcomeJson::Panicked, "{flavor}");
        assert_eq!(error.as_deref(), Some("down here"));
    }
    let deeper = nested(depth + 1, "current_thread", "{ yield = true }");
    let line = deeper
        .lines()
        .position(|l| l.starts_with("main = "))
        .unwrap()
        + 1;
    let file = write(dir.path(), "deeper.toml", &deeper);
    let check = taskscope(&["check", &file]);
    assert_eq!(check.status.code(), Some(2));
    let expected = format!(
        "{file}:{line}:18: error: calls nest 101 functions deep from `main`: the limit is 100"
    );
    assert!(stderr(&check).starts_with(&expected), "{}", stderr(&check));
}

/// `check` of a scenario whose Python listing is `listing` (made by `make` in the folder),
/// with the folder shown as DIR.
fn check_listing(make: impl Fn(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    make(dir.path());
    let file = write(
        dir.path(),
        "story.toml",
        "name = \"story\"\nsummary = \"s\"\n\n[code]\npython = \"story.py\"\n\n[functions]\nmain = [{ yield = true }]\n",
    );
    let output = taskscope(&["check", &file]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    stderr(&output).replace(&dir.path().display().to_string(), "DIR")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn listings_that_are_not_regular_files_are_refused_at_the_code_line() {
    let listing = |dir: &Path| dir.join("story.py");
    let fifo = check_listing(|dir| mkfifo(&listing(dir)));
    let zero = check_listing(|dir| std::os::unix::fs::symlink("/dev/zero", listing(dir)).unwrap());
    let folder = check_listing(|dir| std::fs::create_dir(listing(dir)).unwrap());
    let big =
        check_listing(|dir| std::fs::write(listing(dir), vec![b'#'; 1024 * 1024 + 1]).unwrap());
    insta::assert_snapshot!([fifo, zero, folder, big].join("\n"));
}

#[cfg(unix)]
#[test]
fn scenario_files_that_are_not_regular_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    let shown = |output: Output| {
        assert_eq!(output.status.code(), Some(2));
        stderr(&output).replace(&dir.path().display().to_string(), "DIR")
    };
    let fifo = shown(taskscope(&["check", fifo.to_str().unwrap()]));
    let zero = shown(taskscope(&["check", "/dev/zero"]));
    let run = shown(taskscope(&["run", "/dev/zero", "--headless"]));
    insta::assert_snapshot!([fifo, zero, run].join("\n"));
}

#[test]
fn a_listing_that_is_not_utf8_is_reported_at_its_byte() {
    let shown = check_listing(|dir| {
        let mut file = std::fs::File::create(dir.join("story.py")).unwrap();
        file.write_all(
            b"async def main():\n    await asyncio.sleep(0)  # caf\xE9 # step: main.1\n",
        )
        .unwrap();
    });
    insta::assert_snapshot!(shown);
}

#[test]
fn no_speed_or_duration_overflows_inside_a_run() {
    let source = "name = \"long\"\nsummary = \"An hour-long step, played at absurd speeds.\"\n\
        [functions]\nmain = [{ spawn_blocking = \"1us\" }, { timeout = \"60m\", call = \"slow\" }]\n\
        slow = [{ sleep = \"60m\" }, { block = \"60m\" }]\n";
    let scenario = Arc::new(scenario::parse(source, "long.toml").unwrap());
    for speed in [1e-20, 0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
        let options = RunOptions {
            speed,
            ..RunOptions::default()
        };
        let mut sources = [runner::start(scenario.clone(), options)];
        let (mut runs, timed_out) =
            record_to_end(&mut sources, Pace::headless(Duration::from_millis(300)));
        let timeline = runs.remove(0).timeline;
        assert!(timed_out, "{speed}: an hour-long step is still going");
        let main = timeline
            .tasks()
            .iter()
            .find(|t| t.name == "main")
            .expect("main");
        assert!(main.stats().polls >= 1, "{speed}: main ran");
        assert_eq!(
            main.outcome,
            Outcome::Running,
            "{speed}: cut at the timeout, no panic"
        );
    }
}
