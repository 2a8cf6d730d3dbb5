//! Sources feeding timelines until the run is over: the one loop that every headless command
//! (`run`, `compare`, `export`, `record`, `attach`, `open`) runs, [`Recorded`], a run's
//! timeline kept with the tape it was folded from (what a saved run carries), and
//! [`as_live_at`], the run as it was live at an earlier instant, folded again from its tape.

use std::time::Duration;

use crate::source::{Batch, Drained, Entry, Item, RunInfo, Source, Tape};
use crate::timeline::Timeline;

/// A run as folded and as handed over: its timeline and the tape of every batch.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The lanes.
    pub timeline: Timeline,
    /// What the source handed over, in order: replays into the same lanes.
    pub tape: Tape,
}

impl Recorded {
    /// Nothing yet of a run described by `info`.
    pub fn new(info: RunInfo) -> Recorded {
        Recorded {
            timeline: Timeline::new(info),
            tape: Tape::default(),
        }
    }

    /// Keeps one item on the tape and folds it into the timeline (a scripted run's way).
    pub fn push(&mut self, item: Item) {
        self.tape.push(Entry::Item(item.clone()));
        self.timeline.take(item);
    }

    /// Keeps what one drain handed over on the tape and folds it into the timeline.
    pub fn take(&mut self, drained: &mut Drained) {
        self.tape.record(drained);
        self.timeline.feed(&mut drained.batch);
    }

    /// The run as it was live at `at_ns` (see [`as_live_at`]).
    pub fn as_live_at(&self, at_ns: u64) -> Timeline {
        as_live_at(self.timeline.info(), &self.tape, at_ns)
    }
}

/// The run of `info` whose source handed over `tape`, as it was live at `at_ns` (ns since
/// the run began): every item of the tape folded again, cut at that instant, so the lanes
/// end there, the clock stops there, the findings are those known then (a worker blocked at
/// that moment is blocked still) and the run is over only if it ended by then. Step mode
/// holds the dashboard at such an instant, and `export --at` draws one.
pub fn as_live_at(info: &RunInfo, tape: &Tape, at_ns: u64) -> Timeline {
    let mut timeline = Timeline::new(info.clone());
    let mut batch = tape.batch();
    // A run whose source went past the instant was live then, its clock at the instant,
    // even if no clock reading fell on it.
    let reached = batch.items().iter().any(|item| match item {
        Item::Event(event) => event.at_ns >= at_ns,
        Item::Position(position) => position.at_ns >= at_ns,
        Item::Clock(t) | Item::End(t) => *t >= at_ns,
        Item::Meta(_) | Item::Dropped(_) => false,
    });
    batch.cut(at_ns);
    timeline.feed(&mut batch);
    if reached && !timeline.is_finished() {
        timeline.advance(at_ns);
    }
    timeline
}

/// How often a headless run is drained.
pub const DRAIN_EVERY: Duration = Duration::from_millis(10);

/// How [`to_end`] paces a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    /// The longest the sources may go, on their own clocks (`--timeout`, `--duration`).
    pub timeout: Duration,
    /// The time between two drains.
    pub every: Duration,
}

/// Drains every source each `pace.every` and hands what they gave (one [`Drained`] per
/// source, in order; empty for a source already over) to `take`, until every source has
/// ended or the latest of their clocks reaches `pace.timeout`. Then the sources not over
/// are stopped and handed a last batch that ends them at the timeout: events after it are
/// never handed over. Returns whether the timeout stopped them.
pub fn to_end<S: Source>(
    sources: &mut [S],
    pace: Pace,
    mut take: impl FnMut(&mut [Drained]),
) -> bool {
    let limit = u64::try_from(pace.timeout.as_nanos()).unwrap_or(u64::MAX);
    let mut over = vec![false; sources.len()];
    let mut latest = 0;
    loop {
        let mut drained: Vec<Drained> = sources
            .iter_mut()
            .zip(&over)
            .map(|(source, &over)| if over { idle(source) } else { source.drained() })
            .collect();
        for (d, over) in drained.iter_mut().zip(over.iter_mut()) {
            d.batch.cut(limit);
            *over |= d.batch.ends();
            latest = latest.max(d.batch.now_ns().unwrap_or(0));
        }
        take(&mut drained);
        if over.iter().all(|&o| o) {
            return false;
        }
        if latest >= limit {
            let mut last: Vec<Drained> = sources
                .iter_mut()
                .zip(&over)
                .map(|(source, &over)| {
                    let mut d = idle(source);
                    if !over {
                        source.stop();
                        d.batch.end(limit);
                    }
                    d
                })
                .collect();
            take(&mut last);
            return true;
        }
        let left = Duration::from_nanos(limit - latest);
        std::thread::sleep(pace.every.min(left));
    }
}

