//! Checks that need the whole file: every named function exists and is not `main`, every
//! `join` names a task spawned before it, and no function reaches itself again.

use super::diagnostic::Diagnostic;
use super::model::Action;
use super::parse::Parsed;
use super::source::{Source, Span};
use super::suggest;

/// What a step that names `main` is told: it is the entry point.
const MAIN_HELP: &str = "`main` is where the scenario starts, and it runs once;\n\
     move the steps you want to reuse into a function of their own";

/// Checks names, joins and cycles; the first problem in file order is returned.
pub(crate) fn validate(src: &Source, parsed: &Parsed) -> Result<(), Diagnostic> {
    check_names(src, parsed)?;
    check_joins(src, parsed)?;
    check_cycles(src, parsed)
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
                if scenario.function(callee).is_none() {
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
        let mut joined: Vec<(&str, u32)> = Vec::new();
        for (step, step_spans) in function.steps.iter().zip(&spans.steps) {
            match &step.action {
                Action::Spawn(member) => spawned.push(&member.task),
                Action::Join(task) => {
                    let span = step_spans.task.clone().unwrap_or(step_spans.whole.clone());
                    if let Some((_, line)) = joined.iter().find(|(t, _)| t == task) {
                        return Err(src
                            .error(
                                span,
                                format!("task `{task}` is already joined on line {line}"),
                            )
                            .with_help(
                                "a task's result can be awaited only once; remove one of the joins",
                            ));
                    }
                    if !spawned.contains(&task.as_str()) {
                        let is_function = parsed.scenario.function(task).is_some();
                        return Err(unknown_task(
                            src,
                            span,
                            &function.name,
                            task,
                            &spawned,
                            is_function,
                        ));
                    }
                    joined.push((task, step.line));
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

/// No function may reach itself again through the functions its steps name: a call cycle
/// never ends, and a cycle of spawns starts tasks forever.
fn check_cycles(src: &Source, parsed: &Parsed) -> Result<(), Diagnostic> {
    let functions = &parsed.scenario.functions;
    let mut state = vec![Visit::New; functions.len()];
    let mut path = Vec::new();
    // `main` first, so the cycle reported is the one reached from the entry point.
    let order = (0..functions.len()).filter(|&i| functions[i].name == "main");
    let order = order.chain((0..functions.len()).filter(|&i| functions[i].name != "main"));
    for start in order.collect::<Vec<_>>() {
        visit(src, parsed, start, &mut state, &mut path)?;
    }
    Ok(())
}

/// Depth-first search state of one function.
#[derive(Clone, Copy, PartialEq)]
enum Visit {
    New,
    OnPath,
    Done,
}

/// Visits function `at`; `path` holds the functions being visited, outermost first.
fn visit(
    src: &Source,
    parsed: &Parsed,
    at: usize,
    state: &mut [Visit],
    path: &mut Vec<usize>,
) -> Result<(), Diagnostic> {
    if state[at] != Visit::New {
        return Ok(());
    }
    let functions = &parsed.scenario.functions;
    state[at] = Visit::OnPath;
    path.push(at);
    for (step, spans) in functions[at].steps.iter().zip(&parsed.functions[at].steps) {
        for (callee, span) in step.action.functions().into_iter().zip(&spans.functions) {
            let next = position(parsed, callee);
            if state[next] == Visit::OnPath {
                return Err(cycle_error(
                    src,
                    parsed,
                    path,
                    next,
                    step.action.verb(),
                    span.clone(),
                ));
            }
            visit(src, parsed, next, state, path)?;
        }
    }
    path.pop();
    state[at] = Visit::Done;
    Ok(())
}

/// The index of a function known to exist.
fn position(parsed: &Parsed, name: &str) -> usize {
    parsed
        .scenario
        .functions
        .iter()
        .position(|f| f.name == name)
        .expect("check_names ran first")
}

/// "endless cycle: a → b → a", pointing at the step that closes it.
fn cycle_error(
    src: &Source,
    parsed: &Parsed,
    path: &[usize],
    back_to: usize,
    verb: &str,
    span: Span,
) -> Diagnostic {
    let functions = &parsed.scenario.functions;
    let from = path
        .iter()
        .position(|&i| i == back_to)
        .expect("on the path");
    let mut names: Vec<&str> = path[from..]
        .iter()
        .map(|&i| functions[i].name.as_str())
        .collect();
    names.push(&functions[back_to].name);
    let last = path.last().map_or("", |&i| functions[i].name.as_str());
    let message = format!("endless cycle: {}", names.join(" → "));
    let help = format!(
        "the `{verb}` in `{last}` leads back to `{}`, so it would never end\n\
         a function must not reach itself again through call, spawn, group, join_all, race,\n\
         timeout, repeat or forget; to do something several times, use `repeat`",
        functions[back_to].name
    );
    src.error(span, message).with_help(help)
}
