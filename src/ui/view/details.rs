//! The details pane of the selected task: who it is, where it came from, what it is doing,
//! what it did, how it ended, and the findings about it in full. Times in the scenario's
//! own time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::record::{TaskId, TaskKind};
use crate::source::Engine;
use crate::timeline::{Outcome, State, TaskLane, Timeline, WakeSource};
use crate::ui::app::App;
use crate::ui::marks::{WokenBy, end_mark};
use crate::ui::run_view::RunView;

/// What a lane is, in the words of the loop the run is on: `main` is the future tokio's
/// `block_on` runs, and on asyncio the task `asyncio.run` makes of the main coroutine.
fn kind_words(kind: TaskKind, engine: Engine) -> String {
    match (kind, engine) {
        (TaskKind::Branch(of), _) => format!("branch of a {}", of.as_str().replace('_', " ")),
        (TaskKind::BlockOn, Engine::Tokio) => "block_on future".into(),
        (TaskKind::BlockOn, Engine::Asyncio) => "asyncio.run's main task".into(),
        (TaskKind::Blocking, Engine::Asyncio) => "asyncio.to_thread call".into(),
        (TaskKind::Future, Engine::Asyncio) => "coroutine, never awaited".into(),
        (kind, _) => kind.as_str().replace('_', " "),
    }
}

fn row<'a>(app: &App, key: &'a str, value: String) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{key:<10}"), app.theme.dim()),
        Span::styled(value, app.theme.text()),
    ])
}

