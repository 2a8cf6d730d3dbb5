//! How steps use the shared resources: every resource a step names is declared with the
//! kind the step needs, and no task locks a mutex it already holds.

use std::collections::HashMap;

use super::diagnostic::Diagnostic;
use super::graph::CallGraph;
use super::model::{Action, Resource, ResourceKind};
use super::source::{Source, Span};
use super::spans::Parsed;
use super::suggest;

/// Every resource a step names is declared, and is the kind the step needs.
pub(crate) fn check(src: &Source, parsed: &Parsed, graph: &CallGraph) -> Result<(), Diagnostic> {
    let scenario = &parsed.scenario;
    let names = || scenario.resources.iter().map(|r| r.name.as_str());
    let by_name: HashMap<&str, &Resource> = scenario
        .resources
        .iter()
        .map(|r| (r.name.as_str(), r))
        .collect();
    for (function, spans) in scenario.functions.iter().zip(&parsed.functions) {
        for (step, step_spans) in function.steps.iter().zip(&spans.steps) {
            let (Some((name, wanted)), Some(span)) = (step.action.resource(), &step_spans.resource)
            else {
                continue;
            };
            let verb = step.action.verb();
            let Some(resource) = by_name.get(name) else {
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
    check_relock(src, parsed, graph)
}

/// A task that locks a mutex it already holds waits for itself forever (tokio's Mutex is
/// not reentrant): rejects a `lock` reached, in the same task, from under a `lock` of the
/// same mutex.
///
/// Which mutexes each function may lock, itself or through what it runs inline, flows up
/// the call graph in one pass, 64 mutexes at a time (one bit each): linear in the file for
/// any number of functions, times the number of mutexes over 64.
fn check_relock(src: &Source, parsed: &Parsed, graph: &CallGraph) -> Result<(), Diagnostic> {
    let functions = &parsed.scenario.functions;
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for step in functions.iter().flat_map(|f| &f.steps) {
        if let Action::Lock { mutex, .. } = &step.action {
            let next = ids.len();
            ids.entry(mutex).or_insert(next);
        }
    }
    let mut first: Option<(usize, usize)> = None;
    for block in (0..ids.len()).step_by(64) {
        let bit = |mutex: &str| {
            let id = ids[mutex];
            (block..block + 64)
                .contains(&id)
                .then(|| 1u64 << (id - block))
        };
        let mut locks = vec![0u64; functions.len()];
        for &at in &graph.order {
            let mut mask = 0;
            for step in &functions[at].steps {
                if let Action::Lock { mutex, .. } = &step.action {
                    mask |= bit(mutex).unwrap_or(0);
                }
            }
            for edge in graph.inline(at) {
                mask |= locks[edge.callee];
            }
            locks[at] = mask;
        }
        for (at, function) in functions.iter().enumerate() {
            for (index, step) in function.steps.iter().enumerate() {
                let Action::Lock { mutex, function } = &step.action else {
                    continue;
                };
                let callee = parsed.function_index(function).expect("names were checked");
                let held_again = bit(mutex).is_some_and(|b| locks[callee] & b != 0);
                if held_again && first.is_none_or(|f| (at, index) < f) {
                    first = Some((at, index));
                }
            }
        }
    }
    match first {
        Some((at, index)) => Err(relock_error(src, parsed, graph, at, index)),
        None => Ok(()),
    }
}

/// The diagnostic for the `lock` step `index` of function `at`, whose call locks the same
/// mutex again: at the inner `lock` met first walking the functions it runs inline.
fn relock_error(
    src: &Source,
    parsed: &Parsed,
    graph: &CallGraph,
    at: usize,
    index: usize,
) -> Diagnostic {
    let functions = &parsed.scenario.functions;
    let (outer, step) = (&functions[at], &functions[at].steps[index]);
    let Action::Lock { mutex, function } = &step.action else {
        unreachable!("check_relock found a lock step here");
    };
    let mut seen = vec![false; functions.len()];
    let mut queue = vec![parsed.function_index(function).expect("names were checked")];
    while let Some(inner) = queue.pop() {
        if std::mem::replace(&mut seen[inner], true) {
            continue;
        }
        let steps = functions[inner]
            .steps
            .iter()
            .zip(&parsed.functions[inner].steps);
        for (inner_step, spans) in steps {
            if let (Action::Lock { mutex: again, .. }, Some(span)) =
                (&inner_step.action, &spans.resource)
            {
                if again == mutex {
                    return src
                        .error(
                            span.clone(),
                            format!(
                                "`{}` locks `{mutex}` again while `{}` holds it (line {})",
                                functions[inner].name, outer.name, step.line
                            ),
                        )
                        .with_help(
                            "the task would wait for itself forever: a tokio Mutex is not reentrant;\n\
                             lock once, around the whole call, or use a second task",
                        );
                }
            }
        }
        queue.extend(graph.inline(inner).map(|e| e.callee));
    }
    unreachable!("check_relock saw the mutex locked below this step")
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
