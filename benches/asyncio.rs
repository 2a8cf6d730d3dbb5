//! asyncio instrumentation overhead: 2,000 tasks x 200 `await asyncio.sleep(0)` on CPython
//! (400k steps, about 800k events), plain against recorded by taskscope's module (its
//! events decoded by a reader thread of this process as they come, as a Source does).
//!
//! `cargo bench --bench asyncio`
//!
//! Each variant is one python3 process that runs the workload on request and times each run
//! itself (`asyncio.run` of the workload, startup excluded). Criterion measures both; then
//! a paired run alternates them and prints the ratio of the medians. Target: the recorded
//! run at most 1.5x the plain one. Every recorded run must record every step and drop
//! nothing: checked after the measurements. Without CPython 3.11+ it says so and skips.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixListener;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use taskscope::pyrun::MODULE;
use taskscope::pyrun::wire::{Decoder, Item};
use taskscope::record::EventKind;

/// The workload: on each line `N` of stdin, runs it N times and prints the total ns.
const WORKLOAD: &str = r#"
import asyncio, sys, time

async def worker():
    for _ in range(200):
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(*(worker() for _ in range(2000)))

for line in sys.stdin:
    total = 0
    for _ in range(int(line)):
        start = time.perf_counter_ns()
        asyncio.run(main())
        total += time.perf_counter_ns() - start
    print(total, flush=True)
"#;

/// Steps of one run of the workload: 2,000 x 201 (200 yields, then the end), and main's 2.
const STEPS_PER_RUN: u64 = 2_000 * 201 + 2;

/// One python3 process serving runs of the workload.
struct Python {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    reader: Option<JoinHandle<()>>,
    polls: Arc<AtomicU64>,
    dropped: Arc<AtomicU64>,
    runs: u64,
    _dir: Option<tempfile::TempDir>,
}

impl Python {
    fn plain() -> Self {
        Self::start(Command::new("python3").args(["-c", WORKLOAD]), None)
    }

    /// The workload as a script of the user's, run by the module.
    fn recorded() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let script = dir.path().join("workload.py");
        std::fs::write(&script, WORKLOAD).expect("write the workload");
        let socket = dir.path().join("events.sock");
        let listener = UnixListener::bind(&socket).expect("bind the events socket");
        let mut command = Command::new("python3");
        command.args(["-c", MODULE, "script", "--events"]);
        command
            .arg(format!("unix:{}", socket.display()))
            .arg(&script);
        Self::start(&mut command, Some((listener, dir)))
    }

    fn start(command: &mut Command, events: Option<(UnixListener, tempfile::TempDir)>) -> Self {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start python3");
        let polls = Arc::new(AtomicU64::new(0));
        let dropped = Arc::new(AtomicU64::new(0));
        let (reader, dir) = match events {
            Some((listener, dir)) => {
                let (stream, _) = listener.accept().expect("the module connects");
                let (p, d) = (polls.clone(), dropped.clone());
                (
                    Some(std::thread::spawn(move || read_events(stream, &p, &d))),
                    Some(dir),
                )
            }
            None => (None, None),
        };
        Python {
            input: child.stdin.take().unwrap(),
            output: BufReader::new(child.stdout.take().unwrap()),
            child,
            reader,
            polls,
            dropped,
            runs: 0,
            _dir: dir,
        }
    }

    /// Runs the workload `n` times; the time the runs took, as python3 measured it.
    fn run(&mut self, n: u64) -> Duration {
        writeln!(self.input, "{n}").expect("ask for runs");
        self.runs += n;
        let mut line = String::new();
        self.output
            .read_line(&mut line)
            .expect("the time of the runs");
        Duration::from_nanos(line.trim().parse().expect("nanoseconds"))
    }

    /// Ends the process; the runs made, the polls recorded and the events dropped.
    fn finish(mut self) -> (u64, u64, u64) {
        drop(self.input);
        self.child.wait().expect("python3 ends");
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader");
        }
        let (polls, dropped) = (
            self.polls.load(Ordering::SeqCst),
            self.dropped.load(Ordering::SeqCst),
        );
        (self.runs, polls, dropped)
    }
}

/// Decodes the events as they come, counting polls and drops.
fn read_events(mut stream: impl Read, polls: &AtomicU64, dropped: &AtomicU64) {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        let n = stream.read(&mut buf).expect("read events");
        if n == 0 {
            break;
        }
        decoder
            .feed(&buf[..n], &mut items)
            .expect("a well-formed stream");
        count(&mut items, polls, dropped);
    }
    decoder
        .finish(&mut items)
        .expect("the stream ends between records");
    count(&mut items, polls, dropped);
}

fn count(items: &mut Vec<Item>, polls: &AtomicU64, dropped: &AtomicU64) {
    for item in items.drain(..) {
        match item {
            Item::Event(e) if matches!(e.kind, EventKind::PollStart { .. }) => {
                polls.fetch_add(1, Ordering::Relaxed);
            }
            Item::Dropped(n) => {
                dropped.fetch_add(n, Ordering::Relaxed);
            }
            _ => {}
        }
    }
}

fn python_ok() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import sys; sys.exit(sys.version_info < (3, 11))"])
        .status()
        .is_ok_and(|status| status.success());
    if !ok {
        println!("skipped: python3 >= 3.11 not found");
    }
    ok
}

fn overhead(c: &mut Criterion) {
    if !python_ok() {
        return;
    }
    let mut group = c.benchmark_group("2000 tasks x 200 asyncio.sleep(0), CPython");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(3));
    group.measurement_time(Duration::from_secs(20));
    let mut plain = Python::plain();
    group.bench_function("plain asyncio", |b| b.iter_custom(|n| plain.run(n)));
    let mut recorded = Python::recorded();
    group.bench_function("recorded by taskscope", |b| {
        b.iter_custom(|n| recorded.run(n))
    });
    group.finish();
    paired(&mut plain, &mut recorded, 10);
    plain.finish();
    let (runs, polls, dropped) = recorded.finish();
    assert_eq!(dropped, 0, "events were dropped");
    println!("asyncio recorded: {runs} runs, {polls} polls, {dropped} dropped");
    assert_eq!(
        polls,
        runs * STEPS_PER_RUN,
        "every step of {runs} runs recorded"
    );
}

/// Alternates single runs of each, `rounds` times; prints the ratio recorded / plain of
/// the pairs (median and range) and of the fastest runs of each (the least disturbed by
/// whatever else the machine runs).
fn paired(plain: &mut Python, recorded: &mut Python, rounds: usize) {
    let runs: Vec<(f64, f64)> = (0..rounds)
        .map(|_| (recorded.run(1).as_secs_f64(), plain.run(1).as_secs_f64()))
        .collect();
    let mut ratios: Vec<f64> = runs.iter().map(|(r, p)| r / p).collect();
    ratios.sort_by(f64::total_cmp);
    let fastest = |pick: fn(&(f64, f64)) -> f64| runs.iter().map(pick).fold(f64::MAX, f64::min);
    let (best_recorded, best_plain) = (fastest(|r| r.0), fastest(|r| r.1));
    println!(
        "asyncio recorded / plain, {rounds} paired runs: median {:.2}x ({:.2}x-{:.2}x); fastest runs {:.0} ms / {:.0} ms = {:.2}x",
        ratios[rounds / 2],
        ratios[0],
        ratios[rounds - 1],
        best_recorded * 1e3,
        best_plain * 1e3,
        best_recorded / best_plain
    );
}

criterion_group!(benches, overhead);
criterion_main!(benches);
