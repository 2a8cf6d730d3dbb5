//! A tape written as JSON reads back as written; a bad entry is named.

use std::time::Duration;

use super::{Entry, Item, Position, Status, Tape};
use crate::record::{BranchOf, EndKind, Event, EventKind, Meta, TaskKind};

#[test]
fn every_kind_of_entry_reads_back_as_written() {
    let kinds = [
        EventKind::Spawned,
        EventKind::PollStart { worker: 3 },
        EventKind::PollEnd,
        EventKind::Woken { by: None },
        EventKind::Woken { by: Some(2) },
        EventKind::AwaitStart { label: 7 },
        EventKind::AwaitEnd { label: 7 },
        EventKind::TimerArmed { after_us: 250 },
        EventKind::StepStarted { step: 4 },
        EventKind::AbortRequested { cause: None },
        EventKind::AbortRequested { cause: Some(1) },
        EventKind::Ended {
            outcome: EndKind::Panicked,
        },
    ];
    let mut entries: Vec<Entry> = kinds
        .into_iter()
        .enumerate()
        .map(|(i, kind)| {
            let event = Event {
                at_ns: 1_000 * i as u64,
                task: 5,
                kind,
            };
            Entry::Item(Item::Event(event))
        })
        .collect();
    entries.extend([
        Entry::Item(Item::Meta(Box::new(Meta::Task {
            id: 5,
            name: "fetch \"x\"".into(),
            kind: TaskKind::Blocking,
            parent: Some(0),
            location: None,
        }))),
        Entry::Item(Item::Meta(Box::new(Meta::Task {
            id: 6,
            name: "hedge".into(),
            kind: TaskKind::Branch(BranchOf::Race),
            parent: Some(5),
            location: None,
        }))),
        Entry::Item(Item::Meta(Box::new(Meta::Label {
            id: 7,
            text: "GET /".into(),
        }))),
        Entry::Item(Item::Meta(Box::new(Meta::Error {
            task: 5,
            text: "boom".into(),
        }))),
        Entry::Item(Item::Position(Box::new(Position {
            at_ns: 15_000,
            task: 5,
            file: "/srv/app \"x\".py".into(),
            line: 12,
            step: Some(3),
        }))),
        Entry::Item(Item::Clock(20_000)),
        Entry::Item(Item::Dropped(3)),
        Entry::Status(Status::Reconnecting {
            attempt: 2,
            error: "reset".into(),
            retry_in: Duration::from_millis(200),
        }),
        Entry::Note(Some("sampled".into())),
        Entry::Status(Status::Failed("gone".into())),
        Entry::Item(Item::End(30_000)),
    ]);
    let tape = Tape::from_entries(entries);
    let text = serde_json::to_string_pretty(&tape).unwrap();
    assert!(text.contains("\"2000 5 poll_end\""), "{text}");
    assert!(text.contains("\"branch_of\": \"race\""), "{text}");
    assert!(text.contains("\"position\": {"), "{text}");
    let back: Tape = serde_json::from_str(&text).unwrap();
    assert_eq!(back.entries(), tape.entries());
}

#[test]
fn a_branch_needs_its_step_and_only_a_branch_has_one() {
    let entry = |fields: &str| {
        let text = format!(
            "[{{\"task\": {{\"id\": 3, \"name\": \"x\", {fields}, \
                            \"parent\": 0, \"location\": null}}}}]"
        );
        serde_json::from_str::<Tape>(&text).map_err(|e| e.to_string())
    };
    assert!(entry("\"kind\": \"branch\", \"branch_of\": \"timeout\"").is_ok());
    let error = entry("\"kind\": \"branch\"").unwrap_err();
    assert!(
        error.contains("task 3 is a branch without `branch_of`"),
        "{error}"
    );
    let error = entry("\"kind\": \"task\", \"branch_of\": \"race\"").unwrap_err();
    assert!(
        error.contains("has `branch_of` but is not a branch"),
        "{error}"
    );
}

#[test]
fn a_bad_line_is_named_with_its_position() {
    let error = serde_json::from_str::<Tape>("[\n \"12 0 spawned\",\n \"12 x poll\"\n]")
        .unwrap_err()
        .to_string();
    assert!(error.contains("`12 x poll` is not a tape entry"), "{error}");
    assert!(error.contains("line 3"), "{error}");
}
