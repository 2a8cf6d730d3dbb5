//! The names a quiz may ask about: those a run of the scenario can give a lane. A name no
//! step can produce would leave the question unanswerable, so it is an error at its place.

use std::collections::{HashMap, HashSet};

use super::diagnostic::Diagnostic;
use super::model::{Action, Scenario};
use super::quiz::Question;
use super::quiz_parse::QuizSpans;
use super::source::Source;
use super::suggest;

/// The names a run's lanes can have, in file order without repeats: `main`, every task a
/// `spawn` or a `group` starts, every future a `forget` creates, and every branch: the
/// functions a `join_all` or a `race` runs inside its task (the second entry of `f` in
/// one list is `f-2`) and the call of a `timeout` or an `until_cancelled`.
pub fn lane_names(scenario: &Scenario) -> Vec<String> {
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

/// Every task the quiz names (its `of`, its choices) is one a run can have.
pub(crate) fn check(
    src: &Source,
    scenario: &Scenario,
    spans: &QuizSpans,
) -> Result<(), Diagnostic> {
    let Some(quiz) = &scenario.quiz else {
        return Ok(());
    };
    let named = quiz.of().into_iter().zip(spans.of.iter());
    let choices = match &quiz.question {
        Question::First { tasks } | Question::Cancelled { tasks } => tasks.as_slice(),
        _ => &[],
    };
    let named = named.chain(choices.iter().map(String::as_str).zip(spans.tasks.iter()));
    let mut known: Option<Vec<String>> = None;
    for (name, span) in named {
        let names = known.get_or_insert_with(|| lane_names(scenario));
        if names.iter().any(|n| n == name) {
            continue;
        }
        let help = if scenario.function(name).is_some() {
            format!(
                "`{name}` is a function that runs inside the task that calls it, not a task \
                 of its own; ask about a task: {}",
                suggest::name_list(names.iter().map(String::as_str))
            )
        } else {
            suggest::help_for_unknown(name, "tasks", names.iter().map(String::as_str))
        };
        return Err(src
            .error(
                span.clone(),
                format!("no task of this scenario is named `{name}`"),
            )
            .with_help(help));
    }
    Ok(())
}
