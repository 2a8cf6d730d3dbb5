//! Reads an asciicast (v2 or v3) back into the frames a terminal showed: each output event
//! is played through a terminal emulator (vt100) and the screen is taken as a ratatui
//! `Buffer`, with the event's time. Tests and the media example use it to get the frames of
//! a real `taskscope record` run.

#![allow(dead_code)] // each user takes what it needs

use std::num::NonZeroU16;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use serde_json::Value;
use taskscope::export::frames::FrameEncoder;

/// A recording read back: its size, its frames with their times, its markers, its end.
pub struct Replayed {
    pub width: u16,
    pub height: u16,
    pub frames: Vec<(Duration, Buffer)>,
    pub markers: Vec<(Duration, String)>,
    pub end: Duration,
    /// The emulator after the last event (cursor, attributes), on a screen of the cast's size.
    pub parser: vt100::Parser,
}

impl Replayed {
    /// The same frames and markers through `encoder`: the file it writes.
    pub fn encode(&self, mut encoder: Box<dyn FrameEncoder>) -> Vec<u8> {
        for (at, frame) in &self.frames {
            encoder.frame(*at, frame).expect("a frame");
        }
        for (at, label) in &self.markers {
            encoder.marker(*at, label);
        }
        encoder.finish(self.end).expect("the file")
    }
}

/// Plays `cast` on a terminal of its own size.
pub fn replay(cast: &str) -> Replayed {
    let mut lines = cast.lines().filter(|l| !l.starts_with('#'));
    let header: Value = serde_json::from_str(lines.next().expect("a header")).expect("JSON");
    let version = header["version"].as_u64().expect("a version");
    let (width, height) = match version {
        2 => (&header["width"], &header["height"]),
        3 => (&header["term"]["cols"], &header["term"]["rows"]),
        v => panic!("asciicast version {v}"),
    };
    let width = u16::try_from(width.as_u64().expect("a width")).unwrap();
    let height = u16::try_from(height.as_u64().expect("a height")).unwrap();
    let nz = |n: u16| NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(nz(height), nz(width), 0);
    let mut replayed = Replayed {
        width,
        height,
        frames: Vec::new(),
        markers: Vec::new(),
        end: Duration::ZERO,
        parser: vt100::Parser::new(nz(1), nz(1), 0),
    };
    let mut clock = 0.0_f64;
    for line in lines {
        let event: Value = serde_json::from_str(line).expect("an event");
        let t = event[0].as_f64().expect("a time");
        clock = if version == 3 { clock + t } else { t };
        let at = Duration::from_secs_f64(clock);
        let data = event[2].as_str().expect("data");
        match event[1].as_str().expect("a code") {
            "o" => {
                parser.process(data.as_bytes());
                replayed.frames.push((at, screen_buffer(parser.screen())));
            }
            "m" => replayed.markers.push((at, data.to_string())),
            code => panic!("event code {code:?}"),
        }
        replayed.end = at;
    }
    replayed.parser = parser;
    replayed
}

/// The emulator's screen as a ratatui buffer.
pub fn screen_buffer(screen: &vt100::Screen) -> Buffer {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let mut buffer = Buffer::empty(Rect::new(0, 0, cols, rows));
    for y in 0..rows {
        for x in 0..cols {
            let Some(cell) = screen.cell(y, x) else {
                continue;
            };
            let target = &mut buffer[(x, y)];
            if cell.is_wide_continuation() {
                target.set_symbol("");
                continue;
            }
            let text = cell.contents();
            target.set_symbol(if text.is_empty() { " " } else { text });
            target.fg = color(cell.fgcolor());
            target.bg = color(cell.bgcolor());
            let mut modifier = Modifier::empty();
            for (on, flag) in [
                (cell.bold(), Modifier::BOLD),
                (cell.dim(), Modifier::DIM),
                (cell.italic(), Modifier::ITALIC),
                (cell.underline(), Modifier::UNDERLINED),
                (cell.inverse(), Modifier::REVERSED),
            ] {
                if on {
                    modifier |= flag;
                }
            }
            target.modifier = modifier;
        }
    }
    buffer
}

fn color(color: vt100::Color) -> Color {
    match color {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) => Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}
