//! A saved run played back: a source whose events come from a tape.

use super::{Batch, RunInfo, Source, Status, Tape};

/// A source that hands over a tape's items, all in its first drain, and then reports the
/// status and note the tape ended with.
#[derive(Debug)]
pub struct Replay {
    info: RunInfo,
    tape: Option<Tape>,
    status: Status,
    note: Option<String>,
}

impl Replay {
    /// A replay of `tape`, a run described by `info`.
    pub fn new(info: RunInfo, tape: Tape) -> Replay {
        Replay {
            info,
            tape: Some(tape),
            status: Status::Live,
            note: None,
        }
    }
}

impl Source for Replay {
    fn info(&self) -> &RunInfo {
        &self.info
    }

    fn drain(&mut self, batch: &mut Batch) {
        let Some(tape) = self.tape.take() else {
            return;
        };
        let mut items = tape.batch();
        // A tape always ends (its source's last batch did); one that does not still ends
        // where its clock stopped, so that nothing waits for more.
        if !items.ends() {
            items.end(items.now_ns().unwrap_or(0));
        }
        items.drain().for_each(|item| batch.push(item));
        if let Some(status) = tape.status() {
            self.status = status.clone();
        }
        self.note = tape.note().map(str::to_string);
    }

    fn status(&self) -> Status {
        self.status.clone()
    }

    fn note(&self) -> Option<String> {
        self.note.clone()
    }

    fn stop(&mut self) {
        self.tape = None;
    }
}
