//! The `[quiz]` table read into a [`Quiz`], with a located diagnostic for every mistake:
//! its keys, its kind, `of` where the kind takes it, and 2 to 9 different choices of the
//! kind's type. The task names it gives are checked later (`quiz_names.rs`), once the
//! functions are known.

use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;
use super::duration::{DURATION_EXPECTED, format_duration, parse_duration, suggest_duration};
use super::quiz::{DurationChoice, Question, Quiz, QuizKind};
use super::source::{Key, NAME_HELP, Source, Span, Value, describe, is_name};
use super::suggest;
use crate::limits::{
    MAX_QUIZ_ASK_CHARS, MAX_QUIZ_CHOICE_CHARS, MAX_QUIZ_CHOICES, MAX_QUIZ_COUNT, MAX_STEP_DURATION,
};

/// Where the names a quiz gives are, for the check against the scenario's tasks.
#[derive(Clone, Debug, Default)]
pub(crate) struct QuizSpans {
    /// The value of `of`.
    pub of: Option<Span>,
    /// Each choice that names a task.
    pub tasks: Vec<Span>,
}

/// The keys of `[quiz]`.
const QUIZ_KEYS: [&str; 4] = ["ask", "kind", "of", "choices"];

/// A complete quiz, for help lines.
const EXAMPLE: &str = "[quiz]\nask = \"How long does main take?\"\nkind = \"duration\"\n\
                       of = \"main\"\nchoices = [\"1s\", \"2s\", \"3s\"]";

/// The `[quiz]` table, if the file has one, with the spans of the task names it gives.
pub(crate) fn parse_table(
    src: &Source,
    doc: &DeTable<'_>,
) -> Result<Option<(Quiz, QuizSpans)>, Diagnostic> {
    match doc.get_key_value("quiz") {
        Some((key, value)) => parse_quiz(src, key, value, "quiz").map(Some),
        None => Ok(None),
    }
}

/// A quiz table (`quiz = value`), called `title` in messages (`quiz`, `asyncio.quiz`).
pub(crate) fn parse_quiz(
    src: &Source,
    key: &Key<'_>,
    value: &Value<'_>,
    title: &str,
) -> Result<(Quiz, QuizSpans), Diagnostic> {
    let Some(table) = value.get_ref().as_table() else {
        let example = EXAMPLE.replacen("[quiz]", &format!("[{title}]"), 1);
        return Err(src.wrong_type(title, value, "a table", &example));
    };
    src.check_keys(table, &format!("in [{title}]"), &QUIZ_KEYS)?;
    let header = src.header_span(key.span());
    let ask = ask(src, table, &header)?;
    let (kind, kind_span) = kind(src, table, &header)?;
    let mut spans = QuizSpans {
        ..QuizSpans::default()
    };
    let of = of(src, table, kind, &kind_span, &mut spans)?;
    let choices = table.get_key_value("choices");
    let question = match kind {
        QuizKind::Duration => Question::Duration {
            of,
            choices: values(choice_list(
                src,
                choices,
                kind,
                &kind_span,
                duration_choice,
                |a, b| a.duration == b.duration,
            )?),
        },
        QuizKind::Polls => Question::Polls {
            of: of.unwrap_or_default(),
            choices: values(choice_list(
                src,
                choices,
                kind,
                &kind_span,
                count_choice,
                u64::eq,
            )?),
        },
        QuizKind::First | QuizKind::Cancelled => {
            let tasks = choice_list(src, choices, kind, &kind_span, task_choice, String::eq)?;
            spans.tasks = tasks.iter().map(|(_, span)| span.clone()).collect();
            let tasks = values(tasks);
            match kind {
                QuizKind::First => Question::First { tasks },
                _ => Question::Cancelled { tasks },
            }
        }
    };
    let quiz = Quiz {
        ask,
        question,
        line: src.line(key.span().start),
    };
    Ok((quiz, spans))
}

/// `ask`: the question, required, not blank, at most [`MAX_QUIZ_ASK_CHARS`] characters.
fn ask(src: &Source, table: &DeTable<'_>, header: &Span) -> Result<String, Diagnostic> {
    let example = "ask = \"How long does main take, start to finish?\"";
    let Some(value) = table.get("ask") else {
        return Err(src
            .error(header.clone(), "the quiz has no `ask`")
            .with_help(format!("write the question for the room: {example}")));
    };
    let text = src.string("ask", value, example)?.trim();
    if text.is_empty() {
        return Err(src
            .error(value.span(), "`ask` is empty")
            .with_help(format!("for example: {example}")));
    }
    let chars = text.chars().count();
    if chars > MAX_QUIZ_ASK_CHARS {
        return Err(src
            .error(
                value.span(),
                format!("`ask` is {chars} characters: the limit is {MAX_QUIZ_ASK_CHARS}"),
            )
            .with_help("a question for a room fits on two lines of a screen; say the rest"));
    }
    Ok(text.to_string())
}

