//! The records of the stream: their kinds, their lengths, and reading one's fields.

use super::items::WireError;
use crate::record::WorkerId;

pub(super) const HELLO: u8 = 1;
pub(super) const TEXT: u8 = 2;
pub(super) const SPAWN: u8 = 3;
pub(super) const POLL_START: u8 = 4;
pub(super) const POLL_END: u8 = 5;
pub(super) const WAKE: u8 = 6;
pub(super) const TIMER: u8 = 7;
pub(super) const AWAIT_START: u8 = 8;
pub(super) const AWAIT_END: u8 = 9;
pub(super) const STEP: u8 = 10;
pub(super) const ABORT: u8 = 11;
pub(super) const END: u8 = 12;
pub(super) const POSITION: u8 = 13;
pub(super) const DROPPED: u8 = 14;
pub(super) const EXIT: u8 = 15;
pub(super) const SPAN: u8 = 16;
pub(super) const SPAN_YIELD: u8 = 17;
pub(super) const FLUSH: u8 = 18;

/// A record's words, with where it starts.
pub(super) struct Record<'a> {
    pub(super) offset: u64,
    pub(super) kind: u8,
    pub(super) a: u32,
    pub(super) b: u32,
    pub(super) words: &'a [u8],
}

impl Record<'_> {
    /// Word `i` (1: the one after the head).
    pub(super) fn word(&self, i: usize) -> u64 {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(&self.words[i * 8..i * 8 + 8]);
        u64::from_le_bytes(bytes)
    }

    pub(super) fn error(&self, expected: impl Into<String>) -> WireError {
        WireError {
            offset: self.offset,
            expected: expected.into(),
        }
    }
}

/// The length in words of a record of `kind` (TEXT: of its first two words).
pub(super) fn words_of(kind: u8) -> Option<usize> {
    match kind {
        HELLO | SPAWN | TIMER | POSITION | SPAN | SPAN_YIELD => Some(3),
        TEXT | POLL_START..=AWAIT_END | STEP..=END | DROPPED | EXIT | FLUSH => Some(2),
        _ => None,
    }
}

/// The worker number in a record's `b`.
pub(super) fn worker(r: &Record<'_>) -> Result<WorkerId, WireError> {
    WorkerId::try_from(r.b).map_err(|_| r.error("a worker number"))
}
