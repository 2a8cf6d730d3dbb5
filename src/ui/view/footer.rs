//! The bottom rows: the legend of the marks the lanes draw (from the one table the help
//! reads too), and the key hints (from the keymap table), where `?` and `q` always fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::wakes::wakes_from;
use crate::timeline::{TaskLane, Timeline};
use crate::ui::app::App;
use crate::ui::commands::{Availability, availability};
use crate::ui::keymap::{self, Command, Context};
use crate::ui::marks::{DROPPED, MARKS, Mark, MarkKind, end_mark};

/// The key hints of `context` that can be used now, as many as fit, in keymap order; the
/// help, Esc (the way back) and quit hints are kept whatever the width.
pub fn draw_footer(app: &App, context: Context, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if let Some(flash) = &app.flash {
        Line::styled(format!(" {flash}"), theme.accent()).render(area, buf);
        return;
    }
    let offered: Vec<(String, &str, Command)> = keymap::footer(context)
        .filter(|(_, _, command)| availability(app, *command) == Availability::Available)
        .map(|(keys, what, command)| match command {
            Command::Back => (keys, esc_word(app).unwrap_or(what), command),
            _ => (keys, what, command),
        })
        .collect();
    let width = |keys: &str, what: &str| keys.chars().count() + what.chars().count() + 3;
    let kept = |c: Command| matches!(c, Command::Help | Command::Back | Command::Quit);
    let mut used = 1 + offered
        .iter()
        .filter(|(_, _, c)| kept(*c))
        .map(|(k, w, _)| width(k, w))
        .sum::<usize>();
    let mut spans = vec![Span::raw(" ")];
    let mut full = false;
    for (keys, what, command) in offered {
        if !kept(command) {
            full |= used + width(&keys, what) > usize::from(area.width);
            if full {
                continue;
            }
            used += width(&keys, what);
        }
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    Line::from(spans).render(area, buf);
}

/// What Esc does first in a run view when it does not go back yet: close the details,
/// else clear the lanes' filter.
fn esc_word(app: &App) -> Option<&'static str> {
    let run = app.run()?;
    if run.details {
        Some("close")
    } else if run.choice.filtering() {
        Some("clear")
    } else {
        None
    }
}

/// The legend row: every mark the lanes draw, in its own style, with a word for it; as
/// many words as the width allows (on narrow screens, the end marks no lane of `shown`
/// has are left out). The wake marks are named only while the selected task has some.
pub fn draw_legend(app: &App, shown: &[&Timeline], area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let any = |f: &dyn Fn(&TaskLane) -> bool| shown.iter().any(|tl| tl.tasks().iter().any(f));
    let drawn = |m: &Mark| match m.kind {
        MarkKind::End(outcome) => any(&|t| t.outcome == outcome && end_mark(t) == Some(m.glyph)),
        MarkKind::Dropped => any(&|t| end_mark(t) == Some(DROPPED)),
        MarkKind::Branch => any(&TaskLane::is_branch),
        MarkKind::Woken(by) => app.run().is_some_and(|run| wakes_from(app, run, by)),
        MarkKind::Now => shown.iter().any(|tl| !tl.is_finished()),
        _ => true,
    };
    let situational = |m: &Mark| matches!(m.kind, MarkKind::Woken(_));
    // From the most room to the least: words two spaces apart, one space apart, only the
    // marks drawn, then short words for those. A mark left out for want of room is never
    // listed again at a narrower level.
    let line = |level: u8| {
        let only_drawn = level >= 2;
        let mut spans = vec![Span::raw(" ")];
        let listed = |m: &&Mark| (!only_drawn && !situational(m)) || drawn(m);
        for m in MARKS.iter().filter(listed) {
            let (word, gap, sep) = match level {
                0 => (m.short, " ", "  "),
                1 | 2 => (m.short, " ", " "),
                _ => (m.terse, "", " "),
            };
            spans.push(Span::styled(m.glyph, m.style(&app.theme)));
            spans.push(Span::styled(format!("{gap}{word}{sep}"), app.theme.dim()));
        }
        if let Some(last) = spans.last_mut() {
            last.content = last.content.trim_end().to_string().into();
        }
        Line::from(spans)
    };
    let width = usize::from(area.width);
    let level = (0..3).find(|&l| line(l).width() <= width).unwrap_or(3);
    line(level).render(area, buf);
}
