//! Runs one variant of the recorder workload a few times, without criterion: the program to
//! give to `valgrind --tool=callgrind` (instruction counts are steady on a busy machine, wall
//! time is not).
//!
//! ```text
//! cargo bench --no-run --bench probe
//! valgrind --tool=callgrind target/release/deps/probe-* recorder 3
//! ```
//!
//! Variants: `uninstrumented`, `recorder`, `console`. Under `cargo bench` (which passes
//! `--bench`) it does nothing.

mod workload;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    match args.first().map(String::as_str) {
        Some("uninstrumented") => (0..runs).for_each(|_| workload::uninstrumented()),
        Some("recorder") => {
            let mut recording = workload::Recording::start();
            (0..runs).for_each(|_| recording.run());
            recording.finish();
        }
        Some("console") => {
            let dispatch = workload::console_dispatch();
            (0..runs).for_each(|_| workload::traced_by_console(&dispatch));
        }
        Some("--bench") | None => {}
        Some(other) => {
            eprintln!("unknown variant {other:?}: uninstrumented, recorder or console");
            std::process::exit(2);
        }
    }
}
