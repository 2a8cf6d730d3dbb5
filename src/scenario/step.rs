//! One step: an inline table with exactly one verb (`sleep`, `call`, ...) and optional
//! modifiers (`label`, `say`, `as`, `on_timeout`), turned into an [`Action`].

use toml::de::DeTable;

use super::args::{duration, function, function_list, group, task_name, text};
use super::diagnostic::Diagnostic;
use super::model::{Action, CodeLines, Member, OnTimeout, Step};
use super::resources;
use super::source::{Key, Source, Span, Value, in_file_order};
use super::spans::StepSpans;
use super::suggest;
use crate::limits::MAX_REPEAT;

/// The keys that say what a step does; a step has exactly one (`timeout` and `repeat` also
/// take a `call`).
pub const VERBS: [&str; 22] = [
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
    "with_permit",
    "lock",
    "cancel",
    "until_cancelled",
    "pending",
    "stream",
];

/// The verbs that wrap a `call`: the `call` beside them is not a second action.
const WRAPPERS: [&str; 5] = [
    "timeout",
    "repeat",
    "with_permit",
    "lock",
    "until_cancelled",
];

/// The keys that adjust a step.
pub const MODIFIERS: [&str; 5] = ["label", "say", "as", "on_timeout", "each"];

/// Parses one step. A `spawn` without `as` gets an empty task name: the function's other
/// spawns decide its number, see `names::name_spawns`.
pub(crate) fn parse_step(
    src: &Source,
    table: &DeTable<'_>,
    whole: Span,
) -> Result<(Step, StepSpans), Diagnostic> {
    let keys = Keys(in_file_order(table));
    keys.check_known(src)?;
    let (verb, value) = keys.verb(src, &whole)?;
    keys.check_modifier(src, verb, "as", "spawn", "it names the spawned task")?;
    let why = "it says what happens when the time is up";
    keys.check_modifier(src, verb, "on_timeout", "timeout", why)?;
    let why = "it is the CPU work done per item";
    keys.check_modifier(src, verb, "each", "stream", why)?;
    let mut spans = StepSpans {
        whole: whole.clone(),
        ..StepSpans::default()
    };
    let action = action(src, &keys, verb, value, &mut spans)?;
    let step = Step {
        action,
        label: keys.optional_text(src, "label", "label = \"GET /weather\"")?,
        say: keys.optional_text(src, "say", "say = \"Now we wait for the weather.\"")?,
        line: src.line(whole.start),
        id: 0,
        code: CodeLines::default(),
    };
    Ok((step, spans))
}

