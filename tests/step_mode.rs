//! Step mode pauses the scenario itself: no step starts without a `next_step`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use taskscope::feed::Recorded;
use taskscope::runner::{self, RunHandle, RunOptions};
use taskscope::source::Source;
use taskscope::timeline::{State, Timeline};

const SCENARIO: &str = r#"
name = "steps"
summary = "three short waits, and a task that waits too"
[functions]
main = [
  { spawn = "helper" },
  { sleep = "10ms", label = "first" },
  { sleep = "10ms", label = "second" },
  { join = "helper" },
]
helper = [
  { sleep = "10ms", label = "helper wait" },
]
"#;

/// Labels of the waits (other than the pause itself) that started in the whole run.
fn waits_started(timeline: &Timeline) -> Vec<String> {
    let mut labels: Vec<String> = timeline
        .tasks()
        .iter()
        .flat_map(|t| {
            t.segments()
                .iter()
                .chain(t.open().as_ref())
                .copied()
                .collect::<Vec<_>>()
        })
        .filter(|s| s.state == State::Waiting)
        .filter_map(|s| {
            s.label()
                .and_then(|l| timeline.label(l))
                .map(str::to_string)
        })
        .filter(|l| !l.starts_with("paused"))
        .collect();
    labels.dedup();
    labels
}

/// The run and the timeline it feeds.
struct Fed {
    handle: RunHandle,
    run: Recorded,
}

impl Fed {
    /// Moves what the run handed over so far into the timeline.
    fn drain(&mut self) {
        self.run.take(&mut self.handle.drained());
    }

    /// Drains until `done` holds or 5 s pass (a generous bound for a loaded machine).
    fn drain_until(&mut self, done: impl Fn(&Timeline) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !done(&self.run.timeline) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
            self.drain();
        }
    }

    fn timeline(&self) -> &Timeline {
        &self.run.timeline
    }
}

/// The scenario started in step mode, and its empty timeline.
fn start_in_step_mode() -> Fed {
    let scenario = taskscope::scenario::parse(SCENARIO, "steps.toml").expect("valid");
    let options = RunOptions {
        step_mode: true,
        ..RunOptions::default()
    };
    let handle = runner::start(Arc::new(scenario), options);
    let run = Recorded::new(handle.info().clone());
    Fed { handle, run }
}

#[test]
fn every_step_waits_for_its_permit() {
    let mut fed = start_in_step_mode();

    // Nothing runs past the pause: long enough for every 10 ms wait to have ended twice.
    std::thread::sleep(Duration::from_millis(100));
    fed.drain();
    assert_eq!(
        fed.timeline().tasks().len(),
        1,
        "main spawned before its first permit"
    );
    assert!(waits_started(fed.timeline()).is_empty());

    // One permit: the spawn. The helper and main now both wait for a permit.
    fed.handle.next_step();
    fed.drain_until(|t| t.tasks().len() == 2);
    std::thread::sleep(Duration::from_millis(100));
    fed.drain();
    assert_eq!(fed.timeline().tasks().len(), 2);
    assert!(
        waits_started(fed.timeline()).is_empty(),
        "{:?}",
        waits_started(fed.timeline())
    );

    // Each further permit starts exactly one more step.
    for expected in 1..=3 {
        fed.handle.next_step();
        fed.drain_until(|t| waits_started(t).len() == expected);
        std::thread::sleep(Duration::from_millis(60));
        fed.drain();
        assert_eq!(
            waits_started(fed.timeline()).len(),
            expected,
            "{:?}",
            waits_started(fed.timeline())
        );
    }

    // The last step (the join) and the run's end.
    fed.handle.next_step();
    fed.drain_until(Timeline::is_finished);
    assert!(fed.timeline().is_finished());
}

#[test]
fn stopping_a_paused_run_ends_it() {
    let mut fed = start_in_step_mode();
    fed.handle.stop();
    fed.drain_until(Timeline::is_finished);
    assert!(fed.timeline().is_finished());
}
