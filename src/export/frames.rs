//! A recording is a sequence of drawn frames (ratatui [`Buffer`]s), each on screen from its
//! time until the next one. The record loop draws each frame once and hands it to the
//! encoder that `--out` picks: a cast, an animated SVG or a GIF. None of them knows how the
//! frames were drawn.

use std::io;
use std::time::Duration;

use ratatui::buffer::Buffer;

/// Turns frames, one at a time, into a file. `Send`, so a recording may be encoded on
/// another thread than the one that draws.
pub trait FrameEncoder: Send {
    /// `frame` is on screen from `at` (since the recording began) until the next frame.
    /// Times that go back are taken as the last time; a frame of another size is an error.
    fn frame(&mut self, at: Duration, frame: &Buffer) -> io::Result<()>;

    /// A chapter mark at `at` (players list them); formats without chapters ignore it.
    fn marker(&mut self, at: Duration, label: &str);

    /// Ends the recording at `end`, the last frame held until then: the file's bytes.
    fn finish(self: Box<Self>, end: Duration) -> io::Result<Vec<u8>>;
}

/// Times that never go back: what each encoder stamps its frames with.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock(Duration);

impl Clock {
    /// `at`, or the latest time seen if `at` is earlier.
    pub fn stamp(&mut self, at: Duration) -> Duration {
        self.0 = self.0.max(at);
        self.0
    }

    /// The latest time seen.
    pub fn now(self) -> Duration {
        self.0
    }
}

/// An error unless `frame` is `width` x `height`.
pub fn check_size(frame: &Buffer, width: u16, height: u16) -> io::Result<()> {
    let area = frame.area;
    if (area.width, area.height) == (width, height) {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a {}x{} frame in a {width}x{height} recording",
                area.width, area.height
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn the_clock_never_goes_back_and_sizes_are_checked() {
        let mut clock = Clock::default();
        assert_eq!(
            clock.stamp(Duration::from_millis(5)),
            Duration::from_millis(5)
        );
        assert_eq!(
            clock.stamp(Duration::from_millis(2)),
            Duration::from_millis(5)
        );
        let frame = Buffer::empty(Rect::new(0, 0, 4, 2));
        assert!(check_size(&frame, 4, 2).is_ok());
        let error = check_size(&frame, 5, 2).unwrap_err();
        assert_eq!(error.to_string(), "a 4x2 frame in a 5x2 recording");
    }
}
