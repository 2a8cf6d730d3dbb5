//! The start screen: the scenarios with their summaries, a filter, and beside the list the
//! selected one's lesson and a readable preview of its steps.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::footer::draw_footer;
use super::preview::preview;
use super::title::draw_title;
use crate::scenario::Theme;
use crate::source::Engine;
use crate::ui::app::App;
use crate::ui::menu::{Menu, MenuEntry};
use crate::ui::words::fit;

/// Rows one menu entry takes: its name, then its summary.
pub const ENTRY_ROWS: u16 = 2;

/// Where each part of the menu goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MenuLayout {
    /// Title bar.
    pub title: Rect,
    /// The filter line.
    pub filter: Rect,
    /// The list of scenarios.
    pub list: Rect,
    /// The selected scenario's lesson and steps.
    pub preview: Rect,
    /// Key hints.
    pub footer: Rect,
}

impl MenuLayout {
    /// Lays the menu out in `area`.
    pub fn new(area: Rect) -> MenuLayout {
        let list_w = (area.width * 2 / 5).clamp(30.min(area.width), 50);
        let body_y = area.y + 3;
        let body_h = area.height.saturating_sub(4);
        MenuLayout {
            title: Rect::new(area.x, area.y, area.width, 1),
            filter: Rect::new(area.x, area.y + 1, area.width, 1),
            list: Rect::new(area.x, body_y, list_w, body_h),
            preview: Rect::new(
                area.x + list_w + 1,
                body_y,
                area.width.saturating_sub(list_w + 1),
                body_h,
            ),
            footer: Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1),
        }
    }

    /// How many entries fit in the list.
    pub fn visible_entries(&self) -> usize {
        usize::from((self.list.height / ENTRY_ROWS).max(1))
    }
}

/// The heading of an entry's group in the list: its theme, or that it does not parse.
pub fn group(entry: &MenuEntry) -> &'static str {
    match &entry.scenario {
        Ok(s) => match s.theme {
            Theme::Basics => "BASICS · how async code runs",
            Theme::Mistakes => "MISTAKES · bugs people write",
            Theme::Patterns => "PATTERNS · shapes of real programs",
            Theme::Runtime => "RUNTIME · how tokio schedules",
        },
        Err(_) => "FILES THAT DO NOT PARSE",
    }
}

/// One row of the list: a group heading, or an entry (its position among the filtered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListRow {
    /// Offset from the list's top.
    pub y: u16,
    /// A group heading, or None for an entry.
    pub heading: Option<&'static str>,
    /// The entry's position among the filtered ones (for a heading: the entry below it).
    pub pos: usize,
}

/// The rows the list shows from `menu.scroll` in `height` rows: a heading above the first
/// entry of each group (and above the first entry shown), then each entry's two rows.
pub fn list_rows(menu: &Menu, filtered: &[usize], height: u16) -> Vec<ListRow> {
    let mut rows = Vec::new();
    let mut y = 0;
    let mut previous = None;
    for (pos, &i) in filtered.iter().enumerate().skip(menu.scroll) {
        let g = group(&menu.entries[i]);
        if previous != Some(g) {
            if y + 1 + ENTRY_ROWS > height {
                break;
            }
            rows.push(ListRow {
                y,
                heading: Some(g),
                pos,
            });
            y += 1;
            previous = Some(g);
        }
        if y + ENTRY_ROWS > height {
            break;
        }
        rows.push(ListRow {
            y,
            heading: None,
            pos,
        });
        y += ENTRY_ROWS;
    }
    rows
}

