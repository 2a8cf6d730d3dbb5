//! Shared resources: the `[resources]` table (semaphores, mutexes, cancellation tokens),
//! the steps that use them (`with_permit`, `lock`, `cancel`, `until_cancelled`), and the
//! two steps that need no resource but no function either (`pending`, `stream`).

use std::time::Duration;

use toml::de::DeTable;

use super::diagnostic::Diagnostic;
use super::duration::format_duration;
use super::model::{Action, Resource, ResourceKind};
use super::source::{NAME_HELP, Source, Span, Value, in_file_order, is_name};
use super::spans::StepSpans;
use crate::limits::{MAX_PERMITS, MAX_RESOURCES, MAX_STEP_DURATION, MAX_STREAM_ITEMS};

/// The keys that declare a resource's kind.
const KINDS: [&str; 3] = ["semaphore", "mutex", "token"];

/// How a resource is declared, for help lines.
const DECLARE: &str = "[resources]\ndb_pool = { semaphore = 3 }   # 3 permits\n\
                       state = { mutex = true }\nshutdown = { token = true }";

/// The `[resources]` table, in file order.
pub(crate) fn parse_table(src: &Source, doc: &DeTable<'_>) -> Result<Vec<Resource>, Diagnostic> {
    let Some(value) = doc.get("resources") else {
        return Ok(Vec::new());
    };
    let Some(table) = value.get_ref().as_table() else {
        return Err(src.wrong_type("resources", value, "a table", DECLARE));
    };
    let mut resources = Vec::new();
    for (key, value) in in_file_order(table) {
        let name: &str = key.get_ref();
        if resources.len() == MAX_RESOURCES {
            return Err(src
                .error(
                    key.span(),
                    format!("more than {MAX_RESOURCES} resources in [resources]"),
                )
                .with_help(format!(
                    "a scenario declares at most {MAX_RESOURCES} resources; share one between steps"
                )));
        }
        if !is_name(name) {
            return Err(src
                .error(
                    key.span(),
                    format!("\"{name}\" is not a valid resource name"),
                )
                .with_help(NAME_HELP));
        }
        resources.push(Resource {
            name: name.to_string(),
            kind: kind(src, name, value)?,
            line: src.line(key.span().start),
        });
    }
    Ok(resources)
}

/// `{ semaphore = N }`, `{ mutex = true }` or `{ token = true }`.
fn kind(src: &Source, name: &str, value: &Value<'_>) -> Result<ResourceKind, Diagnostic> {
    let example = format!("{name} = {{ semaphore = 3 }}");
    let Some(table) = value.get_ref().as_table() else {
        return Err(src.wrong_type(name, value, "a table like { mutex = true }", &example));
    };
    src.check_keys(table, &format!("in resource `{name}`"), &KINDS)?;
    let entries = in_file_order(table);
    let [(key, value)] = entries.as_slice() else {
        let span = entries.get(1).map_or(value.span(), |(k, _)| k.span());
        return Err(src
            .error(
                span,
                format!(
                    "resource `{name}` must be exactly one of: {}",
                    KINDS.join(", ")
                ),
            )
            .with_help(format!("for example:\n{DECLARE}")));
    };
    match key.get_ref().as_ref() {
        "semaphore" => {
            let permits = src.integer("semaphore", value, &example)?;
            if !(1..=i128::from(MAX_PERMITS)).contains(&permits) {
                return Err(src
                    .error(
                        value.span(),
                        format!("a semaphore of {permits} permits: it has 1 to {MAX_PERMITS}"),
                    )
                    .with_help(format!(
                        "give it 1 to {MAX_PERMITS} permits, like {example}"
                    )));
            }
            Ok(ResourceKind::Semaphore {
                permits: permits as u32,
            })
        }
        kind => match value.get_ref().as_bool() {
            Some(true) if kind == "mutex" => Ok(ResourceKind::Mutex),
            Some(true) => Ok(ResourceKind::Token),
            _ => Err(src.wrong_type(
                kind,
                value,
                "`true`",
                &format!("{name} = {{ {kind} = true }}"),
            )),
        },
    }
}

/// The resource name a step gives, remembering its span for validation.
pub(crate) fn named(
    src: &Source,
    verb: &str,
    value: &Value<'_>,
    spans: &mut StepSpans,
) -> Result<String, Diagnostic> {
    let name = src.string(verb, value, example(verb))?;
    spans.resource = Some(value.span());
    Ok(name.to_string())
}

/// A complete step of each resource verb, for help lines.
pub(crate) fn example(verb: &str) -> &'static str {
    match verb {
        "with_permit" => "{ with_permit = \"db_pool\", call = \"query\" }",
        "lock" => "{ lock = \"state\", call = \"update_cache\" }",
        "until_cancelled" => "{ until_cancelled = \"shutdown\", call = \"serve\" }",
        _ => "{ cancel = \"shutdown\" }",
    }
}

/// The action of a verb that uses a resource around a call.
pub(crate) fn wrapping(verb: &str, resource: String, function: String) -> Action {
    match verb {
        "with_permit" => Action::WithPermit {
            semaphore: resource,
            function,
        },
        "lock" => Action::Lock {
            mutex: resource,
            function,
        },
        _ => Action::UntilCancelled {
            token: resource,
            function,
        },
    }
}

/// `{ pending = true }`.
pub(crate) fn pending(src: &Source, value: &Value<'_>) -> Result<Action, Diagnostic> {
    match value.get_ref().as_bool() {
        Some(true) => Ok(Action::Pending),
        Some(false) => Err(src
            .error(value.span(), "`pending = false` does nothing")
            .with_help("write `pending = true` to wait forever, or remove the step")),
        None => Err(src.wrong_type("pending", value, "`true`", "{ pending = true }")),
    }
}

/// `{ stream = N, each = DUR }`, `each` with the span of its value; the stream's CPU work
/// (`N` x `each`) is at most [`MAX_STEP_DURATION`].
pub(crate) fn stream(
    src: &Source,
    value: &Value<'_>,
    each: Option<(Duration, Span)>,
) -> Result<Action, Diagnostic> {
    let example = "{ stream = 10000, each = \"50us\" }";
    let items = src.integer("stream", value, example)?;
    if !(1..=i128::from(MAX_STREAM_ITEMS)).contains(&items) {
        return Err(src
            .error(
                value.span(),
                format!("a stream of {items} items: it takes 1 to {MAX_STREAM_ITEMS}"),
            )
            .with_help(format!(
                "take 1 to {MAX_STREAM_ITEMS} items, like {example}"
            )));
    }
    let items = items as u32;
    if let Some((each, span)) = &each {
        let work = each.as_nanos() * u128::from(items);
        if work > MAX_STEP_DURATION.as_nanos() {
            let max = format_duration(MAX_STEP_DURATION);
            let each = format_duration(*each);
            return Err(src
                .error(
                    span.clone(),
                    format!("{items} items of {each} each is more than {max} of CPU work"),
                )
                .with_help(format!(
                    "the CPU work of a stream (items x each) is at most {max}; \
                     take fewer items or less work per item"
                )));
        }
    }
    Ok(Action::Stream {
        items,
        each: each.map(|(each, _)| each),
    })
}
