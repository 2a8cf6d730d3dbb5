//! The form events take in a thread's log: 16 bytes of plain integers.
//!
//! [`Event`] is 24 bytes with an enum inside; building one and copying it into the log went
//! through the stack in pieces of 1, 4 and 8 bytes, whose reloads stalled on store
//! forwarding. A raw event is two words built in registers and written with two stores; the
//! reader turns it back into an [`Event`] when it converts clock ticks to nanoseconds.

use super::event::{EndKind, Event, EventKind};

/// An event as recorded: `word` holds the clock ticks since the recorder's base (56 bits:
/// over 200 days at 4 GHz) above an 8-bit tag that says which [`EventKind`] it is; `subject`
/// holds the task in its low half and the kind's value in its high half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub(super) struct RawEvent {
    pub(super) word: u64,
    pub(super) subject: u64,
}

const SPAWNED: u8 = 0;
const POLL_START: u8 = 1;
const POLL_END: u8 = 2;
const WOKEN: u8 = 3;
const WOKEN_BY: u8 = 4;
const AWAIT_START: u8 = 5;
const AWAIT_END: u8 = 6;
const TIMER_ARMED: u8 = 7;
const ABORT_REQUESTED: u8 = 8;
const ABORT_REQUESTED_BY: u8 = 9;
const ENDED_OK: u8 = 10;
const ENDED_FAILED: u8 = 11;
const ENDED_PANICKED: u8 = 12;
const ENDED_CANCELLED: u8 = 13;
const STEP_STARTED: u8 = 14;

impl RawEvent {
    /// `kind` happened to `task` `ticks` clock ticks after the recorder's base.
    #[inline(always)]
    pub(super) fn new(ticks: u64, task: u32, kind: EventKind) -> Self {
        let (tag, arg) = match kind {
            EventKind::Spawned => (SPAWNED, 0),
            EventKind::PollStart { worker } => (POLL_START, u32::from(worker)),
            EventKind::PollEnd => (POLL_END, 0),
            EventKind::Woken { by } => (WOKEN + u8::from(by.is_some()), by.unwrap_or(0)),
            EventKind::AwaitStart { label } => (AWAIT_START, label),
            EventKind::AwaitEnd { label } => (AWAIT_END, label),
            EventKind::TimerArmed { after_us } => (TIMER_ARMED, after_us),
            EventKind::StepStarted { step } => (STEP_STARTED, step),
            EventKind::AbortRequested { cause } => (
                ABORT_REQUESTED + u8::from(cause.is_some()),
                cause.unwrap_or(0),
            ),
            EventKind::Ended { outcome } => (
                match outcome {
                    EndKind::Ok => ENDED_OK,
                    EndKind::Failed => ENDED_FAILED,
                    EndKind::Panicked => ENDED_PANICKED,
                    EndKind::Cancelled => ENDED_CANCELLED,
                },
                0,
            ),
        };
        RawEvent {
            word: (ticks << 8) | u64::from(tag),
            subject: u64::from(task) | (u64::from(arg) << 32),
        }
    }

    /// Clock ticks since the recorder's base.
    pub(super) fn ticks(self) -> u64 {
        self.word >> 8
    }

    /// The event, stamped `at_ns`.
    pub(super) fn to_event(self, at_ns: u64) -> Event {
        let arg = (self.subject >> 32) as u32;
        let kind = match self.word as u8 {
            SPAWNED => EventKind::Spawned,
            POLL_START => EventKind::PollStart { worker: arg as u16 },
            POLL_END => EventKind::PollEnd,
            WOKEN => EventKind::Woken { by: None },
            WOKEN_BY => EventKind::Woken { by: Some(arg) },
            AWAIT_START => EventKind::AwaitStart { label: arg },
            AWAIT_END => EventKind::AwaitEnd { label: arg },
            TIMER_ARMED => EventKind::TimerArmed { after_us: arg },
            STEP_STARTED => EventKind::StepStarted { step: arg },
            ABORT_REQUESTED => EventKind::AbortRequested { cause: None },
            ABORT_REQUESTED_BY => EventKind::AbortRequested { cause: Some(arg) },
            ENDED_OK => ended(EndKind::Ok),
            ENDED_FAILED => ended(EndKind::Failed),
            ENDED_PANICKED => ended(EndKind::Panicked),
            ENDED_CANCELLED => ended(EndKind::Cancelled),
            tag => unreachable!("raw event tag {tag} is never written"),
        };
        Event {
            at_ns,
            task: self.subject as u32,
            kind,
        }
    }
}

fn ended(outcome: EndKind) -> EventKind {
    EventKind::Ended { outcome }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_event_is_16_bytes_and_an_event_at_most_32() {
        assert_eq!(size_of::<RawEvent>(), 16);
        assert!(size_of::<Event>() <= 32, "{}", size_of::<Event>());
    }

    #[test]
    fn every_kind_round_trips() {
        let kinds = [
            EventKind::Spawned,
            EventKind::PollStart { worker: 0 },
            EventKind::PollStart { worker: u16::MAX },
            EventKind::PollEnd,
            EventKind::StepStarted { step: 7 },
            EventKind::Woken { by: None },
            EventKind::Woken { by: Some(0) },
            EventKind::Woken { by: Some(u32::MAX) },
            EventKind::AwaitStart { label: 7 },
            EventKind::AwaitEnd { label: u32::MAX },
            EventKind::TimerArmed {
                after_us: 1_000_000,
            },
            EventKind::AbortRequested { cause: None },
            EventKind::AbortRequested { cause: Some(3) },
            EventKind::Ended {
                outcome: EndKind::Ok,
            },
            EventKind::Ended {
                outcome: EndKind::Failed,
            },
            EventKind::Ended {
                outcome: EndKind::Panicked,
            },
            EventKind::Ended {
                outcome: EndKind::Cancelled,
            },
        ];
        for (i, kind) in kinds.into_iter().enumerate() {
            let ticks = (1 << 56) - 1 - i as u64;
            let raw = RawEvent::new(ticks, 40 + i as u32, kind);
            assert_eq!(raw.ticks(), ticks);
            let event = raw.to_event(99);
            assert_eq!(
                (event.at_ns, event.task, event.kind),
                (99, 40 + i as u32, kind)
            );
        }
    }
}
