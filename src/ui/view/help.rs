//! Popups: the help (the keymap table and the marks of the lanes, from the same table as
//! the run view's legend row) and the scenario's lesson.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::ui::app::App;
use crate::ui::commands::{Availability, availability};
use crate::ui::keymap;
use crate::ui::marks::MARKS;
use crate::ui::screen::Screen;
use crate::ui::theme::Theme;
use crate::ui::words::{fit, wrap};

/// A centred rectangle of at most `w` x `h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The keymap of the current screen and the legend of lane glyphs.
pub fn draw_help(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let context = app.context();
    let mut lines = Vec::new();
    let help: Vec<_> = keymap::help(context).collect();
    // A key column is as wide as its longest keys, and two blanks more.
    let key_width = |part: &[(String, &keymap::Binding)]| {
        part.iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            + 2
    };
    let key_w = key_width(&help);
    // Each row: its keys (padded to `key_w`), what they do, and their styles (what cannot
    // be used now is dimmed; pressing it says why).
    let row = |(keys, b): &(String, &'static keymap::Binding), key_w: usize| {
        let styles = match availability(app, b.command) {
            Availability::Available => (th.key(), th.text()),
            Availability::Unavailable(_) => (th.dim(), th.dim()),
        };
        (format!(" {keys:<key_w$}"), b.help, styles)
    };
    let rows: Vec<_> = help.iter().map(|h| row(h, key_w)).collect();
    // A row's text cut to `width` columns, with an ellipsis where it is cut.
    let row_line = |(keys, text, (key_style, text_style)): &(String, &str, _), width: usize| {
        let room = width.saturating_sub(keys.chars().count());
        Line::from(vec![
            Span::styled(keys.clone(), *key_style),
            Span::styled(fit(text, room), *text_style),
        ])
    };
    for row in &rows {
        lines.push(row_line(row, usize::MAX));
    }
    // The marks of the lanes, where lanes are drawn or about to be.
    let marks = if matches!(app.screen, Screen::Ask(_)) {
        &[][..]
    } else {
        &MARKS[..]
    };
    let mut legend = Vec::new();
    for mark in marks {
        legend.push(Line::from(vec![
            Span::styled(format!(" {}  ", mark.glyph), mark.style(th)),
            Span::styled(mark.long, th.text()),
        ]));
    }
    let title = " keys · ? or Esc closes ";
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 2;
    let tall = (lines.len() + legend.len()) as u16 + 3;
    if tall <= area.height {
        if !legend.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.extend(legend);
        popup(th, title, lines, centered(area, widest.max(72), tall), buf);
        return;
    }
    // Short terminal: the legend in a line below the keys (wrapped over the rows it needs),
    // the keys in two columns where no text is cut there, else in one column where they fit
    // above the legend, else in two all the same.
    let mut spans = Vec::new();
    for mark in marks {
        // No-break spaces: wrapping never parts a mark from its words.
        spans.push(Span::styled(
            format!(" {}\u{a0}", mark.glyph),
            mark.style(th),
        ));
        spans.push(Span::styled(mark.short.replace(' ', "\u{a0}"), th.text()));
    }
    let legend = Line::from(spans);
    let legend_rows = |w: u16| wrap(legend.to_string().trim(), usize::from(w)).len() as u16;
    // The rows of `half` keys a column, inside `inner` columns, and whether every text is
    // whole. Each column's key column is as wide as its own longest keys, and two blanks
    // more, to leave what they do the most room; a text a column still cuts ends with `…`
    // (the tall form has them whole), a blank column between two.
    let columns = |half: usize, inner: u16| {
        let col = if half >= help.len() { inner } else { inner / 2 };
        let mut whole = true;
        let mut lines = Vec::new();
        for (c, part) in help.chunks(half.max(1)).enumerate() {
            let key_w = key_width(part);
            let width = match c {
                0 if col == inner => col,
                0 => col.saturating_sub(1),
                _ => inner - col,
            };
            for h in part {
                let r = row(h, key_w);
                whole &= r.0.chars().count() + r.1.chars().count() <= usize::from(width);
                lines.push(row_line(&r, usize::from(width)));
            }
        }
        (lines, col, whole)
    };
    let two = area.width.min(widest.saturating_sub(2) * 2 + 2);
    let one = area.width.min(widest.max(72));
    let half = help.len().div_ceil(2);
    let single = help.len() as u16 + 3 + legend_rows(one.saturating_sub(2)) <= area.height;
    let (half, w) = match columns(half, two.saturating_sub(2)).2 {
        false if single => (help.len(), one),
        _ => (half, two),
    };
    let legend_rows = legend_rows(w.saturating_sub(2));
    let h = (half as u16 + 3 + legend_rows).min(area.height);
    let rect = centered(area, w, h);
    popup(th, title, Vec::new(), rect, buf);
    let inner = rect.inner(ratatui::layout::Margin::new(1, 1));
    let (mut lines, col, _) = columns(half, inner.width);
    let right_keys = lines.split_off(half);
    Paragraph::new(lines).render(
        Rect {
            width: col,
            ..inner
        },
        buf,
    );
    let right = Rect::new(inner.x + col, inner.y, inner.width - col, inner.height);
    Paragraph::new(right_keys).render(right, buf);
    let below = Rect::new(inner.x, inner.y + half as u16 + 1, inner.width, legend_rows);
    Paragraph::new(legend)
        .wrap(Wrap { trim: true })
        .render(below.intersection(inner), buf);
}

/// The lesson of the scenario being watched.
pub fn draw_lesson(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let Some(run) = app.run() else { return };
    let s = &run.scenario;
    let lesson = run.lesson();
    let lines = vec![
        Line::styled(s.summary.clone(), th.strong()),
        Line::raw(""),
        Line::styled(lesson.trim().to_string(), th.text()),
    ];
    let w = 76.min(area.width.saturating_sub(4));
    let text_len = (s.summary.len() + lesson.len()) as u16;
    let h = (text_len / w.saturating_sub(4).max(1) + 6).min(area.height);
    let rect = centered(area, w, h);
    popup(
        th,
        &format!(" lesson: {} · L or Esc closes ", s.name),
        lines,
        rect,
        buf,
    );
}

fn popup(th: &Theme, title: &str, lines: Vec<Line>, rect: Rect, buf: &mut Buffer) {
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_style(th.accent())
        .title(Span::styled(title.to_string(), th.accent()));
    Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(rect, buf);
}
