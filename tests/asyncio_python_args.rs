//! `taskscope python [OPTIONS] SCRIPT ARGS...`: every word after SCRIPT is the program's,
//! also one that is a taskscope flag; and a program's one task, alive all the stretch its
//! lane draws, reads 1.00x though the run's wall holds the interpreter's start and
//! `asyncio.run`'s clean-up; ended by a signal, taskscope ends and reaps the program's
//! python3. Skipped, saying so, without CPython 3.11+.

#[path = "support/asyncio.rs"]
mod asyncio;

use asyncio::*;
use taskscope::export::json::RunJson;

#[test]
fn every_word_after_the_script_is_the_program_s_own() {
    if !python_ok() {
        return;
    }
    let path = script("argv.py");
    let program = [
        "--headless",
        "--width",
        "60",
        "--timeout",
        "5s",
        "--format",
        "text",
    ];
    let args = [
        &["python", "--headless", "--format", "json", &path][..],
        &program,
    ]
    .concat();
    let output = taskscope(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    // taskscope's `--format json` (before SCRIPT) holds: the JSON; the program's `--format
    // text` (after it) is the program's.
    let run: RunJson = serde_json::from_slice(&output.stdout).expect("only the run's JSON");
    let given = format!("ARGV {:?}", program).replace('"', "'");
    assert!(stderr(&output).contains(&given), "{}", stderr(&output));
    assert_eq!(run.script.expect("a script object").args, program);
}

#[test]
fn a_program_with_one_task_reads_one_task_in_flight() {
    if !python_ok() {
        return;
    }
    let run = run_json(&[
        "python",
        "--headless",
        "--format",
        "json",
        &script("argv.py"),
    ]);
    let lane = task(&run, "Task-1");
    let end = lane.ended_ns.expect("it ended");
    // The wall holds more than the task: the module's start and asyncio.run's clean-up.
    assert!(
        lane.spawned_ns > 0 && end < run.wall_ns,
        "{lane:?} {}",
        run.wall_ns
    );
    assert!((run.concurrency - 1.0).abs() < 0.005, "{}", run.concurrency);
    let text = stdout_ok(&["python", "--headless", &script("argv.py")]);
    assert!(text.contains("concurrency 1.00x"), "{text}");
}

#[test]
fn a_signal_ends_the_program_s_python3_with_taskscope_and_reaps_it() {
    if !python_ok() {
        return;
    }
    let _turn = turn();
    become_subreaper();
    let dir = tempfile::tempdir().expect("a folder");
    let path = long_program(dir.path());
    for (signal, status) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let mut taskscope = std::process::Command::new(env!("CARGO_BIN_EXE_taskscope"))
            .args(["python", "--headless", &path])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("taskscope");
        let started = std::time::Instant::now();
        let python = loop {
            let found = children_of(taskscope.id());
            if let Some((pid, _)) = found.iter().find(|(_, comm)| comm.starts_with("python")) {
                break *pid;
            }
            assert!(
                started.elapsed().as_secs() < 30,
                "no python3 child: {found:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        // SAFETY: a signal to the child this test started and has not reaped.
        unsafe { libc::kill(taskscope.id() as libc::pid_t, signal) };
        assert_eq!(taskscope.wait().expect("wait").code(), Some(status));
        assert_gone(python, &format!("signal {signal}"));
    }
}
