//! How long `taskscope check` takes on big files: parse, validate and compile, all linear.
//!
//! `cargo bench --bench check`
//!
//! Inputs, made here: 100,000 steps of every kind over 1,000 functions; a file just under the
//! 10 MiB limit; one function spawning another 10,000 times (auto-named `f`, `f-2`, ...);
//! groups listing one function 1,000 times; a chain of 100,000 functions each spawning the
//! next (the call graph's longest path). Target: each in a few seconds at most.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use taskscope::limits::MAX_SCENARIO_BYTES;
use taskscope::scenario;

const HEADER: &str = "name = \"big\"\nsummary = \"A big file.\"\n\n[resources]\n\
    pool = { semaphore = 3 }\nshutdown = { token = true }\n";

/// Mutexes the functions of [`many_steps`] lock, one each in turn.
const MUTEXES: usize = 900;

/// `functions` functions of `per` steps each, cycling through the kinds of step. Steps
/// spawn the next function, so the graph is connected without nesting deeper than two.
fn many_steps(functions: usize, per: usize) -> String {
    let mut text = String::from(HEADER);
    for m in 0..MUTEXES {
        writeln!(text, "lock{m} = {{ mutex = true }}").unwrap();
    }
    text.push_str("\n[functions]\nmain = [{ call = \"f0\" }]\nleaf = [{ yield = true }]\n");
    for f in 0..functions {
        let next = if f + 1 < functions {
            format!("f{}", f + 1)
        } else {
            "leaf".into()
        };
        writeln!(text, "f{f} = [").unwrap();
        for s in 0..per {
            let step = match s % 10 {
                0 => "{ sleep = \"250ms\", label = \"GET /weather?city=Pune\" },".to_string(),
                1 => format!("{{ spawn = \"{next}\", as = \"t{s}\" }},"),
                2 => format!("{{ join = \"t{}\" }},", s - 1),
                3 => "{ group = [\"leaf\", \"leaf\", \"leaf as third\"] },".to_string(),
                4 => format!("{{ lock = \"lock{}\", call = \"leaf\" }},", f % MUTEXES),
                5 => {
                    "{ timeout = \"1s\", call = \"leaf\", on_timeout = \"continue\" },".to_string()
                }
                6 => "{ with_permit = \"pool\", call = \"leaf\", say = \"One of three.\" },"
                    .to_string(),
                7 => "{ join_all = [\"leaf\", \"leaf\"] },".to_string(),
                8 => "{ until_cancelled = \"shutdown\", call = \"leaf\" },".to_string(),
                _ => "{ stream = 100, each = \"1us\" },".to_string(),
            };
            writeln!(text, "  {step}").unwrap();
        }
        text.push_str("]\n");
    }
    text
}

/// One function spawning `leaf` `n` times: names `leaf`, `leaf-2`, ... `leaf-N`.
fn spawns(n: usize) -> String {
    let steps = "  { spawn = \"leaf\" },\n".repeat(n);
    format!("{HEADER}[functions]\nmain = [\n{steps}]\nleaf = [{{ yield = true }}]\n")
}

/// `n` groups, each listing `leaf` 1,000 times.
fn groups(n: usize) -> String {
    let entries = vec!["\"leaf\""; 1_000].join(", ");
    let steps = format!("  {{ group = [{entries}] }},\n").repeat(n);
    format!("{HEADER}[functions]\nmain = [\n{steps}]\nleaf = [{{ yield = true }}]\n")
}

/// `n` functions, each spawning the next.
fn spawn_chain(n: usize) -> String {
    let mut text = format!("{HEADER}[functions]\nmain = [{{ spawn = \"f1\" }}]\n");
    for f in 1..n {
        writeln!(text, "f{f} = [{{ spawn = \"f{}\" }}]", f + 1).unwrap();
    }
    text + &format!("f{n} = [{{ yield = true }}]\n")
}

fn check(c: &mut Criterion) {
    let largest = MAX_SCENARIO_BYTES as usize - 64 * 1024;
    let mut functions = 1_000;
    while many_steps(functions + 100, 100).len() <= largest {
        functions += 100;
    }
    let ten_mib = many_steps(functions, 100);
    let cases = [
        ("100k steps", many_steps(1_000, 100)),
        ("10 MiB", ten_mib),
        ("10k spawns of one function", spawns(10_000)),
        ("groups of 1000 of one function", groups(100)),
        ("spawn chain of 100k functions", spawn_chain(100_000)),
    ];
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (name, text) in &cases {
        let scenario = scenario::parse(text, "big.toml").unwrap_or_else(|d| panic!("{name}: {d}"));
        let steps: usize = scenario.functions.iter().map(|f| f.steps.len()).sum();
        println!("{name}: {} bytes, {steps} steps", text.len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                let scenario = scenario::parse(black_box(text), "big.toml").expect("valid");
                scenario.program().expect("compiles")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
