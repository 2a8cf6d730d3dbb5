//! Property tests of the timeline's invariants on random event streams: plausible runs (a
//! small scheduler simulation, with timestamps jittered out of order by a few ns, as events
//! from several threads arrive) and plain garbage.

use proptest::prelude::*;
use taskscope::export::json::to_document;
use taskscope::feed::Recorded;
use taskscope::record::{BranchOf, EndKind, Event, EventKind, Meta, TaskId, TaskKind};
use taskscope::scenario::Flavor;
use taskscope::source::{Item, RunInfo};
use taskscope::timeline::{Outcome, State, Timeline};

/// One step of the simulation: which task, what it tries to do, how much time passes first,
/// and how many ns its timestamp is pulled back (0 most of the time).
type Step = (u8, u8, u16, u8);

#[derive(Clone, Copy, PartialEq)]
enum Sim {
    New,
    Scheduled,
    Running(u16),
    Waiting,
    Ended,
}

/// Turns steps into a plausible stream: a task polled by one free worker at a time, awaits
/// opened and closed inside polls, wakes from anywhere, ends of every kind.
fn simulate(tasks: u8, workers: u16, steps: &[Step]) -> (Vec<Meta>, Vec<(Event, bool)>) {
    let n = tasks as usize;
    let mut sim = vec![Sim::New; n];
    let mut awaits: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut busy = vec![false; workers as usize + 1]; // the last one is a blocking-pool thread
    let mut metas: Vec<Meta> = (0..4)
        .map(|id| Meta::Label {
            id,
            text: format!("l{id}"),
        })
        .collect();
    let mut events = Vec::new();
    let mut clock = 0u64;
    for &(sel, action, dt, jitter) in steps {
        clock += u64::from(dt);
        let task = (sel as usize) % n;
        let at_ns = clock.saturating_sub(u64::from(jitter % 8) * u64::from(jitter > 200));
        let id = task as TaskId;
        let advance = action % 17 == 0;
        let kind = match sim[task] {
            Sim::New => {
                let kind =
                    [TaskKind::Task, TaskKind::Blocking, TaskKind::Future][action as usize % 3];
                let parent = (task > 0).then(|| (action as u32) % task as u32);
                let name = format!("t{task}");
                metas.push(Meta::Task {
                    id,
                    name,
                    kind,
                    parent,
                    location: None,
                });
                sim[task] = if kind == TaskKind::Future {
                    Sim::Waiting
                } else {
                    Sim::Scheduled
                };
                EventKind::Spawned
            }
            Sim::Scheduled => match busy.iter().position(|b| !b) {
                Some(w) if action % 5 != 0 => {
                    busy[w] = true;
                    sim[task] = Sim::Running(w as u16);
                    EventKind::PollStart { worker: w as u16 }
                }
                _ => EventKind::Woken { by: None },
            },
            Sim::Running(w) => match action % 7 {
                0 | 1 => {
                    busy[w as usize] = false;
                    sim[task] = Sim::Waiting;
                    EventKind::PollEnd
                }
                2 => EventKind::Woken { by: Some(0) },
                3 => {
                    awaits[task].push(u32::from(action % 4));
                    EventKind::AwaitStart {
                        label: u32::from(action % 4),
                    }
                }
                4 => match awaits[task].pop() {
                    Some(label) => EventKind::AwaitEnd { label },
                    None => EventKind::Woken { by: None },
                },
                5 => {
                    busy[w as usize] = false;
                    sim[task] = Sim::Ended;
                    if action % 3 == 0 {
                        metas.push(Meta::Error {
                            task: id,
                            text: "boom".into(),
                        });
                    }
                    let outcome =
                        [EndKind::Ok, EndKind::Failed, EndKind::Panicked][action as usize % 3];
                    EventKind::Ended { outcome }
                }
                _ => EventKind::AbortRequested {
                    cause: Some(u32::from(sel) % tasks as u32),
                },
            },
            Sim::Waiting => match action % 6 {
                0..=2 => {
                    sim[task] = Sim::Scheduled;
                    EventKind::Woken { by: None }
                }
                3 => EventKind::AbortRequested { cause: None },
                _ => {
                    sim[task] = Sim::Ended;
                    EventKind::Ended {
                        outcome: EndKind::Cancelled,
                    }
                }
            },
            Sim::Ended => EventKind::Woken { by: None },
        };
        events.push((
            Event {
                at_ns,
                task: id,
                kind,
            },
            advance,
        ));
    }
    (metas, events)
}