/// `kind`: required, one of [`QuizKind::ALL`]; with the span of its value.
fn kind(src: &Source, table: &DeTable<'_>, header: &Span) -> Result<(QuizKind, Span), Diagnostic> {
    let help = "kind = \"duration\" (how long), \"polls\" (how many polls), \
                \"first\" (which task ends first) or \"cancelled\" (which tasks are cancelled)";
    let Some(value) = table.get("kind") else {
        return Err(src
            .error(header.clone(), "the quiz has no `kind`")
            .with_help(format!("say what it asks: {help}")));
    };
    let text = src.string("kind", value, "kind = \"duration\"")?;
    match QuizKind::from_name(text) {
        Some(kind) => Ok((kind, value.span())),
        None => {
            let names = QuizKind::ALL.map(QuizKind::as_str);
            Err(src
                .error(value.span(), format!("unknown quiz kind \"{text}\""))
                .with_help(suggest::help_for_unknown(text, "kinds", names)))
        }
    }
}

/// `of`: the task a duration question may name and a polls question must; the other kinds
/// ask about the tasks of `choices` and take none.
fn of(
    src: &Source,
    table: &DeTable<'_>,
    kind: QuizKind,
    kind_span: &Span,
    spans: &mut QuizSpans,
) -> Result<Option<String>, Diagnostic> {
    let name = kind.as_str();
    let Some((key, value)) = table.get_key_value("of") else {
        if kind == QuizKind::Polls {
            return Err(src
                .error(
                    kind_span.clone(),
                    "a `polls` question needs `of`: the task whose polls are counted",
                )
                .with_help("for example: of = \"drain_backlog\""));
        }
        return Ok(None);
    };
    if matches!(kind, QuizKind::First | QuizKind::Cancelled) {
        return Err(src
            .error(key.span(), format!("a `{name}` question has no `of`"))
            .with_help("it asks about the tasks listed in `choices`; remove `of`"));
    }
    let task = task_name(src, "of", value)?;
    spans.of = Some(value.span());
    Ok(Some(task))
}

/// A task name in `of` or `choices`: a name, at most [`MAX_QUIZ_CHOICE_CHARS`] long.
fn task_name(src: &Source, key: &str, value: &Value<'_>) -> Result<String, Diagnostic> {
    let example = format!("{key} = \"fetch_weather\"");
    let Some(text) = value.get_ref().as_str() else {
        return Err(src
            .error(
                value.span(),
                format!("`{key}` names a task in quotes, not {}", describe(value)),
            )
            .with_help(format!("for example: {example}")));
    };
    check_length(src, key, value, text)?;
    if !is_name(text) {
        return Err(src
            .error(value.span(), format!("\"{text}\" is not a valid task name"))
            .with_help(NAME_HELP));
    }
    Ok(text.to_string())
}

/// A choice (or `of`) longer than [`MAX_QUIZ_CHOICE_CHARS`] is an error.
fn check_length(src: &Source, key: &str, value: &Value<'_>, text: &str) -> Result<(), Diagnostic> {
    let chars = text.chars().count();
    if chars <= MAX_QUIZ_CHOICE_CHARS {
        return Ok(());
    }
    let what = if key == "of" { "`of`" } else { "a choice" };
    Err(src
        .error(
            value.span(),
            format!("{what} of {chars} characters: the limit is {MAX_QUIZ_CHOICE_CHARS}"),
        )
        .with_help("the room reads every choice at a glance; keep them short"))
}

