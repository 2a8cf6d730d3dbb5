//! Built-ins recorded by `taskscope record` as it is today (a v3 cast), for the tests and
//! the media example.

#![allow(dead_code)] // each user takes what it needs

use std::sync::Arc;
use std::time::Duration;

use taskscope::cli::{Size, record};
use taskscope::runner::RunOptions;
use taskscope::scenario::builtin;
use taskscope::ui::Theme;

/// The cast of built-in `name` run at `speed`, drawn at `width` x `height` in `theme`, its
/// last frame held for `hold`.
pub fn record_builtin(
    name: &str,
    (width, height): (u16, u16),
    speed: f64,
    hold: Duration,
    theme: Theme,
) -> String {
    let scenario = Arc::new(builtin(name).expect("a built-in"));
    let options = RunOptions {
        speed,
        ..RunOptions::default()
    };
    let size = Size { width, height };
    let timeout = Duration::from_secs(60);
    let (cast, timed_out) = record(scenario, options, size, theme, hold, timeout).expect("record");
    assert!(!timed_out, "{name} timed out");
    cast
}
