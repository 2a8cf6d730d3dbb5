//! A scenario's quiz and the run's verdict, as they leave the process: the `quiz` object of
//! the JSON document, and the lines the headless text prints after the findings.

use serde::{Deserialize, Serialize};

use crate::quiz::{Measured, Verdict, judge};
use crate::scenario::{Quiz, QuizKind, Scenario};
use crate::timeline::Timeline;

/// The quiz of a run's scenario, with what the run measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizJson {
    /// The question, as the presenter asks it.
    pub ask: String,
    /// What it asks.
    pub kind: QuizKindJson,
    /// The task a duration or polls question is about; null for the run's wall time and
    /// for the other kinds.
    pub of: Option<String>,
    /// The choices, as written, in order (digit 1 is the first); empty when the room types
    /// its answer.
    pub choices: Vec<String>,
    /// The measured answer; null when the run did not settle the question (`verdict` says
    /// why).
    pub measured: Option<MeasuredJson>,
    /// The right choices, by index into `choices`.
    pub right: Vec<usize>,
    /// The verdict for people ("main took 2.00 s: 2s is right"), or why there is none.
    pub verdict: String,
}

/// [`QuizKind`] as the JSON spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuizKindJson {
    /// How long.
    Duration,
    /// How many polls.
    Polls,
    /// Which task ends first.
    First,
    /// Which tasks are cancelled.
    Cancelled,
}

/// [`Measured`] as the JSON spells it: one key, the kind of answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasuredJson {
    /// How long, in scenario time (real ns times the run's speed), ns.
    ScenarioNs(u64),
    /// How many polls.
    Polls(u64),
    /// The task that ended first (two if they ended at the same nanosecond).
    First(Vec<String>),
    /// The listed tasks that ended cancelled (possibly none).
    Cancelled(Vec<String>),
}

/// The question a run of `scenario` asks: the one of the runtime it ran on (on asyncio, the
/// scenario's `[asyncio.quiz]` where it has one).
pub fn asked<'a>(scenario: &'a Scenario, t: &Timeline) -> Option<&'a Quiz> {
    t.info().runtime.engine().quiz(scenario)
}

/// The `quiz` object of a run of a scenario with a quiz.
pub fn to_json(quiz: &Quiz, t: &Timeline) -> QuizJson {
    let verdict = judge(quiz, t);
    let settled = verdict.settled();
    QuizJson {
        ask: quiz.ask.clone(),
        kind: quiz.kind().into(),
        of: quiz.of().map(str::to_string),
        choices: quiz.choices(),
        measured: settled.map(|s| match &s.measured {
            Measured::Duration { scenario_ns } => MeasuredJson::ScenarioNs(*scenario_ns),
            Measured::Polls(n) => MeasuredJson::Polls(*n),
            Measured::First(tasks) => MeasuredJson::First(tasks.clone()),
            Measured::Cancelled(tasks) => MeasuredJson::Cancelled(tasks.clone()),
        }),
        right: settled.map(|s| s.right.clone()).unwrap_or_default(),
        verdict: verdict.sentence().to_string(),
    }
}

/// The quiz as the headless text prints it after the findings: the question, the choices
/// with `✓` after the right ones, and the verdict.
pub fn to_text(quiz: &Quiz, t: &Timeline) -> String {
    let verdict = judge(quiz, t);
    let right = verdict.settled().map(|s| s.right.as_slice()).unwrap_or(&[]);
    let choices: Vec<String> = quiz
        .choices()
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mark = if right.contains(&i) { " ✓" } else { "" };
            format!("{}) {text}{mark}", i + 1)
        })
        .collect();
    let how = match (quiz.kind(), choices.is_empty()) {
        (QuizKind::Duration, true) => "  (the room types a duration)".to_string(),
        (QuizKind::Polls, true) => "  (the room types a number of polls)".to_string(),
        (QuizKind::Cancelled, _) => format!("  {}   (any of them, or none)", choices.join("   ")),
        _ => format!("  {}", choices.join("   ")),
    };
    let said = match verdict {
        Verdict::Settled(settled) => format!("  measured: {}", settled.sentence),
        Verdict::Unsettled(why) => format!("  not settled: {why}"),
    };
    format!("quiz: {}\n{how}\n{said}\n", quiz.ask)
}

impl From<QuizKind> for QuizKindJson {
    fn from(kind: QuizKind) -> Self {
        match kind {
            QuizKind::Duration => QuizKindJson::Duration,
            QuizKind::Polls => QuizKindJson::Polls,
            QuizKind::First => QuizKindJson::First,
            QuizKind::Cancelled => QuizKindJson::Cancelled,
        }
    }
}
