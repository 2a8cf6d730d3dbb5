//! The names a quiz may ask about: those a run of the scenario can give a lane. A name no
//! step can produce would leave the question unanswerable, so it is an error at its place.

use std::collections::{HashMap, HashSet};

use super::diagnostic::Diagnostic;
use super::model::{Action, Flavor, Scenario};
use super::quiz::{Question, Quiz};
use super::quiz_parse::QuizSpans;
use super::source::{Source, Span};
use super::suggest;

/// The names a run's lanes can have, in file order without repeats: `main`, every task a
/// `spawn` or a `group` starts, every future a `forget` creates, and every branch: the
/// functions a `join_all` or a `race` runs inside its task (the second entry of `f` in
/// one list is `f-2`) and the call of a `timeout` or an `until_cancelled`.
pub fn lane_names(scenario: &Scenario) -> Vec<String> {
    names(scenario, true)
}

/// The names an asyncio run's lanes can have: the same, but a `join_all` or a `race` makes
/// one task per entry, named after its function (`gather` and `wait` wrap each coroutine in
/// a task). The call of a `timeout` or an `until_cancelled` is a branch there too.
pub fn asyncio_lane_names(scenario: &Scenario) -> Vec<String> {
    names(scenario, false)
}

/// [`lane_names`] with `branches` (tokio's join_all and race), or [`asyncio_lane_names`]
/// with tasks in their place.
fn names(scenario: &Scenario, branches: bool) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    let mut add = |name: &str| {
        if seen.insert(name.to_string()) {
            names.push(name.to_string());
        }
    };
    add("main");
    for (_, step) in scenario.steps() {
        match &step.action {
            Action::Spawn(member) => add(&member.task),
            Action::Group(members) => members.iter().for_each(|m| add(&m.task)),
            Action::Forget(function) => add(function),
            Action::JoinAll(functions) | Action::Race(functions) if !branches => {
                functions.iter().for_each(|f| add(f))
            }
            Action::JoinAll(functions) | Action::Race(functions) => {
                // As the runner names them: the n-th entry of a function is `f-n`.
                let mut seen: HashMap<&str, u32> = HashMap::new();
                for function in functions {
                    let n = seen.entry(function).or_default();
                    *n += 1;
                    match *n {
                        1 => add(function),
                        n => add(&format!("{function}-{n}")),
                    }
                }
            }
            Action::Timeout { function, .. } | Action::UntilCancelled { function, .. } => {
                add(function)
            }
            _ => {}
        }
    }
    names
}

/// Every task a quiz names (its `of`, its choices) is one a run can have: `[quiz]`'s on
/// tokio, `[asyncio.quiz]`'s on asyncio.
pub(crate) fn check(
    src: &Source,
    scenario: &Scenario,
    spans: &QuizSpans,
    asyncio_spans: &QuizSpans,
) -> Result<(), Diagnostic> {
    if let Some(quiz) = &scenario.quiz {
        check_names(src, scenario, quiz, spans, &lane_names(scenario), false)?;
    }
    if let Some(quiz) = &scenario.asyncio.quiz {
        let names = asyncio_lane_names(scenario);
        check_names(src, scenario, quiz, asyncio_spans, &names, true)?;
    }
    Ok(())
}

/// Whether a run on asyncio can ask `[quiz]` (when the scenario has no `[asyncio.quiz]`):
/// not when it is about tokio's workers (a multi_thread scenario; asyncio has one loop),
/// nor when it names a lane only tokio has (a numbered `f-2` branch of a join_all or a
/// race, which asyncio runs as a task named `f`). Such a run asks nothing.
pub fn asks_on_asyncio(scenario: &Scenario, quiz: &Quiz) -> bool {
    if scenario.runtime.flavor == Flavor::MultiThread {
        return false;
    }
    let asyncio = asyncio_lane_names(scenario);
    let names = quiz.of().into_iter().chain(match &quiz.question {
        Question::First { tasks } | Question::Cancelled { tasks } => {
            tasks.iter().map(String::as_str).collect::<Vec<_>>()
        }
        _ => Vec::new(),
    });
    names
        .into_iter()
        .all(|name| asyncio.iter().any(|n| n == name))
}

/// The task names a quiz gives, with where they are.
fn named<'q>(quiz: &'q Quiz, spans: &'q QuizSpans) -> impl Iterator<Item = (&'q str, &'q Span)> {
    let choices = match &quiz.question {
        Question::First { tasks } | Question::Cancelled { tasks } => tasks.as_slice(),
        _ => &[],
    };
    let of = quiz.of().into_iter().zip(spans.of.iter());
    of.chain(choices.iter().map(String::as_str).zip(spans.tasks.iter()))
}

/// Every name of `quiz` is one of `names`, the lanes of a run (on asyncio if `asyncio`).
fn check_names(
    src: &Source,
    scenario: &Scenario,
    quiz: &Quiz,
    spans: &QuizSpans,
    names: &[String],
    asyncio: bool,
) -> Result<(), Diagnostic> {
    for (name, span) in named(quiz, spans) {
        if names.iter().any(|n| n == name) {
            continue;
        }
        let list = suggest::name_list(names.iter().map(String::as_str));
        let help = if scenario.function(name).is_some() && asyncio {
            format!(
                "on asyncio `{name}` runs inside the task that calls it (a `call`, or the \
                 call of a `timeout` or `until_cancelled`), not as a task of its own; ask \
                 about a task: {list}"
            )
        } else if scenario.function(name).is_some() {
            format!(
                "`{name}` is a function that runs inside the task that calls it, not a task \
                 of its own; ask about a task: {list}"
            )
        } else {
            suggest::help_for_unknown(name, "tasks", names.iter().map(String::as_str))
        };
        let runs = if asyncio { " on asyncio" } else { "" };
        return Err(src
            .error(
                span.clone(),
                format!("no task of this scenario{runs} is named `{name}`"),
            )
            .with_help(help));
    }
    Ok(())
}