/// Draws the menu.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let layout = MenuLayout::new(area);
    let menu = &app.menu;
    let hint = Span::styled("│ pick a scenario, Enter runs it", th.bar());
    let name = || Span::styled(" taskscope ", th.bar_strong());
    // The tagline follows the runtime the next run is on.
    let tagline = format!(
        "│ see what {} does with your tasks ",
        app.next_engine.as_str()
    );
    let lefts = [
        Line::from(vec![name(), Span::styled(tagline, th.bar()), hint.clone()]),
        Line::from(vec![name(), hint]),
        Line::from(name()),
    ];
    draw_title(app, &lefts, layout.title, buf);
    let filtered = menu.filtered();
    let count = Span::styled(
        format!("  {} of {}", filtered.len(), menu.entries.len()),
        th.dim(),
    );
    let filter = match (menu.editing, menu.filter.is_empty()) {
        (true, _) => Line::from(vec![
            Span::styled(" filter ", th.dim()),
            Span::styled(menu.filter.clone(), th.strong()),
            Span::styled("▏", th.cursor()),
            count,
            Span::styled("   Enter keeps it, Esc clears it", th.faint()),
        ]),
        (false, true) => Line::from(vec![
            Span::styled(" / ", th.key()),
            Span::styled("filters the list", th.faint()),
        ]),
        (false, false) => Line::from(vec![
            Span::styled(" filter ", th.dim()),
            Span::styled(menu.filter.clone(), th.strong()),
            count,
            Span::styled("   Esc clears it", th.faint()),
        ]),
    };
    let filter_w = filter.width() as u16;
    filter.render(layout.filter, buf);
    if let Some(reading) = &menu.reading {
        // What the loader is reading, at the right of the filter row.
        let text = format!("reading {reading} … ");
        let w = text.chars().count() as u16;
        let x = layout.filter.right().saturating_sub(w);
        if x > layout.filter.x + filter_w + 1 {
            buf.set_stringn(x, layout.filter.y, &text, usize::from(w), th.accent());
        }
    }
    if let Some(text) = marks_text(menu) {
        // The free row between the filter and the list.
        let y = layout.filter.y + 1;
        let w = usize::from(layout.filter.width.saturating_sub(1));
        buf.set_stringn(layout.filter.x + 1, y, fit(&text, w), w, th.accent());
    }
    let list_w = usize::from(layout.list.width);
    if filtered.is_empty() {
        buf.set_string(
            layout.list.x + 2,
            layout.list.y,
            "no scenario matches",
            th.dim(),
        );
    }
    for row in list_rows(menu, &filtered, layout.list.height) {
        let y = layout.list.y + row.y;
        if let Some(heading) = row.heading {
            let text = fit(heading, list_w);
            buf.set_stringn(layout.list.x, y, &text, list_w, th.accent());
            continue;
        }
        let e = &menu.entries[filtered[row.pos]];
        let selected = row.pos == menu.selected;
        let (mark, name_style) = match (&e.scenario, selected) {
            (_, true) => ("▶ ", th.selected()),
            (Err(_), false) => ("✗ ", th.error()),
            (Ok(_), false) => ("  ", th.strong()),
        };
        let badges = badges(menu, filtered[row.pos], app.next_engine);
        let name_w = list_w.saturating_sub(badges.chars().count());
        let name = format!("{mark}{}", e.name);
        let name = format!("{:<name_w$}", fit(&name, name_w));
        buf.set_stringn(layout.list.x, y, &name, name_w, name_style);
        let bx = layout.list.x + name_w as u16;
        buf.set_stringn(bx, y, &badges, list_w - name_w, th.dim());
        let summary = fit(&e.summary, list_w.saturating_sub(4));
        buf.set_stringn(layout.list.x + 4, y + 1, &summary, list_w - 4, th.dim());
    }
    if let Some(entry) = menu.selected_entry() {
        let block = Block::bordered()
            .border_style(th.faint())
            .title(Span::styled(format!(" {} ", entry.name), th.accent()));
        // Diagnostics wrap too: their excerpt and caret are short lines and stay aligned.
        let lines = match &entry.scenario {
            Ok(s) => preview(s, app.next_engine, th, usize::from(layout.preview.height)),
            Err(diagnostic) => {
                let mut lines = vec![
                    Line::styled("this file does not parse:", th.error()),
                    Line::raw(""),
                ];
                lines.extend(
                    diagnostic
                        .lines()
                        .map(|l| Line::styled(l.to_string(), th.text())),
                );
                lines
            }
        };
        let p = Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false });
        p.render(layout.preview, buf);
    }
    draw_footer(app, app.context(), layout.footer, buf);
}

/// The badges after an entry's name: its mark for a comparison (`[1]` `[2]`), narration
/// (`♪`), code listings (`</>`) and a question for the room on `engine`, the next runs'
/// loop (`?`).
pub fn badges(menu: &Menu, i: usize, engine: Engine) -> String {
    let mut out = String::new();
    if let Some(at) = menu.marks.iter().position(|&m| m == i) {
        out.push_str(if at == 0 { " [1]" } else { " [2]" });
    }
    if let Ok(s) = &menu.entries[i].scenario {
        if s.steps().any(|(_, step)| step.say.is_some()) {
            out.push_str(" ♪");
        }
        if s.code.is_some() {
            out.push_str(" </>");
        }
        if engine.quiz(s).is_some() {
            out.push_str(" ?");
        }
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out
}

/// What the filter row says about the marks: who is marked, and what Enter will do.
fn marks_text(menu: &Menu) -> Option<String> {
    let name = |k: usize| Some(menu.entries.get(*menu.marks.get(k)?)?.name.as_str());
    match (name(0), name(1)) {
        (Some(a), Some(b)) => Some(format!("compare [1] {a} [2] {b}: Enter runs both")),
        (Some(a), None) => Some(format!("compare [1] {a}: Tab marks a second")),
        _ => None,
    }
}