/// Reads one choice of a kind; Err is the diagnostic.
type ChoiceParser<T> = fn(&Source, &Value<'_>) -> Result<T, Diagnostic>;

/// `choices`: 2 to [`MAX_QUIZ_CHOICES`] entries, each read by `parse`, with its span, no
/// two of them the `same` (`"1s"` and `"1000ms"` are). Required for `first` and
/// `cancelled`; without it, the room of a `duration` or `polls` question types its answer.
fn choice_list<T>(
    src: &Source,
    entry: Option<(&Key<'_>, &Value<'_>)>,
    kind: QuizKind,
    kind_span: &Span,
    parse: ChoiceParser<T>,
    same: fn(&T, &T) -> bool,
) -> Result<Vec<(T, Span)>, Diagnostic> {
    let example = choices_example(kind);
    let Some((_, value)) = entry else {
        if matches!(kind, QuizKind::First | QuizKind::Cancelled) {
            return Err(src
                .error(
                    kind_span.clone(),
                    format!(
                        "a `{}` question needs `choices`: the tasks to choose from",
                        kind.as_str()
                    ),
                )
                .with_help(format!("for example: {example}")));
        }
        return Ok(Vec::new());
    };
    let DeValue::Array(items) = value.get_ref() else {
        return Err(src.wrong_type("choices", value, "a list", example));
    };
    if items.len() < 2 {
        return Err(src
            .error(
                value.span(),
                format!("`choices` lists {}: a quiz offers at least 2", items.len()),
            )
            .with_help(format!("for example: {example}")));
    }
    if let Some(extra) = items.get(MAX_QUIZ_CHOICES) {
        return Err(src
            .error(
                extra.span(),
                format!(
                    "`choices` lists {}: the limit is {MAX_QUIZ_CHOICES}",
                    items.len()
                ),
            )
            .with_help("the room answers with the digits 1 to 9; offer fewer choices"));
    }
    let mut parsed: Vec<(T, Span)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let choice = parse(src, item)?;
        if let Some(first) = parsed.iter().position(|(p, _)| same(p, &choice)) {
            return Err(src
                .error(
                    item.span(),
                    format!("choice {} is the same as choice {}", i + 1, first + 1),
                )
                .with_help("each choice must differ from the others"));
        }
        parsed.push((choice, item.span()));
    }
    Ok(parsed)
}

/// The choices without their spans.
fn values<T>(choices: Vec<(T, Span)>) -> Vec<T> {
    choices.into_iter().map(|(choice, _)| choice).collect()
}

/// A `choices` line for help texts.
fn choices_example(kind: QuizKind) -> &'static str {
    match kind {
        QuizKind::Duration => "choices = [\"1s\", \"2s\", \"3s\"]",
        QuizKind::Polls => "choices = [1, 16, 2000]",
        QuizKind::First | QuizKind::Cancelled => "choices = [\"fetch_weather\", \"fetch_news\"]",
    }
}

/// A choice of a duration question: a duration in quotes, from 0 to [`MAX_STEP_DURATION`].
fn duration_choice(src: &Source, value: &Value<'_>) -> Result<DurationChoice, Diagnostic> {
    let Some(text) = value.get_ref().as_str() else {
        let help = match value.get_ref() {
            DeValue::Integer(n) => format!("durations are strings with a unit: \"{n}s\""),
            _ => "for example: choices = [\"1s\", \"2s\", \"3s\"]".to_string(),
        };
        return Err(src
            .error(
                value.span(),
                format!(
                    "a duration question's choices are durations like \"2s\", not {}",
                    describe(value)
                ),
            )
            .with_help(help));
    };
    check_length(src, "choices", value, text)?;
    let duration = parse_duration(text).map_err(|problem| {
        let help = match suggest_duration(text) {
            Some(fixed) => format!("{problem}; write \"{fixed}\""),
            None => problem.to_string(),
        };
        src.error(
            value.span(),
            format!("bad duration \"{text}\": {DURATION_EXPECTED}"),
        )
        .with_help(help)
    })?;
    if duration > MAX_STEP_DURATION {
        let max = format_duration(MAX_STEP_DURATION);
        return Err(src
            .error(
                value.span(),
                format!("\"{text}\" is longer than {max}, the longest choice"),
            )
            .with_help(format!("a quiz's durations are 0 to {max}")));
    }
    Ok(DurationChoice {
        text: text.to_string(),
        duration,
    })
}

/// A choice of a polls question: a whole number from 0 to [`MAX_QUIZ_COUNT`].
fn count_choice(src: &Source, value: &Value<'_>) -> Result<u64, Diagnostic> {
    let n = src.integer("choices", value, "choices = [1, 16, 2000]")?;
    if !(0..=i128::from(MAX_QUIZ_COUNT)).contains(&n) {
        return Err(src
            .error(
                value.span(),
                format!("a count of {n} polls: a choice is 0 to {MAX_QUIZ_COUNT}"),
            )
            .with_help("offer counts of polls from 0 to 1000000000"));
    }
    Ok(n as u64)
}

/// A choice of a first or cancelled question: a task name.
fn task_choice(src: &Source, value: &Value<'_>) -> Result<String, Diagnostic> {
    task_name(src, "choices", value)
}
