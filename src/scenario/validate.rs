//! Checks that need the whole file: every named function exists and is not `main`, every
//! `join` names a task spawned before it, and (through the call graph) no function reaches
//! itself again and no chain of calls nests too deep.

use std::collections::{HashMap, HashSet};

use super::diagnostic::Diagnostic;
use super::graph::CallGraph;
use super::model::Action;
use super::source::{Source, Span};
use super::spans::Parsed;
use super::suggest;

/// What a step that names `main` is told: it is the entry point.
const MAIN_HELP: &str = "`main` is where the scenario starts, and it runs once;\n\
     move the steps you want to reuse into a function of their own";

/// Checks names, joins, cycles and nesting; the first problem in file order is returned,
/// else the call graph, for the checks that follow.
pub(crate) fn validate(src: &Source, parsed: &Parsed) -> Result<CallGraph, Diagnostic> {
    check_names(src, parsed)?;
    check_joins(src, parsed)?;
    CallGraph::check(src, parsed)
}

/// Every function a step names must exist, and must not be `main`.
fn check_names(src: &Source, parsed: &Parsed) -> Result<(), Diagnostic> {
    let scenario = &parsed.scenario;
    let names = || scenario.functions.iter().map(|f| f.name.as_str());
    for (function, spans) in scenario.functions.iter().zip(&parsed.functions) {
        for (step, step_spans) in function.steps.iter().zip(&spans.steps) {
            for (callee, span) in step
                .action
                .functions()
                .into_iter()
                .zip(&step_spans.functions)
            {
                if callee == "main" {
                    let message = format!(
                        "`{}` cannot {} `main`",
                        function.name,
                        run_phrase(&step.action)
                    );
                    return Err(src.error(span.clone(), message).with_help(MAIN_HELP));
                }
                if parsed.function_index(callee).is_none() {
                    let help = suggest::help_for_unknown(callee, "functions", names());
                    return Err(src
                        .error(span.clone(), format!("unknown function `{callee}`"))
                        .with_help(help));
                }
            }
        }
    }
    Ok(())
}

/// How a verb is said in "`a` cannot call `main`".
fn run_phrase(action: &Action) -> &'static str {
    match action {
        Action::Spawn(_) | Action::Group(_) => "start a task running",
        Action::Forget(_) => "create the future of",
        _ => "call",
    }
}

/// A `join` must name a task its own function spawned on an earlier step, and only once.
fn check_joins(src: &Source, parsed: &Parsed) -> Result<(), Diagnostic> {
    for (function, spans) in parsed.scenario.functions.iter().zip(&parsed.functions) {
        let mut spawned: Vec<&str> = Vec::new();
        let mut spawned_set: HashSet<&str> = HashSet::new();
        let mut joined: HashMap<&str, u32> = HashMap::new();
        for (step, step_spans) in function.steps.iter().zip(&spans.steps) {
            match &step.action {
                Action::Spawn(member) => {
                    spawned.push(&member.task);
                    spawned_set.insert(&member.task);
                }
                Action::Join(task) => {
                    let span = step_spans.task.clone().unwrap_or(step_spans.whole.clone());
                    if let Some(line) = joined.get(task.as_str()) {
                        return Err(src
                            .error(
                                span,
                                format!("task `{task}` is already joined on line {line}"),
                            )
                            .with_help(
                                "a task's result can be awaited only once; remove one of the joins",
                            ));
                    }
                    if !spawned_set.contains(task.as_str()) {
                        let is_function = parsed.function_index(task).is_some();
                        return Err(unknown_task(
                            src,
                            span,
                            &function.name,
                            task,
                            &spawned,
                            is_function,
                        ));
                    }
                    joined.insert(task, step.line);
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// "`main` has no task named `x` to join", with the tasks it did spawn.
fn unknown_task(
    src: &Source,
    span: Span,
    function: &str,
    task: &str,
    spawned: &[&str],
    task_is_a_function: bool,
) -> Diagnostic {
    let message = format!("`{function}` has not spawned a task named `{task}` before this step");
    let help = if spawned.is_empty() {
        let spawn = if task_is_a_function {
            format!("{{ spawn = \"{task}\" }}")
        } else {
            format!("{{ spawn = \"some_function\", as = \"{task}\" }}")
        };
        format!(
            "`join` waits for a task this function started earlier; start one first with {spawn}"
        )
    } else {
        let known =
            suggest::help_for_unknown(task, "tasks spawned so far", spawned.iter().copied());
        format!("{known}\n`join` waits for a task this function started earlier with `spawn`")
    };
    src.error(span, message).with_help(help)
}
