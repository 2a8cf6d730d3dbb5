//! The one error type of the scenario module: a message that says where (file, line,
//! column), what is wrong, and how to fix it.

use std::fmt;
use std::ops::Range;

/// A mistake in a scenario, or a scenario that cannot be found or read.
///
/// Displayed like a compiler error, with the offending source line and a caret under the
/// value:
///
/// ```text
/// scenarios/x.toml:12:12: error: unknown function `fetch_wether`
///    |
/// 12 |   { call = "fetch_wether" },
///    |            ^^^^^^^^^^^^^^
///    = help: did you mean `fetch_weather`? the functions are: main, fetch_weather
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file path, or `builtin:NAME` for an embedded scenario.
    pub origin: String,
    /// 1-based line; 0 when the message is about the whole file (it could not be read).
    pub line: u32,
    /// 1-based column in characters; 0 when `line` is 0.
    pub column: u32,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it: what was expected, the names that exist.
    pub help: Option<String>,
    /// The source line and the part of it to underline, when the position is known.
    excerpt: Option<Excerpt>,
}

/// The offending source line, for the rendered message.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Excerpt {
    /// The line without its line break; a long line only around the column, `…` marking
    /// what is left out.
    text: String,
    /// Characters of `text` before the caret.
    caret: usize,
    /// Characters to underline from the caret (at least 1).
    width: usize,
}

/// A line of a message or help longer than this, in characters, is cut in its middle: a
/// file can quote a name or a text of megabytes.
const LONGEST_MESSAGE_LINE: usize = 1_000;

/// `text`, or its start and end around `…` when it is longer than [`LONGEST_MESSAGE_LINE`].
fn clip(text: String) -> String {
    let length = text.chars().count();
    if length <= LONGEST_MESSAGE_LINE {
        return text;
    }
    let (head, tail) = (LONGEST_MESSAGE_LINE * 2 / 3, LONGEST_MESSAGE_LINE / 3);
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(length - tail).collect();
    format!("{start} … {end}")
}

/// Lines longer than this, in characters, are shown only around the column.
const LONGEST_LINE_SHOWN: usize = 160;

/// How much of a long line is shown before the column, in characters.
const SHOWN_BEFORE: usize = 60;

impl Excerpt {
    /// The excerpt of `line` with the caret at character `column` (0-based), `width`
    /// characters wide: the whole line when it is short, a window around the column if not.
    fn new(line: &str, column: usize, width: usize) -> Excerpt {
        let length = line.chars().count();
        if length <= LONGEST_LINE_SHOWN {
            return Excerpt {
                text: line.to_string(),
                caret: column,
                width,
            };
        }
        let first = column.saturating_sub(SHOWN_BEFORE);
        let last = (first + LONGEST_LINE_SHOWN).min(length);
        let mut text: String = line.chars().skip(first).take(last - first).collect();
        let mut caret = column - first;
        if first > 0 {
            text.insert(0, '…');
            caret += 1;
        }
        if last < length {
            text.push('…');
        }
        let width = width.min(last.saturating_sub(column)).max(1);
        Excerpt { text, caret, width }
    }
}

