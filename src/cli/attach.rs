//! `taskscope attach [ADDR] --headless`: watch another process's console-subscriber for a
//! while, then print its lanes like a run's.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::{EXIT_BAD_INPUT, EXIT_UNAVAILABLE, Format, parse_timeout};
use crate::attach::health::Health;
use crate::attach::{self, AttachOptions, Session, Status};
use crate::export;
use crate::timeline::Timeline;

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
    let options = AttachOptions {
        workers: args.workers.unwrap_or_else(attach::default_workers),
        ..AttachOptions::default()
    };
    let mut session = match Session::connect(&args.addr, options) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("taskscope: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    eprintln!(
        "taskscope: attaching to {} for {:?} ...",
        session.target(),
        args.duration
    );
    let mut timeline = session.timeline();
    let mut health = Health::new(session.target());
    watch(
        &mut session,
        &mut timeline,
        args.duration,
        options,
        &mut health,
    );
    let status = session.status().clone();
    if !session.has_data() {
        let why = status.error().map_or_else(
            || format!("no update from {} arrived", session.target()),
            str::to_string,
        );
        eprintln!("taskscope: {why}");
        return ExitCode::from(EXIT_UNAVAILABLE);
    }
    timeline.finish(session.now_ns());
    match args.format {
        Format::Text => {
            print!("{}", export::text::to_text(&timeline, args.width));
            print!("\n{}", session.report_text(&timeline));
        }
        Format::Json => {
            let mut doc = export::json::to_json(&timeline);
            if let Some(object) = doc.as_object_mut() {
                let mut attach = session.report_json(&timeline);
                health.annotate(&mut attach, Instant::now());
                object.insert("attach".into(), attach);
            }
            let text = serde_json::to_string_pretty(&doc).expect("JSON values always serialize");
            println!("{text}");
        }
    }
    match status {
        Status::Connected => ExitCode::SUCCESS,
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

/// Drains the session until `duration` has passed since its first update, or it failed,
/// or nothing arrived for long enough to stop waiting.
fn watch(
    session: &mut Session,
    timeline: &mut Timeline,
    duration: Duration,
    o: AttachOptions,
    health: &mut Health,
) {
    let began = Instant::now();
    let mut first_update: Option<Instant> = None;
    // Waiting for a first update: a connection attempt, a publish interval, and slack.
    let patience = o.connect_timeout * 2 + Duration::from_secs(3);
    loop {
        session.drain_into(timeline);
        for notice in health.observe(session, Instant::now()) {
            eprintln!("taskscope: {notice}");
        }
        if matches!(session.status(), Status::Failed(_)) {
            return;
        }
        if first_update.is_none() && session.has_data() {
            first_update = Some(Instant::now());
        }
        match first_update {
            Some(at) if at.elapsed() >= duration => return,
            None if began.elapsed() >= patience.max(duration) => return,
            _ => std::thread::sleep(POLL_EVERY),
        }
    }
}
