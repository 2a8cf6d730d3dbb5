//! The quiz pane of the run view, as text: the question, the room's answer and, once the
//! run settles it, right or wrong and the measured truth. Written row by row for a width,
//! so that the layout (how many rows) and the view (what to write) agree.

use super::words::wrap;
use crate::quiz::{Answer, Score, Verdict, score};
use crate::scenario::{Quiz, QuizKind};

/// What the quiz pane shows.
#[derive(Clone, Copy, Debug)]
pub struct QuizShape<'a> {
    /// The question.
    pub quiz: &'a Quiz,
    /// The room's answer; None in a picture, where nobody answered.
    pub answer: Option<&'a Answer>,
    /// What the run shown says about it.
    pub verdict: &'a Verdict,
    /// The run shown is over: a question it did not settle is not settled (rather than
    /// waiting for the end).
    pub over: bool,
}

/// What a row of the pane says, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The question, as the presenter asked it.
    Ask,
    /// The room's answer, and how it did.
    Said(Score),
    /// The choices, the right ones marked once settled (a picture).
    Choices,
    /// The measured truth.
    Truth,
    /// What is still to come, or why nothing will.
    Pending,
}

/// The pane's rows, title excluded: the question (which the layout may leave out when room
/// is short), then the rows that must show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuizLines {
    /// The question, wrapped.
    pub ask: Vec<String>,
    /// The answer and the verdict, wrapped, each with what it says.
    pub rest: Vec<(Part, String)>,
}

/// Columns of the pane's margin, left of its text.
pub const QUIZ_MARGIN: u16 = 1;

/// The pane's rows in `width` columns.
pub fn quiz_lines(q: &QuizShape, width: u16) -> QuizLines {
    let w = usize::from(width.saturating_sub(QUIZ_MARGIN + 1)).max(8);
    let mut rest: Vec<(Part, String)> = Vec::new();
    let mut push = |part: Part, text: &str| {
        rest.extend(wrap(text, w).into_iter().map(|line| (part, line)));
    };
    let settled = q.verdict.settled();
    match q.answer {
        Some(answer) => {
            let said = format!("the room said {}", answer.text(q.quiz));
            let score = score(q.verdict, answer);
            let how = match score {
                Score::Right => " · ✓ right",
                Score::Wrong => " · ✗ wrong",
                Score::Unsettled => "",
            };
            push(Part::Said(score), &format!("{said}{how}"));
        }
        None => push(Part::Choices, &choices(q)),
    }
    match (settled, q.over) {
        (Some(settled), _) => push(Part::Truth, &format!("measured: {}", settled.sentence)),
        (None, true) => push(
            Part::Pending,
            &format!("not settled: {}", q.verdict.sentence()),
        ),
        (None, false) => push(Part::Pending, "the run settles it when it ends"),
    }
    QuizLines {
        ask: wrap(&q.quiz.ask, w),
        rest,
    }
}

/// The choices in one line, `✓` after the right ones once settled: `1 ask_primary   2
/// hedge ✓`; for a typed answer, what the room types.
fn choices(q: &QuizShape) -> String {
    let right = q
        .verdict
        .settled()
        .map(|s| s.right.as_slice())
        .unwrap_or(&[]);
    let choices = q.quiz.choices();
    if choices.is_empty() {
        return match q.quiz.kind() {
            QuizKind::Polls => "the room types a number of polls".to_string(),
            _ => "the room types a duration".to_string(),
        };
    }
    let listed: Vec<String> = choices
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mark = if right.contains(&i) { " ✓" } else { "" };
            format!("{} {text}{mark}", i + 1)
        })
        .collect();
    let any = if q.quiz.kind().takes_a_set() {
        "   (any of them, or none)"
    } else {
        ""
    };
    format!("{}{any}", listed.join("   "))
}
