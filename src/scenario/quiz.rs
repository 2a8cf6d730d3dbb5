//! `[quiz]`: a question for the room, asked before a run and settled by the measured run
//! ("how long will main take?", "which task finishes first?"). The model; the table is read
//! in `quiz_parse.rs`, and the names it gives are checked against the scenario's tasks in
//! `quiz_names.rs`.

use std::time::Duration;

/// A question for the room, settled by the run it is asked about.
#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
    /// The question, as the presenter asks it.
    pub ask: String,
    /// What it asks about, and the choices the room has.
    pub question: Question,
    /// 1-based line of the `[quiz]` table.
    pub line: u32,
}

/// What a quiz asks about, and the choices the room has; the kinds of `kind = "..."`.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// How long a task lives, spawn to end (or the run lasts), in scenario time.
    Duration {
        /// The task; `None` for the run's wall time.
        of: Option<String>,
        /// The durations to choose from, as written; empty: the room types one.
        choices: Vec<DurationChoice>,
    },
    /// How many times a task is polled.
    Polls {
        /// The task.
        of: String,
        /// The counts to choose from; empty: the room types one.
        choices: Vec<u64>,
    },
    /// Which of these tasks ends first, however it ends.
    First {
        /// The tasks to choose from (at least two).
        tasks: Vec<String>,
    },
    /// Which of these tasks end cancelled: any number of them, or none.
    Cancelled {
        /// The tasks to choose from (at least two).
        tasks: Vec<String>,
    },
}

/// A duration the room can choose: the text as the file writes it, and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationChoice {
    /// `"1.5s"`, shown to the room as written.
    pub text: String,
    /// Its value.
    pub duration: Duration,
}

/// The kinds of question, as `kind = "..."` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuizKind {
    /// `duration`: how long.
    Duration,
    /// `polls`: how many polls.
    Polls,
    /// `first`: which task ends first.
    First,
    /// `cancelled`: which tasks are cancelled.
    Cancelled,
}

impl QuizKind {
    /// Every kind, in the order the README lists them.
    pub const ALL: [QuizKind; 4] = [
        QuizKind::Duration,
        QuizKind::Polls,
        QuizKind::First,
        QuizKind::Cancelled,
    ];

    /// The name written in files and in the JSON (`duration`).
    pub fn as_str(self) -> &'static str {
        match self {
            QuizKind::Duration => "duration",
            QuizKind::Polls => "polls",
            QuizKind::First => "first",
            QuizKind::Cancelled => "cancelled",
        }
    }

    /// The kind written `name` in a file, if there is one.
    pub fn from_name(name: &str) -> Option<QuizKind> {
        QuizKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether the room answers with a set of choices (any number, or none) rather than one.
    pub fn takes_a_set(self) -> bool {
        self == QuizKind::Cancelled
    }
}

impl Quiz {
    /// The kind of question.
    pub fn kind(&self) -> QuizKind {
        match self.question {
            Question::Duration { .. } => QuizKind::Duration,
            Question::Polls { .. } => QuizKind::Polls,
            Question::First { .. } => QuizKind::First,
            Question::Cancelled { .. } => QuizKind::Cancelled,
        }
    }

    /// The task it asks about (`of`), for a duration or polls question.
    pub fn of(&self) -> Option<&str> {
        match &self.question {
            Question::Duration { of, .. } => of.as_deref(),
            Question::Polls { of, .. } => Some(of),
            Question::First { .. } | Question::Cancelled { .. } => None,
        }
    }

    /// The choices as the room sees them, in order (the digit 1 answers the first); empty
    /// when the room types its answer.
    pub fn choices(&self) -> Vec<String> {
        match &self.question {
            Question::Duration { choices, .. } => choices.iter().map(|c| c.text.clone()).collect(),
            Question::Polls { choices, .. } => choices.iter().map(u64::to_string).collect(),
            Question::First { tasks } | Question::Cancelled { tasks } => tasks.clone(),
        }
    }
}
