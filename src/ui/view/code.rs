//! The code pane: the program the scenario stands for (Rust or Python), or a user's Python
//! program, with the line each task is at lit in that task's colour: live, or at the time
//! cursor. A lit line is never cut: it wraps, its tasks' names after it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::rule::title_rule;
use crate::record::TaskId;
use crate::source::Runtime;
use crate::ui::app::App;
use crate::ui::code_choice::Lang;
use crate::ui::run_view::RunView;
use crate::ui::words::{fit, wrap};

/// The step each task is at, at the instant shown (now, or the time cursor): its latest
/// step started by then. Tasks not spawned yet or already ended are left out.
pub fn task_steps(run: &RunView) -> Vec<(TaskId, u32)> {
    let tl = run.shown();
    let t = run.instant();
    let alive = |id: TaskId| {
        tl.task(id).is_some_and(|l| {
            l.is_spawned() && l.spawned_ns <= t && l.ended_ns.is_none_or(|e| e > t)
        })
    };
    let mut at: Vec<(TaskId, u32)> = Vec::new();
    if run.cursor.is_none() {
        // Now: the lane knows its step.
        at.extend(tl.tasks().iter().filter_map(|l| Some((l.id, l.step?))));
    } else {
        for mark in tl.steps().iter().filter(|m| m.at_ns <= t) {
            match at.iter_mut().find(|(id, _)| *id == mark.task) {
                Some(entry) => entry.1 = mark.step,
                None => at.push((mark.task, mark.step)),
            }
        }
    }
    at.retain(|&(id, _)| alive(id));
    at.sort_unstable();
    at
}

/// The listing line (1-based) of each task at the instant shown, in the pane's language: on
/// asyncio where the child says each task is (see `code_lines.rs`), on tokio the step each
/// task started last.
pub fn task_lines(run: &RunView) -> Vec<(u32, TaskId)> {
    if run.timeline.info().runtime == Runtime::Asyncio {
        return super::code_lines::asyncio_lines(run);
    }
    task_steps(run)
        .into_iter()
        .filter_map(|(task, step)| {
            let lines = run.scenario.step(step)?.code;
            let line = match run.lang {
                Lang::Rust => lines.rust,
                Lang::Python => lines.python,
            }?;
            Some((line, task))
        })
        .collect()
}

/// The first line shown so that the lit lines are in view, when the listing is taller than
/// the pane: `focus` (the selected task's line) or else the first lit line, two lines of
/// context above it, and as many lit lines after it as fit.
fn first_shown(lit: &[u32], focus: Option<u32>, total: usize, rows: usize) -> usize {
    if total <= rows {
        return 0;
    }
    let (Some(lo), Some(hi)) = (focus.or(lit.iter().min().copied()), lit.iter().max()) else {
        return 0;
    };
    let (lo, hi) = (lo.max(1) as usize - 1, *hi as usize - 1);
    let mut start = lo.saturating_sub(2);
    if hi >= start + rows {
        start = (hi + 1 - rows).min(lo);
    }
    start.min(total - rows)
}

