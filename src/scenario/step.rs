//! One step: an inline table with exactly one verb (`sleep`, `call`, ...) and optional
//! modifiers (`label`, `say`, `as`, `on_timeout`), turned into an [`Action`].

use std::time::Duration;

use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;
use super::duration::{DURATION_EXPECTED, parse_duration, suggest_duration};
use super::model::{Action, Member, OnTimeout, Step};
use super::source::{NAME_HELP, Source, Span, Value, describe, in_file_order, is_name};

/// The keys that say what a step does; a step has exactly one (`timeout` and `repeat` also
/// take a `call`).
pub const VERBS: [&str; 16] = [
    "sleep",
    "call",
    "spawn",
    "join",
    "group",
    "join_all",
    "race",
    "timeout",
    "block",
    "spin",
    "spawn_blocking",
    "yield",
    "fail",
    "panic",
    "forget",
    "repeat",
];

/// The keys that adjust a step.
pub const MODIFIERS: [&str; 4] = ["label", "say", "as", "on_timeout"];

/// Where the names a step mentions are, so validation can point at them.
#[derive(Clone, Debug, Default)]
pub(crate) struct StepSpans {
    /// The whole `{ ... }`.
    pub whole: Span,
    /// Each function the step names, in the order of [`Action::functions`].
    pub functions: Vec<Span>,
    /// The task name of a `join`, or the `as` of a `spawn`.
    pub task: Option<Span>,
}

