//! The menu's preview of the selected scenario: its summary, lesson, runtime and what it
//! brings, then every function's steps, in words for people.

use ratatui::text::{Line, Span};

use crate::scenario::{Action, OnTimeout, Scenario, format_duration};
use crate::source::Engine;
use crate::ui::theme::Theme as Style;

/// The summary, the lesson (as a run on `engine`, the next runs' loop, tells it), the
/// runtime and every function's steps, as lines for people (as many as fit in `rows`).
pub fn preview(s: &Scenario, engine: Engine, th: &Style, rows: usize) -> Vec<Line<'static>> {
    let workers = match s.runtime.workers {
        1 => "1 worker".to_string(),
        n => format!("{n} workers"),
    };
    let mut lines = vec![
        Line::styled(s.summary.clone(), th.strong()),
        Line::raw(""),
        Line::styled(engine.lesson(s).trim().replace('\n', " "), th.text()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("has ", th.dim()),
            Span::styled(extras(s, engine), th.text()),
        ]),
        Line::from(vec![
            Span::styled("runtime ", th.dim()),
            Span::styled(
                format!("{} · {workers}", s.runtime.flavor.as_str()),
                th.text(),
            ),
            Span::styled(format!("   from {}", s.origin), th.dim()),
        ]),
        Line::raw(""),
    ];
    // No more lines than the pane can show: a file of 100,000 steps stays quick to draw.
    for f in &s.functions {
        if lines.len() >= rows {
            break;
        }
        lines.push(Line::styled(format!("async fn {}", f.name), th.accent()));
        for step in f.steps.iter().take(rows.saturating_sub(lines.len())) {
            let mut spans = vec![Span::styled(
                format!("  {}", describe(&step.action)),
                th.text(),
            )];
            if let Some(label) = &step.label {
                spans.push(Span::styled(format!("  “{label}”"), th.dim()));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

/// Narration, listings and a question, in words: "narration ♪ · code </> Rust, Python ·
/// a question for the room ?".
fn extras(s: &Scenario, engine: Engine) -> String {
    let say = s.steps().any(|(_, step)| step.say.is_some());
    let mut parts = vec![if say { "narration ♪" } else { "no narration" }.to_string()];
    let langs: Vec<&str> = s
        .code
        .iter()
        .flat_map(|c| {
            [
                c.rust.as_ref().map(|_| "Rust"),
                c.python.as_ref().map(|_| "Python"),
            ]
        })
        .flatten()
        .collect();
    parts.push(if langs.is_empty() {
        "no code listing".to_string()
    } else {
        format!("code </> {}", langs.join(", "))
    });
    if engine.quiz(s).is_some() {
        parts.push("a question for the room ?".to_string());
    }
    parts.join(" · ")
}

/// One step, the way a person would say it.
pub fn describe(action: &Action) -> String {
    let d = |d: &std::time::Duration| format_duration(*d);
    match action {
        Action::Sleep(t) => format!("sleep {}", d(t)),
        Action::Call(f) => format!("{f}().await"),
        Action::Spawn(m) if m.task == m.function => format!("spawn {}", m.function),
        Action::Spawn(m) => format!("spawn {} as {}", m.function, m.task),
        Action::Join(t) => format!("join {t}"),
        Action::Group(ms) => {
            let names: Vec<&str> = ms.iter().map(|m| m.task.as_str()).collect();
            format!("task group: {}", names.join(", "))
        }
        Action::JoinAll(fs) => format!("join!({})", fs.join(", ")),
        Action::Race(fs) => format!("select! first of {}", fs.join(", ")),
        Action::Timeout {
            limit,
            function,
            on_timeout,
        } => {
            let then = match on_timeout {
                OnTimeout::Fail => "fail",
                OnTimeout::Continue => "go on",
            };
            format!("timeout {} on {function}(), then {then}", d(limit))
        }
        Action::Block(t) => format!("block {} (std::thread::sleep)", d(t)),
        Action::Spin(t) => format!("spin the CPU {}", d(t)),
        Action::SpawnBlocking(t) => format!("spawn_blocking {}", d(t)),
        Action::Yield => "yield_now".into(),
        Action::Fail(e) => format!("fail: {e}"),
        Action::Panic(e) => format!("panic: {e}"),
        Action::Forget(f) => format!("{f}() created, never awaited"),
        Action::Repeat { times, function } => format!("{times} × {function}().await"),
        Action::WithPermit {
            semaphore,
            function,
        } => format!("with a permit of {semaphore}: {function}().await"),
        Action::Lock { mutex, function } => format!("with {mutex} locked: {function}().await"),
        Action::Cancel(token) => format!("cancel {token}"),
        Action::UntilCancelled { token, function } => {
            format!("{function}().await until {token} is cancelled")
        }
        Action::Pending => "pending forever".into(),
        Action::Stream { items, each } => match each {
            Some(t) => format!("stream of {items} items, {} each", d(t)),
            None => format!("stream of {items} items"),
        },
    }
}
