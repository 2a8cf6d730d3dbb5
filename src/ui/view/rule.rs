//! A pane's title rule: the row over the findings, the lesson, the code and the quiz.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Writes `title` on the first row of `area`, then `─` to its right edge (all of it cut
/// there), so that every pane's title reads the same way.
pub(super) fn title_rule(buf: &mut Buffer, area: Rect, title: &str, style: Style) {
    let width = usize::from(area.width);
    let rule = format!("{title}{}", "─".repeat(width));
    buf.set_stringn(area.x, area.y, &rule, width, style);
}
