//! The quiz pane of the run view, under the lanes: the question (when there is room), the
//! room's answer, and once the run settles it, right or wrong beside the measured truth.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::rule::title_rule;
use crate::quiz::Score;
use crate::timeline::Outcome;
use crate::ui::app::App;
use crate::ui::quiz_pane::{Part, QUIZ_MARGIN, QuizShape, quiz_lines};
use crate::ui::theme::Theme;

/// Draws the pane of `quiz` under a `quiz` rule: the question's rows that fit, then the
/// answer and the verdict, which always do (the layout gives them their rows).
pub fn draw_quiz_pane(app: &App, quiz: &QuizShape, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if area.height == 0 {
        return;
    }
    title_rule(buf, area, "─ quiz ", theme.faint());
    buf.set_string(area.x + 2, area.y, "quiz", theme.accent());
    let lines = quiz_lines(quiz, area.width);
    let rows = usize::from(area.height - 1);
    // The question whole, or not at all.
    let room = rows.saturating_sub(lines.rest.len());
    let asked = if lines.ask.len() <= room {
        lines.ask.len()
    } else {
        0
    };
    let ask = lines.ask.iter().take(asked).map(|l| (Part::Ask, l));
    let rest = lines.rest.iter().map(|(part, l)| (*part, l));
    let x = area.x + QUIZ_MARGIN;
    let width = usize::from(area.width - QUIZ_MARGIN);
    for (i, (part, line)) in ask.chain(rest).take(rows).enumerate() {
        let y = area.y + 1 + i as u16;
        buf.set_stringn(x, y, line, width, style(theme, part));
        // The verdict's word in the colour of how it went.
        if let Part::Said(score @ (Score::Right | Score::Wrong)) = part {
            let word = if score == Score::Right {
                "✓ right"
            } else {
                "✗ wrong"
            };
            if let Some(col) = line.find(word) {
                let col = line[..col].chars().count() as u16;
                let outcome = if score == Score::Right {
                    Outcome::Ok
                } else {
                    Outcome::Failed
                };
                buf.set_stringn(x + col, y, word, width, theme.outcome(outcome));
            }
        }
    }
}

/// The style of a row of the pane.
fn style(theme: &Theme, part: Part) -> Style {
    match part {
        Part::Ask => theme.dim(),
        Part::Said(_) | Part::Choices => theme.strong(),
        Part::Truth => theme.text(),
        Part::Pending => theme.dim(),
    }
}
