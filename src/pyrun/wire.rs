//! The asyncio module's event stream, decoded into taskscope's [`Meta`] and [`Event`] values.
//!
//! The stream is little-endian 64-bit words. A record starts with a head word: bits 0-7 the
//! record kind, bits 8-34 `a` (usually the task), bits 35-62 `b`; bit 63 is clear. Texts
//! (names, labels, errors, files) are TEXT records: the head, the length in bytes, then the
//! UTF-8 bytes padded with zeros to whole words. Times are the child's CLOCK_MONOTONIC
//! nanoseconds; the first record (HELLO) gives the run's start, and every time decoded here
//! is nanoseconds since then. docs/asyncio.md has the table of records.
//!
//! [`Decoder`] takes the bytes in chunks of any size (a record may span reads), and turns
//! anything that does not follow the format into a [`WireError`] naming the byte offset and
//! what was expected; it never panics. What taskscope's events cannot say yet (where a task
//! is suspended, the never-awaited warning, worker names, how the run ended) comes out as
//! the types of this module, beside the `Meta`s and `Event`s. Items come out a batch at a
//! time (the module ends each with a FLUSH record), in time order, texts first: see
//! `batch.rs`.

mod batch;
mod format;
mod items;

use std::collections::HashMap;
use std::sync::Arc;

use batch::{Batch, TaskMap};
use format::*;

pub use items::*;

use crate::record::{BranchOf, EndKind, Event, EventKind, Meta, TaskId, TaskKind, WorkerId};

/// The format version this decoder reads (the HELLO record's `a`).
pub const VERSION: u32 = 1;
/// The longest text a TEXT record may carry; the module cuts longer ones.
pub const MAX_TEXT_BYTES: u64 = 4096;
/// Items held for one batch at most: beyond, they are handed out without waiting for the
/// FLUSH (the module sends one every 10 ms, far fewer items).
pub const MAX_BATCH_ITEMS: usize = 1 << 20;

/// What is known of a task announced by SPAWN, to announce it again when it is renamed.
#[derive(Clone, Debug)]
struct TaskInfo {
    kind: TaskKind,
    parent: Option<TaskId>,
    location: Option<String>,
}

/// Turns the stream into [`Item`]s, chunk by chunk.
#[derive(Debug, Default)]
pub struct Decoder {
    /// The start of a record that has not fully arrived.
    partial: Vec<u8>,
    /// The stream offset of the next byte to decode (of `partial[0]` when it is not empty).
    offset: u64,
    hello: Option<Hello>,
    failed: Option<WireError>,
    /// Texts that come before the record using them: a task's name and location.
    names: TaskMap<String>,
    locations: TaskMap<String>,
    /// The live tasks (until their END).
    tasks: TaskMap<TaskInfo>,
    files: HashMap<u32, Arc<str>>,
    exit_message: Option<String>,
    /// The items of the batch under way, until its FLUSH.
    batch: Batch,
}

