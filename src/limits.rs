//! Every bound on what a user can give taskscope, in one place: the numbers inside scenario
//! files (checked with file:line:col), the sizes of the files themselves, and the command
//! line's flags (checked by `cli`, naming the flag). The README's "Limits" section lists them.
//!
//! The bounds keep every input a clear, fast error or a run that cannot overflow: a scripted
//! duration at most [`MAX_STEP_DURATION`] played at [`MIN_SPEED`] is at most 100 hours, far
//! inside what a `Duration` or a `u64` of nanoseconds holds.

use std::time::Duration;

/// The largest scenario file read, in bytes (10 MiB): checked before it is read.
pub const MAX_SCENARIO_BYTES: u64 = 10 * 1024 * 1024;

/// The largest code listing read, in bytes (1 MiB): checked before it is read.
pub const MAX_LISTING_BYTES: u64 = 1024 * 1024;

/// The longest any one duration in a scenario may be: a `sleep`, `block`, `spin`,
/// `spawn_blocking` or `timeout`, and the total CPU work of a `stream` (`items` x `each`).
pub const MAX_STEP_DURATION: Duration = Duration::from_secs(60 * 60);

/// The most times a `repeat` step calls its function.
pub const MAX_REPEAT: u32 = 100_000;

/// The most items a `stream` step takes.
pub const MAX_STREAM_ITEMS: u32 = 1_000_000;

/// The most permits a semaphore in `[resources]` has.
pub const MAX_PERMITS: u32 = 10_000;

/// The most worker threads a `multi_thread` runtime has (more would drown the view in lanes).
pub const MAX_WORKERS: usize = 64;

/// The most resources (semaphores, mutexes, tokens) a scenario declares.
pub const MAX_RESOURCES: usize = 1_000;

/// The most functions a `group`, `join_all` or `race` step lists.
pub const MAX_LIST: usize = 1_000;

/// How deep functions may nest inside one task: `main` alone is 1, `main` calling `f` is 2;
/// a spawned task starts again at 1. The runner polls nested calls on the stack of its
/// threads (2 MiB each): at this depth a debug build used at most about 440 KB (every level
/// an `until_cancelled`), and tests/scenario_hardening.rs runs the deepest file on 1 MiB.
pub const MAX_NESTING: u32 = 100;

/// The most choices a `[quiz]` offers: the room answers with the digits 1 to 9.
pub const MAX_QUIZ_CHOICES: usize = 9;

/// The longest question (`ask`) of a `[quiz]`, in characters: it is read out to a room, on
/// one or two lines of a screen.
pub const MAX_QUIZ_ASK_CHARS: usize = 200;

/// The longest choice of a `[quiz]`, in characters (a task name, a duration, a count).
pub const MAX_QUIZ_CHOICE_CHARS: usize = 64;

/// The largest count a `polls` question of a `[quiz]` offers as a choice.
pub const MAX_QUIZ_COUNT: u64 = 1_000_000_000;

/// The slowest playback speed (`--speed`): every scripted duration 100 times longer.
pub const MIN_SPEED: f64 = 0.01;

/// The fastest playback speed (`--speed`): every scripted duration 100 times shorter.
pub const MAX_SPEED: f64 = 100.0;

/// The narrowest text swimlane (`--width`), in columns.
pub const MIN_WIDTH: usize = 40;

/// The widest text swimlane (`--width`), in columns.
pub const MAX_WIDTH: usize = 1_000;

/// The smallest drawn view (`--size`), columns x rows: below it the run view only asks to be
/// enlarged (`ui::layout::MIN_WIDTH` x `MIN_HEIGHT`; a test keeps them equal).
pub const MIN_SIZE: (u16, u16) = (60, 15);

/// The largest drawn view (`--size`), columns x rows.
pub const MAX_SIZE: (u16, u16) = (1_000, 500);

/// The shortest `--timeout` of a run.
pub const MIN_TIMEOUT: Duration = Duration::from_millis(1);

/// The longest `--timeout` of a run.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

/// The largest GIF (`record --out F.gif --size`), columns x rows: 9x18 pixels a cell make
/// it 2,700 x 1,800 pixels, more than a slide needs (and within the 16-bit pixel sizes of
/// the format, `export::gif::MAX_CELLS`).
pub const MAX_GIF_SIZE: (u16, u16) = (300, 100);

/// The longest `--hold` of the last frame of a recording.
pub const MAX_HOLD: Duration = Duration::from_secs(60 * 60);

/// The shortest `attach --duration`: less than this sees at most one update.
pub const MIN_ATTACH_DURATION: Duration = Duration::from_millis(100);

/// The longest `attach --duration`.
pub const MAX_ATTACH_DURATION: Duration = Duration::from_secs(24 * 60 * 60);

/// The speed a runner plays at for any `speed` it is handed: within
/// [`MIN_SPEED`]..=[`MAX_SPEED`], 1.0 for NaN. The command line rejects what is outside;
/// this keeps the runner's arithmetic safe whatever reaches it.
pub fn clamp_speed(speed: f64) -> f64 {
    if speed.is_nan() {
        1.0
    } else {
        speed.clamp(MIN_SPEED, MAX_SPEED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_speed_becomes_one_in_bounds() {
        for (given, played) in [
            (1.0, 1.0),
            (f64::NAN, 1.0),
            (0.0, MIN_SPEED),
            (-3.0, MIN_SPEED),
            (1e-20, MIN_SPEED),
            (f64::NEG_INFINITY, MIN_SPEED),
            (f64::INFINITY, MAX_SPEED),
            (1e300, MAX_SPEED),
            (0.25, 0.25),
        ] {
            assert_eq!(clamp_speed(given), played, "{given}");
        }
    }

    #[test]
    fn the_longest_step_at_the_slowest_speed_fits_a_duration() {
        let longest = MAX_STEP_DURATION.as_secs_f64() / MIN_SPEED;
        assert!(Duration::try_from_secs_f64(longest).is_ok());
        assert!(longest * 1e9 < u64::MAX as f64);
    }
}
