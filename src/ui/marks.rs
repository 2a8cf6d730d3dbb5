//! Every mark the lanes draw, with what it means: the one table that the run view's legend
//! row and the `?` help both read, in the same glyphs and the same styles.

use ratatui::style::Style;

use super::theme::{self, Theme};
use crate::timeline::{Outcome, State};

/// What a mark shows, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A state of a lane (`blocking`: a running poll that holds a runtime worker).
    State(State, bool),
    /// How a task ended.
    End(Outcome),
    /// A poll shorter than a column: a partial block, its share of the column.
    ShortPoll,
    /// A worker parked, with nothing to poll.
    Parked,
    /// The present moment of a live run.
    Now,
}

/// One mark of the legend.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    /// The glyph drawn.
    pub glyph: &'static str,
    /// What it shows.
    pub kind: MarkKind,
    /// What the help says it means.
    pub long: &'static str,
    /// The legend row's word for it.
    pub short: &'static str,
    /// The legend row's word when room is short.
    pub terse: &'static str,
}

const fn mark(
    glyph: &'static str,
    kind: MarkKind,
    long: &'static str,
    short: &'static str,
    terse: &'static str,
) -> Mark {
    Mark {
        glyph,
        kind,
        long,
        short,
        terse,
    }
}

/// Every mark the lanes draw, in the order the legend lists them.
#[rustfmt::skip]
pub const MARKS: [Mark; 12] = [
    mark(theme::RUNNING, MarkKind::State(State::Running, false), "running: polled by a worker", "running", "run"),
    mark(theme::BLOCKING, MarkKind::State(State::Running, true), "blocking: one poll held a runtime worker ≥ 10 ms", "blocking", "block"),
    mark(theme::SCHEDULED, MarkKind::State(State::Scheduled, false), "scheduled: woken, ready, waiting for a worker", "scheduled", "ready"),
    mark(theme::WAITING, MarkKind::State(State::Waiting, false), "waiting: on a timer, a join, a lock (its label written in)", "waiting", "wait"),
    mark(theme::EIGHTHS[3], MarkKind::ShortPoll, "a poll shorter than a column: its share of the column", "short poll", "short"),
    mark(theme::PARKED, MarkKind::Parked, "a worker parked: nothing to poll", "parked", "parked"),
    mark("✓", MarkKind::End(Outcome::Ok), "ended: returned", "ok", "ok"),
    mark("✗", MarkKind::End(Outcome::Failed), "ended: returned an error", "failed", "fail"),
    mark("‼", MarkKind::End(Outcome::Panicked), "ended: panicked", "panicked", "panic"),
    mark("⊘", MarkKind::End(Outcome::Cancelled), "ended: cancelled (dropped unfinished)", "cancelled", "cancel"),
    mark("○", MarkKind::End(Outcome::NeverPolled), "never polled: created, never awaited", "never polled", "unpolled"),
    mark("│", MarkKind::Now, "now, in a live run", "now", "now"),
];

impl Mark {
    /// The style the lanes draw this mark in.
    pub fn style(&self, theme: &Theme) -> Style {
        match self.kind {
            MarkKind::State(state, blocking) => theme.state(state, blocking),
            MarkKind::ShortPoll => theme.state(State::Running, false),
            MarkKind::End(outcome) => theme.outcome(outcome),
            MarkKind::Parked | MarkKind::Now => theme.faint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_end_mark_is_the_one_the_lanes_draw() {
        for m in MARKS {
            if let MarkKind::End(outcome) = m.kind {
                assert_eq!(theme::outcome_mark(outcome), Some(m.glyph));
            }
        }
        let glyphs: Vec<&str> = MARKS.iter().map(|m| m.glyph).collect();
        for outcome in [
            Outcome::Ok,
            Outcome::Failed,
            Outcome::Panicked,
            Outcome::Cancelled,
            Outcome::NeverPolled,
        ] {
            let drawn = theme::outcome_mark(outcome).expect("a mark");
            assert!(glyphs.contains(&drawn), "{drawn} is not in the legend");
        }
    }
}
