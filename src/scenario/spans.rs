//! Where things are in a scenario's text: the parsed scenario beside the byte spans of its
//! names, shared by the parser that finds them and every check that points at them. A leaf:
//! it knows the model and nothing that uses it.

use std::collections::HashMap;

use super::model::Scenario;
use super::quiz_parse::QuizSpans;
use super::source::Span;

/// A parsed scenario and where its names are in the source.
pub(crate) struct Parsed {
    /// The scenario, not yet checked for unknown names, joins and cycles.
    pub scenario: Scenario,
    /// Spans per function, parallel to `scenario.functions`.
    pub functions: Vec<FunctionSpans>,
    /// The listings `[code]` names, read once the steps are validated.
    pub code: CodeRefs,
    /// Where the task names of `[quiz]` are, checked once the steps are validated.
    pub quiz: QuizSpans,
    /// Where the task names of `[asyncio.quiz]` are (empty without one).
    pub asyncio_quiz: QuizSpans,
    /// Each function's index in `scenario.functions`, by name: found once, so no check looks
    /// a name up by walking the functions.
    index: HashMap<String, usize>,
}

impl Parsed {
    /// Keeps the scenario and its spans, and indexes its functions by name.
    pub fn new(scenario: Scenario, functions: Vec<FunctionSpans>, code: CodeRefs) -> Self {
        let index = scenario
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i))
            .collect();
        Parsed {
            scenario,
            functions,
            code,
            quiz: QuizSpans::default(),
            asyncio_quiz: QuizSpans::default(),
            index,
        }
    }

    /// The index of the function called `name`, if there is one.
    pub fn function_index(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// Where a function and its steps are.
pub(crate) struct FunctionSpans {
    /// Spans per step, parallel to the function's steps.
    pub steps: Vec<StepSpans>,
}

/// Where the names a step mentions are, so validation can point at them.
#[derive(Clone, Debug, Default)]
pub(crate) struct StepSpans {
    /// The whole `{ ... }`.
    pub whole: Span,
    /// Each function the step names, in the order of `Action::functions`.
    pub functions: Vec<Span>,
    /// The task name of a `join`, or the `as` of a `spawn`.
    pub task: Option<Span>,
    /// The resource a `with_permit`, `lock`, `cancel` or `until_cancelled` names.
    pub resource: Option<Span>,
}

/// What `[code]` says, with the spans of its paths.
#[derive(Default)]
pub(crate) struct CodeRefs {
    /// The Rust listing's path as written, and where.
    pub rust: Option<(String, Span)>,
    /// The Python listing's path as written, and where.
    pub python: Option<(String, Span)>,
}
