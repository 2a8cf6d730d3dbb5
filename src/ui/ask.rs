//! The question for the room before a run (a scenario's `[quiz]`): what the room has
//! answered so far (the choices ticked, the number typed), and what opens once it has
//! answered or skipped: a run of the scenario, or a saved run's replay.

use std::sync::Arc;

use super::keymap::Context;
use super::msg::Launch;
use crate::scenario::{Quiz, QuizKind, Scenario};
use crate::source::Engine;

/// The question screen's state.
#[derive(Debug)]
pub struct AskScreen {
    /// The scenario whose question it is.
    pub scenario: Arc<Scenario>,
    /// The loop the run will be on: its question is the one asked.
    pub engine: Engine,
    /// What opens once the room has answered (or the question was skipped).
    pub then: Launch,
    /// The choices ticked so far, by index, in the order ticked (a set question).
    pub ticked: Vec<usize>,
    /// What was typed so far (a question answered with a number).
    pub typed: String,
    /// Why the number typed was not taken, until the next key.
    pub refused: Option<String>,
}

/// How the room answers a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answering {
    /// With one choice: a digit answers at once.
    One,
    /// With a set of choices: digits tick and untick, Enter runs.
    Set,
    /// With a typed number (a duration, a count), then Enter.
    Typed,
}

impl AskScreen {
    /// The question of `scenario` (which has one on `engine`), asked before `then` opens.
    pub fn new(scenario: Arc<Scenario>, engine: Engine, then: Launch) -> AskScreen {
        AskScreen {
            scenario,
            engine,
            then,
            ticked: Vec::new(),
            typed: String::new(),
            refused: None,
        }
    }

    /// The question (a scenario without one is never asked: see `launch.rs`).
    pub fn quiz(&self) -> Option<&Quiz> {
        self.engine.quiz(&self.scenario)
    }

    /// The choices as the room sees them (empty when it types its answer).
    pub fn choices(&self) -> Vec<String> {
        self.quiz().map(Quiz::choices).unwrap_or_default()
    }

    /// How the room answers it.
    pub fn answering(&self) -> Answering {
        let Some(quiz) = self.quiz() else {
            return Answering::One;
        };
        if quiz.kind().takes_a_set() {
            Answering::Set
        } else if quiz.choices().is_empty() {
            Answering::Typed
        } else {
            Answering::One
        }
    }

    /// The keymap context of the screen.
    pub fn context(&self) -> Context {
        match self.answering() {
            Answering::One => Context::Ask,
            Answering::Set => Context::AskSet,
            Answering::Typed => Context::AskTyped,
        }
    }

    /// What the room types, for a question answered with a number: "a duration" or "a
    /// number of polls".
    pub fn typed_kind(&self) -> &'static str {
        match self.quiz().map(Quiz::kind) {
            Some(QuizKind::Polls) => "a number of polls",
            _ => "a duration",
        }
    }

    /// Ticks choice `i`, or unticks it.
    pub fn toggle(&mut self, i: usize) {
        match self.ticked.iter().position(|&t| t == i) {
            Some(at) => {
                self.ticked.remove(at);
            }
            None => self.ticked.push(i),
        }
    }
}
