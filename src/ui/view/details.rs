//! The details pane of the selected task: who it is, where it came from, what it is doing,
//! what it did, how it ended, and the findings about it in full. Times in the scenario's
//! own time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::timeline::{Outcome, State};
use crate::ui::app::App;
use crate::ui::run_view::RunView;
use crate::ui::theme::outcome_mark;

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
        o => format!(
            "{} {}",
            outcome_mark(o).unwrap_or(""),
            o.as_str().replace('_', " ")
        ),
    };
    let who = vec![
        Line::styled(lane.name.clone(), theme.strong()),
        row(app, "id", format!("#{} · {}", lane.id, lane.kind.as_str())),
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
    let mut what = vec![
        row(
            app,
            "polls",
            format!("{}   wakes {}", stats.polls, stats.wakes),
        ),
        row(app, "busy", tl.show_ns(stats.busy_ns)),
        row(app, "scheduled", tl.show_ns(stats.scheduled_ns)),
        row(app, "idle", tl.show_ns(stats.idle_ns)),
        Line::from(vec![
            Span::styled(format!("{:<10}", "outcome"), theme.dim()),
            Span::styled(outcome, theme.outcome(lane.outcome)),
        ]),
    ];
    if let Some(error) = &lane.error {
        what.push(row(app, "error", error.clone()));
    }
    // The findings about the task, in full (the findings pane may have shortened them).
    for f in run.findings().iter().filter(|f| f.tasks.contains(&lane.id)) {
        what.push(Line::from(vec![
            Span::styled(
                format!("{} ", crate::ui::theme::finding_icon(f.kind)),
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
