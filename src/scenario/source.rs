//! Reading typed values out of the spanned TOML tree, with a positioned diagnostic for
//! every wrong type: shared by the document, runtime and step parsers.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::diagnostic::Diagnostic;
use super::suggest;
use crate::limits::MAX_LIST;

/// Byte range in the source text.
pub(crate) type Span = Range<usize>;

/// A TOML key with its span.
pub(crate) type Key<'i> = Spanned<DeString<'i>>;

/// A TOML value with its span.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// The text being parsed and where it came from: everything needed to build a diagnostic.
pub(crate) struct Source<'a> {
    /// File path or `builtin:NAME`.
    pub origin: &'a str,
    /// The whole file.
    pub text: &'a str,
    /// The byte offset where each line starts, found once so that a line number costs a
    /// binary search, not a walk over the text before it.
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    /// The text `text`, named `origin` in messages.
    pub fn new(origin: &'a str, text: &'a str) -> Self {
        let breaks = text.bytes().enumerate().filter(|(_, b)| *b == b'\n');
        let line_starts = std::iter::once(0).chain(breaks.map(|(i, _)| i + 1));
        Source {
            origin,
            text,
            line_starts: line_starts.collect(),
        }
    }

    /// A diagnostic pointing at `span`.
    pub fn error(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(self.origin, self.text, span, message)
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        let lines = self.line_starts.partition_point(|start| *start <= offset);
        u32::try_from(lines).unwrap_or(u32::MAX)
    }

    /// The span of a table's key widened to its `[header]` when it is written as one.
    pub fn header_span(&self, key: Span) -> Span {
        let before = key
            .start
            .checked_sub(1)
            .and_then(|i| self.text.get(i..key.start));
        let after = self.text.get(key.end..key.end + 1);
        match (before, after) {
            (Some("["), Some("]")) => key.start - 1..key.end + 1,
            _ => key,
        }
    }

    /// A diagnostic for a required top-level item that is missing.
    pub fn missing(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_top(self.origin, message)
    }

    /// The value as a string, or "`key` must be a string" pointing at it.
    pub fn string<'v>(
        &self,
        key: &str,
        value: &'v Value<'_>,
        example: &str,
    ) -> Result<&'v str, Diagnostic> {
        value
            .get_ref()
            .as_str()
            .ok_or_else(|| self.wrong_type(key, value, "a string", example))
    }

    /// The value as a list of strings with 1 to [`MAX_LIST`] entries, each with its span.
    pub fn string_list<'v>(
        &self,
        key: &str,
        value: &'v Value<'_>,
        example: &str,
    ) -> Result<Vec<(&'v str, Span)>, Diagnostic> {
        let Some(items) = value.get_ref().as_array() else {
            return Err(self.wrong_type(key, value, "a list of function names", example));
        };
        if items.is_empty() {
            return Err(self
                .error(value.span(), format!("`{key}` needs at least one function"))
                .with_help(format!("list the functions to run, like {example}")));
        }
        if let Some(extra) = items.get(MAX_LIST) {
            return Err(self
                .error(
                    extra.span(),
                    format!(
                        "`{key}` lists {} functions: the limit is {MAX_LIST}",
                        items.len()
                    ),
                )
                .with_help(format!(
                    "a `{key}` step lists at most {MAX_LIST} functions; \
                     to run one function many times, use `repeat`"
                )));
        }
        items
            .iter()
            .map(|item| match item.get_ref().as_str() {
                Some(text) => Ok((text, item.span())),
                None => Err(self
                    .error(
                        item.span(),
                        format!(
                            "the entries of `{key}` must be function names in quotes, not {}",
                            describe(item)
                        ),
                    )
                    .with_help(format!("like {example}"))),
            })
            .collect()
    }

    /// The value as an integer (any size TOML allows), or a type error.
    pub fn integer(&self, key: &str, value: &Value<'_>, example: &str) -> Result<i128, Diagnostic> {
        value
            .get_ref()
            .as_integer()
            .and_then(|n| i128::from_str_radix(n.as_str(), n.radix()).ok())
            .ok_or_else(|| self.wrong_type(key, value, "a whole number", example))
    }

    /// "`key` must be EXPECTED, not an integer", with an example of the right form.
    pub fn wrong_type(
        &self,
        key: &str,
        value: &Value<'_>,
        expected: &str,
        example: &str,
    ) -> Diagnostic {
        self.error(
            value.span(),
            format!("`{key}` must be {expected}, not {}", describe(value)),
        )
        .with_help(format!("for example: {example}"))
    }

    /// Rejects any key of `table` not in `allowed`, naming where it was found and the keys
    /// that are valid there.
    pub fn check_keys(
        &self,
        table: &DeTable<'_>,
        place: &str,
        allowed: &[&str],
    ) -> Result<(), Diagnostic> {
        for (key, _) in in_file_order(table) {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let help =
                    suggest::help_for_unknown(key.get_ref(), "valid keys", allowed.iter().copied());
                return Err(self
                    .error(
                        key.span(),
                        format!("unknown key `{}` {place}", key.get_ref()),
                    )
                    .with_help(help));
            }
        }
        Ok(())
    }
}

/// A table's entries in the order they appear in the file (the map itself is sorted by key).
pub(crate) fn in_file_order<'t, 'i>(table: &'t DeTable<'i>) -> Vec<(&'t Key<'i>, &'t Value<'i>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// "an integer", "the string \"1s\"": how a value is named in a type error.
pub(crate) fn describe(value: &Value<'_>) -> String {
    match value.get_ref() {
        DeValue::String(text) => format!("the string \"{text}\""),
        DeValue::Integer(n) => format!("the number {n}"),
        DeValue::Float(n) => format!("the number {n}"),
        DeValue::Boolean(b) => format!("`{b}`"),
        DeValue::Datetime(_) => "a date".to_string(),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// Whether `name` can name a function or a task: letters, digits, `_` and `-`, starting
/// with a letter or `_`, so it reads the same in files, lanes and `fn as task` entries.
pub(crate) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The help line for a name that `is_name` rejects.
pub(crate) const NAME_HELP: &str =
    "names use letters, digits, `_` and `-`, and start with a letter, like fetch_weather";