/// Draws the pane for `run`'s selected task (or says that none is selected).
pub fn draw(app: &App, run: &RunView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let tl = run.shown();
    let block = Block::bordered()
        .border_style(theme.faint())
        .title(Span::styled(" details ", theme.accent()));
    let Some(lane) = run.selected.and_then(|id| tl.task(id)) else {
        Paragraph::new("select a task with ↑ ↓")
            .block(block)
            .render(area, buf);
        return;
    };
    let t = run.instant();
    let at = if run.cursor.is_some() {
        "at cursor"
    } else {
        "now"
    };
    let parent = lane
        .parent
        .and_then(|p| tl.task(p))
        .map_or("none".to_string(), |p| format!("{} (#{})", p.name, p.id));
    let state = match lane.state_at(t) {
        _ if lane.ended_ns.is_some_and(|e| t >= e) => {
            format!("ended at {}", tl.show_ns(lane.ended_ns.unwrap_or(0)))
        }
        Some(State::Running) => {
            let seg = lane.segment_at(t);
            let held = seg.map_or(0, |s| t.saturating_sub(s.start_ns));
            let worker = seg
                .and_then(|s| s.worker())
                .map_or(String::new(), |w| format!(" on worker {w}"));
            format!("running{worker}, this poll {}", tl.show_ns(held))
        }
        Some(State::Scheduled) => "scheduled: ready, waiting for a worker".into(),
        Some(State::Waiting) => {
            let label = lane
                .segment_at(t)
                .and_then(|s| s.label())
                .and_then(|l| tl.label(l));
            match label {
                Some(l) => format!("waiting: {l}"),
                None => "waiting".into(),
            }
        }
        None if t < lane.spawned_ns => "not spawned yet".into(),
        None => "-".into(),
    };
    let stats = lane.stats();
    let outcome = match lane.outcome {
        Outcome::Running => "still running".to_string(),
        Outcome::Cancelled if lane.is_branch() => {
            format!("{} dropped", end_mark(lane).unwrap_or(""))
        }
        o => format!(
            "{} {}",
            end_mark(lane).unwrap_or(""),
            o.as_str().replace('_', " ")
        ),
    };
    let kind = kind_words(lane.kind, run.engine());
    let mut who = vec![
        Line::styled(lane.name.clone(), theme.strong()),
        row(app, "id", format!("#{} · {kind}", lane.id)),
        row(app, "parent", parent),
        row(
            app,
            "spawned",
            format!("at {}", tl.show_ns(lane.spawned_ns)),
        ),
        row(
            app,
            "location",
            lane.location.clone().unwrap_or_else(|| "-".into()),
        ),
        row(app, at, state),
    ];
    // An asyncio task's line: where its coroutine is suspended.
    if let Some(line) = super::code_lines::position_text(run, lane.id) {
        who.push(row(app, "line", line));
    }
    let mut what = vec![row(
        app,
        "polls",
        format!("{}   wakes {}", stats.polls, stats.wakes),
    )];
    // One waker a row, each with the mark its wakes have on the lanes; then whom it woke.
    for (i, waker) in woken_by(tl, lane).into_iter().enumerate() {
        what.push(row(app, if i == 0 { "woken by" } else { "" }, waker));
    }
    what.extend(woke(tl, lane).map(|woke| row(app, "woke", woke)));
    what.extend([
        row(app, "busy", tl.show_ns(stats.busy_ns)),
        row(app, "scheduled", tl.show_ns(stats.scheduled_ns)),
        row(app, "idle", tl.show_ns(stats.idle_ns)),
        Line::from(vec![
            Span::styled(format!("{:<10}", "outcome"), theme.dim()),
            Span::styled(outcome, theme.outcome(lane.outcome)),
        ]),
    ]);
    if let Some(error) = &lane.error {
        what.push(row(app, "error", error.clone()));
    }
    // The findings about the task, in full (the findings pane may have shortened them).
    for f in run.findings().iter().filter(|f| f.tasks.contains(&lane.id)) {
        what.push(Line::from(vec![
            Span::styled(
                format!("{} ", crate::ui::marks::finding_mark(tl, f)),
                theme.finding(f.kind),
            ),
            Span::styled(f.message.clone(), theme.text()),
        ]));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    // Short and wide (below the lanes): who on the left, what it did on the right.
    let rows = (who.len() + what.len()) as u16;
    if inner.height < rows && inner.width >= 60 {
        let half = inner.width / 2;
        let left = Rect::new(inner.x, inner.y, half - 1, inner.height);
        let right = Rect::new(
            inner.x + half + 1,
            inner.y,
            inner.width - half - 1,
            inner.height,
        );
        let mut what = what;
        what.insert(0, Line::raw(""));
        for (lines, rect) in [(who, left), (what, right)] {
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(rect, buf);
        }
    } else {
        let mut lines = who;
        lines.extend(what);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}

/// Wakers listed one a row; more are summed up in one more row.
const WAKERS_LISTED: usize = 4;

/// Who or what woke `lane`, with the marks the lanes draw for them, the most frequent first:
/// "◷ timer ×2", "◆ cart ×1" (none if nothing woke it).
fn woken_by(tl: &Timeline, lane: &TaskLane) -> Vec<String> {
    let all = lane.wakers();
    let listed = if all.len() > WAKERS_LISTED {
        WAKERS_LISTED - 1
    } else {
        all.len()
    };
    let mut wakers: Vec<String> = all[..listed]
        .iter()
        .map(|w| {
            let who = match w.source {
                WakeSource::Task(id) if id == lane.id => "itself".to_string(),
                WakeSource::Task(id) => name(tl, id),
                WakeSource::Timer => "timer".into(),
                WakeSource::Runtime => "runtime".into(),
            };
            format!("{} {who} ×{}", WokenBy::of(w.source).glyph(), w.count)
        })
        .collect();
    let rest = &all[listed..];
    if !rest.is_empty() {
        let wakes: u64 = rest.iter().map(|w| w.count).sum();
        wakers.push(format!("… {} more ×{wakes}", rest.len()));
    }
    wakers
}

/// The tasks `lane` woke (itself left out), with how often: "main ×1 · cart ×2" (None if
/// it woke none).
fn woke(tl: &Timeline, lane: &TaskLane) -> Option<String> {
    let mut counts: Vec<(TaskId, u64)> = Vec::new();
    for (woken, _) in tl.woken_by(lane.id) {
        match counts.iter_mut().find(|c| c.0 == woken) {
            Some(c) => c.1 += 1,
            None if woken != lane.id => counts.push((woken, 1)),
            None => {}
        }
    }
    let woke: Vec<String> = counts
        .iter()
        .map(|&(id, n)| format!("{} ×{n}", name(tl, id)))
        .collect();
    (!woke.is_empty()).then(|| woke.join(" · "))
}

fn name(tl: &Timeline, id: TaskId) -> String {
    tl.task(id)
        .map_or_else(|| format!("#{id}"), |t| t.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_is_named_as_each_runtime_makes_it() {
        assert_eq!(
            kind_words(TaskKind::BlockOn, Engine::Tokio),
            "block_on future"
        );
        assert_eq!(
            kind_words(TaskKind::BlockOn, Engine::Asyncio),
            "asyncio.run's main task"
        );
        assert_eq!(kind_words(TaskKind::Task, Engine::Asyncio), "task");
        assert_eq!(
            kind_words(TaskKind::Blocking, Engine::Asyncio),
            "asyncio.to_thread call"
        );
        assert_eq!(kind_words(TaskKind::Future, Engine::Tokio), "future");
    }
}