/// The action of verb `verb` whose value is `value`.
fn action(
    src: &Source,
    keys: &Keys,
    verb: &str,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<Action, Diagnostic> {
    Ok(match verb {
        "sleep" => Action::Sleep(duration(src, verb, value)?),
        "block" => Action::Block(duration(src, verb, value)?),
        "spin" => Action::Spin(duration(src, verb, value)?),
        "spawn_blocking" => Action::SpawnBlocking(duration(src, verb, value)?),
        "call" => Action::Call(function(src, verb, value, spans)?),
        "forget" => Action::Forget(function(src, verb, value, spans)?),
        "spawn" => {
            let function = function(src, verb, value, spans)?;
            let task = match keys.get("as") {
                Some((_, name)) => {
                    spans.task = Some(name.span());
                    task_name(src, "as", name)?
                }
                None => String::new(),
            };
            Action::Spawn(Member { function, task })
        }
        "join" => {
            spans.task = Some(value.span());
            Action::Join(task_name(src, verb, value)?)
        }
        "group" => Action::Group(group(src, value, spans)?),
        "join_all" => Action::JoinAll(function_list(src, verb, value, spans)?),
        "race" => Action::Race(function_list(src, verb, value, spans)?),
        "timeout" => timeout(src, keys, value, spans)?,
        "repeat" => repeat(src, keys, value, spans)?,
        "yield" => yield_now(src, value)?,
        "fail" => Action::Fail(text(
            src,
            verb,
            value,
            "{ fail = \"HTTP 503 from news service\" }",
        )?),
        "panic" => Action::Panic(text(
            src,
            verb,
            value,
            "{ panic = \"index out of bounds\" }",
        )?),
        "with_permit" | "lock" | "until_cancelled" => {
            let resource = resources::named(src, verb, value, spans)?;
            let example = resources::example(verb);
            let function = keys.wrapped_call(src, verb, example, spans)?;
            resources::wrapping(verb, resource, function)
        }
        "cancel" => Action::Cancel(resources::named(src, verb, value, spans)?),
        "pending" => resources::pending(src, value)?,
        "stream" => {
            let each = keys
                .get("each")
                .map(|(_, v)| duration(src, "each", v).map(|each| (each, v.span())));
            resources::stream(src, value, each.transpose()?)?
        }
        other => unreachable!("`{other}` is in VERBS but has no parser"),
    })
}

/// `{ timeout = DUR, call = FN, on_timeout = "fail" | "continue" }`.
fn timeout(
    src: &Source,
    keys: &Keys,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<Action, Diagnostic> {
    let limit = duration(src, "timeout", value)?;
    let example = "{ timeout = \"1s\", call = \"fetch_report\" }";
    let function = keys.wrapped_call(src, "timeout", example, spans)?;
    let on_timeout = match keys.get("on_timeout") {
        None => OnTimeout::Fail,
        Some((_, choice)) => match src.string("on_timeout", choice, "on_timeout = \"continue\"")? {
            "fail" => OnTimeout::Fail,
            "continue" => OnTimeout::Continue,
            other => {
                return Err(src
                    .error(
                        choice.span(),
                        format!("unknown `on_timeout` choice \"{other}\""),
                    )
                    .with_help(
                        "expected \"fail\" (the task fails; the default) or \"continue\" \
                         (it goes on with its next step)",
                    ));
            }
        },
    };
    Ok(Action::Timeout {
        limit,
        function,
        on_timeout,
    })
}

/// `{ repeat = N, call = FN }`, with 1 <= N <= [`MAX_REPEAT`].
fn repeat(
    src: &Source,
    keys: &Keys,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<Action, Diagnostic> {
    let example = "{ repeat = 3, call = \"poll_status\" }";
    let times = src.integer("repeat", value, example)?;
    if times < 1 {
        return Err(src
            .error(
                value.span(),
                format!("`repeat = {times}` never runs the call"),
            )
            .with_help(format!("repeat needs a count of 1 or more, like {example}")));
    }
    let times = u32::try_from(times)
        .ok()
        .filter(|n| *n <= MAX_REPEAT)
        .ok_or_else(|| {
            src.error(
                value.span(),
                format!("`repeat = {times}` is more than {MAX_REPEAT} times"),
            )
            .with_help(format!(
                "a repeat calls its function 1 to {MAX_REPEAT} times, like {example}"
            ))
        })?;
    let function = keys.wrapped_call(src, "repeat", example, spans)?;
    Ok(Action::Repeat { times, function })
}

/// `{ yield = true }`.
fn yield_now(src: &Source, value: &Value<'_>) -> Result<Action, Diagnostic> {
    match value.get_ref().as_bool() {
        Some(true) => Ok(Action::Yield),
        Some(false) => Err(src
            .error(value.span(), "`yield = false` does nothing")
            .with_help("write `yield = true` to let other tasks run, or remove the step")),
        None => Err(src.wrong_type(
            "yield",
            value,
            "`true`",
            "{ yield = true }\nto yield N times, put it in a function and use { repeat = N, call = \"that_function\" }",
        )),
    }
}

/// A step's keys in file order.
struct Keys<'t, 'i>(Vec<(&'t Key<'i>, &'t Value<'i>)>);

impl Keys<'_, '_> {
    /// The key `name`'s span and value.
    fn get(&self, name: &str) -> Option<(Span, &Value<'_>)> {
        self.0
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(k, v)| (k.span(), *v))
    }

    /// Rejects a key that is neither a verb nor a modifier.
    fn check_known(&self, src: &Source) -> Result<(), Diagnostic> {
        for (key, _) in &self.0 {
            let name: &str = key.get_ref();
            if VERBS.contains(&name) || MODIFIERS.contains(&name) {
                continue;
            }
            let near = match suggest::closest(name, VERBS.iter().chain(&MODIFIERS).copied()) {
                Some(near) => format!("did you mean `{near}`? "),
                None => String::new(),
            };
            let help = format!(
                "{near}a step has one of: {}\nand may add: {}",
                VERBS.join(", "),
                MODIFIERS.join(", ")
            );
            return Err(src
                .error(key.span(), format!("unknown key `{name}` in a step"))
                .with_help(help));
        }
        Ok(())
    }

    /// The one verb of the step (a `call` beside `timeout` or `repeat` belongs to them).
    fn verb(&self, src: &Source, whole: &Span) -> Result<(&str, &Value<'_>), Diagnostic> {
        let wraps = self
            .0
            .iter()
            .any(|(k, _)| WRAPPERS.contains(&k.get_ref().as_ref()));
        let verbs: Vec<_> = self
            .0
            .iter()
            .filter(|(k, _)| VERBS.contains(&k.get_ref().as_ref()))
            .filter(|(k, _)| !(wraps && k.get_ref() == "call"))
            .collect();
        match verbs.as_slice() {
            [] => Err(src
                .error(whole.clone(), "this step does nothing: it has no action")
                .with_help(format!("give it one of: {}", VERBS.join(", ")))),
            [(key, value)] => Ok((key.get_ref(), *value)),
            [(first_key, _), (second_key, _), ..] => {
                let (first, second) = (first_key.get_ref(), second_key.get_ref());
                Err(src
                    .error(second_key.span(), format!("this step has two actions, `{first}` and `{second}`"))
                    .with_help(format!(
                        "a step does one thing: split it into two steps, one with `{first}` and one with `{second}`"
                    )))
            }
        }
    }

    /// Rejects `modifier` on a step whose verb is not `owner`.
    fn check_modifier(
        &self,
        src: &Source,
        verb: &str,
        modifier: &str,
        owner: &str,
        why: &str,
    ) -> Result<(), Diagnostic> {
        let Some((span, _)) = self.get(modifier) else {
            return Ok(());
        };
        if verb == owner {
            return Ok(());
        }
        let help = if modifier == "as" && verb == "group" {
            "in a group, name a task in its entry: group = [\"fetch_news as news\"]".to_string()
        } else {
            format!("remove `{modifier}` from this `{verb}` step")
        };
        Err(src
            .error(
                span,
                format!("`{modifier}` only goes with `{owner}`: {why}"),
            )
            .with_help(help))
    }

    /// The `call` that a wrapping step (`timeout`, `repeat`, `lock`, ...) runs.
    fn wrapped_call(
        &self,
        src: &Source,
        verb: &str,
        example: &str,
        spans: &mut StepSpans,
    ) -> Result<String, Diagnostic> {
        if let Some((_, value)) = self.get("call") {
            return function(src, "call", value, spans);
        }
        let (span, _) = self.get(verb).expect("the verb is in the step");
        Err(src
            .error(
                span,
                format!("`{verb}` needs a `call`: the function it runs"),
            )
            .with_help(format!("for example: {example}")))
    }

    /// An optional string modifier (`label`, `say`).
    fn optional_text(
        &self,
        src: &Source,
        key: &str,
        example: &str,
    ) -> Result<Option<String>, Diagnostic> {
        self.get(key)
            .map(|(_, value)| src.string(key, value, example).map(str::to_string))
            .transpose()
    }
}