impl Diagnostic {
    /// A message about the whole file or argument, with no position (a file that cannot
    /// be read, a scenario name that does not exist).
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            origin: origin.into(),
            line: 0,
            column: 0,
            message: clip(message.into()),
            help: None,
            excerpt: None,
        }
    }

    /// A message about the bytes `span` of `source`: computes line and column and keeps the
    /// line to show it underlined.
    pub fn at(
        origin: impl Into<String>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let text = source[line_start..line_end].trim_end_matches('\r');
        let end = floor_char_boundary(source, span.end.clamp(start, line_end));
        let line = source[..line_start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count();
        let width = source[start..end].chars().count().max(1);
        Diagnostic {
            origin: origin.into(),
            line: saturate(line),
            column: saturate(column + 1),
            message: clip(message.into()),
            help: None,
            excerpt: Some(Excerpt::new(text, column, width)),
        }
    }

    /// A message about the start of the file (a required key is missing), shown as line 1,
    /// column 1 without a source line.
    pub fn at_top(origin: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line: 1,
            column: 1,
            ..Diagnostic::new(origin, message)
        }
    }

    /// Adds the help text: what was expected, the names that exist.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        let help: String = help.into();
        let lines: Vec<String> = help.split('\n').map(|l| clip(l.to_string())).collect();
        self.help = Some(lines.join("\n"));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: error: {}", self.origin, self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: error: {}",
                self.origin, self.line, self.column, self.message
            )?;
        }
        let gutter = match &self.excerpt {
            Some(_) => self.line.to_string().len(),
            None => 1,
        };
        let pad = " ".repeat(gutter);
        if let Some(excerpt) = &self.excerpt {
            let (shown, caret_at) = expand_tabs(&excerpt.text, excerpt.caret);
            writeln!(f)?;
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {}", self.line, shown.trim_end())?;
            write!(
                f,
                "{pad} | {}{}",
                " ".repeat(caret_at),
                "^".repeat(excerpt.width)
            )?;
        }
        if let Some(help) = &self.help {
            let indent = format!("\n{pad}         ");
            write!(f, "\n{pad} = help: {}", help.replace('\n', &indent))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// The line with tabs shown as four spaces, and where character `column` lands in it.
fn expand_tabs(text: &str, column: usize) -> (String, usize) {
    let mut shown = String::with_capacity(text.len());
    let mut caret_at = 0;
    for (i, c) in text.chars().enumerate() {
        if i == column {
            caret_at = shown.chars().count();
        }
        if c == '\t' {
            shown.push_str("    ");
        } else {
            shown.push(c);
        }
    }
    if column >= text.chars().count() {
        caret_at = shown.chars().count() + column - text.chars().count();
    }
    (shown, caret_at)
}

/// The largest char boundary at or before `index`, so spans never split a character.
fn floor_char_boundary(source: &str, mut index: usize) -> usize {
    while !source.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Lines and columns beyond u32 are not worth an error.
fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "name = \"x\"\n[functions]\nmain = [\n  { call = \"fetch_wether\" },\n]\n";

    fn span_of(needle: &str) -> Range<usize> {
        let start = SOURCE.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn line_and_column_are_one_based() {
        let d = Diagnostic::at("x.toml", SOURCE, span_of("\"fetch_wether\""), "m");
        assert_eq!((d.line, d.column), (4, 12));
        let d = Diagnostic::at("x.toml", SOURCE, 0..4, "m");
        assert_eq!((d.line, d.column), (1, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let source = "say = \"héllo\", x = 1\n";
        let start = source.find('x').unwrap();
        let d = Diagnostic::at("x.toml", source, start..start + 1, "m");
        assert_eq!((d.line, d.column), (1, 16));
    }

    #[test]
    fn a_span_at_the_end_of_the_file_is_on_the_last_line() {
        let d = Diagnostic::at("x.toml", "a = [\n", 6..6, "m");
        assert_eq!((d.line, d.column), (2, 1));
        let d = Diagnostic::at("x.toml", "a = [", 5..5, "m");
        assert_eq!((d.line, d.column), (1, 6));
    }

    #[test]
    fn renders_the_line_and_a_caret() {
        let d = Diagnostic::at(
            "x.toml",
            SOURCE,
            span_of("\"fetch_wether\""),
            "unknown function `fetch_wether`",
        )
        .with_help("the functions are: main\nand more");
        let expected = "\
x.toml:4:12: error: unknown function `fetch_wether`
  |
4 |   { call = \"fetch_wether\" },
  |            ^^^^^^^^^^^^^^
  = help: the functions are: main
          and more";
        assert_eq!(d.to_string(), expected);
    }

    #[test]
    fn tabs_keep_the_caret_aligned() {
        let source = "\tsleep = 1\n";
        let d = Diagnostic::at("x.toml", source, 9..10, "m");
        assert!(
            d.to_string()
                .ends_with("1 |     sleep = 1\n  |             ^"),
            "{d}"
        );
    }

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let source = format!("{}\"bad\"{}\n", "x".repeat(10_000), "y".repeat(10_000));
        let d = Diagnostic::at("x.toml", &source, 10_000..10_005, "m");
        assert_eq!((d.line, d.column), (1, 10_001));
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[2].starts_with("1 | …xxx") && lines[2].ends_with("yyy…"),
            "{shown}"
        );
        assert!(lines[2].chars().count() < 200, "{shown}");
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        let marked: String = lines[2].chars().skip(caret).take(5).collect();
        assert_eq!(marked, "\"bad\"", "{shown}");
    }

    #[test]
    fn a_huge_name_in_a_message_is_cut_in_the_middle() {
        let name = format!("a{}z", "x".repeat(1_000_000));
        let d = Diagnostic::new("x.toml", format!("unknown function `{name}` (line 3)"))
            .with_help(format!("did you mean `{name}`?\nshort"));
        assert!(
            d.message.chars().count() < LONGEST_MESSAGE_LINE + 5,
            "{}",
            d.message
        );
        assert!(
            d.message.starts_with("unknown function `ax") && d.message.ends_with("xz` (line 3)")
        );
        assert!(d.help.as_deref().unwrap().ends_with("?\nshort"));
    }

    #[test]
    fn without_a_position_it_is_one_line() {
        let d = Diagnostic::new("nope.toml", "cannot read the file");
        assert_eq!(d.to_string(), "nope.toml: error: cannot read the file");
    }
}
