//! Step mode: a stepped run is a real, unstepped run revealed one step at a time. The view
//! holds at the moment a scripted step started (a *stop*) and `n` moves the hold to the next
//! one, so the story is the unstepped run's by construction, and the time spent waiting for
//! `n` never exists on the axis.
//!
//! Why not pause the run itself: pausing tokio's clock needs a current_thread runtime, and a
//! runtime resumed after a pause wakes at once every timer that came due meanwhile, so the
//! order of wakes (and with it the story) would be the pauses', not the program's.

use crate::timeline::Timeline;

/// Step starts closer together than this, in the scenario's own time, are one stop: a group
/// starting its members, a call starting its first step.
pub const SAME_STOP_NS: u64 = 1_000_000;

/// The stops of the runs shown (one run, or both runs of a comparison on one axis): for
/// each cluster of step starts, the instant of its last start (ns since the runs began), in
/// time order. Holding there shows every step of the cluster started.
pub fn stops(timelines: &[&Timeline]) -> Vec<u64> {
    let mut marks: Vec<(u64, u64)> = timelines
        .iter()
        .flat_map(|tl| {
            tl.steps()
                .iter()
                .map(|m| (m.at_ns, tl.scenario_ns(m.at_ns)))
        })
        .collect();
    marks.sort_unstable();
    let mut stops: Vec<u64> = Vec::new();
    let mut previous: Option<u64> = None;
    for (real, scenario) in marks {
        match (previous, stops.last_mut()) {
            (Some(p), Some(last)) if scenario.saturating_sub(p) < SAME_STOP_NS => *last = real,
            _ => stops.push(real),
        }
        previous = Some(scenario);
    }
    stops
}

/// Where step mode holds the view: the stop it was asked for, and what is known of the
/// stops so far (brought up to date once per change, with the lanes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stepper {
    /// The stop asked for, counted from 1 (one past the last: the rest of the run).
    pub wanted: usize,
    /// Stops known so far.
    pub known: usize,
    /// The runs are over: no stop is still to come.
    pub over: bool,
}

impl Default for Stepper {
    fn default() -> Self {
        Stepper::new()
    }
}

impl Stepper {
    /// Step mode from the first stop.
    pub fn new() -> Stepper {
        Stepper {
            wanted: 1,
            known: 0,
            over: false,
        }
    }

    /// Takes in the stops known now and whether the runs are over; returns the instant to
    /// hold the view at, or None once the rest of the run is asked for and there is no stop
    /// left to hold at (step mode is then over). A stop asked for before the run reached it
    /// is held at as soon as it arrives; until then the hold stays where it was.
    pub fn settle(&mut self, stops: &[u64], over: bool) -> Option<u64> {
        self.known = stops.len();
        self.over = over;
        match stops.get(self.wanted.saturating_sub(1)) {
            Some(&at) => Some(at),
            None if over => None,
            None => Some(stops.last().copied().unwrap_or(0)),
        }
    }

    /// Whether the rest of the run is shown: step mode is over.
    pub fn is_done(&self) -> bool {
        self.over && self.wanted > self.known
    }

    /// The stop shown, counted from 1.
    pub fn shown(&self) -> usize {
        self.wanted.min(self.known)
    }

    /// `n`: the next stop, or the rest of the run after the last.
    pub fn next(&mut self) {
        self.wanted = self.wanted.saturating_add(1);
    }

    /// The status bar's words: `STEP 3/7 · n next` (`3/…` while more may come, `n rest` at
    /// the last stop).
    pub fn status(&self) -> String {
        let total = if self.over {
            self.known.to_string()
        } else {
            "…".to_string()
        };
        let next = if self.over && self.wanted >= self.known {
            "n rest"
        } else {
            "n next"
        };
        format!("STEP {}/{total} · {next}", self.shown())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{EventKind, TaskKind};
    use crate::scenario::Flavor;
    use crate::testkit::{MS, Script, US};

    #[test]
    fn step_starts_within_a_millisecond_are_one_stop_held_at_its_last_start() {
        let tl = stepped_at(
            1.0,
            &[0, 200 * US, 600 * US, 100 * MS, 100 * MS + 5 * US, 300 * MS],
        );
        assert_eq!(stops(&[&tl]), [600 * US, 100 * MS + 5 * US, 300 * MS]);
    }

    #[test]
    fn the_millisecond_is_the_scenarios_own() {
        // At 0.25x, 2 ms apart in real time is 0.5 ms apart in the scenario: one stop.
        let tl = stepped_at(0.25, &[0, 2 * MS, 10 * MS]);
        assert_eq!(stops(&[&tl]), [2 * MS, 10 * MS]);
    }

    #[test]
    fn two_runs_on_one_axis_share_their_stops() {
        let a = stepped_at(1.0, &[0, 100 * MS]);
        let b = stepped_at(1.0, &[50 * MS, 100 * MS + 10 * US]);
        assert_eq!(stops(&[&a, &b]), [0, 50 * MS, 100 * MS + 10 * US]);
    }

    #[test]
    fn the_hold_waits_for_a_stop_not_reached_yet_and_the_rest_ends_step_mode() {
        let mut step = Stepper::new();
        assert_eq!(step.settle(&[], false), Some(0), "nothing yet: the start");
        assert_eq!(step.settle(&[5], false), Some(5));
        assert_eq!(step.status(), "STEP 1/… · n next");
        step.next();
        assert_eq!(step.settle(&[5], false), Some(5), "held until it arrives");
        assert_eq!(step.settle(&[5, 9], false), Some(9));
        assert_eq!(step.settle(&[5, 9], true), Some(9));
        assert_eq!(step.status(), "STEP 2/2 · n rest");
        assert!(!step.is_done());
        step.next();
        assert_eq!(step.settle(&[5, 9], true), None, "the rest of the run");
        assert!(step.is_done());
    }

    /// A timeline at `speed` whose `main` starts a step at each of `starts`.
    fn stepped_at(speed: f64, starts: &[u64]) -> Timeline {
        let mut s = Script::new("steps", Flavor::CurrentThread, 1);
        s.spawn(0, 0, "main", TaskKind::BlockOn, None);
        for (i, &at) in starts.iter().enumerate() {
            s.ev(at, 0, EventKind::StepStarted { step: i as u32 });
        }
        let run = s.done();
        crate::feed::as_live_at(
            &run.timeline.info().clone().at_speed(speed),
            &run.tape,
            u64::MAX,
        )
    }
}