fn timeline(workers: u16) -> Timeline {
    let flavor = if workers == 1 {
        Flavor::CurrentThread
    } else {
        Flavor::MultiThread
    };
    Timeline::new(RunInfo::tokio("props", flavor, workers))
}

/// Metas first (they always precede their events), then the events, with a few live reads;
/// folded item by item, and taped.
fn fold(workers: u16, metas: Vec<Meta>, events: &[(Event, bool)], finish: bool) -> Recorded {
    let mut run = Recorded {
        timeline: timeline(workers),
        tape: Default::default(),
    };
    metas
        .into_iter()
        .for_each(|m| run.push(Item::Meta(Box::new(m))));
    for &(e, advance) in events {
        run.push(Item::Event(e));
        if advance {
            run.push(Item::Clock(e.at_ns + 3));
            check_invariants(&run);
        }
    }
    if finish {
        let end = run.timeline.now_ns() + 10;
        run.push(Item::End(end));
    }
    run
}

fn check_invariants(run: &Recorded) {
    let t = &run.timeline;
    let now = t.now_ns();
    for lane in t.tasks() {
        let segs: Vec<_> = lane.segments().iter().copied().chain(lane.open()).collect();
        for s in &segs {
            assert!(
                s.start_ns < s.end_ns || lane.open() == Some(*s),
                "empty segment {s:?}"
            );
            assert!(
                s.start_ns >= lane.spawned_ns && s.end_ns <= now,
                "{s:?} outside the run"
            );
            assert_eq!(s.worker().is_some(), s.state == State::Running);
        }
        for pair in segs.windows(2) {
            assert!(pair[0].end_ns <= pair[1].start_ns, "overlap {pair:?}");
        }
        let running: u64 = segs
            .iter()
            .filter(|s| s.state == State::Running)
            .map(|s| s.end_ns - s.start_ns)
            .sum();
        assert_eq!(lane.stats().busy_ns, running);
        for s in lane.segments() {
            assert_eq!(lane.state_at(s.start_ns), Some(s.state));
            assert_eq!(lane.state_at(s.end_ns - 1), Some(s.state));
        }
        assert_eq!(
            lane.ended_ns.is_some(),
            lane.outcome != Outcome::Running,
            "{lane:?}"
        );
        if let Some(end) = lane.ended_ns {
            assert!(lane.open().is_none());
            assert_eq!(lane.state_at(end), None);
            assert!(segs.last().is_none_or(|s| s.end_ns <= end));
        }
        if lane.outcome == Outcome::NeverPolled {
            assert_eq!((lane.kind, lane.stats().polls), (TaskKind::Future, 0));
        }
    }
    for w in t.workers() {
        let busy: Vec<_> = w.busy().iter().copied().chain(w.open()).collect();
        for pair in busy.windows(2) {
            assert!(
                pair[0].end_ns <= pair[1].start_ns,
                "worker {} overlap {pair:?}",
                w.index
            );
        }
        assert!(
            busy.iter()
                .all(|b| b.start_ns <= b.end_ns && b.end_ns <= now)
        );
    }
    // The exports read every lane: they must not trip on anything the fold allows.
    let text = taskscope::export::to_text(t, (now % 160) as usize);
    assert!(text.lines().count() >= t.tasks().len() + t.workers().len());
    let json = taskscope::export::to_json(&to_document(run, None, None));
    assert_eq!(
        json["tasks"].as_array().map(Vec::len),
        Some(t.tasks().len())
    );
    let findings = t.findings();
    // In start order, but for the run's summary (concurrency), which comes last.
    let timed: Vec<_> = findings
        .iter()
        .filter(|f| f.kind != taskscope::timeline::FindingKind::Concurrency)
        .collect();
    assert!(timed.windows(2).all(|f| f[0].start_ns <= f[1].start_ns));
    assert!(findings.iter().all(|f| f.start_ns <= f.end_ns));
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec((any::<u8>(), any::<u8>(), 0u16..2_000, any::<u8>()), 0..400)
}

