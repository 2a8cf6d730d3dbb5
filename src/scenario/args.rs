//! The values of a step's keys: durations, function and task names, lists, texts. Each
//! parser points a diagnostic at a value that is not what the key needs.

use std::collections::HashMap;
use std::time::Duration;

use toml::de::DeValue;

use super::diagnostic::Diagnostic;
use super::duration::{
    DURATION_EXPECTED, DurationError, format_duration, parse_duration, suggest_duration,
};
use super::model::Member;
use super::names::TaskNames;
use super::source::{NAME_HELP, Source, Span, Value, describe, is_name};
use super::spans::StepSpans;
use crate::limits::MAX_STEP_DURATION;

/// A positive duration written as a string ("250ms").
pub(crate) fn duration(
    src: &Source,
    verb: &str,
    value: &Value<'_>,
) -> Result<Duration, Diagnostic> {
    let Some(text) = value.get_ref().as_str() else {
        let help = match value.get_ref() {
            DeValue::Integer(n) => {
                format!("durations are strings with a unit: {verb} = \"{n}s\" or \"{n}ms\"")
            }
            _ => format!("for example: {verb} = \"250ms\""),
        };
        return Err(src
            .error(
                value.span(),
                format!(
                    "`{verb}` needs a duration like \"250ms\" or \"1.5s\", not {}",
                    describe(value)
                ),
            )
            .with_help(help));
    };
    let parsed = match parse_duration(text) {
        Err(DurationError::TooLong) => return Err(too_long(src, verb, value, text)),
        parsed => parsed,
    };
    let parsed = parsed.map_err(|problem| {
        let fix = match (suggest_duration(text), &problem) {
            (Some(fixed), _) => format!("; write \"{fixed}\""),
            (None, DurationError::MissingUnit) => {
                format!("; add one, like \"{text}s\" or \"{text}ms\"")
            }
            (None, _) => String::new(),
        };
        src.error(
            value.span(),
            format!("bad duration \"{text}\": {DURATION_EXPECTED}"),
        )
        .with_help(format!("{problem}{fix}"))
    })?;
    if parsed.is_zero() {
        let help = match verb {
            "sleep" => "to let other tasks run without waiting, use { yield = true }",
            "timeout" => {
                "a zero time limit expires at once; give the call some time, like \"500ms\""
            }
            _ => "give it some time, like \"1s\"",
        };
        return Err(src
            .error(
                value.span(),
                format!("`{verb}` needs a duration above zero"),
            )
            .with_help(help));
    }
    if parsed > MAX_STEP_DURATION {
        return Err(too_long(src, verb, value, text));
    }
    Ok(parsed)
}

/// "`sleep = "2h"` is longer than 60m": a duration over [`MAX_STEP_DURATION`].
fn too_long(src: &Source, verb: &str, value: &Value<'_>, text: &str) -> Diagnostic {
    let max = format_duration(MAX_STEP_DURATION);
    src.error(
        value.span(),
        format!("`{verb} = \"{text}\"` is longer than {max}, the most a step may take"),
    )
    .with_help(format!(
        "a duration in a scenario is at most {max} (one hour); a run is for watching"
    ))
}

/// A function name (checked against the file's functions later), remembering its span.
pub(crate) fn function(
    src: &Source,
    verb: &str,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<String, Diagnostic> {
    let name = src.string(verb, value, &format!("{{ {verb} = \"fetch_weather\" }}"))?;
    spans.functions.push(value.span());
    Ok(name.to_string())
}

/// A task name given with `as` or awaited with `join`.
pub(crate) fn task_name(src: &Source, key: &str, value: &Value<'_>) -> Result<String, Diagnostic> {
    let name = src.string(key, value, &format!("{key} = \"weather\""))?;
    if !is_name(name) {
        return Err(src
            .error(value.span(), format!("\"{name}\" is not a valid task name"))
            .with_help(NAME_HELP));
    }
    Ok(name.to_string())
}

/// The entries of `join_all` or `race`: plain function names.
pub(crate) fn function_list(
    src: &Source,
    verb: &str,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<Vec<String>, Diagnostic> {
    let example = format!("{verb} = [\"fetch_weather\", \"fetch_news\"]");
    let mut names = Vec::new();
    for (entry, span) in src.string_list(verb, value, &example)? {
        if entry.contains(" as ") {
            return Err(src
                .error(
                    span,
                    format!("`{verb}` runs functions inside this task, so they have no task names"),
                )
                .with_help("use `group` to start named tasks: group = [\"fetch_news as news\"]"));
        }
        names.push(entry.to_string());
        spans.functions.push(span);
    }
    Ok(names)
}

/// The entries of a `group`: `"fn"` or `"fn as task"`; a function listed again gets a
/// numbered task name (`fetch`, `fetch-2`, `fetch-3`).
pub(crate) fn group(
    src: &Source,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<Vec<Member>, Diagnostic> {
    let example = "group = [\"fetch_weather\", \"fetch_news as news\"]";
    let entries = src.string_list("group", value, example)?;
    // First the members as written (task empty unless named with `as`), then the numbers.
    let mut written: Vec<Member> = Vec::new();
    let mut named: HashMap<String, Span> = HashMap::new();
    for (entry, span) in &entries {
        let (function, task) = match entry.split_once(" as ") {
            Some((function, task)) => {
                let task = task.trim();
                if !is_name(task) {
                    return Err(src
                        .error(span.clone(), format!("\"{task}\" is not a valid task name"))
                        .with_help(NAME_HELP));
                }
                if let Some(earlier) = named.get(task) {
                    let line = src.line(earlier.start);
                    return Err(src
                        .error(
                            span.clone(),
                            format!("the group already has a task named `{task}` (line {line})"),
                        )
                        .with_help("give each task its own name"));
                }
                named.insert(task.to_string(), span.clone());
                (function.trim(), task.to_string())
            }
            None => (entry.trim(), String::new()),
        };
        written.push(Member {
            function: function.to_string(),
            task,
        });
        spans.functions.push(span.clone());
    }
    let mut names = TaskNames::default();
    for task in named.keys() {
        names.take(task);
    }
    for member in &mut written {
        if member.task.is_empty() {
            member.task = names.number(&member.function);
        }
    }
    Ok(written)
}

/// A non-empty text (`fail`, `panic`).
pub(crate) fn text(
    src: &Source,
    verb: &str,
    value: &Value<'_>,
    example: &str,
) -> Result<String, Diagnostic> {
    let text = src.string(verb, value, example)?;
    if text.trim().is_empty() {
        return Err(src
            .error(value.span(), format!("`{verb}` needs a message"))
            .with_help(format!("for example: {example}")));
    }
    Ok(text.to_string())
}
