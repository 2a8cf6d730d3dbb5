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
/// rows, else one row each (the first in full where rows are left), the latest ones if
/// there are more than rows.
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
    let shown = if full {
        listed.iter().collect()
    } else {
        fair_share(listed, rows)
    };
    let hidden = listed.len() - shown.len();
    // Rows beyond a row each write the first findings in full, as many as they allow.
    let mut spare = rows.saturating_sub(shown.len() + usize::from(hidden > 0));
    for item in shown {
        let f = item.finding;
        let lines = finding_lines(item.timeline, f, &item.prefix, area.width);
        let lines = if full || lines.len() <= spare + 1 {
            spare -= lines.len().saturating_sub(1).min(spare);
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
    if hidden > 0 && y < area.bottom() {
        let more = format!("   … {hidden} more not shown (earlier ones)");
        Line::styled(more, theme.dim()).render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

/// The findings to list a row each in `rows` rows when not all fit: a row is kept to say
/// how many are not shown, and the others are shared fairly among the runs listed (a
/// comparison lists two): each run gets its latest findings, as many as the others or all
/// it has, in the order they were listed.
fn fair_share<'a, 'b>(listed: &'b [Listed<'a>], rows: usize) -> Vec<&'b Listed<'a>> {
    if listed.len() <= rows {
        return listed.iter().collect();
    }
    // A row for one finding, not for how many are not shown: the title counts them.
    if rows == 1 {
        return listed.last().into_iter().collect();
    }
    let mut groups: Vec<&[Listed]> = Vec::new();
    let mut start = 0;
    for i in 1..=listed.len() {
        if i == listed.len() || listed[i].prefix != listed[start].prefix {
            groups.push(&listed[start..i]);
            start = i;
        }
    }
    let counts = share(
        &groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        rows.saturating_sub(1),
    );
    groups
        .iter()
        .zip(counts)
        .flat_map(|(g, n)| &g[g.len() - n..])
        .collect()
}

/// How many of each group's `lens` items fit in `rows`, shared one at a time in turn.
fn share(lens: &[usize], rows: usize) -> Vec<usize> {
    let mut counts = vec![0; lens.len()];
    let mut left = rows;
    while left > 0 {
        let before = left;
        for (count, len) in counts.iter_mut().zip(lens) {
            if left > 0 && *count < *len {
                *count += 1;
                left -= 1;
            }
        }
        if left == before {
            break;
        }
    }
    counts
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
    use super::{one_row, share};

    #[test]
    fn rows_are_shared_fairly_among_the_runs_listed() {
        assert_eq!(share(&[4, 4], 3), [2, 1]);
        assert_eq!(share(&[4, 4], 4), [2, 2]);
        assert_eq!(share(&[1, 6], 5), [1, 4]);
        assert_eq!(share(&[9], 3), [3]);
        assert_eq!(share(&[2, 2], 9), [2, 2]);
    }

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
