//! `taskscope compare A B --headless`: two scenarios run at once, on separate runtimes (tokio,
//! asyncio, or one of each: `--runtimes tokio,asyncio`), shown on one time axis with their
//! wall times side by side.

use std::process::ExitCode;

use serde::Serialize;

use super::{EXIT_TIMEOUT, Format};
use crate::export::json::{RunJson, to_document};
use crate::export::text::{label_width, to_text_on_axis};
use crate::feed::{self, Pace};
use crate::output::{errln, out, outln};
use crate::runner::RunOptions;
use crate::source::Engine;
use crate::start;
use crate::timeline::Timeline;

/// Arguments of `taskscope compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The scenario drawn on top (a built-in name or a file).
    pub left: String,
    /// The scenario drawn below it (default: the same one, to compare it on two runtimes).
    pub right: Option<String>,
    /// The runtime of each: `tokio,asyncio` runs the top one on tokio and the one below on
    /// asyncio; one name runs both on it.
    #[arg(long, default_value = "tokio", value_parser = super::runtime_pair)]
    pub runtimes: [Engine; 2],
    /// Print the result instead of opening the dashboard.
    #[arg(long)]
    pub headless: bool,
    /// Output format with --headless.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Playback speed for both runs (see `run --speed`).
    #[arg(long, allow_negative_numbers = true, default_value_t = 1.0, value_parser = super::bounds::speed)]
    pub speed: f64,
    /// Stop runs that have not ended after this long; exit code 3.
    #[arg(long, allow_hyphen_values = true, default_value = "60s", value_parser = super::bounds::timeout)]
    pub timeout: std::time::Duration,
    /// Width of the text swimlanes, in columns.
    #[arg(long, allow_negative_numbers = true, default_value_t = 100, value_parser = super::bounds::width)]
    pub width: usize,
}

/// The JSON of a comparison: each side is the `run` JSON document.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct CompareJson {
    /// The first scenario's run.
    pub left: RunJson,
    /// The second scenario's run.
    pub right: RunJson,
}

/// Runs both scenarios at once and prints them; see the README for exit codes.
pub fn run(args: &CompareArgs) -> ExitCode {
    let mut scenarios = Vec::new();
    for name in [&args.left, args.right.as_ref().unwrap_or(&args.left)] {
        let scenario = match super::scenario_arg(name) {
            Ok(s) => s,
            Err(code) => return code,
        };
        match super::headless::scenario_file(&scenario) {
            Ok(file) => scenarios.push((scenario, file)),
            Err(code) => return code,
        }
    }
    let options = RunOptions {
        speed: args.speed,
        ..RunOptions::default()
    };
    // Both are started before either is drained: their clocks start together.
    let mut sources: Vec<_> = scenarios
        .iter()
        .zip(args.runtimes)
        .map(|((s, _), engine)| start::start_headless(s.clone(), engine, options))
        .collect();
    let (runs, timed_out) = feed::record_to_end(&mut sources, Pace::headless(args.timeout));
    let failed: Vec<_> = runs.iter().filter_map(super::failure).collect();
    if let Some(code) = failed.into_iter().next() {
        return code;
    }
    let [left, right] = [&runs[0], &runs[1]];
    match args.format {
        Format::Text => out!(
            "{}",
            to_text_pair(&left.timeline, &right.timeline, args.width)
        ),
        Format::Json => {
            let told = |i: usize| Some((&*scenarios[i].0, &scenarios[i].1));
            let doc = CompareJson {
                left: to_document(left, told(0), None),
                right: to_document(right, told(1), None),
            };
            outln!(
                "{}",
                serde_json::to_string_pretty(&doc).expect("serializable")
            );
        }
    }
    if timed_out {
        errln!("taskscope: stopped after --timeout {:?}", args.timeout);
        ExitCode::from(EXIT_TIMEOUT)
    } else {
        ExitCode::SUCCESS
    }
}

/// Both swimlanes on one time axis, then their wall times side by side, in the scenarios'
/// own time (both run at one speed, so the ratio is the same in either time).
pub fn to_text_pair(left: &Timeline, right: &Timeline, width: usize) -> String {
    let wall = left.now_ns().max(right.now_ns());
    let names = label_width(left).max(label_width(right));
    let (l, r) = (left.now_ns(), right.now_ns());
    let ratio = if r.min(l) > 0 {
        format!(" ({:.2}x)", l.max(r) as f64 / l.min(r) as f64)
    } else {
        String::new()
    };
    let (a, b) = (left.info(), right.info());
    let name = |info: &crate::source::RunInfo| {
        if a.scenario == b.scenario {
            format!("{} ({})", info.scenario, info.runtime.as_str())
        } else {
            info.scenario.clone()
        }
    };
    format!(
        "{}\n{}\nwall time: {} {} · {} {}{ratio}\n",
        to_text_on_axis(left, width, wall, names),
        to_text_on_axis(right, width, wall, names),
        name(a),
        left.show_ns(l),
        name(b),
        right.show_ns(r),
    )
}