proptest! {
    #[test]
    fn plausible_streams_keep_the_invariants(
        tasks in 1u8..8, workers in 1u16..4, steps in steps(), finish in any::<bool>()
    ) {
        let (metas, events) = simulate(tasks, workers, &steps);
        let run = fold(workers, metas, &events, finish);
        check_invariants(&run);
        let t = &run.timeline;
        // In a plausible run each poll is on one worker lane: both sides agree on busy time.
        for lane in t.tasks() {
            let on_workers: u64 = t.workers().iter()
                .flat_map(|w| w.busy().iter().copied().chain(w.open()))
                .filter(|b| b.task == lane.id)
                .map(|b| b.end_ns - b.start_ns)
                .sum();
            prop_assert_eq!(on_workers, lane.stats().busy_ns, "task {}", lane.id);
        }
        if finish {
            prop_assert!(t.tasks().iter().all(|l| l.open().is_none()));
            prop_assert!(t.workers().iter().all(|w| w.open().is_none()));
            // Saved and opened again, the run folds into the same document, byte for byte.
            let text = taskscope::export::to_json_string(&to_document(&run, None, None));
            let saved = taskscope::saved::from_bytes(text.as_bytes(), "props.json");
            let saved = saved.map_err(|e| TestCaseError::fail(e.to_string()))?;
            let again = to_document(&saved.run, None, None);
            prop_assert_eq!(taskscope::export::to_json_string(&again), text);
        }
    }

    #[test]
    fn garbage_never_breaks_the_fold(
        workers in 1u16..3,
        metas in prop::collection::vec((0u32..12, 0u8..6, prop::option::of(0u32..12)), 0..12),
        events in prop::collection::vec((0u64..5_000, 0u32..12, 0u8..8, 0u16..5, 0u32..6), 0..300),
    ) {
        let mut t = Recorded { timeline: timeline(workers), tape: Default::default() };
        for (id, kind, parent) in metas {
            let kind = [
                TaskKind::Task,
                TaskKind::Blocking,
                TaskKind::BlockOn,
                TaskKind::Future,
                TaskKind::Branch(BranchOf::Race),
                TaskKind::Branch(BranchOf::Timeout),
            ][kind as usize];
            let meta = Meta::Task { id, name: format!("t{id}"), kind, parent, location: None };
            t.push(Item::Meta(Box::new(meta)));
        }
        for (at_ns, task, kind, worker, x) in events {
            let kind = match kind {
                0 => EventKind::Spawned,
                1 => EventKind::PollStart { worker },
                2 => EventKind::PollEnd,
                3 => EventKind::Woken { by: Some(x) },
                4 => EventKind::AwaitStart { label: x },
                5 => EventKind::AwaitEnd { label: x },
                6 => EventKind::AbortRequested { cause: Some(x) },
                _ => EventKind::Ended { outcome: [EndKind::Ok, EndKind::Failed, EndKind::Panicked, EndKind::Cancelled][x as usize % 4] },
            };
            t.push(Item::Event(Event { at_ns, task, kind }));
        }
        check_invariants(&t);
        t.push(Item::End(2_500));
        check_invariants(&t);
    }
}
