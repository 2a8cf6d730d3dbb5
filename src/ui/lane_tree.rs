//! Which task lanes the run view shows, as a tree: every task with its children and its
//! branches under it, less what is folded away (a folded task hides its children and
//! branches behind a count), finished tasks collapsed (`C`), and a filter by name that keeps
//! the lanes it matches and their ancestors. Also how a lane's name is written in it.

use crate::record::{TaskId, TaskKind};
use crate::timeline::{Outcome, TaskLane, Timeline};

/// Marks a branch's name: a future run inside its task, not a task of its own.
pub const BRANCH: &str = "↳";
/// Marks a folded task's name; its count of hidden lanes follows the name.
pub const FOLDED: &str = "▸";

/// How the person pared the task lanes down: folded tasks, and a filter by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LaneChoice {
    /// Folded tasks: their children and branches are hidden, a count stands for them.
    pub folds: Vec<TaskId>,
    /// Lanes whose name contains this (in any case) are shown, with their ancestors; ""
    /// shows every lane. While it is on, folds wait.
    pub filter: String,
    /// The filter is being typed: keys go into it.
    pub typing: bool,
}

impl LaneChoice {
    /// Whether a filter is typed or kept.
    pub fn filtering(&self) -> bool {
        self.typing || !self.filter.is_empty()
    }
}

/// The task lanes shown, and what was left out and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShownLanes {
    /// The lanes, in display order (each task followed by its children and branches).
    pub lanes: Vec<TaskId>,
    /// Finished lanes collapsed away (`C`).
    pub finished: Vec<TaskId>,
    /// Each folded task shown, with how many lanes it hides.
    pub folded: Vec<(TaskId, usize)>,
    /// With a filter: how many lanes its text matches, among how many.
    pub matched: Option<(usize, usize)>,
}

impl ShownLanes {
    /// How many lanes the folded task `id` hides, if it is folded.
    pub fn folded_count(&self, id: TaskId) -> Option<usize> {
        self.folded.iter().find(|f| f.0 == id).map(|f| f.1)
    }

    /// Lanes folded away in all.
    pub fn folded_away(&self) -> usize {
        self.folded.iter().map(|f| f.1).sum()
    }
}

/// The ancestors of `lane`, nearest first (bounded: a parent cycle in bad input ends it).
fn ancestors<'a>(tl: &'a Timeline, lane: &TaskLane) -> impl Iterator<Item = &'a TaskLane> {
    let mut next = lane.parent.filter(|&p| p != lane.id);
    let limit = tl.tasks().len();
    std::iter::from_fn(move || {
        let up = tl.task(next?)?;
        next = up.parent.filter(|&p| p != up.id);
        Some(up)
    })
    .take(limit)
}

/// Whether `lane` has a child or a branch among the spawned lanes of `tl`.
pub fn has_children(tl: &Timeline, lane: TaskId) -> bool {
    tl.tasks()
        .iter()
        .any(|t| t.parent == Some(lane) && t.id != lane && t.is_spawned())
}

/// The lanes of `tl` to show: spawned ones in tree order, finished ones left out if
/// `collapse`, then pared down by `choice`.
pub fn shown_lanes(tl: &Timeline, collapse: bool, choice: &LaneChoice) -> ShownLanes {
    let mut order = tl.lane_order();
    order.retain(|&id| tl.task(id).is_some_and(TaskLane::is_spawned));
    let mut finished = Vec::new();
    if collapse {
        let running = |id: TaskId| tl.task(id).is_some_and(|t| t.outcome == Outcome::Running);
        (finished, order) = order.into_iter().partition(|&id| !running(id));
    }
    let mut shown = ShownLanes {
        finished,
        ..ShownLanes::default()
    };
    if !choice.filter.is_empty() {
        let needle = choice.filter.to_lowercase();
        let mut keep = vec![false; tl.tasks().len()];
        let mut matches = 0;
        for lane in order.iter().filter_map(|&id| tl.task(id)) {
            if lane.name.to_lowercase().contains(&needle) {
                matches += 1;
                keep[lane.id as usize] = true;
                ancestors(tl, lane).for_each(|a| keep[a.id as usize] = true);
            }
        }
        shown.matched = Some((matches, order.len()));
        order.retain(|&id| keep[id as usize]);
    } else if !choice.folds.is_empty() && !choice.typing {
        // Only a fold of a lane still shown (not collapsed by `C`) hides anything.
        let mut listed = vec![false; tl.tasks().len()];
        order.iter().for_each(|&id| listed[id as usize] = true);
        let folded = |t: &TaskLane| listed[t.id as usize] && choice.folds.contains(&t.id);
        let mut counts: Vec<(TaskId, usize)> = Vec::new();
        order.retain(|&id| {
            let Some(lane) = tl.task(id) else {
                return false;
            };
            // The outermost folded ancestor stands for the lane.
            let Some(outer) = ancestors(tl, lane).filter(|a| folded(a)).last() else {
                return true;
            };
            match counts.iter_mut().find(|c| c.0 == outer.id) {
                Some(c) => c.1 += 1,
                None => counts.push((outer.id, 1)),
            }
            false
        });
        shown.folded = counts;
    }
    shown.lanes = order;
    shown
}

