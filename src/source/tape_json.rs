//! How a tape is written in a saved run's JSON: an array of entries, each an event or a
//! clock reading on one line of text (`"1500 3 poll_start 0"`, `"clock 20000000"`), or an
//! object for what carries text (`{"task": {...}}`, `{"label": {...}}`, `{"position": {...}}`,
//! `{"status": "done"}`).
//! The README's JSON section documents the spellings.

use std::fmt::Write;
use std::time::Duration;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Entry, Item, Position, Status, Tape};
use crate::record::{BranchOf, EndKind, Event, EventKind, Meta, TaskKind};

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
        /// For a branch: the step it is a branch of.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        branch_of: Option<BranchName>,
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
    Position {
        at_ns: u64,
        task: u32,
        file: String,
        line: u32,
        step: Option<u32>,
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
    Branch,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum BranchName {
    JoinAll,
    Race,
    Timeout,
    UntilCancelled,
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
            Entry::Item(Item::Position(p)) => Object::Position {
                at_ns: p.at_ns,
                task: p.task,
                file: p.file.to_string(),
                line: p.line,
                step: p.step,
            }
            .serialize(serializer),
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
        from_object(object).map_err(de::Error::custom)
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
                TaskKind::Branch(_) => KindName::Branch,
            },
            branch_of: kind.branch_of().map(|of| match of {
                BranchOf::JoinAll => BranchName::JoinAll,
                BranchOf::Race => BranchName::Race,
                BranchOf::Timeout => BranchName::Timeout,
                BranchOf::UntilCancelled => BranchName::UntilCancelled,
            }),
            parent,
            location,
        },
        Meta::Label { id, text } => Object::Label { id, text },
        Meta::Error { task, text } => Object::Error { task, text },
    }
}

fn from_object(object: Object) -> Result<Entry, String> {
    let meta = match object {
        Object::Task {
            id,
            name,
            kind,
            branch_of,
            parent,
            location,
        } => Meta::Task {
            id,
            name,
            kind: task_kind(id, kind, branch_of)?,
            parent,
            location,
        },
        Object::Label { id, text } => Meta::Label { id, text },
        Object::Error { task, text } => Meta::Error { task, text },
        Object::Position {
            at_ns,
            task,
            file,
            line,
            step,
        } => {
            let position = Position {
                at_ns,
                task,
                file: file.into(),
                line,
                step,
            };
            return Ok(Entry::Item(Item::Position(Box::new(position))));
        }
        Object::Status(status) => return Ok(Entry::Status(from_status_json(status))),
        Object::Note(note) => return Ok(Entry::Note(note)),
    };
    Ok(Entry::Item(Item::Meta(Box::new(meta))))
}

/// A task entry's kind: `branch_of` names the step of a branch, and only of a branch.
fn task_kind(id: u32, kind: KindName, branch_of: Option<BranchName>) -> Result<TaskKind, String> {
    let kind = match (kind, branch_of) {
        (KindName::Task, None) => TaskKind::Task,
        (KindName::Blocking, None) => TaskKind::Blocking,
        (KindName::BlockOn, None) => TaskKind::BlockOn,
        (KindName::Future, None) => TaskKind::Future,
        (KindName::Branch, Some(of)) => TaskKind::Branch(match of {
            BranchName::JoinAll => BranchOf::JoinAll,
            BranchName::Race => BranchOf::Race,
            BranchName::Timeout => BranchOf::Timeout,
            BranchName::UntilCancelled => BranchOf::UntilCancelled,
        }),
        (KindName::Branch, None) => {
            return Err(format!(
                "task {id} is a branch without `branch_of` (join_all, race, timeout or \
                 until_cancelled)"
            ));
        }
        (_, Some(_)) => return Err(format!("task {id} has `branch_of` but is not a branch")),
    };
    Ok(kind)
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
        Item::Meta(_) | Item::Position(_) => unreachable!("written as objects"),
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
