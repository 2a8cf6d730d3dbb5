//! The findings pane: what the run teaches so far, under a title rule. Every finding is
//! written in full, over the rows it needs, when the pane has them (a picture always does);
//! else each takes one row, when it began left out first and the sentence shortened only
//! if it must be (the selected task's details have it in full).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::rule::title_rule;
use crate::timeline::{Finding, Timeline};
use crate::ui::app::App;
use crate::ui::layout::is_news;
use crate::ui::marks::finding_mark;
use crate::ui::words::{FINDING_MARGIN, finding_lines, fit};

/// A finding to list, with the timeline it is about and what to write before it.
pub struct Listed<'a> {
    /// The run's timeline shown.
    pub timeline: &'a Timeline,
    /// The finding.
    pub finding: &'a Finding,
    /// Written before its sentence: the run's name in a comparison, else nothing.
    pub prefix: String,
}

/// The settled findings of `timeline` (those not happening right now), to list.
pub fn settled<'a>(
    timeline: &'a Timeline,
    findings: &'a [Finding],
    prefix: &str,
) -> Vec<Listed<'a>> {
    findings
        .iter()
        .filter(|f| !is_news(f))
        .map(|finding| Listed {
            timeline,
            finding,
            prefix: prefix.to_string(),
        })
        .collect()
}

/// Draws `listed` under a `findings (N)` rule: in full (wrapped) when the pane has the
/// rows, else one row each, the latest ones if there are more than rows.
pub fn draw_findings(app: &App, listed: &[Listed], area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if area.height == 0 {
        return;
    }
    let rows_in_full: usize = listed
        .iter()
        .map(|item| finding_lines(item.timeline, item.finding, &item.prefix, area.width).len())
        .sum();
    let full = rows_in_full < usize::from(area.height);
    let title = format!("─ findings ({}) ", listed.len());
    title_rule(buf, area, &title, theme.faint());
    let rows = usize::from(area.height - 1);
    let mut y = area.y + 1;
    let skip = if full {
        0
    } else {
        listed.len().saturating_sub(rows)
    };
    for item in listed.iter().skip(skip) {
        let f = item.finding;
        let lines = finding_lines(item.timeline, f, &item.prefix, area.width);
        let lines = if full {
            lines
        } else {
            one_row(lines, usize::from(area.width) - FINDING_MARGIN)
        };
        for (i, (text, dim)) in lines.into_iter().enumerate() {
            if y >= area.bottom() {
                return;
            }
            let icon = if i == 0 {
                finding_mark(item.timeline, f)
            } else {
                " "
            };
            Line::from(vec![
                Span::styled(format!(" {icon} "), theme.finding(f.kind)),
                Span::styled(text, theme.text()),
                Span::styled(dim, theme.dim()),
            ])
            .render(Rect::new(area.x, y, area.width, 1), buf);
            y += 1;
        }
    }
}

/// A finding's rows joined into one row of `width` columns: when it began is left out if
/// the sentence does not fit with it, and the sentence is shortened with an ellipsis only
/// if it does not fit alone.
fn one_row(lines: Vec<(String, String)>, width: usize) -> Vec<(String, String)> {
    let text: Vec<&str> = lines
        .iter()
        .map(|(t, _)| t.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let dim: String = lines
        .iter()
        .map(|(_, d)| d.trim())
        .collect::<Vec<_>>()
        .join("");
    let dim = if dim.is_empty() {
        dim
    } else {
        format!("  {dim}")
    };
    let text = text.join(" ");
    let len = text.chars().count();
    if len + dim.chars().count() <= width {
        return vec![(text, dim)];
    }
    vec![(fit(&text, width), String::new())]
}

#[cfg(test)]
mod tests {
    use super::one_row;

    fn row(text: &str, when: &str, width: usize) -> String {
        let lines = vec![(text.to_string(), format!("  {when}"))];
        let (text, dim) = one_row(lines, width).remove(0);
        format!("{text}{dim}")
    }

    #[test]
    fn a_finding_too_long_for_its_row_loses_its_time_before_its_words() {
        let sentence = "race: `ask_primary` dropped when `hedge` finished first";
        assert_eq!(
            row(sentence, "at 1.50 s", 80),
            format!("{sentence}  at 1.50 s")
        );
        assert_eq!(row(sentence, "at 1.50 s", 60), sentence);
        assert_eq!(
            row(sentence, "at 1.50 s", 40),
            "race: `ask_primary` dropped when `hedge…"
        );
    }
}
