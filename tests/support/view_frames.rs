//! Frames the run view really draws, for the tests of the media encoders (cast, GIF, SVG):
//! blocking-freeze's finished timeline at 100x30 in the plain dark theme, the time cursor
//! where each test wants it.

#![allow(dead_code)] // each user takes what it needs

use std::sync::Arc;
use std::time::Duration;

use ratatui::buffer::Buffer;
use taskscope::cli::{Size, render};
use taskscope::scenario::builtin;
use taskscope::testkit;
use taskscope::ui::Theme;

/// The frames' columns.
pub const W: u16 = 100;
/// The frames' rows.
pub const H: u16 = 30;

/// One frame per `(ms, cursor)`: at `ms` milliseconds into the file, the run view with its
/// time cursor `cursor` ns into the run (None: no cursor).
pub fn view_frames(times: &[(u64, Option<u64>)]) -> Vec<(Duration, Buffer)> {
    let scenario = Arc::new(builtin("blocking-freeze").unwrap());
    let run = testkit::blocking_freeze();
    let size = Size {
        width: W,
        height: H,
    };
    let draw = |at| render(&scenario, &run, size, Theme::plain(true), at);
    let frame = |&(ms, at): &(u64, Option<u64>)| (Duration::from_millis(ms), draw(at));
    times.iter().map(frame).collect()
}
