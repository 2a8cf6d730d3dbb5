//! asciicast recordings (asciinema's format): v3 by default, v2 for older players. Each
//! frame is written as the ANSI changes from the previous one (ratatui's own diff, written
//! by its crossterm backend) with its true time, plus markers (chapters).
//!
//! A cast plays clean from any screen: the first frame hides the cursor, resets the
//! attributes, clears the screen and draws every cell; the last event resets the
//! attributes, puts the cursor on the line below the picture and shows it again.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use serde_json::{Value, json};

use super::colors::{BASE16, Canvas, hex};
use super::frames::{Clock, FrameEncoder, check_size};

/// Which asciicast format to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CastVersion {
    /// asciicast v2 (asciinema 2.x): absolute times, `width` and `height` in the header.
    V2,
    /// asciicast v3 (asciinema 3.x): intervals since the previous event, `term` in the header.
    #[default]
    V3,
}

impl CastVersion {
    /// The version with this number (`--cast-version 2`), if it is one we write.
    pub fn from_number(number: u8) -> Option<CastVersion> {
        match number {
            2 => Some(CastVersion::V2),
            3 => Some(CastVersion::V3),
            _ => None,
        }
    }
}

/// Before the first frame: cursor hidden, attributes reset, screen cleared, cursor home.
const START: &str = "\x1b[?25l\x1b[0m\x1b[2J\x1b[H";

/// The bytes the backend wrote for a frame, shared between the backend and the cast.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut buffer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An asciicast file, built frame by frame.
pub struct Cast {
    width: u16,
    height: u16,
    version: CastVersion,
    title: Option<String>,
    theme: Option<Canvas>,
    backend: CrosstermBackend<Sink>,
    sink: Sink,
    previous: Option<Buffer>,
    /// (microseconds since the start, code, data), in the order written.
    events: Vec<(u64, &'static str, String)>,
    clock: Clock,
}

impl Cast {
    /// A `width` x `height` recording in `version`'s format.
    pub fn new(width: u16, height: u16, version: CastVersion) -> Cast {
        let sink = Sink::default();
        Cast {
            backend: CrosstermBackend::new(sink.clone()),
            sink,
            width,
            height,
            version,
            title: None,
            theme: None,
            previous: None,
            events: Vec::new(),
            clock: Clock::default(),
        }
    }

    /// The title players show.
    pub fn title(mut self, title: impl Into<String>) -> Cast {
        self.title = Some(title.into());
        self
    }

    /// The colours a player should give the terminal's defaults and its 16 base colours:
    /// the ones the images use, so a cast looks like them.
    pub fn theme(mut self, canvas: Canvas) -> Cast {
        self.theme = Some(canvas);
        self
    }

    fn push(&mut self, at: Duration, code: &'static str, data: String) {
        let micros = u64::try_from(at.as_micros()).unwrap_or(u64::MAX);
        self.events.push((micros, code, data));
    }

    fn header(&self) -> Value {
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let theme = self.theme.map(|canvas| {
            let palette: Vec<String> = BASE16.iter().map(|&c| hex(c)).collect();
            json!({ "fg": canvas.fg, "bg": canvas.bg, "palette": palette.join(":") })
        });
        let mut header = match self.version {
            CastVersion::V2 => json!({
                "version": 2,
                "width": self.width,
                "height": self.height,
                "timestamp": unix,
                "env": { "TERM": "xterm-256color" },
            }),
            CastVersion::V3 => {
                let mut term = json!({
                    "cols": self.width,
                    "rows": self.height,
                    "type": "xterm-256color",
                });
                if let Some(theme) = &theme {
                    term["theme"] = theme.clone();
                }
                json!({ "version": 3, "term": term, "timestamp": unix })
            }
        };
        if let Some(title) = &self.title {
            header["title"] = json!(title);
        }
        if let (CastVersion::V2, Some(theme)) = (self.version, theme) {
            header["theme"] = theme;
        }
        header
    }
}

impl FrameEncoder for Cast {
    fn frame(&mut self, at: Duration, frame: &Buffer) -> io::Result<()> {
        check_size(frame, self.width, self.height)?;
        let at = self.clock.stamp(at);
        if self.previous.as_ref() == Some(frame) {
            return Ok(());
        }
        let mut output = String::new();
        match &self.previous {
            Some(previous) => self.backend.draw(previous.diff(frame).into_iter())?,
            None => {
                output.push_str(START);
                // Against a screen where no cell matches (each one's hidden flag flipped),
                // the diff is every cell, with ratatui's handling of wide characters.
                let mut nothing = frame.clone();
                for cell in &mut nothing.content {
                    cell.modifier.toggle(Modifier::HIDDEN);
                }
                self.backend.draw(nothing.diff(frame).into_iter())?;
            }
        }
        let bytes =
            std::mem::take(&mut *self.sink.0.lock().unwrap_or_else(PoisonError::into_inner));
        output.push_str(&String::from_utf8_lossy(&bytes));
        self.previous = Some(frame.clone());
        self.push(at, "o", output);
        Ok(())
    }

    fn marker(&mut self, at: Duration, label: &str) {
        self.push(at, "m", label.to_string());
    }

    fn finish(mut self: Box<Self>, end: Duration) -> io::Result<Vec<u8>> {
        let end = self.clock.stamp(end);
        let below = u32::from(self.height) + 1;
        // A cursor position past the last row stops at the last row: a player of the
        // recording's own size keeps the whole picture, a taller terminal gets the prompt
        // on the line below it.
        self.push(end, "o", format!("\x1b[0m\x1b[{below};1H\x1b[?25h"));
        let end_micros = u64::try_from(end.as_micros()).unwrap_or(u64::MAX);
        let mut events = std::mem::take(&mut self.events);
        for event in &mut events {
            event.0 = event.0.min(end_micros);
        }
        // Markers keep the time they were given: in their place among the frames.
        events.sort_by_key(|event| event.0);
        let mut out = self.header().to_string();
        out.push('\n');
        let mut last = 0;
        for (micros, code, data) in events {
            let time = match self.version {
                CastVersion::V2 => micros,
                CastVersion::V3 => micros - last,
            };
            last = micros;
            out.push_str(&json!([seconds(time), code, data]).to_string());
            out.push('\n');
        }
        Ok(out.into_bytes())
    }
}

/// Microseconds as seconds for JSON (1.5 s is `1.5`, 33 µs is `3.3e-5`).
fn seconds(micros: u64) -> f64 {
    micros as f64 / 1e6
}
