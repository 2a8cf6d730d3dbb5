//! Shared resources: the `[resources]` table (semaphores, mutexes, cancellation tokens),
//! the steps that use them (`with_permit`, `lock`, `cancel`, `until_cancelled`), and the
//! two steps that need no resource but no function either (`pending`, `stream`).

use std::time::Duration;

use toml::de::DeTable;

use super::diagnostic::Diagnostic;
use super::model::{Action, Resource, ResourceKind};
use super::parse::Parsed;
use super::source::{NAME_HELP, Source, Span, Value, in_file_order, is_name};
use super::step::StepSpans;
use super::suggest;

/// The keys that declare a resource's kind.
const KINDS: [&str; 3] = ["semaphore", "mutex", "token"];

/// How a resource is declared, for help lines.
const DECLARE: &str = "[resources]\ndb_pool = { semaphore = 3 }   # 3 permits\n\
                       state = { mutex = true }\nshutdown = { token = true }";

/// More permits than this is surely a typo.
const MAX_PERMITS: i128 = 10_000;

/// More stream items than this would only flood the timeline.
const MAX_ITEMS: i128 = 1_000_000;

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
            if !(1..=MAX_PERMITS).contains(&permits) {
                return Err(src
                    .error(value.span(), format!("a semaphore of {permits} permits"))
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

/// `{ stream = N, each = DUR }`.
pub(crate) fn stream(
    src: &Source,
    value: &Value<'_>,
    each: Option<Duration>,
) -> Result<Action, Diagnostic> {
    let example = "{ stream = 10000, each = \"50us\" }";
    let items = src.integer("stream", value, example)?;
    if !(1..=MAX_ITEMS).contains(&items) {
        return Err(src
            .error(value.span(), format!("a stream of {items} items"))
            .with_help(format!("take 1 to {MAX_ITEMS} items, like {example}")));
    }
    Ok(Action::Stream {
        items: items as u32,
        each,
    })
}

/// Every resource a step names is declared, and is the kind the step needs.
pub(crate) fn check(src: &Source, parsed: &Parsed) -> Result<(), Diagnostic> {
    let scenario = &parsed.scenario;
    let names = || scenario.resources.iter().map(|r| r.name.as_str());
    for (function, spans) in scenario.functions.iter().zip(&parsed.functions) {
        for (step, step_spans) in function.steps.iter().zip(&spans.steps) {
            let (Some((name, wanted)), Some(span)) = (step.action.resource(), &step_spans.resource)
            else {
                continue;
            };
            let verb = step.action.verb();
            let Some(resource) = scenario.resource(name) else {
                let help = if scenario.resources.is_empty() {
                    format!(
                        "declare it in a [resources] table:\n{}",
                        declaration(name, wanted)
                    )
                } else {
                    suggest::help_for_unknown(name, "resources", names())
                };
                return Err(src
                    .error(span.clone(), format!("unknown resource `{name}`"))
                    .with_help(help));
            };
            if resource.kind.as_str() != wanted {
                return Err(wrong_kind(src, span.clone(), verb, resource, wanted));
            }
        }
    }
    check_relock(src, parsed)
}

/// A task that locks a mutex it already holds waits for itself forever (tokio's Mutex is
/// not reentrant): rejects a `lock` reached, in the same task, from under a `lock` of the
/// same mutex.
fn check_relock(src: &Source, parsed: &Parsed) -> Result<(), Diagnostic> {
    let scenario = &parsed.scenario;
    for outer in scenario.functions.iter() {
        for step in &outer.steps {
            let Action::Lock { mutex, function } = &step.action else {
                continue;
            };
            let mut seen: Vec<&str> = Vec::new();
            let mut queue = vec![function.as_str()];
            while let Some(name) = queue.pop() {
                if seen.contains(&name) {
                    continue;
                }
                seen.push(name);
                let at = scenario.functions.iter().position(|f| f.name == name);
                let Some(at) = at else { continue };
                let inner = &scenario.functions[at];
                for (inner_step, spans) in inner.steps.iter().zip(&parsed.functions[at].steps) {
                    if let (Action::Lock { mutex: again, .. }, Some(span)) =
                        (&inner_step.action, &spans.resource)
                    {
                        if again == mutex {
                            return Err(src
                                .error(span.clone(), format!(
                                    "`{name}` locks `{mutex}` again while `{}` holds it (line {})",
                                    outer.name, step.line
                                ))
                                .with_help(
                                    "the task would wait for itself forever: a tokio Mutex is not reentrant;\n\
                                     lock once, around the whole call, or use a second task",
                                ));
                        }
                    }
                    queue.extend(inline_calls(&inner_step.action));
                }
            }
        }
    }
    Ok(())
}

/// The functions a step runs inside its own task (not as new tasks).
fn inline_calls(action: &Action) -> Vec<&str> {
    match action {
        Action::Spawn(_) | Action::Group(_) | Action::Forget(_) => Vec::new(),
        other => other.functions(),
    }
}

/// "`lock` needs a mutex, and `db_pool` is a semaphore (line 9)".
fn wrong_kind(
    src: &Source,
    span: Span,
    verb: &str,
    resource: &Resource,
    wanted: &str,
) -> Diagnostic {
    let fitting = match wanted {
        "semaphore" => "with_permit",
        "mutex" => "lock",
        _ => "cancel or until_cancelled",
    };
    let right = match resource.kind {
        ResourceKind::Semaphore { .. } => "with_permit",
        ResourceKind::Mutex => "lock",
        ResourceKind::Token => "cancel or until_cancelled",
    };
    src.error(
        span,
        format!(
            "`{verb}` needs a {wanted}, and `{}` is a {} (line {})",
            resource.name,
            resource.kind.as_str(),
            resource.line
        ),
    )
    .with_help(format!(
        "a {} is used with {right}; {fitting} takes a {wanted}, declared like:\n{}",
        resource.kind.as_str(),
        declaration("name", wanted)
    ))
}

/// `name = { semaphore = 3 }`: how to declare a resource of a kind.
fn declaration(name: &str, kind: &str) -> String {
    match kind {
        "semaphore" => format!("{name} = {{ semaphore = 3 }}"),
        other => format!("{name} = {{ {other} = true }}"),
    }
}