/// Parses one step. A `spawn` without `as` gets an empty task name: the function's other
/// spawns decide its number, see `parse::name_spawns`.
pub(crate) fn parse_step(
    src: &Source,
    table: &DeTable<'_>,
    whole: Span,
) -> Result<(Step, StepSpans), Diagnostic> {
    let entries = in_file_order(table);
    for (key, _) in &entries {
        let key_text: &str = key.get_ref();
        if !VERBS.contains(&key_text) && !MODIFIERS.contains(&key_text) {
            let all = VERBS.iter().chain(MODIFIERS.iter()).copied();
            let help = match super::suggest::closest(key_text, all) {
                Some(near) => format!("did you mean `{near}`? "),
                None => String::new(),
            };
            return Err(src
                .error(key.span(), format!("unknown key `{key_text}` in a step"))
                .with_help(format!(
                    "{help}a step has one of: {}\nand may add: {}",
                    VERBS.join(", "),
                    MODIFIERS.join(", ")
                )));
        }
    }
    let get = |name: &str| {
        entries
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(k, v)| (k.span(), *v))
    };
    let verbs: Vec<_> = entries
        .iter()
        .filter(|(k, _)| VERBS.contains(&k.get_ref().as_ref()))
        .collect();
    let wrapper = verbs
        .iter()
        .find(|(k, _)| matches!(k.get_ref().as_ref(), "timeout" | "repeat"));
    let main_verbs: Vec<_> = match wrapper {
        // `timeout` and `repeat` wrap a `call`: the call is part of them.
        Some(_) => verbs
            .iter()
            .filter(|(k, _)| k.get_ref() != "call")
            .collect(),
        None => verbs.iter().collect(),
    };
    let (verb, verb_value) = match main_verbs.as_slice() {
        [] => {
            return Err(src
                .error(whole.clone(), "this step does nothing: it has no action")
                .with_help(format!("give it one of: {}", VERBS.join(", "))));
        }
        [(key, value)] => (key.get_ref().to_string(), *value),
        [(first, _), (second, _), ..] => {
            return Err(src
                .error(second.span(), format!("this step has two actions, `{}` and `{}`", first.get_ref(), second.get_ref()))
                .with_help(format!(
                    "a step does one thing: split it into two steps, one with `{}` and one with `{}`",
                    first.get_ref(),
                    second.get_ref()
                )));
        }
    };
    check_modifier(src, &get, "as", &verb, "spawn", "it names the spawned task")?;
    check_modifier(
        src,
        &get,
        "on_timeout",
        &verb,
        "timeout",
        "it says what happens when the time is up",
    )?;

    let mut spans = StepSpans {
        whole: whole.clone(),
        ..StepSpans::default()
    };
    let action = match verb.as_str() {
        "sleep" => Action::Sleep(duration(src, "sleep", verb_value)?),
        "block" => Action::Block(duration(src, "block", verb_value)?),
        "spin" => Action::Spin(duration(src, "spin", verb_value)?),
        "spawn_blocking" => Action::SpawnBlocking(duration(src, "spawn_blocking", verb_value)?),
        "call" => Action::Call(function(src, "call", verb_value, &mut spans)?),
        "forget" => Action::Forget(function(src, "forget", verb_value, &mut spans)?),
        "spawn" => {
            let function = function(src, "spawn", verb_value, &mut spans)?;
            let task = match get("as") {
                Some((_, value)) => {
                    spans.task = Some(value.span());
                    task_name(src, "as", value)?
                }
                None => String::new(),
            };
            Action::Spawn(Member { function, task })
        }
        "join" => {
            spans.task = Some(verb_value.span());
            Action::Join(task_name(src, "join", verb_value)?)
        }
        "group" => Action::Group(group(src, verb_value, &mut spans)?),
        "join_all" => Action::JoinAll(function_list(src, "join_all", verb_value, &mut spans)?),
        "race" => Action::Race(function_list(src, "race", verb_value, &mut spans)?),
        "timeout" => {
            let limit = duration(src, "timeout", verb_value)?;
            let function = wrapped_call(
                src,
                &get,
                "timeout",
                "{ timeout = \"1s\", call = \"fetch_report\" }",
                &mut spans,
            )?;
            let on_timeout = match get("on_timeout") {
                None => OnTimeout::Fail,
                Some((_, value)) => {
                    match src.string("on_timeout", value, "on_timeout = \"continue\"")? {
                        "fail" => OnTimeout::Fail,
                        "continue" => OnTimeout::Continue,
                        other => {
                            return Err(src
                            .error(value.span(), format!("unknown `on_timeout` choice \"{other}\""))
                            .with_help("expected \"fail\" (the task fails, the default) or \"continue\" (it goes on with its next step)"));
                        }
                    }
                }
            };
            Action::Timeout {
                limit,
                function,
                on_timeout,
            }
        }
        "repeat" => {
            let example = "{ repeat = 3, call = \"poll_status\" }";
            let times = src.integer("repeat", verb_value, example)?;
            if times < 1 {
                return Err(src
                    .error(
                        verb_value.span(),
                        format!("`repeat = {times}` never runs the call"),
                    )
                    .with_help(format!("repeat needs a count of 1 or more, like {example}")));
            }
            let times = u32::try_from(times)
                .ok()
                .filter(|n| *n <= 100_000)
                .ok_or_else(|| {
                    src.error(verb_value.span(), "`repeat` is limited to 100000 times")
                })?;
            let function = wrapped_call(src, &get, "repeat", example, &mut spans)?;
            Action::Repeat { times, function }
        }
        "yield" => match verb_value.get_ref().as_bool() {
            Some(true) => Action::Yield,
            Some(false) => {
                return Err(src
                    .error(verb_value.span(), "`yield = false` does nothing")
                    .with_help("write `yield = true` to let other tasks run, or remove the step"));
            }
            None => {
                return Err(src.wrong_type("yield", verb_value, "`true`", "{ yield = true }; to yield N times, put it in a function and use { repeat = N, call = \"that_function\" }"));
            }
        },
        "fail" => Action::Fail(text(
            src,
            "fail",
            verb_value,
            "{ fail = \"HTTP 503 from news service\" }",
        )?),
        "panic" => Action::Panic(text(
            src,
            "panic",
            verb_value,
            "{ panic = \"index out of bounds\" }",
        )?),
        other => unreachable!("`{other}` is in VERBS but has no parser"),
    };
    let label = optional_text(src, &get, "label", "label = \"GET /weather\"")?;
    let say = optional_text(src, &get, "say", "say = \"Now we wait for the weather.\"")?;
    let line = src.line(whole.start);
    Ok((
        Step {
            action,
            label,
            say,
            line,
        },
        spans,
    ))
}

