//! Which labelled await to blame for a long poll: the innermost blocking call, not the step
//! that led to it.
//!
//! A poll that holds a worker for 2 s inside `call = "resize"` has two labelled awaits open
//! at once: the call (`resize()`) and, inside it, the blocking call (`std::thread::sleep(2s)`).
//! Both last about as long; the one that holds the worker is the leaf: an await inside
//! which no other labelled await began. So each poll keeps a stack of the awaits begun in it
//! (its branches' included: they run inside its poll), and blames the longest leaf.

use crate::record::LabelId;

/// The labelled awaits begun during one poll of a task (its branches' included).
#[derive(Clone, Debug, Default)]
pub(super) struct PollLabel {
    /// Awaits begun in this poll and not yet ended, innermost last: (label, start, whether
    /// another await began inside it).
    open: Vec<(LabelId, u64, bool)>,
    /// The longest leaf that ended in this poll: (label, duration).
    best: Option<(LabelId, u64)>,
}

impl PollLabel {
    /// A labelled await began at `t`, inside whatever await is innermost now.
    pub(super) fn started(&mut self, label: LabelId, t: u64) {
        if let Some(outer) = self.open.last_mut() {
            outer.2 = true;
        }
        self.open.push((label, t, false));
    }

    /// A labelled await ended at `t`; a leaf becomes the one to blame if it is the longest.
    pub(super) fn ended(&mut self, label: LabelId, t: u64) {
        let Some(i) = self.open.iter().rposition(|&(l, _, _)| l == label) else {
            return;
        };
        let (label, start, has_inner) = self.open.remove(i);
        if !has_inner {
            self.offer(label, t.saturating_sub(start));
        }
    }

    fn offer(&mut self, label: LabelId, took: u64) {
        if self.best.is_none_or(|(_, best)| took > best) {
            self.best = Some((label, took));
        }
    }

    /// The label to blame for the poll, as of `now`: the longest leaf, the open ones
    /// counted up to `now`.
    pub(super) fn pick(&self, now: u64) -> Option<LabelId> {
        let open = self.open.iter().filter(|&&(_, _, has_inner)| !has_inner);
        let open = open.map(|&(l, start, _)| (l, now.saturating_sub(start)));
        let mut best = self.best;
        for (label, took) in open {
            if best.is_none_or(|(_, b)| took > b) {
                best = Some((label, took));
            }
        }
        best.map(|(label, _)| label)
    }
}

#[cfg(test)]
mod tests {
    use super::PollLabel;

    #[test]
    fn the_innermost_blocking_call_is_blamed_not_the_call_around_it() {
        let mut p = PollLabel::default();
        p.started(1, 0); // resize()
        p.started(2, 10); // std::thread::sleep(2s)
        p.ended(2, 2_000_010);
        p.ended(1, 2_000_020);
        assert_eq!(p.pick(2_000_030), Some(2));
    }

    #[test]
    fn the_longest_leaf_wins_and_an_open_one_counts_up_to_now() {
        let mut p = PollLabel::default();
        p.started(1, 0);
        p.ended(1, 50);
        p.started(2, 60);
        assert_eq!(p.pick(100), Some(1), "50 ended beats 40 open");
        assert_eq!(p.pick(200), Some(2), "140 open beats 50 ended");
        assert_eq!(PollLabel::default().pick(5), None);
    }

    #[test]
    fn an_await_with_an_inner_one_is_not_blamed_even_when_open() {
        let mut p = PollLabel::default();
        p.started(1, 0); // a branch's sleep, left pending
        p.started(2, 10); // another branch's blocking call
        p.ended(2, 1_000);
        assert_eq!(p.pick(5_000), Some(2));
    }
}
