//! How a tape is written in a saved run's JSON: an array of entries, each an event or a
//! clock reading on one line of text (`"1500 3 poll_start 0"`, `"clock 20000000"`), or an
//! object for what carries text (`{"task": {...}}`, `{"label": {...}}`, `{"status": "done"}`).
//! The README's JSON section documents the spellings.

use std::fmt::Write;
use std::time::Duration;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Entry, Item, Status, Tape};
use crate::record::{EndKind, Event, EventKind, Meta, TaskKind};

impl Serialize for Tape {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.entries())
    }
}

impl<'de> Deserialize<'de> for Tape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Entry>::deserialize(deserializer).map(Tape::from_entries)
    }
}

/// The entries written as objects.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Object {
    Task {
        id: u32,
        name: String,
        kind: KindName,
        parent: Option<u32>,
        location: Option<String>,
    },
    Label {
        id: u32,
        text: String,
    },
    Error {
        task: u32,
        text: String,
    },
    Status(StatusJson),
    Note(Option<String>),
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindName {
    Task,
    Blocking,
    BlockOn,
    Future,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum StatusJson {
    Connecting,
    Live,
    Reconnecting {
        attempt: u32,
        error: String,
        retry_in_ns: u64,
    },
    Done,
    Failed(String),
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Item(Item::Meta(meta)) => meta_object(meta).serialize(serializer),
            Entry::Item(item) => serializer.serialize_str(&line(item)),
            Entry::Status(status) => Object::Status(status_json(status)).serialize(serializer),
            Entry::Note(note) => Object::Note(note.clone()).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a tape entry: a line like \"1500 3 poll_start 0\", or an object")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Entry, E> {
        parse_line(text).map(Entry::Item).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
        let object = Object::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(from_object(object))
    }
}

fn meta_object(meta: &Meta) -> Object {
    match meta.clone() {
        Meta::Task {
            id,
            name,
            kind,
            parent,
            location,
        } => Object::Task {
            id,
            name,
            kind: match kind {
                TaskKind::Task => KindName::Task,
                TaskKind::Blocking => KindName::Blocking,
                TaskKind::BlockOn => KindName::BlockOn,
                TaskKind::Future => KindName::Future,
            },
            parent,
            location,
        },
        Meta::Label { id, text } => Object::Label { id, text },
        Meta::Error { task, text } => Object::Error { task, text },
    }
}

fn from_object(object: Object) -> Entry {
    let meta = match object {
        Object::Task {
            id,
            name,
            kind,
            parent,
            location,
        } => Meta::Task {
            id,
            name,
            kind: match kind {
                KindName::Task => TaskKind::Task,
                KindName::Blocking => TaskKind::Blocking,
                KindName::BlockOn => TaskKind::BlockOn,
                KindName::Future => TaskKind::Future,
            },
            parent,
            location,
        },
        Object::Label { id, text } => Meta::Label { id, text },
        Object::Error { task, text } => Meta::Error { task, text },
        Object::Status(status) => return Entry::Status(from_status_json(status)),
        Object::Note(note) => return Entry::Note(note),
    };
    Entry::Item(Item::Meta(Box::new(meta)))
}

fn status_json(status: &Status) -> StatusJson {
    match status.clone() {
        Status::Connecting => StatusJson::Connecting,
        Status::Live => StatusJson::Live,
        Status::Reconnecting {
            attempt,
            error,
            retry_in,
        } => StatusJson::Reconnecting {
            attempt,
            error,
            retry_in_ns: u64::try_from(retry_in.as_nanos()).unwrap_or(u64::MAX),
        },
        Status::Done => StatusJson::Done,
        Status::Failed(reason) => StatusJson::Failed(reason),
    }
}

fn from_status_json(status: StatusJson) -> Status {
    match status {
        StatusJson::Connecting => Status::Connecting,
        StatusJson::Live => Status::Live,
        StatusJson::Reconnecting {
            attempt,
            error,
            retry_in_ns,
        } => Status::Reconnecting {
            attempt,
            error,
            retry_in: Duration::from_nanos(retry_in_ns),
        },
        StatusJson::Done => Status::Done,
        StatusJson::Failed(reason) => Status::Failed(reason),
    }
}