/// [`to_end`], keeping what each source handed over: its timeline and its tape, in order.
/// Returns them and whether the timeout stopped the sources.
pub fn record_to_end<S: Source>(sources: &mut [S], pace: Pace) -> (Vec<Recorded>, bool) {
    let mut runs: Vec<Recorded> = sources
        .iter()
        .map(|s| Recorded::new(s.info().clone()))
        .collect();
    let timed_out = to_end(sources, pace, |drained| {
        runs.iter_mut()
            .zip(drained)
            .for_each(|(run, d)| run.take(d));
    });
    (runs, timed_out)
}

impl Pace {
    /// A headless run's pace: drained every [`DRAIN_EVERY`], stopped at `timeout`.
    pub fn headless(timeout: Duration) -> Pace {
        Pace {
            timeout,
            every: DRAIN_EVERY,
        }
    }
}

/// Nothing new from `source`: an empty batch with its status and note.
fn idle<S: Source>(source: &S) -> Drained {
    Drained {
        batch: Batch::default(),
        status: source.status(),
        note: source.note(),
    }
}

#[cfg(test)]
mod tests {
    use crate::record::{EventKind, TaskKind};
    use crate::scenario::Flavor;
    use crate::testkit::{MS, Script, US, freeze_done};
    use crate::timeline::FindingKind;

    /// Held at an early instant, the concurrency figure agrees with the lanes drawn: main,
    /// spawned after the runtime's start-up and alive since, is one task in flight all
    /// along, not the share of the instant since the run's clock began.
    #[test]
    fn the_concurrency_of_a_run_as_live_at_an_instant_agrees_with_its_lanes() {
        let mut s = Script::new("early", Flavor::CurrentThread, 1);
        s.spawn(260 * US, 0, "main", TaskKind::BlockOn, None);
        s.ev(270 * US, 0, EventKind::PollStart { worker: 0 });
        s.spawn(5 * MS, 1, "child", TaskKind::Task, Some(0));
        s.clock(10 * MS);
        let run = s.done();
        let early = run.as_live_at(742 * US);
        assert_eq!(early.now_ns(), 742 * US);
        assert!(
            (early.concurrency() - 1.0).abs() < 1e-9,
            "{}",
            early.concurrency()
        );
        let later = run.as_live_at(7 * MS);
        let lanes = (7 * MS - 260 * US + 2 * MS) as f64 / (7 * MS - 260 * US) as f64;
        assert!(
            (later.concurrency() - lanes).abs() < 1e-9,
            "{}",
            later.concurrency()
        );
    }

    #[test]
    fn a_run_as_live_at_an_instant_is_cut_there_and_knows_what_was_known_then() {
        let done = freeze_done();
        let at = done.as_live_at(1000 * MS);
        assert!(!at.is_finished(), "the run was live then");
        assert_eq!(at.now_ns(), 1000 * MS);
        let blocked: Vec<_> = at
            .findings()
            .into_iter()
            .filter(|f| f.kind == FindingKind::BlockedWorker)
            .collect();
        assert_eq!(blocked.len(), 1, "{blocked:?}");
        assert!(blocked[0].live, "the worker was blocked at that moment");
        assert!(
            at.tasks()
                .iter()
                .all(|t| t.ended_ns.is_none_or(|e| e <= 1000 * MS))
        );
        assert!(at.steps().iter().all(|m| m.at_ns <= 1000 * MS));
        let end = done.as_live_at(done.timeline.now_ns());
        assert!(end.is_finished());
        assert_eq!(
            end.findings(),
            done.timeline.findings(),
            "at its end: the run"
        );
    }
}
