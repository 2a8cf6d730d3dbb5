//! The question screen, before a run: the scenario's question for the room, large and in
//! the middle of the screen, its choices numbered (ticked, for a set question) or the
//! number the room says as it is typed, and what to press.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::footer::draw_footer;
use super::title::draw_title;
use crate::ui::app::App;
use crate::ui::ask::{Answering, AskScreen};
use crate::ui::words::wrap;

/// Widest the question's text gets: a measure a room reads at a glance.
const MAX_TEXT: u16 = 76;

/// One row of the screen's middle.
enum Row {
    /// A line of text.
    Text(Line<'static>),
    /// A blank row between parts, left out first when the screen is short.
    Space,
}

/// Draws the question screen over `area`.
pub fn draw(app: &App, ask: &AskScreen, area: Rect, buf: &mut Buffer) {
    let th = &app.theme;
    let bar = Rect::new(area.x, area.y, area.width, 1);
    // What the next run will be (its runtime above all) matters more than the words
    // `a question for the room`, which go first on a narrow screen.
    let name = || {
        vec![
            Span::styled(" taskscope │ ", th.bar_strong()),
            Span::styled(ask.scenario.name.clone(), th.bar_strong()),
        ]
    };
    let mut full = name();
    full.push(Span::styled(" │ a question for the room", th.bar()));
    let lefts = [
        Line::from(full),
        Line::from(name()),
        Line::styled(format!(" {}", ask.scenario.name), th.bar_strong()),
    ];
    draw_title(app, &lefts, bar, buf);
    draw_footer(
        app,
        app.context(),
        Rect::new(area.x, area.bottom() - 1, area.width, 1),
        buf,
    );
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    let width = body.width.saturating_sub(8).clamp(20, MAX_TEXT);
    let mut rows = content(app, ask, usize::from(width));
    let texts = rows.iter().filter(|r| matches!(r, Row::Text(_))).count() as u16;
    let spaces = rows.len() as u16 - texts;
    // On a tall screen the parts stand further apart (up to three rows); on a short one
    // the blank rows go first.
    let gap = (body.height.saturating_sub(texts) / (spaces + 2).max(1)).clamp(1, MAX_GAP);
    if texts + spaces > body.height {
        rows.retain(|r| matches!(r, Row::Text(_)));
    }
    let tall: u16 = rows
        .iter()
        .map(|r| if matches!(r, Row::Text(_)) { 1 } else { gap })
        .sum();
    let x = body.x + body.width.saturating_sub(width) / 2;
    let mut y = body.y + body.height.saturating_sub(tall) / 2;
    for row in rows {
        match row {
            Row::Text(line) if y < body.bottom() => {
                line.render(Rect::new(x, y, width, 1), buf);
                y += 1;
            }
            Row::Text(_) => break,
            Row::Space => y += gap,
        }
    }
}

/// Most blank rows between two parts of the question screen.
const MAX_GAP: u16 = 3;

/// The rows of the middle, in `width` columns: a heading, the question, the choices (or the
/// number typed), and what to press.
fn content(app: &App, ask: &AskScreen, width: usize) -> Vec<Row> {
    let th = &app.theme;
    let mut rows = vec![
        Row::Text(Line::styled("A QUESTION FOR THE ROOM", th.accent()).centered()),
        Row::Space,
    ];
    let question = ask.quiz().map_or("", |q| q.ask.as_str());
    for line in wrap(question, width) {
        rows.push(Row::Text(Line::styled(line, th.strong())));
    }
    rows.push(Row::Space);
    let choices = ask.choices();
    let count = choices.len();
    let hint = match ask.answering() {
        Answering::One => {
            for (i, choice) in choices.into_iter().enumerate() {
                rows.push(Row::Text(Line::from(vec![
                    Span::styled(format!("   {}   ", i + 1), th.key()),
                    Span::styled(choice, th.strong()),
                ])));
                rows.push(Row::Space);
            }
            format!("{}: the run starts at once", press(count))
        }
        Answering::Set => {
            for (i, choice) in choices.into_iter().enumerate() {
                let ticked = ask.ticked.contains(&i);
                let (tick, style) = if ticked {
                    ("[✓] ", th.accent())
                } else {
                    ("[ ] ", th.dim())
                };
                rows.push(Row::Text(Line::from(vec![
                    Span::styled(format!("   {}   ", i + 1), th.key()),
                    Span::styled(tick, style),
                    Span::styled(choice, th.strong()),
                ])));
                rows.push(Row::Space);
            }
            format!(
                "{} to tick what the room names; Enter runs.\nNothing ticked answers: none of them.",
                press(count)
            )
        }
        Answering::Typed => {
            rows.push(Row::Text(Line::from(vec![
                Span::styled("   the room says   ", th.dim()),
                Span::styled(ask.typed.clone(), th.strong()),
                Span::styled("▏", th.cursor()),
            ])));
            rows.push(Row::Space);
            let example = match ask.typed_kind() {
                "a duration" => "2 (seconds), 1.5s or 250ms",
                _ => "a whole number, like 16",
            };
            format!("type {}: {example}; then Enter", ask.typed_kind())
        }
    };
    for line in wrap(&hint, width) {
        rows.push(Row::Text(Line::styled(line, th.dim())));
    }
    // Why an answer was refused wraps like the question: its end says what to type.
    for line in ask.refused.iter().flat_map(|why| wrap(why, width)) {
        rows.push(Row::Text(Line::styled(line, th.error())));
    }
    rows
}

/// "press 1 or 2", "press 1 to 3".
fn press(count: usize) -> String {
    match count {
        0 | 1 => "press 1".to_string(),
        2 => "press 1 or 2".to_string(),
        n => format!("press 1 to {n}"),
    }
}
