//! Every mark the lanes draw, with what it means: the one table that the run view's legend
//! row and the `?` help both read, in the same glyphs and the same styles.

use ratatui::style::Style;

use super::lane_tree::BRANCH;
use super::theme::{self, Theme};
use crate::record::TaskId;
use crate::timeline::{Finding, FindingKind, Outcome, State, TaskLane, Timeline, WakeSource};

/// The end mark of a branch dropped unfinished: the loser of a race, the call a timeout cut
/// off (a task dropped unfinished is cancelled, `⊘`).
pub const DROPPED: &str = "✂";

/// How a lane ended, as its end mark: a dropped branch is cut off, not cancelled.
pub fn end_mark(lane: &TaskLane) -> Option<&'static str> {
    match lane.outcome {
        Outcome::Cancelled if lane.is_branch() => Some(DROPPED),
        outcome => theme::outcome_mark(outcome),
    }
}

/// Whether `symbol` is an end mark (how a lane ended): a mark drawn over a lane keeps
/// off it, since the end is the lane's outcome.
pub fn is_end_mark(symbol: &str) -> bool {
    MARKS
        .iter()
        .any(|m| m.glyph == symbol && matches!(m.kind, MarkKind::End(_) | MarkKind::Dropped))
}

/// The icon of a finding: a branch dropped is told with the drop's mark, everything else
/// with its kind's icon.
pub fn finding_mark(tl: &Timeline, finding: &Finding) -> &'static str {
    let dropped = |&id: &TaskId| tl.task(id).and_then(end_mark) == Some(DROPPED);
    if finding.kind == FindingKind::Cancelled && finding.tasks.iter().any(dropped) {
        DROPPED
    } else {
        theme::finding_icon(finding.kind)
    }
}

/// What woke the selected task, as its wake marks say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WokenBy {
    /// A task (or a branch): marked on its lane too.
    Task,
    /// The runtime's timer driver.
    Timer,
    /// The runtime otherwise: the I/O driver, or the scheduler.
    Runtime,
}

impl WokenBy {
    /// Which of the three a wake's source is.
    pub fn of(source: WakeSource) -> WokenBy {
        match source {
            WakeSource::Task(_) => WokenBy::Task,
            WakeSource::Timer => WokenBy::Timer,
            WakeSource::Runtime => WokenBy::Runtime,
        }
    }

    /// The mark drawn where the wake made the selected task ready (and, for a task, on the
    /// waker's lane at the wake).
    pub fn glyph(self) -> &'static str {
        match self {
            WokenBy::Task => "◆",
            WokenBy::Timer => "◷",
            WokenBy::Runtime => "◎",
        }
    }
}

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
    /// A branch dropped unfinished.
    Dropped,
    /// A branch's name: a future run inside its task.
    Branch,
    /// A wake of the selected task, by what woke it.
    Woken(WokenBy),
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
pub const MARKS: [Mark; 17] = [
    mark(theme::RUNNING, MarkKind::State(State::Running, false), "running: polled by a worker", "running", "run"),
    mark(theme::BLOCKING, MarkKind::State(State::Running, true), "blocking: one poll held a runtime worker ≥ 10 ms", "blocking", "block"),
    mark(theme::SCHEDULED, MarkKind::State(State::Scheduled, false), "scheduled: woken, ready, waiting for a worker", "scheduled", "ready"),
    mark(theme::WAITING, MarkKind::State(State::Waiting, false), "waiting: on a timer, a join, a lock (its label written in)", "waiting", "wait"),
    mark(theme::EIGHTHS[3], MarkKind::ShortPoll, "a poll shorter than a column: its share of the column", "short poll", "short"),
    mark(theme::PARKED, MarkKind::Parked, "a worker parked: nothing to poll", "parked", "parked"),
    mark("✓", MarkKind::End(Outcome::Ok), "ended: returned", "ok", "ok"),
    mark("✗", MarkKind::End(Outcome::Failed), "ended: returned an error", "failed", "fail"),
    mark("‼", MarkKind::End(Outcome::Panicked), "ended: panicked", "panicked", "panic"),
    mark("⊘", MarkKind::End(Outcome::Cancelled), "ended: cancelled (a task dropped unfinished)", "cancelled", "cancel"),
    mark(DROPPED, MarkKind::Dropped, "a branch dropped unfinished: a race's loser, a timeout's call", "dropped", "drop"),
    mark("○", MarkKind::End(Outcome::NeverPolled), "never polled: created, never awaited", "never polled", "unpolled"),
    mark(BRANCH, MarkKind::Branch, "a branch: a future run inside its task (join_all, race, timeout)", "branch", "branch"),
    mark("◆", MarkKind::Woken(WokenBy::Task), "selected task woken by a task (marked on both lanes)", "task woke it", "task"),
    mark("◷", MarkKind::Woken(WokenBy::Timer), "selected task woken by a timer, where it became ready", "timer woke it", "timer"),
    mark("◎", MarkKind::Woken(WokenBy::Runtime), "selected task woken by the runtime: I/O driver, scheduler", "runtime woke it", "runtime"),
    mark("│", MarkKind::Now, "now, in a live run", "now", "now"),
];

impl Mark {
    /// The style the lanes draw this mark in.
    pub fn style(&self, theme: &Theme) -> Style {
        match self.kind {
            MarkKind::State(state, blocking) => theme.state(state, blocking),
            MarkKind::ShortPoll => theme.state(State::Running, false),
            MarkKind::End(outcome) => theme.outcome(outcome),
            MarkKind::Dropped => theme.outcome(Outcome::Cancelled),
            MarkKind::Branch => theme.dim(),
            MarkKind::Woken(_) => theme.wake(),
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
        for m in MARKS {
            if let MarkKind::Woken(by) = m.kind {
                assert_eq!(by.glyph(), m.glyph);
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
