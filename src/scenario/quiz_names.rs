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
/// a task), and the call of a `timeout` or an `until_cancelled` runs inside its task, with
/// no lane of its own.
pub fn asyncio_lane_names(scenario: &Scenario) -> Vec<String> {
    names(scenario, false)
}

/// [`lane_names`] with `branches` (tokio's), or [`asyncio_lane_names`] without.
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
            Action::Timeout { function, .. } | Action::UntilCancelled { function, .. }
                if branches =>
            {
                add(function)
            }
            _ => {}
        }
    }
    names
}

/// Every task a quiz names (its `of`, its choices) is one a run can have: `[quiz]`'s on
/// tokio, and on asyncio too unless `[asyncio.quiz]` replaces it there (whose names are
/// checked against an asyncio run's lanes). A multi_thread scenario's `[quiz]` is about
/// tokio's workers, so it needs an `[asyncio.quiz]` for the one loop.
pub(crate) fn check(
    src: &Source,
    scenario: &Scenario,
    spans: &QuizSpans,
    asyncio_spans: &QuizSpans,
) -> Result<(), Diagnostic> {
    if let Some(quiz) = &scenario.quiz {
        check_names(src, scenario, quiz, spans, &lane_names(scenario), false)?;
    }
    match (&scenario.quiz, &scenario.asyncio.quiz) {
        (_, Some(quiz)) => {
            let names = asyncio_lane_names(scenario);
            check_names(src, scenario, quiz, asyncio_spans, &names, true)
        }
        (Some(quiz), None) => asked_on_asyncio(src, scenario, quiz, spans),
        (None, None) => Ok(()),
    }
}

/// `[quiz]` is asked on asyncio too: it must not be about tokio's workers, and every task it
/// names must be a lane there.
fn asked_on_asyncio(
    src: &Source,
    scenario: &Scenario,
    quiz: &Quiz,
    spans: &QuizSpans,
) -> Result<(), Diagnostic> {
    if scenario.runtime.flavor == Flavor::MultiThread {
        let workers = scenario.runtime.workers;
        return Err(src
            .error(
                spans.header.clone(),
                format!(
                    "this multi_thread scenario's question (about {workers} workers on tokio) \
                     would be asked on asyncio too, where one loop runs every task"
                ),
            )
            .with_help(
                "give the asyncio run its own question in an [asyncio.quiz] table (the same \
                 keys as [quiz]; the same question, if its answer holds on one loop too)",
            ));
    }
    let asyncio = asyncio_lane_names(scenario);
    for (name, span) in named(quiz, spans) {
        if !asyncio.iter().any(|n| n == name) {
            return Err(src
                .error(
                    span.clone(),
                    format!(
                        "`{name}` is a lane on tokio only: on asyncio the call of a `timeout` \
                         or `until_cancelled` runs inside its task, and this question is \
                         asked there too"
                    ),
                )
                .with_help(format!(
                    "ask about a task both runtimes have ({}), or give the asyncio run its \
                     own question in an [asyncio.quiz] table",
                    suggest::name_list(asyncio.iter().map(String::as_str))
                )));
        }
    }
    Ok(())
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
