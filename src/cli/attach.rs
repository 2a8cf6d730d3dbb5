//! `taskscope attach [ADDR] --headless`: watch another process's console-subscriber for a
//! while, then print its lanes like a run's.

use std::process::ExitCode;
use std::time::Duration;

use super::{EXIT_BAD_INPUT, EXIT_UNAVAILABLE, Format, bounds};
use crate::attach::health::Watched;
use crate::attach::{self, AttachOptions, Session, Target};
use crate::export::{self, json};
use crate::feed::{self, Pace};
use crate::output::{errln, out, outln};
use crate::source::{Source, Status};

/// How often the headless loop drains the session.
const POLL_EVERY: Duration = Duration::from_millis(20);

/// Arguments of `taskscope attach`.
#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// The app's console-subscriber server: `http://HOST:PORT`, `HOST:PORT` or a port.
    #[arg(default_value = attach::DEFAULT_TARGET, value_parser = check_addr)]
    pub addr: String,
    /// Print the lanes after --duration instead of opening the dashboard.
    #[arg(long)]
    pub headless: bool,
    /// Output format with --headless.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// How long to watch with --headless, from the first update ("5s", "500ms").
    #[arg(long, allow_hyphen_values = true, default_value = "10s", value_parser = bounds::attach_duration)]
    pub duration: Duration,
    /// Width of the text swimlane, in columns.
    #[arg(long, allow_negative_numbers = true, default_value_t = 100, value_parser = bounds::width)]
    pub width: usize,
    /// Worker lanes to pack the app's polls onto (default: this machine's CPU count, the
    /// size of tokio's default runtime; 1 for a current_thread app).
    #[arg(long, allow_negative_numbers = true, value_parser = bounds::workers)]
    pub workers: Option<u16>,
}

/// Attaches, watches for `--duration`, prints the lanes; see the README for exit codes.
pub fn run(args: &AttachArgs) -> ExitCode {
    let target = match Target::parse(&args.addr) {
        Ok(target) => target,
        Err(e) => {
            errln!("taskscope: {e}");
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
    errln!(
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
        errln!("taskscope: {why}");
        return ExitCode::from(EXIT_UNAVAILABLE);
    }
    let mut report = session.report(&run.timeline);
    health.annotate(&mut report, std::time::Instant::now());
    match args.format {
        Format::Text => {
            // One write, as every command prints its result (see `crate::output`).
            let lanes = export::text::to_text(&run.timeline, args.width);
            out!("{lanes}\n{}", report.text(&run.timeline));
        }
        Format::Json => {
            let report = serde_json::to_value(&report).expect("the report always serializes");
            let doc = json::to_document(&run, None, Some(report));
            outln!("{}", json::to_json_string(&doc));
        }
    }
    match status {
        Status::Live | Status::Done => ExitCode::SUCCESS,
        Status::Connecting => ExitCode::from(EXIT_UNAVAILABLE),
        Status::Reconnecting { error, .. } | Status::Failed(error) => {
            errln!(
                "taskscope: {error}; the lanes end at {}, the last update received",
                crate::timeline::format_duration(session.now_ns())
            );
            ExitCode::from(EXIT_UNAVAILABLE)
        }
    }
}

/// `ADDR`, whose port (if it names one) is 1 to 65535; the rest is checked when it is
/// parsed into an address to connect to.
fn check_addr(text: &str) -> Result<String, String> {
    let bare = text.trim();
    let bare = bare.split_once("://").map_or(bare, |(_, rest)| rest);
    let bare = bare.trim_end_matches('/');
    let port = match bare.rsplit_once(':') {
        Some((_, port)) => port,
        None if bare.bytes().all(|b| b.is_ascii_digit()) => bare,
        None => return Ok(text.to_string()),
    };
    bounds::port(port).map(|_| text.to_string())
}
