//! The lesson pane: what the scenario teaches, in the room the lanes leave below them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::rule::title_rule;
use crate::ui::app::App;
use crate::ui::run_view::RunView;
use crate::ui::words::{fit, wrap};

/// Draws the lesson under a title rule, wrapped; if it is longer than the pane, its last
/// row says so (`L` shows it whole). The lesson is the one `run`'s runtime tells.
pub fn draw_lesson_pane(app: &App, run: &RunView, area: Rect, buf: &mut Buffer) {
    let scenario = &run.scenario;
    let theme = &app.theme;
    if area.height < 2 || area.width < 8 {
        return;
    }
    let title = format!("─ lesson: {} ", scenario.summary);
    let title = fit(&title, usize::from(area.width));
    title_rule(buf, area, &title, theme.faint());
    let width = usize::from(area.width - 2);
    let text = run.lesson().trim().replace('\n', " ");
    let lines = wrap(&text, width);
    let rows = usize::from(area.height - 1);
    for (i, line) in lines.iter().take(rows).enumerate() {
        let line = if i + 1 == rows && lines.len() > rows {
            let more = if app.picture { "…" } else { "… (L)" };
            let keep = width.saturating_sub(more.chars().count());
            format!("{}{more}", line.chars().take(keep).collect::<String>())
        } else {
            line.clone()
        };
        buf.set_stringn(
            area.x + 1,
            area.y + 1 + i as u16,
            &line,
            width,
            theme.text(),
        );
    }
}
