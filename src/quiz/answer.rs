//! The room's answer: what it can be, how a typed one is read, how it is scored against a
//! verdict, and how it is written back to the room.

use std::time::Duration;

use super::judge::{count_range, duration_range};
use super::words::list;
use super::{Measured, Verdict};
use crate::limits::{MAX_QUIZ_COUNT, MAX_STEP_DURATION};
use crate::scenario::{
    DurationError, Quiz, QuizKind, format_duration as scenario_duration, parse_duration,
};
use crate::timeline::format_duration;

/// What the room answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// One choice, by index (the digit 1 is index 0).
    Choice(usize),
    /// Any number of choices, by index: the answer to a `cancelled` question (empty for
    /// "none of them").
    Choices(Vec<usize>),
    /// A typed duration, for a `duration` question.
    Duration(Duration),
    /// A typed count, for a `polls` question.
    Count(u64),
}

/// How the room did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// The answer is right.
    Right,
    /// It is not.
    Wrong,
    /// The run did not settle the question: nobody is right or wrong.
    Unsettled,
}

/// Scores the room's answer against the run's verdict. A choice is right when it is one of
/// the verdict's right choices; the set of a `cancelled` question when it is exactly the set
/// cancelled; a typed duration or count when it is within [`duration_range`] or
/// [`count_range`] of the measured one (with or without choices). An answer of another
/// kind than the question, or a choice the quiz does not have, is wrong.
pub fn score(verdict: &Verdict, answer: &Answer) -> Score {
    let Verdict::Settled(settled) = verdict else {
        return Score::Unsettled;
    };
    let set_question = matches!(settled.measured, Measured::Cancelled(_));
    let right = match (answer, &settled.measured) {
        (Answer::Choice(i), _) if set_question => settled.right == [*i],
        (Answer::Choice(i), _) => settled.right.contains(i),
        (Answer::Choices(chosen), _) => {
            let mut chosen = chosen.clone();
            chosen.sort_unstable();
            chosen.dedup();
            match set_question {
                true => chosen == settled.right,
                false => chosen.len() == 1 && settled.right.contains(&chosen[0]),
            }
        }
        (Answer::Duration(typed), Measured::Duration { scenario_ns }) => {
            let (low, high) = duration_range(*scenario_ns);
            let typed = u64::try_from(typed.as_nanos()).unwrap_or(u64::MAX);
            (low..=high).contains(&typed)
        }
        (Answer::Count(typed), Measured::Polls(count)) => {
            let (low, high) = count_range(*count);
            (low..=high).contains(typed)
        }
        (Answer::Duration(_) | Answer::Count(_), _) => false,
    };
    if right { Score::Right } else { Score::Wrong }
}

impl Answer {
    /// The answer a room typed to a question of `kind` without choices: a duration (`2`
    /// and `2.5` are seconds; `1.5s` and `250ms` as in scenario files) up to
    /// [`MAX_STEP_DURATION`], or a whole number of polls up to [`MAX_QUIZ_COUNT`], the
    /// bounds of a quiz's choices. Err says what is wrong with the text and what to type.
    pub fn typed(kind: QuizKind, text: &str) -> Result<Answer, String> {
        let text = text.trim();
        let shown = quoted(text);
        match kind {
            QuizKind::Duration => {
                let seconds = text.chars().all(|c| c.is_ascii_digit() || c == '.');
                let written = if seconds && !text.is_empty() {
                    format!("{text}s")
                } else {
                    text.to_string()
                };
                let longest = scenario_duration(MAX_STEP_DURATION);
                match parse_duration(&written) {
                    Ok(d) if d <= MAX_STEP_DURATION => Ok(Answer::Duration(d)),
                    Ok(_) | Err(DurationError::TooLong) => {
                        Err(format!("{shown} is too long: at most {longest}"))
                    }
                    Err(DurationError::Empty) => {
                        Err("type a duration: 2 (seconds), 1.5s or 250ms".to_string())
                    }
                    Err(e) => Err(format!(
                        "{shown} is not a duration ({e}): type 2 (seconds), 1.5s or 250ms"
                    )),
                }
            }
            QuizKind::Polls if text.is_empty() => {
                Err("type a whole number of polls, like 16".to_string())
            }
            QuizKind::Polls if !text.chars().all(|c| c.is_ascii_digit()) => Err(format!(
                "{shown} is not a whole number: type a number of polls, like 16"
            )),
            QuizKind::Polls => match text.parse() {
                Ok(n) if n <= MAX_QUIZ_COUNT => Ok(Answer::Count(n)),
                _ => Err(format!(
                    "{shown} is too many: at most {MAX_QUIZ_COUNT} polls"
                )),
            },
            QuizKind::First | QuizKind::Cancelled => {
                Err("answer with the digits of the choices".to_string())
            }
        }
    }

    /// The answer as the room sees it beside the verdict: a choice's text, the chosen
    /// tasks ("none of them" for an empty set), a typed duration ("2.50 s") or count.
    pub fn text(&self, quiz: &Quiz) -> String {
        let choices = quiz.choices();
        let choice = |i: usize| {
            choices
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("choice {}", i + 1))
        };
        match self {
            Answer::Choice(i) => choice(*i),
            Answer::Choices(chosen) if chosen.is_empty() => "none of them".to_string(),
            Answer::Choices(chosen) => {
                let mut chosen = chosen.clone();
                chosen.sort_unstable();
                chosen.dedup();
                list(&chosen.into_iter().map(choice).collect::<Vec<_>>())
            }
            Answer::Duration(d) => format_duration(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)),
            Answer::Count(n) => n.to_string(),
        }
    }
}

/// `text` in backquotes, its middle left out if it is long (a typed answer is one line).
fn quoted(text: &str) -> String {
    const KEEP: usize = 12;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 2 * KEEP {
        return format!("`{text}`");
    }
    let head: String = chars[..KEEP].iter().collect();
    let tail: String = chars[chars.len() - KEEP..].iter().collect();
    format!("`{head}…{tail}`")
}
