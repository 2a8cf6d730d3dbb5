//! The run's clock: a scripted duration played at the run's speed, and the blocking and
//! CPU-bound waits that hold a thread but still end when the run is stopped. Whatever speed
//! reaches it is first brought within the limits, so no duration here can overflow.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::stop::StopSignal;
use crate::limits::clamp_speed;

/// How long a blocking step sleeps between looks at the stop flag: short enough that a
/// stopped run ends at once, long enough to stay one blocking call to the scheduler.
const STOP_CHECK: Duration = Duration::from_millis(5);

/// The speed of one run and its stop signal.
#[derive(Clone)]
pub struct Pace {
    speed: f64,
    stop: Arc<StopSignal>,
}

impl Pace {
    /// Plays at `speed` (2.0 = every duration halved), clamped to the limits.
    pub fn new(speed: f64, stop: Arc<StopSignal>) -> Self {
        Pace {
            speed: clamp_speed(speed),
            stop,
        }
    }

    /// True once the run is stopping.
    pub fn stopped(&self) -> bool {
        self.stop.is_set()
    }

    /// `ns` scripted nanoseconds at this speed. A program's durations are at most an hour
    /// and the speed at least 0.01, so this is at most 100 hours; anything beyond what a
    /// `Duration` holds would be `Duration::MAX` (which tokio's timers take as "never").
    pub fn scaled(&self, ns: u64) -> Duration {
        Duration::try_from_secs_f64(ns as f64 / 1e9 / self.speed).unwrap_or(Duration::MAX)
    }

    /// Microseconds until a timer of `ns` scripted nanoseconds is due, as the recorder
    /// stores them; None beyond what it stores (about 71 minutes): better no deadline than
    /// a wrong one.
    pub fn timer_micros(&self, ns: u64) -> Option<u32> {
        u32::try_from(self.scaled(ns).as_micros()).ok()
    }

    /// Holds the thread for `ns` (scaled), like `std::thread::sleep`, but ends early when
    /// the run is stopped.
    pub fn block(&self, ns: u64) {
        let until = Instant::now().checked_add(self.scaled(ns));
        while !self.stopped() {
            let left = until.map_or(STOP_CHECK, |u| u.saturating_duration_since(Instant::now()));
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(STOP_CHECK));
        }
    }

    /// Keeps the CPU busy for `ns` (scaled), or until the run is stopped.
    pub fn spin(&self, ns: u64) {
        let until = Instant::now().checked_add(self.scaled(ns));
        while until.is_none_or(|u| Instant::now() < u) && !self.stopped() {
            std::hint::spin_loop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{MAX_STEP_DURATION, MIN_SPEED};

    fn pace(speed: f64) -> Pace {
        Pace::new(speed, Arc::new(StopSignal::default()))
    }

    #[test]
    fn durations_scale_with_the_speed() {
        assert_eq!(pace(2.0).scaled(1_000_000_000), Duration::from_millis(500));
        assert_eq!(pace(0.5).scaled(1_000_000), Duration::from_millis(2));
        assert_eq!(pace(2.0).timer_micros(4_000), Some(2));
    }

    #[test]
    fn no_speed_or_duration_overflows() {
        let longest = MAX_STEP_DURATION.as_nanos() as u64;
        let slowest = pace(1e-20).scaled(longest);
        assert_eq!(slowest, MAX_STEP_DURATION.div_f64(MIN_SPEED));
        assert_eq!(pace(f64::NAN).scaled(1_000), Duration::from_micros(1));
        assert!(pace(0.0).scaled(u64::MAX) > Duration::from_secs(1 << 40));
        assert_eq!(pace(1.0).timer_micros(longest), Some(3_600_000_000));
        assert_eq!(pace(0.5).timer_micros(longest), None);
        let fastest = pace(f64::INFINITY).scaled(1_000_000_000);
        assert_eq!(fastest, Duration::from_millis(10));
    }

    #[test]
    fn a_stopped_run_does_not_block_or_spin() {
        let stop = Arc::new(StopSignal::default());
        stop.set();
        let pace = Pace::new(1.0, stop);
        pace.block(u64::MAX);
        pace.spin(u64::MAX);
    }
}
