//! The decoder against streams written here word by word, as the Python module writes them.

use proptest::prelude::*;

use super::*;

const BASE: u64 = 1_000_000_000;

/// Writes records in the wire format.
#[derive(Default)]
struct Stream(Vec<u8>);

impl Stream {
    fn word(&mut self, word: u64) -> &mut Self {
        self.0.extend_from_slice(&word.to_le_bytes());
        self
    }

    fn head(&mut self, kind: u8, a: u64, b: u64) -> &mut Self {
        self.word(u64::from(kind) | a << 8 | b << 35)
    }

    /// A two-word record at `ms` after the base.
    fn at(&mut self, kind: u8, a: u64, b: u64, ms: u64) -> &mut Self {
        self.head(kind, a, b).word(BASE + ms * 1_000_000)
    }

    fn flush(&mut self) -> &mut Self {
        self.head(FLUSH, 0, 0).word(0)
    }

    fn hello(&mut self) -> &mut Self {
        self.head(HELLO, 1, 0).word(BASE).word(4242)
    }

    fn text(&mut self, what: u64, subject: u64, text: &str) -> &mut Self {
        self.head(TEXT, subject, what).word(text.len() as u64);
        let mut bytes = text.as_bytes().to_vec();
        bytes.resize(text.len().div_ceil(8) * 8, 0);
        self.0.extend_from_slice(&bytes);
        self
    }

    fn spawn(&mut self, task: u64, kind: u64, parent: Option<u64>, ms: u64) -> &mut Self {
        self.at(SPAWN, task, kind, ms)
            .word(parent.map_or(0, |p| p + 1))
    }
}

fn decode(bytes: &[u8]) -> Result<Vec<Item>, WireError> {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(bytes, &mut items)?;
    decoder.finish(&mut items)?;
    Ok(items)
}

fn ev(ms: u64, task: TaskId, kind: EventKind) -> Item {
    Item::Event(Event {
        at_ns: ms * 1_000_000,
        task,
        kind,
    })
}

/// A run with every kind of record, in batches.
fn full_run() -> Vec<u8> {
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

/// The error `bytes` give, as (offset, start of the expectation).
fn error_of(bytes: &[u8]) -> (u64, String) {
    let error = decode(bytes).unwrap_err();
    (error.offset, error.expected)
}

#[test]
fn a_stream_must_start_with_a_hello_of_this_version() {
    let mut s = Stream::default();
    s.at(POLL_END, 0, 0, 1);
    assert_eq!(
        error_of(&s.0),
        (0, "a HELLO record first, found a record of kind 5".into())
    );
    let mut s = Stream::default();
    s.head(HELLO, 2, 0).word(0).word(1);
    assert_eq!(
        error_of(&s.0),
        (0, "format version 1, found version 2".into())
    );
    assert_eq!(
        error_of(&[]).1,
        "a HELLO record, found the end of the stream"
    );
}

/// Writes a record into a stream.
type Write<'a> = &'a dyn Fn(&mut Stream);

#[test]
fn garbage_is_an_error_at_its_offset() {
    let bad: [(Write, &str); 9] = [
        (
            &|s| {
                s.word(u64::MAX).word(0);
            },
            "a record head (bit 63 clear)",
        ),
        (
            &|s| {
                s.head(99, 0, 0).word(0);
            },
            "a record kind from 1 to 18, found 99",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 0).word(5000);
            },
            "a text of at most 4096 bytes, found 5000",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 9).word(0);
            },
            "a text kind from 0 to 7, found 9",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 0).word(2).word(0xFFFF);
            },
            "a text in UTF-8",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 0).word(1).word(0x4141);
            },
            "a text padded with zero bytes",
        ),
        (
            &|s| {
                s.spawn(3, 0, None, 1);
            },
            "a TEXT name for task 3 first",
        ),
        (
            &|s| {
                s.at(END, 0, 7, 1);
            },
            "an outcome from 0 to 3, found 7",
        ),
        (
            &|s| {
                s.at(POSITION, 0, 1, 1).word(5);
            },
            "a FILE text for file 5 first",
        ),
    ];
    for (write, expected) in bad {
        let mut s = Stream::default();
        s.hello().at(POLL_END, 0, 0, 1);
        write(&mut s);
        let (offset, found) = error_of(&s.0);
        assert_eq!(offset, 40, "{expected}");
        assert!(found.starts_with(expected), "{found} / {expected}");
    }
}

#[test]
fn an_error_sticks_and_a_cut_record_is_reported_at_the_end() {
    let mut s = Stream::default();
    s.hello().head(99, 0, 0).word(0);
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    let first = decoder.feed(&s.0, &mut items).unwrap_err();
    assert_eq!(decoder.feed(&[0; 16], &mut items), Err(first.clone()));
    assert_eq!(decoder.finish(&mut items), Err(first));

    let mut s = Stream::default();
    s.hello().at(POLL_END, 0, 0, 1);
    let cut = &s.0[..s.0.len() - 3];
    let mut decoder = Decoder::new();
    decoder.feed(cut, &mut items).unwrap();
    let error = decoder.finish(&mut items).unwrap_err();
    assert_eq!(error.offset, cut.len() as u64);
    assert_eq!(
        error.expected,
        "the rest of a record, found the end of the stream"
    );
    assert!(error.to_string().contains(&format!("byte {}", cut.len())));
}

/// The events of `bytes` (after a HELLO), without the HELLO.
fn events_of(write: impl Fn(&mut Stream)) -> Vec<Item> {
    let mut s = Stream::default();
    s.hello();
    write(&mut s);
    decode(&s.0).unwrap().split_off(1)
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random bytes, after a valid start or not, in random chunks: an error or items, never
    /// a panic.
    #[test]
    fn garbage_never_panics(
        valid_start in any::<bool>(),
        garbage in proptest::collection::vec(any::<u8>(), 0..600),
        chunk in 1usize..64,
    ) {
        let mut bytes = if valid_start { full_run() } else { Vec::new() };
        bytes.extend_from_slice(&garbage);
        let mut decoder = Decoder::new();
        let mut items = Vec::new();
        for part in bytes.chunks(chunk) {
            if decoder.feed(part, &mut items).is_err() {
                break;
            }
        }
        let _ = decoder.finish(&mut items);
    }

    /// Records whose fields are random but whose heads are well formed.
    #[test]
    fn random_records_never_panic(words in proptest::collection::vec((1u8..16, any::<u32>(), any::<u64>()), 0..40)) {
        let mut s = Stream::default();
        s.hello();
        for (kind, fields, word) in words {
            s.head(kind, u64::from(fields & 0x7FF_FFFF), u64::from(fields >> 5)).word(word).word(word);
        }
        let _ = decode(&s.0);
    }
}
