//! Well-formed streams: every record, split anywhere, batches put in time order.

use super::super::*;
use super::stream::*;

/// A run with every kind of record, in batches.
pub(super) fn full_run() -> Vec<u8> {
    let mut s = Stream::default();
    s.hello().text(6, 0, "MainThread").flush();
    s.text(0, 0, "main")
        .text(1, 0, "builtin:x:3")
        .spawn(0, 2, None, 0)
        .flush();
    s.text(3, 0, "GET /weather").at(POLL_START, 0, 0, 1);
    s.at(STEP, 0, 7, 1).at(AWAIT_START, 0, 0, 1);
    s.at(TIMER, 0, 0, 1).word(BASE + 251 * 1_000_000).flush();
    s.at(POLL_END, 0, 0, 2).flush();
    s.text(4, 0, "app.py")
        .at(POSITION, 0, 12, 2)
        .word(1 << 32)
        .flush();
    s.text(0, 1, "Task-2").spawn(1, 0, Some(0), 3).flush();
    s.text(0, 1, "fetch").at(WAKE, 1, 1, 4).flush();
    s.text(2, 1, "ValueError: boom")
        .at(END, 1, 1, 5)
        .at(ABORT, 0, 2, 6)
        .flush();
    s.text(0, 2, "send_email").spawn(2, 3, Some(0), 7);
    s.text(
        5,
        2,
        "RuntimeWarning: coroutine 'send_email' was never awaited",
    );
    s.at(END, 2, 3, 7).flush();
    s.head(DROPPED, 0, 0).word(9).at(AWAIT_END, 0, 0, 8).flush();
    s.at(SPAN_YIELD, 0, 0, 8).word(BASE + 8_500_000);
    s.text(7, 0, "bad input").at(EXIT, 2, 0, 9).flush();
    s.0
}

fn task(
    id: TaskId,
    name: &str,
    kind: TaskKind,
    parent: Option<TaskId>,
    location: Option<&str>,
) -> Item {
    Item::Meta(Meta::Task {
        id,
        name: name.into(),
        kind,
        parent,
        location: location.map(Into::into),
    })
}

fn full_run_items() -> Vec<Item> {
    let warning = "RuntimeWarning: coroutine 'send_email' was never awaited";
    let position = TaskPosition {
        task: 0,
        at_ns: 2_000_000,
        file: "app.py".into(),
        line: 12,
        step: Some(0),
    };
    vec![
        Item::Hello(Hello {
            version: 1,
            pid: 4242,
            base_ns: BASE,
        }),
        Item::Worker(WorkerName {
            worker: 0,
            name: "MainThread".into(),
        }),
        task(0, "main", TaskKind::BlockOn, None, Some("builtin:x:3")),
        ev(0, 0, EventKind::Spawned),
        Item::Meta(Meta::Label {
            id: 0,
            text: "GET /weather".into(),
        }),
        ev(1, 0, EventKind::PollStart { worker: 0 }),
        ev(1, 0, EventKind::StepStarted { step: 7 }),
        ev(1, 0, EventKind::AwaitStart { label: 0 }),
        ev(1, 0, EventKind::TimerArmed { after_us: 250_000 }),
        ev(2, 0, EventKind::PollEnd),
        Item::Position(position),
        task(1, "Task-2", TaskKind::Task, Some(0), None),
        ev(3, 1, EventKind::Spawned),
        task(1, "fetch", TaskKind::Task, Some(0), None),
        ev(4, 1, EventKind::Woken { by: Some(0) }),
        Item::Meta(Meta::Error {
            task: 1,
            text: "ValueError: boom".into(),
        }),
        ev(
            5,
            1,
            EventKind::Ended {
                outcome: EndKind::Failed,
            },
        ),
        ev(6, 0, EventKind::AbortRequested { cause: Some(1) }),
        task(2, "send_email", TaskKind::Future, Some(0), None),
        Item::NeverAwaited(NeverAwaited {
            task: 2,
            text: warning.into(),
        }),
        ev(7, 2, EventKind::Spawned),
        ev(
            7,
            2,
            EventKind::Ended {
                outcome: EndKind::Cancelled,
            },
        ),
        Item::Dropped(9),
        ev(8, 0, EventKind::AwaitEnd { label: 0 }),
        ev(8, 0, EventKind::PollStart { worker: 0 }),
        Item::Event(Event {
            at_ns: 8_500_000,
            task: 0,
            kind: EventKind::Woken { by: Some(0) },
        }),
        Item::Event(Event {
            at_ns: 8_500_000,
            task: 0,
            kind: EventKind::PollEnd,
        }),
        Item::Exit(RunExit {
            at_ns: 9_000_000,
            status: 2,
            message: Some("bad input".into()),
        }),
    ]
}

