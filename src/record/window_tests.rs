//! The window inside one drain: a task created after the reader's first read and before its
//! second. Its metadata must reach the reader no later than its events, or the fold gets
//! events for a task it knows nothing about (issue: a poll read in that window was lost, a
//! forgotten future was drawn as a scheduled task).

use std::collections::HashSet;

use super::*;
use crate::scenario::Flavor;
use crate::source::RunInfo;
use crate::timeline::{Outcome, Timeline};

/// Every event of the batch names a task whose `Meta::Task` came in this batch or before.
fn assert_every_event_has_its_task(metas: &[Meta], events: &[Event], known: &mut HashSet<TaskId>) {
    known.extend(metas.iter().filter_map(|m| match m {
        Meta::Task { id, .. } => Some(*id),
        _ => None,
    }));
    for event in events {
        assert!(
            known.contains(&event.task),
            "{event:?} was handed to the reader before its task's metadata"
        );
    }
}

/// Drains `recorder` twice, creating tasks with `in_window` during the first drain, and
/// folds both batches into a timeline the way a run's reader does (metadata first).
fn drain_across_the_window(recorder: &Recorder, in_window: impl FnOnce()) -> Timeline {
    let mut timeline = Timeline::new(RunInfo::tokio("window", Flavor::CurrentThread, 1));
    let (mut metas, mut events) = (Vec::new(), Vec::new());
    let mut known = HashSet::new();
    recorder.drain_between(&mut metas, &mut events, in_window);
    for round in 0..2 {
        if round == 1 {
            recorder.drain(&mut metas, &mut events);
        }
        assert_every_event_has_its_task(&metas, &events, &mut known);
        metas.drain(..).for_each(|m| timeline.apply_meta(m));
        events.drain(..).for_each(|e| timeline.apply(e));
    }
    timeline.finish(recorder.now_ns());
    timeline
}

#[test]
fn a_task_created_inside_a_drain_arrives_with_its_metadata() {
    let recorder = Recorder::new(1);
    let before = recorder.new_task("before", TaskKind::Task, None);
    recorder.poll(before, || ());
    let mut late = None;
    let timeline = drain_across_the_window(&recorder, || {
        let id = recorder.new_task("late", TaskKind::Task, None);
        recorder.poll(id, || ());
        recorder.record(
            id,
            EventKind::Ended {
                outcome: EndKind::Ok,
            },
        );
        late = Some(id);
    });
    let lane = timeline.task(late.expect("created in the window")).unwrap();
    assert_eq!(lane.name, "late");
    assert_eq!(lane.stats().polls, 1);
    assert_eq!(lane.outcome, Outcome::Ok);
    assert_eq!(timeline.dropped_events(), 0);
}

#[test]
fn a_future_forgotten_inside_a_drain_is_never_polled_not_scheduled() {
    let recorder = Recorder::new(1);
    let mut forgotten = None;
    let timeline = drain_across_the_window(&recorder, || {
        let id = recorder.new_task("forgotten", TaskKind::Future, None);
        recorder.record(
            id,
            EventKind::Ended {
                outcome: EndKind::Cancelled,
            },
        );
        forgotten = Some(id);
    });
    let lane = timeline
        .task(forgotten.expect("created in the window"))
        .unwrap();
    assert_eq!(lane.kind, TaskKind::Future);
    assert_eq!(lane.outcome, Outcome::NeverPolled);
    assert!(
        lane.segments().is_empty(),
        "a future has no state until polled: {:?}",
        lane.segments()
    );
}

#[test]
fn a_task_created_inside_a_drain_on_another_thread_arrives_with_its_metadata() {
    let recorder = Recorder::new(2);
    let mut late = None;
    let timeline = drain_across_the_window(&recorder, || {
        let id = recorder.new_task("spawner's child", TaskKind::Task, None);
        // Polled on another thread, whose log is new to the reader.
        std::thread::scope(|s| {
            s.spawn(|| recorder.poll(id, || ()));
        });
        late = Some(id);
    });
    let lane = timeline.task(late.expect("created in the window")).unwrap();
    assert_eq!(lane.name, "spawner's child");
    assert_eq!(lane.stats().polls, 1);
}
