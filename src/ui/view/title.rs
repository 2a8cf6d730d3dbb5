//! The title row of the menu and of the question screen: what the screen is on the left,
//! and on the right what the next run will be (its runtime, its speed, step mode, no quiz).
//! The right side is never dropped: the left's words go first, richest form first, then the
//! right's words get shorter; `STEP MODE` and `NO QUIZ` are always said in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::status::{fill, speed_text};
use crate::ui::app::App;

/// How many forms [`next_run_text`] has, longest first.
const FORMS: u8 = 3;

/// What the next run will be at `form` (0 longest): its runtime and speed (`next run on
/// tokio at 0.5x`, `next: tokio 0.5x`, `tokio 0.5x`), then each mode it starts in
/// (`STEP MODE`, `NO QUIZ`), the same words at every form.
pub fn next_run_text(app: &App, form: u8) -> String {
    let engine = app.next_engine.as_str();
    let speed = speed_text(app.next_speed);
    let mut parts = vec![match form {
        0 => format!("next run on {engine} at {speed}"),
        1 => format!("next: {engine} {speed}"),
        _ => format!("{engine} {speed}"),
    }];
    if app.step_mode {
        parts.push("STEP MODE".to_string());
    }
    if !app.ask {
        parts.push("NO QUIZ".to_string());
    }
    parts.join(" · ")
}

/// Draws the title row over `area`: the first of `lefts` (richest first) that fits beside
/// the next run's longest form, else the next run's shorter forms beside the last of
/// `lefts`, and at worst the next run alone at the right.
pub fn draw_title(app: &App, lefts: &[Line<'static>], area: Rect, buf: &mut Buffer) {
    fill(buf, area, app.theme.bar());
    let width = usize::from(area.width);
    let chosen = (0..FORMS).find_map(|form| {
        let right = format!(" {} ", next_run_text(app, form));
        let w = right.chars().count();
        lefts
            .iter()
            .find(|left| left.width() + w < width)
            .map(|left| (left, right))
    });
    let (left, right) = match chosen {
        Some(pair) => pair,
        None => {
            let right = format!(" {} ", next_run_text(app, FORMS - 1));
            buf.set_string(area.x, area.y, &right, app.theme.bar());
            return;
        }
    };
    left.clone().render(area, buf);
    let w = right.chars().count() as u16;
    buf.set_string(area.right() - w, area.y, &right, app.theme.bar());
}