/// How a lane's name is written in the name column: indented under its ancestors, a branch
/// marked [`BRANCH`] in the indent, and a folded task marked [`FOLDED`] with the count of
/// lanes it hides after its name (`hides`).
pub fn lane_label(lane: &TaskLane, hides: Option<usize>) -> String {
    let mut indent = "  ".repeat(lane.depth());
    if lane.is_branch() {
        indent.pop();
        indent.push_str(BRANCH);
    }
    // A future is not a task: it says so, as the headless table does.
    let future = if lane.kind == TaskKind::Future {
        " (future)"
    } else {
        ""
    };
    match hides {
        Some(n) => format!("{indent}{FOLDED}{}{future} +{n}", lane.name),
        None => format!("{indent}{}{future}", lane.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{BranchOf, EndKind, TaskKind};
    use crate::scenario::Flavor;
    use crate::testkit::{MS, Script};

    /// main (a task) with a child `server` that has a branch `handle`, and a branch
    /// `ask` of main that ended.
    fn tree() -> Timeline {
        let mut s = Script::new("tree", Flavor::CurrentThread, 1);
        let branch = TaskKind::Branch(BranchOf::Race);
        s.spawn(0, 0, "main", TaskKind::BlockOn, None);
        s.spawn(MS, 1, "server", TaskKind::Task, Some(0));
        s.spawn(2 * MS, 2, "handle", branch, Some(1));
        s.spawn(3 * MS, 3, "ask", branch, Some(0));
        s.end(4 * MS, 3, EndKind::Cancelled);
        s.clock(5 * MS);
        s.timeline().clone()
    }

    fn choice(folds: &[TaskId], filter: &str) -> LaneChoice {
        LaneChoice {
            folds: folds.to_vec(),
            filter: filter.into(),
            typing: false,
        }
    }

    #[test]
    fn every_lane_in_tree_order_without_a_choice() {
        let shown = shown_lanes(&tree(), false, &LaneChoice::default());
        assert_eq!(shown.lanes, [0, 1, 2, 3]);
        assert_eq!(shown.folded, []);
        assert_eq!(shown.matched, None);
    }

    #[test]
    fn a_folded_task_hides_its_children_and_branches_and_counts_them() {
        let tl = tree();
        let shown = shown_lanes(&tl, false, &choice(&[1], ""));
        assert_eq!(shown.lanes, [0, 1, 3]);
        assert_eq!(shown.folded, [(1, 1)]);
        // Folds inside a fold count for the outermost one.
        let shown = shown_lanes(&tl, false, &choice(&[1, 0], ""));
        assert_eq!(shown.lanes, [0]);
        assert_eq!(shown.folded_count(0), Some(3));
        assert_eq!(shown.folded_away(), 3);
    }

    #[test]
    fn a_filter_keeps_its_matches_and_their_ancestors_even_inside_folds() {
        let tl = tree();
        let shown = shown_lanes(&tl, false, &choice(&[1], "HAND"));
        assert_eq!(shown.lanes, [0, 1, 2]);
        assert_eq!(shown.matched, Some((1, 4)));
        assert_eq!(shown.folded, [], "folds wait while a filter is on");
        let none = shown_lanes(&tl, false, &choice(&[], "nothing"));
        assert_eq!((none.lanes.len(), none.matched), (0, Some((0, 4))));
    }

    #[test]
    fn collapsing_finished_lanes_comes_first() {
        let tl = tree();
        let shown = shown_lanes(&tl, true, &LaneChoice::default());
        assert_eq!(shown.lanes, [0, 1, 2]);
        assert_eq!(shown.finished.len(), 1);
        // A fold of a lane collapsed away hides nothing.
        let mut s = Script::new("tree", Flavor::CurrentThread, 1);
        s.spawn(0, 0, "main", TaskKind::BlockOn, None);
        s.spawn(MS, 1, "server", TaskKind::Task, Some(0));
        s.spawn(2 * MS, 2, "handler", TaskKind::Task, Some(1));
        s.end(3 * MS, 1, EndKind::Ok);
        let shown = shown_lanes(s.timeline(), true, &choice(&[1], ""));
        assert_eq!((shown.lanes, shown.folded), (vec![0, 2], vec![]));
    }

    #[test]
    fn names_show_branches_and_folds() {
        let tl = tree();
        let label = |id, hides| lane_label(tl.task(id).unwrap(), hides);
        assert_eq!(label(0, None), "main");
        assert_eq!(label(0, Some(3)), "▸main +3");
        assert_eq!(label(1, None), "  server");
        assert_eq!(label(2, None), "   ↳handle");
        assert_eq!(label(3, None), " ↳ask");
        assert!(has_children(&tl, 1) && !has_children(&tl, 3));
    }
}
