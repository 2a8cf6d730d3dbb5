//! Words of the verdicts: lists and outcomes as a sentence says them.

use crate::timeline::Outcome;

/// "a", "a and b", "a, b and c".
pub(super) fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// How a task that was not cancelled ended: "finished", "failed", "never ran".
pub(super) fn outcome_phrase(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Ok => "finished",
        Outcome::Failed => "failed",
        Outcome::Panicked => "panicked",
        Outcome::Cancelled => "was cancelled",
        Outcome::NeverPolled => "never ran",
        Outcome::Running => "had not ended",
    }
}

/// How a task ended, in a note after its name ("ask_primary (cancelled)"); none for one
/// that simply finished.
pub(super) fn outcome_note(outcome: Outcome) -> Option<&'static str> {
    match outcome {
        Outcome::Ok | Outcome::Running => None,
        Outcome::Failed => Some("failed"),
        Outcome::Panicked => Some("panicked"),
        Outcome::Cancelled => Some("cancelled"),
        Outcome::NeverPolled => Some("never polled"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        let words = |w: &[&str]| list(&w.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(words(&[]), "");
        assert_eq!(words(&["a"]), "a");
        assert_eq!(words(&["a", "b"]), "a and b");
        assert_eq!(words(&["a", "b", "c"]), "a, b and c");
    }
}
