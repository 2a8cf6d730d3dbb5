//! Runs one variant of the recorder workload a few times without criterion, and prints the
//! fastest and the median run: the program to give to `valgrind --tool=callgrind`
//! (instruction counts are steady on a busy machine, wall time is not), or to time variants
//! back to back.
//!
//! ```text
//! cargo bench --no-run --bench probe
//! valgrind --tool=callgrind target/release/deps/probe-* recorder 1
//! ```
//!
//! Variants: `uninstrumented`, `recorder`, `console`, and `fold` (one recorded run folded
//! into a timeline). Under `cargo bench` (which passes
//! `--bench`) it does nothing.
//!
//! Besides wall time it prints the time the runtime's thread spent on a CPU (Linux's
//! `/proc/thread-self/schedstat`): on a machine shared with other work, that is much steadier
//! than wall time, since time spent waiting for a CPU is not counted.

mod workload;

use std::time::{Duration, Instant};

/// Nanoseconds this thread has spent on a CPU, where Linux says.
fn on_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall time and on-CPU time of each run.
fn timed(runs: usize, mut run: impl FnMut()) -> Vec<(Duration, Option<Duration>)> {
    (0..runs)
        .map(|_| {
            let (start, cpu) = (Instant::now(), on_cpu());
            run();
            let cpu = on_cpu().zip(cpu).map(|(end, start)| end - start);
            (start.elapsed(), cpu)
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    let times = match args.first().map(String::as_str) {
        Some("uninstrumented") => timed(runs, workload::uninstrumented),
        Some("recorder") => {
            let mut recording = workload::Recording::start();
            let times = timed(runs, || recording.run());
            recording.finish();
            times
        }
        Some("recorder-unread") => {
            // Diagnostics: the recorder with nobody draining it during the runs.
            let recorder = taskscope::record::Recorder::with_capacity(1, 1 << 28);
            timed(runs, || workload::recorded(&recorder))
        }
        Some("fold") => {
            // Folds one recorded run into a timeline, `runs` times.
            let (metas, events) = workload::record_once();
            timed(runs, || {
                let mut timeline = taskscope::timeline::Timeline::new(workload::run_info());
                metas.iter().for_each(|m| timeline.apply_meta(m.clone()));
                events.iter().for_each(|&e| timeline.apply(e));
                std::hint::black_box(&timeline);
            })
        }
        Some("console") => {
            let dispatch = workload::console_dispatch();
            timed(runs, || workload::traced_by_console(&dispatch))
        }
        Some("--bench") | None => return,
        Some(other) => {
            eprintln!("unknown variant {other:?}: uninstrumented, recorder, console or fold");
            std::process::exit(2);
        }
    };
    let mut wall: Vec<Duration> = times.iter().map(|t| t.0).collect();
    wall.sort();
    print!(
        "{}: wall fastest {:.1} ms, median {:.1} ms",
        args[0],
        ms(wall[0]),
        ms(wall[runs / 2])
    );
    let mut cpu: Vec<Duration> = times.iter().filter_map(|t| t.1).collect();
    cpu.sort();
    if cpu.len() == runs {
        print!(
            "; runtime thread on CPU fastest {:.1} ms, median {:.1} ms",
            ms(cpu[0]),
            ms(cpu[runs / 2])
        );
    }
    println!(" ({runs} runs)");
}
