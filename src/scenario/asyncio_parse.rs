//! The `[asyncio]` table read into an [`OnAsyncio`]: an optional `lesson` and an optional
//! `[asyncio.quiz]`, the latter read exactly as `[quiz]` is (its task names are checked in
//! `quiz_names.rs`, against the lanes an asyncio run has).

use toml::de::DeTable;

use super::diagnostic::Diagnostic;
use super::on_asyncio::OnAsyncio;
use super::quiz_parse::{QuizSpans, parse_quiz};
use super::source::Source;

/// The keys of `[asyncio]`.
const ASYNCIO_KEYS: [&str; 2] = ["lesson", "quiz"];

/// A complete `[asyncio]` table, for help lines.
const EXAMPLE: &str = "[asyncio]\nlesson = \"asyncio has one loop: ...\"";

/// The `[asyncio]` table, if the file has one, with the spans of its quiz's task names.
pub(crate) fn parse_table(
    src: &Source,
    doc: &DeTable<'_>,
) -> Result<(OnAsyncio, Option<QuizSpans>), Diagnostic> {
    let Some((key, value)) = doc.get_key_value("asyncio") else {
        return Ok((OnAsyncio::default(), None));
    };
    let Some(table) = value.get_ref().as_table() else {
        return Err(src.wrong_type("asyncio", value, "a table", EXAMPLE));
    };
    src.check_keys(table, "in [asyncio]", &ASYNCIO_KEYS)?;
    let lesson = match table.get("lesson") {
        None => None,
        Some(value) => {
            let text = src.string("lesson", value, "lesson = \"asyncio has one loop: ...\"")?;
            let text = text.trim();
            if text.is_empty() {
                return Err(src
                    .error(value.span(), "`lesson` in [asyncio] is empty")
                    .with_help(
                        "write what the run teaches on asyncio, or remove it to show the \
                         scenario's own lesson there too",
                    ));
            }
            Some(text.to_string())
        }
    };
    let (quiz, spans) = match table.get_key_value("quiz") {
        Some((quiz_key, quiz_value)) => {
            let (quiz, spans) = parse_quiz(src, quiz_key, quiz_value, "asyncio.quiz")?;
            (Some(quiz), Some(spans))
        }
        None => (None, None),
    };
    if lesson.is_none() && quiz.is_none() {
        return Err(src
            .error(src.header_span(key.span()), "[asyncio] is empty")
            .with_help(
                "give it a `lesson` and/or an [asyncio.quiz] for a run on asyncio, or remove it",
            ));
    }
    Ok((OnAsyncio { lesson, quiz }, spans))
}
