//! Branches dropped unfinished, and why: the call a timeout cut off, the losers of a race,
//! the call an `until_cancelled` stopped. Each was told it was about to go (an abort request
//! with its cause) just before it was dropped; a branch dropped only because its task was
//! is not told here: its task's own ending says it.

use std::collections::BTreeMap;

use super::{Finding, FindingKind};
use crate::record::{BranchOf, TaskId};
use crate::timeline::{Outcome, TaskLane, Timeline};

impl Timeline {
    /// One finding per dropped branch; the losers of one race share one.
    pub(super) fn dropped_findings(&self, out: &mut Vec<Finding>) {
        let mut losers: BTreeMap<TaskId, Vec<&TaskLane>> = BTreeMap::new();
        for lane in &self.tasks {
            let (Some(of), Some(end)) = (lane.kind.branch_of(), lane.ended_ns) else {
                continue;
            };
            let Some(asked) = lane.abort_requested_ns() else {
                continue;
            };
            if lane.outcome != Outcome::Cancelled {
                continue;
            }
            let cause = lane.abort_cause().and_then(|c| self.task(c));
            let name = &lane.name;
            let (message, first) = match (of, cause) {
                (BranchOf::Race, Some(winner)) => {
                    losers.entry(winner.id).or_default().push(lane);
                    continue;
                }
                (BranchOf::Timeout, _) => (
                    format!(
                        "timeout: `{name}` dropped after {}",
                        self.show_ns(end.saturating_sub(lane.spawned_ns))
                    ),
                    lane.host,
                ),
                (BranchOf::UntilCancelled, Some(by)) => (
                    format!(
                        "until_cancelled: `{name}` dropped when `{}` cancelled its token",
                        by.name
                    ),
                    Some(by.id),
                ),
                (of, _) => (format!("{}: `{name}` dropped", of.as_str()), lane.host),
            };
            out.push(Finding {
                kind: FindingKind::Cancelled,
                message,
                start_ns: asked.min(end),
                end_ns: end,
                tasks: first.into_iter().chain([lane.id]).collect(),
                live: false,
            });
        }
        for (winner, lanes) in losers {
            out.push(self.race_finding(&self.tasks[winner as usize], &lanes));
        }
    }

    /// The losers of a race, dropped when `winner` ended first.
    fn race_finding(&self, winner: &TaskLane, losers: &[&TaskLane]) -> Finding {
        let names: Vec<String> = losers.iter().map(|l| format!("`{}`", l.name)).collect();
        let how = match winner.outcome {
            Outcome::Failed => "failed first",
            Outcome::Panicked => "panicked first",
            _ => "finished first",
        };
        let message = format!(
            "race: {} dropped when `{}` {how}",
            names.join(", "),
            winner.name
        );
        let asked = losers.iter().filter_map(|l| l.abort_requested_ns()).min();
        let end = losers.iter().filter_map(|l| l.ended_ns).max().unwrap_or(0);
        Finding {
            kind: FindingKind::Cancelled,
            message,
            start_ns: asked.unwrap_or(end).min(end),
            end_ns: end,
            tasks: std::iter::once(winner.id)
                .chain(losers.iter().map(|l| l.id))
                .collect(),
            live: false,
        }
    }
}
