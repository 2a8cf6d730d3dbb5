//! Built-ins recorded by `taskscope record` as v3 casts, for the tests and the media
//! example.

#![allow(dead_code)] // each user takes what it needs

use std::sync::Arc;
use std::time::Duration;

use taskscope::cli::{Look, Size, record};
use taskscope::export::cast::CastVersion;
use taskscope::export::colors::DARK_CANVAS;
use taskscope::export::media::MediaFormat;
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
    let look = Look {
        size: Size { width, height },
        theme,
        canvas: DARK_CANVAS,
        format: MediaFormat::Cast(CastVersion::V3),
        hold,
    };
    let timeout = Duration::from_secs(60);
    let source = taskscope::start::start(scenario.clone(), Default::default(), options);
    let recording = record(scenario, source, &look, timeout).expect("record");
    assert!(!recording.timed_out, "{name} timed out");
    String::from_utf8(recording.bytes).expect("a cast is UTF-8")
}