#[test]
fn every_record_decodes_to_its_item() {
    assert_eq!(decode(&full_run()).unwrap(), full_run_items());
}

#[test]
fn records_split_across_reads_decode_the_same() {
    let bytes = full_run();
    for size in [1, 3, 7, 8, 9, 16, 23, 100] {
        let mut decoder = Decoder::new();
        let mut items = Vec::new();
        for chunk in bytes.chunks(size) {
            decoder.feed(chunk, &mut items).unwrap();
        }
        decoder.finish(&mut items).unwrap();
        assert_eq!(items, full_run_items(), "chunks of {size}");
    }
}

#[test]
fn a_timer_too_far_ahead_is_not_watched() {
    let mut s = Stream::default();
    s.hello()
        .at(TIMER, 0, 0, 5)
        .word(BASE + 5_000_000 + (1 << 32) * 1000);
    assert_eq!(decode(&s.0).unwrap().len(), 1, "only the HELLO");
}

#[test]
fn a_timer_already_due_is_due_now() {
    let mut s = Stream::default();
    s.hello().at(TIMER, 0, 0, 5).word(BASE);
    let items = decode(&s.0).unwrap();
    assert_eq!(items[1], ev(5, 0, EventKind::TimerArmed { after_us: 0 }));
}

#[test]
fn a_step_record_is_a_poll_and_comes_before_what_happened_in_it() {
    let items = events_of(|s| {
        s.at(STEP, 0, 3, 2).at(AWAIT_START, 0, 1, 3);
        s.at(SPAN, 0, 0, 1).word(BASE + 4_000_000).flush();
    });
    assert_eq!(
        items,
        [
            ev(1, 0, EventKind::PollStart { worker: 0 }),
            ev(2, 0, EventKind::StepStarted { step: 3 }),
            ev(3, 0, EventKind::AwaitStart { label: 1 }),
            ev(4, 0, EventKind::PollEnd),
        ]
    );
}

#[test]
fn a_step_announced_while_running_starts_once() {
    let items = events_of(|s| {
        s.at(POLL_START, 0, 0, 1).flush();
        s.at(SPAN, 0, 0, 1).word(BASE + 4_000_000).flush();
        // Announced again after its own record: stale, dropped; so after the task's end.
        s.at(SPAN_YIELD, 0, 0, 5)
            .word(BASE + 6_000_000)
            .at(POLL_START, 0, 0, 5)
            .flush();
        s.at(SPAN, 0, 0, 7).word(BASE + 8_000_000).at(END, 0, 0, 8);
        s.at(POLL_START, 0, 0, 7);
    });
    assert_eq!(
        items,
        [
            ev(1, 0, EventKind::PollStart { worker: 0 }),
            ev(4, 0, EventKind::PollEnd),
            ev(5, 0, EventKind::PollStart { worker: 0 }),
            ev(6, 0, EventKind::Woken { by: Some(0) }),
            ev(6, 0, EventKind::PollEnd),
            ev(7, 0, EventKind::PollStart { worker: 0 }),
            ev(
                8,
                0,
                EventKind::Ended {
                    outcome: EndKind::Ok
                }
            ),
            ev(8, 0, EventKind::PollEnd),
        ]
    );
}

#[test]
fn a_step_cannot_end_before_it_starts() {
    let mut s = Stream::default();
    s.hello().at(SPAN, 0, 0, 5).word(BASE);
    assert_eq!(
        error_of(&s.0),
        (24, "a step that ends after it starts".into())
    );
}

#[test]
fn a_branch_is_spawned_with_the_step_it_is_part_of() {
    let items = events_of(|s| {
        s.text(0, 0, "main").spawn(0, 2, None, 1);
        s.text(0, 1, "fetch").spawn(1, 6, Some(0), 2);
        s.text(0, 2, "serve").spawn(2, 7, Some(0), 3).flush();
    });
    let kinds: Vec<TaskKind> = items
        .iter()
        .filter_map(|item| match item {
            Item::Meta(Meta::Task { kind, .. }) => Some(*kind),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        [
            TaskKind::BlockOn,
            TaskKind::Branch(BranchOf::Timeout),
            TaskKind::Branch(BranchOf::UntilCancelled),
        ]
    );
}