/// Draws the pane: a title rule, then numbered lines, the lit ones marked with their tasks.
pub fn draw(app: &App, run: &RunView, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    if area.height == 0 || area.width < 4 {
        return;
    }
    let other = run.lang.other().name();
    let path = run.listing().map_or("", |l| l.path.as_str());
    // `p` is hinted when there is a listing to switch to (a user's program has one).
    let has_other = run.scenario.code.as_ref().is_some_and(|c| match run.lang {
        Lang::Rust => c.python.is_some(),
        Lang::Python => c.rust.is_some(),
    });
    let switch = match has_other {
        true => format!("(p: {other}) "),
        false => String::new(),
    };
    let title = format!("─ {} code {switch}{path} ", run.lang.name());
    title_rule(buf, area, &title, th.faint());
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let Some(listing) = run.listing() else {
        let why = if run.scenario.code.is_none() {
            "this scenario has no code listing ([code] in its file)".to_string()
        } else {
            format!("this scenario has no {} listing", run.lang.name())
        };
        let line = Line::styled(format!(" {why}"), th.dim());
        line.render(body, buf);
        return;
    };
    let lit = task_lines(run);
    let lines: Vec<&str> = listing.text.lines().collect();
    let rows = usize::from(body.height);
    let lit_lines: Vec<u32> = lit.iter().map(|(l, _)| *l).collect();
    let focus = lit.iter().find(|(_, id)| Some(*id) == run.selected);
    let start = first_shown(&lit_lines, focus.map(|f| f.0), lines.len(), rows);
    let width = usize::from(body.width);
    let mut y = body.y;
    for (i, text) in lines.iter().enumerate().skip(start) {
        if y >= body.bottom() {
            break;
        }
        let n = i as u32 + 1;
        let tasks: Vec<TaskId> = lit.iter().filter(|(l, _)| *l == n).map(|t| t.1).collect();
        let text = text.replace('\t', "    ");
        let rows = match tasks.first() {
            Some(&first) => lit_rows(app, run, n, &text, first, &tasks, width),
            None => vec![Line::from(vec![
                Span::styled(format!("  {n:>3} "), th.faint()),
                Span::styled(fit(&text, width.saturating_sub(6)), th.text()),
            ])],
        };
        for row in rows {
            if y >= body.bottom() {
                break;
            }
            row.render(Rect::new(body.x, y, body.width, 1), buf);
            y += 1;
        }
    }
}

/// The rows of line `n` (`text`), lit for `tasks` (`first` gives its colour): its number
/// marked with the first task's initial, the code wrapped under itself, then the tasks'
/// names, on the last row if they fit there.
fn lit_rows(
    app: &App,
    run: &RunView,
    n: u32,
    text: &str,
    first: TaskId,
    tasks: &[TaskId],
    width: usize,
) -> Vec<Line<'static>> {
    let th = &app.theme;
    let tl = run.shown();
    let style = th.task(first);
    let initial = tl.task(first).and_then(|t| t.name.chars().next());
    let code_w = width.saturating_sub(6).max(8);
    let indent = text.len() - text.trim_start().len();
    let mut rows: Vec<Vec<Span<'static>>> = Vec::new();
    for (k, part) in wrap(text.trim_start(), code_w.saturating_sub(indent))
        .into_iter()
        .enumerate()
    {
        let margin = if k == 0 {
            vec![
                Span::styled(format!("▶{}", initial.unwrap_or('?')), style),
                Span::styled(format!("{n:>3} "), style),
            ]
        } else {
            vec![Span::raw("      ")]
        };
        let mut spans = margin;
        spans.push(Span::styled(format!("{}{part}", " ".repeat(indent)), style));
        rows.push(spans);
    }
    let mut names = vec![Span::styled("  ◀", th.dim())];
    for &id in tasks {
        let name = tl.task(id).map_or("", |t| t.name.as_str());
        names.push(Span::styled(format!(" {name}"), th.task(id)));
    }
    let names_w: usize = names.iter().map(|s| s.content.chars().count()).sum();
    let last = rows.last_mut().expect("wrap gives a row");
    let used: usize = last.iter().map(|s| s.content.chars().count()).sum();
    if used + names_w <= width {
        last.extend(names);
    } else {
        let mut row = vec![Span::raw("     ")];
        row.extend(names);
        rows.push(row);
    }
    rows.into_iter().map(Line::from).collect()
}

#[cfg(test)]
mod tests {
    use super::first_shown;

    #[test]
    fn lit_lines_are_scrolled_into_view() {
        assert_eq!(first_shown(&[3], None, 10, 20), 0, "all fits");
        assert_eq!(
            first_shown(&[30], None, 40, 10),
            27,
            "two lines of context above"
        );
        assert_eq!(first_shown(&[5, 30], None, 40, 10), 4, "the first lit line");
        assert_eq!(
            first_shown(&[5, 30], Some(30), 40, 10),
            27,
            "the selected task's"
        );
        assert_eq!(first_shown(&[39], None, 40, 10), 30, "not past the end");
        assert_eq!(first_shown(&[], None, 40, 10), 0);
    }
}
