//! asciicast v2 recordings: frames drawn off-screen at a fixed size, each written as the
//! ANSI changes from the previous frame with its true timestamp, plus markers.
//!
//! ratatui's own diffing does the work: a [`Terminal`] with a fixed viewport over a
//! crossterm backend that writes into memory never asks a real terminal for anything.

use std::cell::RefCell;
use std::io;
use std::rc::Rc;
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use serde_json::json;

/// The bytes a frame's drawing wrote: shared between the backend and the writer.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Builds an asciicast v2 file frame by frame.
pub struct CastWriter {
    terminal: Terminal<CrosstermBackend<Sink>>,
    sink: Sink,
    previous: Option<ratatui::buffer::Buffer>,
    width: u16,
    height: u16,
    lines: Vec<String>,
    last_s: f64,
}

impl CastWriter {
    /// A recording of a `width` x `height` terminal.
    pub fn new(width: u16, height: u16) -> io::Result<Self> {
        let sink = Sink::default();
        let backend = CrosstermBackend::new(sink.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let terminal = Terminal::with_options(backend, TerminalOptions { viewport })?;
        Ok(CastWriter {
            terminal,
            sink,
            previous: None,
            width,
            height,
            lines: Vec::new(),
            last_s: 0.0,
        })
    }

    /// Draws a frame at time `at` since the recording began; writes what changed.
    pub fn frame(&mut self, at: Duration, draw: impl FnOnce(&mut Frame)) -> io::Result<()> {
        let drawn = self.terminal.draw(draw)?.buffer.clone();
        let bytes = std::mem::take(&mut *self.sink.0.borrow_mut());
        // A frame identical to the last one only re-sends style resets: leave it out.
        let changed = self.previous.as_ref() != Some(&drawn);
        self.previous = Some(drawn);
        if changed && !bytes.is_empty() {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.push(at, "o", &text);
        }
        Ok(())
    }

    /// Adds a marker (asciinema players list them as chapters) at time `at`.
    pub fn marker(&mut self, at: Duration, label: &str) {
        self.push(at, "m", label);
    }

    fn push(&mut self, at: Duration, kind: &str, data: &str) {
        // Timestamps never decrease, whatever order the caller's clocks gave.
        let s = at.as_secs_f64().max(self.last_s);
        self.last_s = s;
        self.lines.push(json!([round(s), kind, data]).to_string());
    }

    /// The whole file: the header line, then one event per line.
    pub fn finish(self, title: &str) -> String {
        let unix = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let header = json!({
            "version": 2,
            "width": self.width,
            "height": self.height,
            "timestamp": unix,
            "title": title,
            "env": { "TERM": "xterm-256color", "SHELL": "/bin/sh" },
        });
        let mut out = header.to_string();
        out.push('\n');
        for line in self.lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// Microsecond precision is plenty, and keeps the file small.
fn round(s: f64) -> f64 {
    (s * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Paragraph;

    #[test]
    fn frames_are_diffs_with_increasing_times_and_markers() {
        let mut cast = CastWriter::new(20, 3).unwrap();
        let at = Duration::from_millis;
        let text =
            |t: &'static str| move |f: &mut Frame| f.render_widget(Paragraph::new(t), f.area());
        cast.frame(at(0), text("hello")).unwrap();
        cast.marker(at(50), "blocked");
        cast.frame(at(100), text("hello")).unwrap();
        cast.frame(at(200), text("help!")).unwrap();
        cast.marker(at(150), "late");
        let file = cast.finish("test");
        let lines: Vec<serde_json::Value> = file
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["version"], 2);
        assert_eq!(
            (lines[0]["width"].as_u64(), lines[0]["height"].as_u64()),
            (Some(20), Some(3))
        );
        let events = &lines[1..];
        // The unchanged frame at 100 ms wrote nothing; a marker never goes back in time.
        assert_eq!(events.len(), 4, "{events:?}");
        assert_eq!(events[1], json!([0.05, "m", "blocked"]));
        assert_eq!(events[3], json!([0.2, "m", "late"]));
        assert!(events[0][2].as_str().unwrap().contains("hello"));
        let last = events[2][2].as_str().unwrap();
        assert!(last.contains("p!") && !last.contains("hel"), "{last:?}");
    }
}