/// An item (not a meta) as one line of text.
fn line(item: &Item) -> String {
    let event = match item {
        Item::Event(event) => event,
        Item::Clock(t) => return format!("clock {t}"),
        Item::Dropped(n) => return format!("dropped {n}"),
        Item::End(t) => return format!("end {t}"),
        Item::Meta(_) => unreachable!("metas are written as objects"),
    };
    let mut out = format!("{} {} ", event.at_ns, event.task);
    let _ = match event.kind {
        EventKind::Spawned => write!(out, "spawned"),
        EventKind::PollStart { worker } => write!(out, "poll_start {worker}"),
        EventKind::PollEnd => write!(out, "poll_end"),
        EventKind::Woken { by: None } => write!(out, "woken"),
        EventKind::Woken { by: Some(by) } => write!(out, "woken {by}"),
        EventKind::AwaitStart { label } => write!(out, "await_start {label}"),
        EventKind::AwaitEnd { label } => write!(out, "await_end {label}"),
        EventKind::TimerArmed { after_us } => write!(out, "timer_armed {after_us}"),
        EventKind::StepStarted { step } => write!(out, "step_started {step}"),
        EventKind::AbortRequested { cause: None } => write!(out, "abort_requested"),
        EventKind::AbortRequested { cause: Some(c) } => write!(out, "abort_requested {c}"),
        EventKind::Ended { outcome } => write!(out, "ended {}", end_name(outcome)),
    };
    out
}

fn end_name(outcome: EndKind) -> &'static str {
    match outcome {
        EndKind::Ok => "ok",
        EndKind::Failed => "failed",
        EndKind::Panicked => "panicked",
        EndKind::Cancelled => "cancelled",
    }
}

/// What a line may be, for messages.
const LINE_FORMS: &str = "`AT TASK KIND [ARG]`, `clock NS`, `dropped N` or `end NS`";

/// Reads one line written by [`line`].
fn parse_line(text: &str) -> Result<Item, String> {
    let bad = || format!("`{text}` is not a tape entry: expected {LINE_FORMS}");
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let number = |i: usize| -> Result<u64, String> {
        words.get(i).and_then(|w| w.parse().ok()).ok_or_else(bad)
    };
    match words.as_slice() {
        ["clock", _] => return Ok(Item::Clock(number(1)?)),
        ["dropped", _] => return Ok(Item::Dropped(number(1)?)),
        ["end", _] => return Ok(Item::End(number(1)?)),
        [_, _, _] | [_, _, _, _] => {}
        _ => return Err(bad()),
    }
    let at_ns = number(0)?;
    let task = u32::try_from(number(1)?).map_err(|_| bad())?;
    let arg = || -> Result<u32, String> { u32::try_from(number(3)?).map_err(|_| bad()) };
    let optional = || -> Result<Option<u32>, String> {
        if words.len() == 3 {
            Ok(None)
        } else {
            arg().map(Some)
        }
    };
    let plain = |kind: EventKind| {
        if words.len() == 3 {
            Ok(kind)
        } else {
            Err(bad())
        }
    };
    let kind = match words[2] {
        "spawned" => plain(EventKind::Spawned)?,
        "poll_end" => plain(EventKind::PollEnd)?,
        "poll_start" => EventKind::PollStart {
            worker: u16::try_from(arg()?).map_err(|_| bad())?,
        },
        "woken" => EventKind::Woken { by: optional()? },
        "await_start" => EventKind::AwaitStart { label: arg()? },
        "await_end" => EventKind::AwaitEnd { label: arg()? },
        "timer_armed" => EventKind::TimerArmed { after_us: arg()? },
        "step_started" => EventKind::StepStarted { step: arg()? },
        "abort_requested" => EventKind::AbortRequested { cause: optional()? },
        "ended" => EventKind::Ended {
            outcome: match words.get(3) {
                Some(&"ok") => EndKind::Ok,
                Some(&"failed") => EndKind::Failed,
                Some(&"panicked") => EndKind::Panicked,
                Some(&"cancelled") => EndKind::Cancelled,
                _ => return Err(bad()),
            },
        },
        _ => return Err(bad()),
    };
    Ok(Item::Event(Event { at_ns, task, kind }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Entry::Item(Item::Meta(Box::new(Meta::Label {
                id: 7,
                text: "GET /".into(),
            }))),
            Entry::Item(Item::Meta(Box::new(Meta::Error {
                task: 5,
                text: "boom".into(),
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
        let back: Tape = serde_json::from_str(&text).unwrap();
        assert_eq!(back.entries(), tape.entries());
    }

    #[test]
    fn a_bad_line_is_named_with_its_position() {
        let error = serde_json::from_str::<Tape>("[\n \"12 0 spawned\",\n \"12 x poll\"\n]")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`12 x poll` is not a tape entry"), "{error}");
        assert!(error.contains("line 3"), "{error}");
    }
}