impl Decoder {
    /// A decoder at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes `bytes`, the next part of the stream, appending to `out` the items of each
    /// batch it completes. Once an error was returned, every later call returns it again.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Item>) -> Result<(), WireError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        let result = if self.partial.is_empty() {
            let used = self.decode(bytes, out);
            if let Ok(used) = used {
                self.partial.extend_from_slice(&bytes[used..]);
            }
            used.map(drop)
        } else {
            let mut data = std::mem::take(&mut self.partial);
            data.extend_from_slice(bytes);
            let used = self.decode(&data, out);
            if let Ok(used) = used {
                data.drain(..used);
                self.partial = data;
            }
            used.map(drop)
        };
        if let Err(error) = &result {
            self.failed = Some(error.clone());
        }
        result
    }

    /// At the end of the stream: hands out what the last batch held (a child stopped before
    /// its last FLUSH), and checks that the stream ended between two records.
    pub fn finish(&mut self, out: &mut Vec<Item>) -> Result<(), WireError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        self.batch.release(out);
        if self.hello.is_none() || !self.partial.is_empty() {
            let expected = if self.hello.is_none() {
                "a HELLO record"
            } else {
                "the rest of a record"
            };
            return Err(WireError {
                offset: self.offset + self.partial.len() as u64,
                expected: format!("{expected}, found the end of the stream"),
            });
        }
        Ok(())
    }

    /// Decodes the whole records at the start of `data`; returns how many bytes they took.
    fn decode(&mut self, data: &[u8], out: &mut Vec<Item>) -> Result<usize, WireError> {
        let mut at = 0;
        while data.len() - at >= 16 {
            let head = u64::from_le_bytes(data[at..at + 8].try_into().expect("8 bytes"));
            let offset = self.offset;
            let error = |expected: String| WireError { offset, expected };
            if head >> 63 != 0 {
                return Err(error(format!(
                    "a record head (bit 63 clear), found {head:#x}"
                )));
            }
            let kind = (head & 0xFF) as u8;
            let Some(mut words) = words_of(kind) else {
                return Err(error(format!("a record kind from 1 to 18, found {kind}")));
            };
            if kind == TEXT {
                let len = u64::from_le_bytes(data[at + 8..at + 16].try_into().expect("8 bytes"));
                if len > MAX_TEXT_BYTES {
                    return Err(error(format!(
                        "a text of at most {MAX_TEXT_BYTES} bytes, found {len}"
                    )));
                }
                words += len.div_ceil(8) as usize;
            }
            if data.len() - at < words * 8 {
                break;
            }
            let record = Record {
                offset,
                kind,
                a: ((head >> 8) & ((1 << 27) - 1)) as u32,
                b: (head >> 35) as u32,
                words: &data[at..at + words * 8],
            };
            if kind == FLUSH && self.hello.is_some() {
                self.batch.release(out);
            } else {
                self.record(&record)?;
                if self.batch.len() >= MAX_BATCH_ITEMS {
                    self.batch.release(out); // a batch this long: no FLUSH is coming soon
                }
            }
            at += words * 8;
            self.offset += (words * 8) as u64;
        }
        Ok(at)
    }

    fn record(&mut self, r: &Record<'_>) -> Result<(), WireError> {
        let Some(hello) = self.hello else {
            if r.kind != HELLO {
                return Err(r.error(format!(
                    "a HELLO record first, found a record of kind {}",
                    r.kind
                )));
            }
            if r.a != VERSION {
                return Err(r.error(format!("format version {VERSION}, found version {}", r.a)));
            }
            let hello = Hello {
                version: r.a,
                pid: u32::try_from(r.word(2)).map_err(|_| r.error("a process id"))?,
                base_ns: r.word(1),
            };
            self.hello = Some(hello);
            self.batch.push(Item::Hello(hello));
            return Ok(());
        };
        if r.kind == TEXT {
            return self.text(r);
        }
        let raw = r.word(1);
        let at_ns = raw.saturating_sub(hello.base_ns);
        let task = r.a;
        let event = |kind| Item::Event(Event { at_ns, task, kind });
        let item = match r.kind {
            HELLO => return Err(r.error("one HELLO record only, found a second one")),
            SPAWN => return self.spawn(r, at_ns),
            POLL_START => {
                self.batch.poll_start(task, worker(r)?, at_ns);
                return Ok(());
            }
            POLL_END => {
                self.batch.poll_end(task, at_ns);
                return Ok(());
            }
            SPAN | SPAN_YIELD => {
                let end = r.word(2).saturating_sub(hello.base_ns);
                if end < at_ns {
                    return Err(r.error("a step that ends after it starts"));
                }
                self.batch
                    .step(task, worker(r)?, at_ns, end, r.kind == SPAN_YIELD);
                return Ok(());
            }
            WAKE => event(EventKind::Woken {
                by: r.b.checked_sub(1),
            }),
            TIMER => {
                // A deadline beyond what TimerArmed holds (71 minutes) is not watched.
                let after_us = r.word(2).saturating_sub(raw) / 1000;
                let Ok(after_us) = u32::try_from(after_us) else {
                    return Ok(());
                };
                event(EventKind::TimerArmed { after_us })
            }
            AWAIT_START => event(EventKind::AwaitStart { label: r.b }),
            AWAIT_END => event(EventKind::AwaitEnd { label: r.b }),
            STEP => event(EventKind::StepStarted { step: r.b }),
            ABORT => event(EventKind::AbortRequested {
                cause: r.b.checked_sub(1),
            }),
            END => {
                let outcome = match r.b {
                    0 => EndKind::Ok,
                    1 => EndKind::Failed,
                    2 => EndKind::Panicked,
                    3 => EndKind::Cancelled,
                    b => return Err(r.error(format!("an outcome from 0 to 3, found {b}"))),
                };
                self.batch.ended(task);
                self.tasks.remove(&task);
                event(EventKind::Ended { outcome })
            }
            POSITION => {
                let extra = r.word(2);
                let id = (extra & 0xFFFF_FFFF) as u32;
                let file = self.files.get(&id).cloned();
                let file =
                    file.ok_or_else(|| r.error(format!("a FILE text for file {id} first")))?;
                let step = ((extra >> 32) as u32).checked_sub(1);
                Item::Position(TaskPosition {
                    task,
                    at_ns,
                    file,
                    line: r.b,
                    step,
                })
            }
            DROPPED => Item::Dropped(raw),
            EXIT => Item::Exit(RunExit {
                at_ns,
                status: r.a,
                message: self.exit_message.take(),
            }),
            _ => unreachable!("words_of knows only these kinds"),
        };
        self.batch.push(item);
        Ok(())
    }

    fn spawn(&mut self, r: &Record<'_>, at_ns: u64) -> Result<(), WireError> {
        let kind = match r.b {
            0 => TaskKind::Task,
            1 => TaskKind::Blocking,
            2 => TaskKind::BlockOn,
            3 => TaskKind::Future,
            4 => TaskKind::Branch(BranchOf::JoinAll),
            5 => TaskKind::Branch(BranchOf::Race),
            6 => TaskKind::Branch(BranchOf::Timeout),
            7 => TaskKind::Branch(BranchOf::UntilCancelled),
            b => return Err(r.error(format!("a task kind from 0 to 7, found {b}"))),
        };
        let parent = u32::try_from(r.word(2)).map_err(|_| r.error("a parent task"))?;
        let name = self.names.remove(&r.a);
        let name = name.ok_or_else(|| r.error(format!("a TEXT name for task {} first", r.a)))?;
        let info = TaskInfo {
            kind,
            parent: parent.checked_sub(1),
            location: self.locations.remove(&r.a),
        };
        self.batch.push(Item::Meta(task_meta(r.a, name, &info)));
        self.batch.push(Item::Event(Event {
            at_ns,
            task: r.a,
            kind: EventKind::Spawned,
        }));
        self.tasks.insert(r.a, info);
        Ok(())
    }

    fn text(&mut self, r: &Record<'_>) -> Result<(), WireError> {
        let len = r.word(1) as usize;
        let bytes = &r.words[16..];
        if bytes[len..].iter().any(|&b| b != 0) {
            return Err(r.error("a text padded with zero bytes"));
        }
        let text = std::str::from_utf8(&bytes[..len]).map_err(|_| r.error("a text in UTF-8"))?;
        let text = text.to_string();
        let (id, task) = (r.a, r.a);
        match r.b {
            0 => match self.tasks.get(&task) {
                // Renamed once announced (asyncio names a task after creating it): again.
                Some(info) => self.batch.push(Item::Meta(task_meta(task, text, info))),
                None => {
                    self.names.insert(task, text);
                }
            },
            1 if self.tasks.contains_key(&task) => {
                return Err(r.error(format!("the location of task {task} before its SPAWN")));
            }
            1 => {
                self.locations.insert(task, text);
            }
            2 => self.batch.push(Item::Meta(Meta::Error { task, text })),
            3 => self.batch.push(Item::Meta(Meta::Label { id, text })),
            4 => {
                self.files.insert(id, Arc::from(text));
            }
            5 => self
                .batch
                .push(Item::NeverAwaited(NeverAwaited { task, text })),
            6 => {
                let worker = WorkerId::try_from(id).map_err(|_| r.error("a worker number"))?;
                self.batch
                    .push(Item::Worker(WorkerName { worker, name: text }));
            }
            7 => self.exit_message = Some(text),
            b => return Err(r.error(format!("a text kind from 0 to 7, found {b}"))),
        }
        Ok(())
    }
}

fn task_meta(id: TaskId, name: String, info: &TaskInfo) -> Meta {
    Meta::Task {
        id,
        name,
        kind: info.kind,
        parent: info.parent,
        location: info.location.clone(),
    }
}

#[cfg(test)]
mod tests;
