//! A scenario's question for the room (`[quiz]`), settled by the measured run: [`judge`]
//! reads a finished run's [`Timeline`](crate::timeline::Timeline) and says what really
//! happened and which choices are right; [`score`] says whether the room's answer is one of
//! them. Pure: no I/O, no terminal, no runtime. The dashboard asks and shows; the headless
//! text and the JSON print the verdict.
//!
//! A quiz names tasks. A name stands for every lane that carries it (a task started by a
//! function that is called twice has two): it starts with the first, ends with the last,
//! is polled as often as all of them together, and counts as cancelled if any of them was.

mod answer;
mod judge;
mod words;

#[cfg(test)]
mod tests;

pub use answer::{Answer, Score, score};
pub use judge::{count_range, duration_range, judge};

/// What the run says about a quiz.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The run settled the question.
    Settled(Settled),
    /// It did not (it has not ended, it was stopped first, the task never started): why,
    /// as a sentence for people.
    Unsettled(String),
}

/// A settled question: what was measured, which choices are right, and the sentence that
/// says so ("main took 2.00 s: 2s is right").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    /// The measured answer.
    pub measured: Measured,
    /// The right choices, by index in the quiz's choices, in order: the one closest to the
    /// measured duration or count (two when they are equally close), the task that ended
    /// first, the tasks that were cancelled (none is an answer too). Empty for a question
    /// without choices: a typed answer is right within [`duration_range`] or
    /// [`count_range`].
    pub right: Vec<usize>,
    /// The verdict for people.
    pub sentence: String,
}

/// The measured answer to each kind of question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Measured {
    /// How long the task lived, or the run lasted, in scenario time (the run's real time
    /// times its speed: a run at 0.25x is judged as the file wrote it).
    Duration {
        /// Nanoseconds of scenario time.
        scenario_ns: u64,
    },
    /// How many times the task was polled.
    Polls(u64),
    /// The task that ended first (two when they ended at the same nanosecond).
    First(Vec<String>),
    /// The listed tasks that ended cancelled, in the order of the choices.
    Cancelled(Vec<String>),
}

impl Verdict {
    /// The sentence for people: the verdict, or why there is none.
    pub fn sentence(&self) -> &str {
        match self {
            Verdict::Settled(settled) => &settled.sentence,
            Verdict::Unsettled(why) => why,
        }
    }

    /// The settled verdict, if the run settled the question.
    pub fn settled(&self) -> Option<&Settled> {
        match self {
            Verdict::Settled(settled) => Some(settled),
            Verdict::Unsettled(_) => None,
        }
    }
}
