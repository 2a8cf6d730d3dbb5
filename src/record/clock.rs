//! The recorder's clock: the CPU's time-stamp counter where it can be read directly, and
//! the one conversion from its ticks to nanoseconds that the reader applies to every event.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// The process-wide clock. Calibrating the TSC takes a moment, so it is done once.
pub fn clock() -> &'static quanta::Clock {
    static CLOCK: OnceLock<quanta::Clock> = OnceLock::new();
    CLOCK.get_or_init(|| {
        let clock = quanta::Clock::new();
        READ_TSC_DIRECTLY.store(reads_tsc(&clock), Ordering::Relaxed);
        clock
    })
}

/// True when the clock counts TSC ticks, so that [`ticks`] may read the TSC itself: a
/// direct read is about twice as fast as going through the clock.
static READ_TSC_DIRECTLY: AtomicBool = AtomicBool::new(false);

#[cfg(target_arch = "x86_64")]
fn reads_tsc(clock: &quanta::Clock) -> bool {
    // SAFETY: reading the time-stamp counter has no preconditions on x86_64.
    let before = unsafe { core::arch::x86_64::_rdtsc() };
    let raw = clock.raw();
    // SAFETY: as above.
    let after = unsafe { core::arch::x86_64::_rdtsc() };
    before <= raw && raw <= after
}

#[cfg(not(target_arch = "x86_64"))]
fn reads_tsc(_clock: &quanta::Clock) -> bool {
    false
}

/// The current time in clock ticks (converted to nanoseconds when drained).
#[inline(always)]
pub(super) fn ticks() -> u64 {
    #[cfg(target_arch = "x86_64")]
    if READ_TSC_DIRECTLY.load(Ordering::Relaxed) {
        // SAFETY: reading the time-stamp counter has no preconditions on x86_64.
        return unsafe { core::arch::x86_64::_rdtsc() };
    }
    clock().raw()
}

/// Clock ticks to nanoseconds with one multiplication, in 40-bit fixed point (the clock's
/// own conversion checks its mode and shifts by a variable amount per call): the reader
/// shares the machine with the runtime it records, so its time per event counts too.
pub(super) struct TicksToNs {
    ns_per_2_40_ticks: u128,
}

impl TicksToNs {
    pub(super) fn new() -> Self {
        TicksToNs {
            ns_per_2_40_ticks: u128::from(clock().delta_as_nanos(0, 1 << 40)),
        }
    }

    #[inline]
    pub(super) fn convert(&self, ticks: u64) -> u64 {
        ((u128::from(ticks) * self.ns_per_2_40_ticks) >> 40) as u64
    }
}

#[cfg(test)]
#[test]
fn ticks_convert_to_the_clock_s_nanoseconds() {
    let ours = TicksToNs::new();
    for ticks in [
        0,
        1,
        999,
        123_456_789,
        10_u64.pow(12),
        3 << 50,
        (1 << 56) - 1,
    ] {
        let theirs = clock().delta_as_nanos(0, ticks);
        let diff = ours.convert(ticks).abs_diff(theirs);
        assert!(
            diff <= 2 + theirs / 1_000_000_000,
            "{ticks} ticks: {diff} ns apart"
        );
    }
}