/// Looks a key of the step up: its key span and value.
type Lookup<'a, 'i> = dyn Fn(&str) -> Option<(Span, &'a Value<'i>)> + 'a;

/// Rejects a modifier used with a verb it does not apply to.
fn check_modifier(
    src: &Source,
    get: &Lookup,
    modifier: &str,
    verb: &str,
    owner: &str,
    why: &str,
) -> Result<(), Diagnostic> {
    match get(modifier) {
        Some((span, _)) if verb != owner => {
            let mut help = format!("remove `{modifier}` from this `{verb}` step");
            if modifier == "as" && verb == "group" {
                help = "in a group, name a task in its entry: group = [\"fetch_news as news\"]"
                    .to_string();
            }
            Err(src
                .error(
                    span,
                    format!("`{modifier}` only goes with `{owner}`: {why}"),
                )
                .with_help(help))
        }
        _ => Ok(()),
    }
}

/// A positive duration written as a string ("250ms").
fn duration(src: &Source, verb: &str, value: &Value<'_>) -> Result<Duration, Diagnostic> {
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
        let fix = match suggest_duration(text) {
            Some(fixed) => format!("; write \"{fixed}\""),
            None => String::new(),
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
fn function(
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
fn task_name(src: &Source, key: &str, value: &Value<'_>) -> Result<String, Diagnostic> {
    let name = src.string(key, value, &format!("{key} = \"weather\""))?;
    if !is_name(name) {
        return Err(src
            .error(value.span(), format!("\"{name}\" is not a valid task name"))
            .with_help(NAME_HELP));
    }
    Ok(name.to_string())
}

/// The `call` that a `timeout` or `repeat` step wraps.
fn wrapped_call(
    src: &Source,
    get: &Lookup,
    verb: &str,
    example: &str,
    spans: &mut StepSpans,
) -> Result<String, Diagnostic> {
    match get("call") {
        Some((_, value)) => function(src, "call", value, spans),
        None => {
            let (key_span, _) = get(verb).expect("the verb is in the step");
            Err(src
                .error(
                    key_span,
                    format!("`{verb}` needs a `call`: the function it runs"),
                )
                .with_help(format!("for example: {example}")))
        }
    }
}

/// The entries of `join_all` or `race`: plain function names.
fn function_list(
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
fn group(
    src: &Source,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<Vec<Member>, Diagnostic> {
    let example = "group = [\"fetch_weather\", \"fetch_news as news\"]";
    let entries = src.string_list("group", value, example)?;
    let mut explicit: Vec<(Member, Span)> = Vec::new();
    for (entry, span) in &entries {
        let (function, task) = match entry.split_once(" as ") {
            Some((function, task)) => {
                let task = task.trim();
                if !is_name(task) {
                    return Err(src
                        .error(span.clone(), format!("\"{task}\" is not a valid task name"))
                        .with_help(NAME_HELP));
                }
                if let Some((_, earlier)) = explicit.iter().find(|(m, _)| m.task == task) {
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
        explicit.push((
            Member {
                function: function.to_string(),
                task,
            },
            span.clone(),
        ));
        spans.functions.push(span.clone());
    }
    let taken: Vec<String> = explicit
        .iter()
        .map(|(m, _)| m.task.clone())
        .filter(|t| !t.is_empty())
        .collect();
    let mut used = taken.clone();
    let members = explicit
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
fn text(src: &Source, verb: &str, value: &Value<'_>, example: &str) -> Result<String, Diagnostic> {
    let text = src.string(verb, value, example)?;
    if text.trim().is_empty() {
        return Err(src
            .error(value.span(), format!("`{verb}` needs a message"))
            .with_help(format!("for example: {example}")));
    }
    Ok(text.to_string())
}

/// An optional string modifier (`label`, `say`).
fn optional_text(
    src: &Source,
    get: &Lookup,
    key: &str,
    example: &str,
) -> Result<Option<String>, Diagnostic> {
    get(key)
        .map(|(_, value)| src.string(key, value, example).map(str::to_string))
        .transpose()
}
