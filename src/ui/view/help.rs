//! Popups: the help (the keymap table and the glyph legend) and the scenario's lesson.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::timeline::State;
use crate::ui::app::{App, Screen};
use crate::ui::keymap::{self, Context};
use crate::ui::theme::{self, Theme};

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
    let context = match app.screen {
        Screen::Menu => Context::Menu,
        Screen::Run => Context::Run,
    };
    let mut lines = Vec::new();
    for b in keymap::help(context) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<12}", b.keys_text), th.key()),
            Span::styled(b.help, th.text()),
        ]));
    }
    if context == Context::Menu {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<12}", "letters"), th.key()),
            Span::styled("type to filter; Backspace erases", th.text()),
        ]));
    }
    lines.push(Line::raw(""));
    for (glyph, text) in theme::LEGEND {
        let style = match glyph {
            theme::RUNNING => th.state(State::Running, false),
            theme::BLOCKING => th.state(State::Running, true),
            theme::SCHEDULED => th.state(State::Scheduled, false),
            theme::WAITING => th.state(State::Waiting, false),
            _ => th.strong(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {glyph}{glyph}  "), style),
            Span::styled(text, th.text()),
        ]));
    }
    let h = lines.len() as u16 + 2;
    let rect = centered(area, 72, h);
    popup(th, " keys · ? or Esc closes ", lines, rect, buf);
}

/// The lesson of the scenario being watched.
pub fn draw_lesson(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let Some(run) = &app.run else { return };
    let s = &run.scenario;
    let lines = vec![
        Line::styled(s.summary.clone(), th.strong()),
        Line::raw(""),
        Line::styled(s.lesson.trim().to_string(), th.text()),
    ];
    let w = 76.min(area.width.saturating_sub(4));
    let text_len = (s.summary.len() + s.lesson.len()) as u16;
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
