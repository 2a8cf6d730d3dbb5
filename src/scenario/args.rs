//! The values of a step's keys: durations, function and task names, lists, texts (each
//! parser points a diagnostic at a value that is not what the key needs), and the task names
//! given to the spawns of a function.

use std::time::Duration;

use toml::de::DeValue;

use super::diagnostic::Diagnostic;
use super::duration::{DURATION_EXPECTED, DurationError, parse_duration, suggest_duration};
use super::model::{Action, Member, Step};
use super::source::{NAME_HELP, Source, Span, Value, describe, is_name};
use super::step::StepSpans;

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
    let parsed = parse_duration(text).map_err(|problem| {
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
    Ok(parsed)
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
    let mut written: Vec<(Member, Span)> = Vec::new();
    for (entry, span) in &entries {
        let (function, task) = match entry.split_once(" as ") {
            Some((function, task)) => {
                let task = task.trim();
                if !is_name(task) {
                    return Err(src
                        .error(span.clone(), format!("\"{task}\" is not a valid task name"))
                        .with_help(NAME_HELP));
                }
                if let Some((_, earlier)) = written.iter().find(|(m, _)| m.task == task) {
                    let line = src.line(earlier.start);
                    return Err(src
                        .error(
                            span.clone(),
                            format!("the group already has a task named `{task}` (line {line})"),
                        )
                        .with_help("give each task its own name"));
                }
                (function.trim(), task.to_string())
            }
            None => (entry.trim(), String::new()),
        };
        written.push((
            Member {
                function: function.to_string(),
                task,
            },
            span.clone(),
        ));
        spans.functions.push(span.clone());
    }
    let mut used: Vec<String> = written
        .iter()
        .map(|(m, _)| m.task.clone())
        .filter(|t| !t.is_empty())
        .collect();
    let members = written
        .into_iter()
        .map(|(mut member, _)| {
            if member.task.is_empty() {
                member.task = numbered(&member.function, &used);
                used.push(member.task.clone());
            }
            member
        })
        .collect();
    Ok(members)
}

/// `base`, or `base-2`, `base-3`, ...: the first one not in `used`.
pub(crate) fn numbered(base: &str, used: &[String]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|candidate| !used.contains(candidate))
        .expect("some number is free")
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

/// Gives every `spawn` without `as` its task name (the function's name, numbered when the
/// function is spawned again) and rejects two spawns with the same `as`.
pub(crate) fn name_spawns(
    src: &Source,
    steps: &mut [Step],
    spans: &[StepSpans],
) -> Result<(), Diagnostic> {
    let mut used: Vec<String> = Vec::new();
    for (step, step_spans) in steps.iter().zip(spans) {
        if let (Action::Spawn(member), Some(span)) = (&step.action, &step_spans.task) {
            if used.contains(&member.task) {
                let first = steps
                    .iter()
                    .find(|s| matches!(&s.action, Action::Spawn(m) if m.task == member.task));
                let line = first.map_or(0, |s| s.line);
                return Err(src
                    .error(
                        span.clone(),
                        format!(
                            "a task named `{}` is already spawned on line {line}",
                            member.task
                        ),
                    )
                    .with_help("give each spawned task its own name with `as`"));
            }
            used.push(member.task.clone());
        }
    }
    for step in steps.iter_mut() {
        if let Action::Spawn(member) = &mut step.action {
            if member.task.is_empty() {
                member.task = numbered(&member.function, &used);
                used.push(member.task.clone());
            }
        }
    }
    Ok(())
}
