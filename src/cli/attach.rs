//! `taskscope attach [ADDR] --headless`: watch another process's console-subscriber for a
//! while, then print its lanes like a run's.

use std::process::ExitCode;
use std::time::Duration;

use super::{EXIT_BAD_INPUT, EXIT_UNAVAILABLE, Format, parse_timeout};
use crate::attach::health::Watched;
use crate::attach::{self, AttachOptions, Session, Target};
use crate::export::{self, json};
use crate::feed::{self, Pace};
use crate::source::{Source, Status};

/// How often the headless loop drains the session.
const POLL_EVERY: Duration = Duration::from_millis(20);

/// Arguments of `taskscope attach`.
#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// The app's console-subscriber server: `http://HOST:PORT`, `HOST:PORT` or a port.
    #[arg(default_value = attach::DEFAULT_TARGET)]
    pub addr: String,
    /// Print the lanes after --duration instead of opening the dashboard.
    #[arg(long)]
    pub headless: bool,
    /// Output format with --headless.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// How long to watch with --headless, from the first update ("5s", "500ms").
    #[arg(long, default_value = "10s", value_parser = parse_timeout)]
    pub duration: Duration,
    /// Width of the text swimlane, in columns.
    #[arg(long, default_value_t = 100)]
    pub width: usize,
    /// Worker lanes to pack the app's polls onto (default: this machine's CPU count, the
    /// size of tokio's default runtime; 1 for a current_thread app).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: Option<u16>,
}

/// Attaches, watches for `--duration`, prints the lanes; see the README for exit codes.
pub fn run(args: &AttachArgs) -> ExitCode {
    let target = match Target::parse(&args.addr) {
        Ok(target) => target,
        Err(e) => {
            eprintln!("taskscope: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let mut options = AttachOptions {
        workers: args.workers.unwrap_or_else(attach::default_workers),
        ..AttachOptions::default()
    };
    // Waiting for a first update: a connection attempt, a publish interval, and slack.
    let patience = options.connect_timeout * 2 + Duration::from_secs(3);
    options.patience = Some(patience.max(args.duration));
    eprintln!(
        "taskscope: attaching to {} for {:?} ...",
        target.as_str(),
        args.duration
    );
    let mut sessions = [Watched::new(Session::connect(target, options))];
    let pace = Pace {
        timeout: args.duration,
        every: POLL_EVERY,
    };
    let (mut runs, _) = feed::record_to_end(&mut sessions, pace);
    let [Watched { session, health }] = &sessions;
    let run = runs.remove(0);
    let status = session.status();
    if !session.has_data() {
        let why = status.error().map_or_else(
            || format!("no update from {} arrived", session.target()),
            str::to_string,
        );
        eprintln!("taskscope: {why}");
        return ExitCode::from(EXIT_UNAVAILABLE);
    }
    let mut report = session.report(&run.timeline);
    health.annotate(&mut report, std::time::Instant::now());
    match args.format {
        Format::Text => {
            print!("{}", export::text::to_text(&run.timeline, args.width));
            print!("\n{}", report.text(&run.timeline));
        }
        Format::Json => {
            let report = serde_json::to_value(&report).expect("the report always serializes");
            let doc = json::to_document(&run, None, Some(report));
            println!("{}", json::to_json_string(&doc));
        }
    }
    match status {
        Status::Live | Status::Done => ExitCode::SUCCESS,
        Status::Connecting => ExitCode::from(EXIT_UNAVAILABLE),
        Status::Reconnecting { error, .. } | Status::Failed(error) => {
            eprintln!(
                "taskscope: {error}; the lanes end at {}, the last update received",
                crate::timeline::format_duration(session.now_ns())
            );
            ExitCode::from(EXIT_UNAVAILABLE)
        }
    }
}
