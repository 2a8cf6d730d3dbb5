//! The listings beside the built-in scenarios are real programs: the Rust ones compile
//! here, as modules of this test (so clippy checks them too), and the Python ones run
//! under python3, sped up, when python3 is installed ("skipped: python3 not found" else).

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Includes each Rust listing as a module; their `main`s are not called.
macro_rules! rust_listings {
    ($($module:ident = $file:literal),* $(,)?) => {
        $(
            #[allow(dead_code)]
            #[path = $file]
            mod $module;
        )*
        /// The files included above.
        const RUST_LISTINGS: &[&str] = &[$($file),*];
    };
}

rust_listings! {
    agent_loop = "../scenarios/listings/agent-loop.rs",
    await_chain = "../scenarios/listings/await-chain.rs",
    blocking_fixed = "../scenarios/listings/blocking-fixed.rs",
    blocking_freeze = "../scenarios/listings/blocking-freeze.rs",
    concurrent_group = "../scenarios/listings/concurrent-group.rs",
    coop_budget = "../scenarios/listings/coop-budget.rs",
    cpu_multi_thread = "../scenarios/listings/cpu-multi-thread.rs",
    cpu_starvation = "../scenarios/listings/cpu-starvation.rs",
    failure_cancellation = "../scenarios/listings/failure-cancellation.rs",
    forgot_await = "../scenarios/listings/forgot-await.rs",
    gather_vs_taskgroup = "../scenarios/listings/gather-vs-taskgroup.rs",
    graceful_shutdown = "../scenarios/listings/graceful-shutdown.rs",
    hedged_requests = "../scenarios/listings/hedged-requests.rs",
    multi_thread_blocking = "../scenarios/listings/multi-thread-blocking.rs",
    missing_await_warning = "../scenarios/listings/missing-await-warning.rs",
    mutex_across_await = "../scenarios/listings/mutex-across-await.rs",
    rate_limited_fanout = "../scenarios/listings/rate-limited-fanout.rs",
    rescued_by_timeout = "../scenarios/listings/rescued-by-timeout.rs",
    select_timeout = "../scenarios/listings/select-timeout.rs",
    timeout_cancels = "../scenarios/listings/timeout-cancels.rs",
    yield_fairness = "../scenarios/listings/yield-fairness.rs",
}

/// The listings that end with an exception on purpose, and its name.
const PYTHON_FAILS: &[(&str, &str)] = &[("failure-cancellation.py", "ExceptionGroup")];

/// How much faster than written the Python listings run.
const SPEED: &str = "20";

/// Runs each listing named on the command line in turn, in one interpreter, with every
/// duration divided by TASKSCOPE_SPEED (asyncio.sleep, time.sleep, asyncio.wait_for, and
/// the clock busy loops read: time.perf_counter), and prints how each one ended.
const RUN_ALL: &str = r#"
import asyncio, os, runpy, sys, time, traceback
speed = float(os.environ.get("TASKSCOPE_SPEED", "1"))
sleep, asleep, wait_for, perf = time.sleep, asyncio.sleep, asyncio.wait_for, time.perf_counter
start = perf()
time.sleep = lambda s: sleep(s / speed)
time.perf_counter = lambda: start + (perf() - start) * speed
async def scaled_sleep(delay, *args, **kwargs):
    return await asleep(delay / speed, *args, **kwargs)
asyncio.sleep = scaled_sleep
asyncio.wait_for = lambda aw, timeout: wait_for(aw, None if timeout is None else timeout / speed)
for path in sys.argv[1:]:
    try:
        runpy.run_path(path, run_name="__main__")
        print("ended", path, "ok", flush=True)
    except BaseException as error:
        traceback.print_exc()
        print("ended", path, type(error).__name__, flush=True)
"#;

/// All the listings together ran longer than this: one is stuck.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(60);

fn listing_files(extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("scenarios/listings")
        .expect("scenarios/listings")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

#[test]
fn every_rust_listing_is_compiled_by_this_test() {
    for path in listing_files("rs") {
        let name = path.file_name().unwrap().to_str().unwrap();
        let file = format!("../scenarios/listings/{name}");
        assert!(
            RUST_LISTINGS.contains(&file.as_str()),
            "add {name} to rust_listings! in tests/listings.rs"
        );
    }
}

#[test]
fn every_listing_fits_on_a_slide() {
    for path in listing_files("rs").into_iter().chain(listing_files("py")) {
        let lines = std::fs::read_to_string(&path).unwrap().lines().count();
        assert!(lines <= 30, "{}: {lines} lines", path.display());
    }
}

#[test]
fn python_listings_run() {
    let files = listing_files("py");
    assert!(files.len() >= 16, "{} Python listings", files.len());
    let child = Command::new("python3")
        .args(["-c", RUN_ALL])
        .args(&files)
        .env("TASKSCOPE_SPEED", SPEED)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(child) = child else {
        println!("skipped: python3 not found");
        return;
    };
    let (stdout, stderr) = wait_with_timeout(child);
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let ended = stdout
            .lines()
            .find_map(|line| line.strip_prefix(&format!("ended {} ", path.display())))
            .unwrap_or_else(|| panic!("{name} did not end:\n{stdout}\n{stderr}"));
        let expected = PYTHON_FAILS
            .iter()
            .find(|(file, _)| *file == name)
            .map_or("ok", |(_, error)| error);
        assert_eq!(ended, expected, "{name}:\n{stderr}");
    }
}

/// Waits for the interpreter, killing it at the timeout; its stdout and stderr.
fn wait_with_timeout(mut child: Child) -> (String, String) {
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + PYTHON_TIMEOUT;
    while child.try_wait().expect("wait for python3").is_none() {
        if Instant::now() > deadline {
            child.kill().expect("kill python3");
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (out.join().unwrap(), err.join().unwrap())
}
