//! Text that the layout measures before the view writes it, so that both agree on the rows
//! it takes: words wrapped to a width, a finding's line, and a line cut to a width.

use crate::timeline::{Finding, FindingKind, Timeline};

/// `text` wrapped at spaces into lines of at most `width` columns; a number and its unit
/// (`500 ms`, `1.5 s`, `2 x`) stay on one line; a word longer than a line is split across
/// lines. Runs of spaces between words are kept inside a line, dropped at its ends;
/// newlines in `text` start a new line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut len = 0;
        // Spaces beyond the first between the last word and the next.
        let mut extra = 0;
        for piece in pieces(paragraph) {
            let piece = piece.as_str();
            if piece.is_empty() {
                extra += usize::from(len > 0);
                continue;
            }
            let mut word: Vec<char> = piece.chars().collect();
            let gap = if len > 0 { 1 + extra } else { 0 };
            extra = 0;
            if len + gap + word.len() > width && len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
            } else {
                line.extend(std::iter::repeat_n(' ', gap));
                len += gap;
            }
            while word.len() > width - len {
                let rest = word.split_off(width - len);
                line.extend(word);
                lines.push(std::mem::take(&mut line));
                len = 0;
                word = rest;
            }
            len += word.len();
            line.extend(word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Units that stay on the line of the number before them.
const UNITS: [&str; 9] = ["ns", "µs", "us", "ms", "s", "min", "h", "x", "%"];

/// The pieces of `paragraph` between single spaces (empty ones for runs of spaces), a
/// number glued to the unit after it.
fn pieces(paragraph: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in paragraph.split(' ') {
        let unit = piece.trim_end_matches(|c: char| ",.;:)]…'\"".contains(c));
        let after_number = out
            .last()
            .is_some_and(|prev| prev.ends_with(|c: char| c.is_ascii_digit()));
        match out.last_mut() {
            Some(prev) if after_number && UNITS.contains(&unit) => {
                prev.push(' ');
                prev.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
    }
    out
}

/// `text` cut to `width` columns, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Columns before a finding's text in the findings pane: a space, its icon, a space.
pub const FINDING_MARGIN: usize = 3;

/// What the findings pane writes after a finding's icon, row by row in `width` columns:
/// `prefix` (the run's name, in a comparison) and the sentence, wrapped, then when it began
/// in the scenario's time (the run's concurrency summary is no moment), on the last row if
/// it fits there. Each row is its text and its dim part.
pub fn finding_lines(
    timeline: &Timeline,
    finding: &Finding,
    prefix: &str,
    width: u16,
) -> Vec<(String, String)> {
    let when = match finding.kind {
        FindingKind::Concurrency => String::new(),
        _ => format!("at {}", timeline.show_ns(finding.start_ns)),
    };
    let room = usize::from(width).saturating_sub(FINDING_MARGIN).max(8);
    let mut rows: Vec<(String, String)> = wrap(&format!("{prefix}{}", finding.message), room)
        .into_iter()
        .map(|line| (line, String::new()))
        .collect();
    if !when.is_empty() {
        match rows.last_mut() {
            Some((last, dim)) if last.chars().count() + 2 + when.chars().count() <= room => {
                *dim = format!("  {when}");
            }
            _ => rows.push((String::new(), when)),
        }
    }
    rows
}

/// Rows a finding takes in `width` columns when it is written in full.
pub fn finding_rows(timeline: &Timeline, finding: &Finding, prefix: &str, width: u16) -> u16 {
    finding_lines(timeline, finding, prefix, width).len() as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_long_words_split() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb c", 10), ["a", "b c"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("fits", 4), ["fits"]);
        assert_eq!(wrap("1 a   2 b", 20), ["1 a   2 b"], "runs of spaces kept");
        assert_eq!(
            wrap("one   two", 5),
            ["one", "two"],
            "and dropped at a break"
        );
    }

    #[test]
    fn a_number_keeps_its_unit() {
        assert_eq!(wrap("after 500 ms", 9), ["after", "500 ms"]);
        assert_eq!(
            wrap("heartbeat at 3.11 s.", 16),
            ["heartbeat at", "3.11 s."]
        );
        assert_eq!(wrap("it ran 2 x faster", 8), ["it ran", "2 x", "faster"]);
        assert_eq!(wrap("up 40 %, then", 5), ["up", "40 %,", "then"]);
        assert_eq!(
            wrap("5 tasks", 2),
            ["5", "ta", "sk", "s"],
            "no unit: words part"
        );
    }

    #[test]
    fn a_cut_says_so() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
