//! The text export's legend: the states every lane may show and the end marks this run's
//! lanes do show, wrapped to the text's width.

use crate::timeline::{Outcome, TaskLane, Timeline};

/// The legend of the states, every one of which any lane may show.
const STATES: [&str; 4] = [
    "█ running",
    "▓ poll holding a runtime worker ≥ 10 ms",
    "▒ scheduled (ready)",
    "░ waiting",
];
/// The legend of the end marks, each listed only when a lane of the run ends with it.
const ENDS: [(char, &str); 6] = [
    ('✓', "✓ ok"),
    ('✗', "✗ failed"),
    ('‼', "‼ panicked"),
    ('⊘', "⊘ cancelled"),
    ('✂', "✂ dropped (a branch)"),
    ('○', "○ never polled"),
];

/// The legend's lines: the states and the end marks the lanes of `order` show, whole items
/// joined by two spaces, wrapped at `width`.
pub(super) fn legend(t: &Timeline, order: &[u32], width: usize) -> String {
    let ends: Vec<char> = order
        .iter()
        .filter_map(|&id| t.task(id).and_then(end_mark))
        .collect();
    let items = STATES.into_iter().chain(
        ENDS.iter()
            .filter(|(mark, _)| ends.contains(mark))
            .map(|&(_, item)| item),
    );
    let mut text = String::new();
    let mut line = 0;
    for item in items {
        let len = item.chars().count();
        if line > 0 && line + 2 + len > width {
            text.push('\n');
            line = 0;
        } else if line > 0 {
            text.push_str("  ");
            line += 2;
        }
        text.push_str(item);
        line += len;
    }
    text.push('\n');
    text
}

/// The mark a lane's end is drawn with, if it ended.
pub(super) fn end_mark(lane: &TaskLane) -> Option<char> {
    match lane.outcome {
        Outcome::Cancelled if lane.is_branch() => Some('✂'),
        Outcome::Running => None,
        Outcome::Ok => Some('✓'),
        Outcome::Failed => Some('✗'),
        Outcome::Panicked => Some('‼'),
        Outcome::Cancelled => Some('⊘'),
        Outcome::NeverPolled => Some('○'),
    }
}
