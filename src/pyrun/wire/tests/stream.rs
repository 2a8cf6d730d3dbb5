//! Streams written word by word, as the Python module writes them, and decoded.

use super::super::*;

pub(super) const BASE: u64 = 1_000_000_000;

/// Writes records in the wire format.
#[derive(Default)]
pub(super) struct Stream(pub(super) Vec<u8>);

impl Stream {
    pub(super) fn word(&mut self, word: u64) -> &mut Self {
        self.0.extend_from_slice(&word.to_le_bytes());
        self
    }

    pub(super) fn head(&mut self, kind: u8, a: u64, b: u64) -> &mut Self {
        self.word(u64::from(kind) | a << 8 | b << 35)
    }

    /// A two-word record at `ms` after the base.
    pub(super) fn at(&mut self, kind: u8, a: u64, b: u64, ms: u64) -> &mut Self {
        self.head(kind, a, b).word(BASE + ms * 1_000_000)
    }

    pub(super) fn flush(&mut self) -> &mut Self {
        self.head(FLUSH, 0, 0).word(0)
    }

    pub(super) fn hello(&mut self) -> &mut Self {
        self.head(HELLO, 1, 0).word(BASE).word(4242)
    }

    pub(super) fn text(&mut self, what: u64, subject: u64, text: &str) -> &mut Self {
        self.head(TEXT, subject, what).word(text.len() as u64);
        let mut bytes = text.as_bytes().to_vec();
        bytes.resize(text.len().div_ceil(8) * 8, 0);
        self.0.extend_from_slice(&bytes);
        self
    }

    pub(super) fn spawn(
        &mut self,
        task: u64,
        kind: u64,
        parent: Option<u64>,
        ms: u64,
    ) -> &mut Self {
        self.at(SPAWN, task, kind, ms)
            .word(parent.map_or(0, |p| p + 1))
    }
}

pub(super) fn decode(bytes: &[u8]) -> Result<Vec<Item>, WireError> {
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    decoder.feed(bytes, &mut items)?;
    decoder.finish(&mut items)?;
    Ok(items)
}

pub(super) fn ev(ms: u64, task: TaskId, kind: EventKind) -> Item {
    Item::Event(Event {
        at_ns: ms * 1_000_000,
        task,
        kind,
    })
}

/// The error `bytes` give, as (offset, start of the expectation).
pub(super) fn error_of(bytes: &[u8]) -> (u64, String) {
    let error = decode(bytes).unwrap_err();
    (error.offset, error.expected)
}

/// Writes a record into a stream.
pub(super) type Write<'a> = &'a dyn Fn(&mut Stream);

/// The events of `bytes` (after a HELLO), without the HELLO.
pub(super) fn events_of(write: impl Fn(&mut Stream)) -> Vec<Item> {
    let mut s = Stream::default();
    s.hello();
    write(&mut s);
    decode(&s.0).unwrap().split_off(1)
}
