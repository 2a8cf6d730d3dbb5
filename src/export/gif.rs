//! An animated GIF of a recording, for slides and chat: the frames drawn with the embedded
//! font ([`super::raster`]) on one global palette ([`super::palette`]), looping.
//!
//! A GIF needs no 30 frames a second: a frame that comes less than [`MIN_INTERVAL`] after
//! the last one kept replaces it (what it shows is newer, its time stays), identical frames
//! are merged, and each frame stores only the box of pixels that changed, the unchanged ones
//! inside it transparent. Frames are compressed as they come; the palette is written at the
//! end, once every colour is known.

use std::io;
use std::time::Duration;

use ::gif::{DisposalMethod, Encoder, Frame, Repeat};
use ratatui::buffer::Buffer;

use super::cell_shapes::{CELL_H, CELL_W};
use super::colors::{Canvas, cell_colors};
use super::frames::{Clock, FrameEncoder, check_size};
use super::palette::{Palette, TRANSPARENT};
use super::raster::Raster;

/// The shortest time a GIF frame stays: at most about 16 frames a second.
pub const MIN_INTERVAL: Duration = Duration::from_millis(60);

/// The most cells a GIF can hold across and down (its pixel size is a 16-bit number).
pub const MAX_CELLS: (u16, u16) = (
    (u16::MAX as u32 / CELL_W) as u16,
    (u16::MAX as u32 / CELL_H) as u16,
);

/// Builds an animated GIF frame by frame.
pub struct Gif {
    width: u16,
    height: u16,
    canvas: Canvas,
    raster: Raster,
    palette: Palette,
    clock: Clock,
    /// The latest frame, not yet drawn: a frame soon after it replaces it.
    pending: Option<(Duration, Buffer)>,
    /// The last frame drawn, and its pixels (palette indices).
    shown: Option<Buffer>,
    pixels: Vec<u8>,
    /// Compressed frames with the time each one starts.
    frames: Vec<(Duration, Frame<'static>)>,
}

impl Gif {
    /// A GIF of `width` x `height` cells; the terminal's defaults are `canvas`.
    pub fn new(width: u16, height: u16, canvas: Canvas) -> Gif {
        Gif {
            width,
            height,
            canvas,
            raster: Raster::default(),
            palette: Palette::new(canvas.bg_rgb()),
            clock: Clock::default(),
            pending: None,
            shown: None,
            pixels: Vec::new(),
            frames: Vec::new(),
        }
    }

    fn pixel_size(&self) -> (usize, usize) {
        (
            usize::from(self.width) * CELL_W as usize,
            usize::from(self.height) * CELL_H as usize,
        )
    }

    /// Draws the cells of `frame` that changed and keeps the box of pixels that did.
    fn draw(&mut self, at: Duration, frame: Buffer) {
        if self.shown.as_ref() == Some(&frame) {
            return;
        }
        let (pw, ph) = self.pixel_size();
        let mut next = if self.pixels.is_empty() {
            vec![TRANSPARENT; pw * ph]
        } else {
            self.pixels.clone()
        };
        let (cw, ch) = (CELL_W as usize, CELL_H as usize);
        for (i, cell) in frame.content.iter().enumerate() {
            if self.shown.as_ref().is_some_and(|s| s.content[i] == *cell) {
                continue;
            }
            let (x, y) = (i % usize::from(self.width), i / usize::from(self.width));
            let (ink, paper) = cell_colors(cell, self.canvas);
            let mask = self.raster.mask(cell);
            for (j, &coverage) in mask.iter().enumerate() {
                let (px, py) = (x * cw + j % cw, y * ch + j / cw);
                next[py * pw + px] = self.palette.blend(ink, paper, coverage);
            }
        }
        let stored = if self.pixels.is_empty() {
            let mut full = Frame::from_indexed_pixels(pw as u16, ph as u16, next.clone(), None);
            full.dispose = DisposalMethod::Keep;
            Some(full)
        } else {
            changed_box(&self.pixels, &next, pw)
        };
        if let Some(mut stored) = stored {
            stored.make_lzw_pre_encoded();
            self.frames.push((at, stored));
        }
        self.pixels = next;
        self.shown = Some(frame);
    }
}

/// The smallest box holding every pixel that differs, the others in it transparent; `None`
/// when nothing does.
fn changed_box(before: &[u8], after: &[u8], width: usize) -> Option<Frame<'static>> {
    let mut bounds: Option<(usize, usize, usize, usize)> = None;
    for (i, (a, b)) in before.iter().zip(after).enumerate() {
        if a != b {
            let (x, y) = (i % width, i / width);
            let (x0, y0, x1, y1) = bounds.unwrap_or((x, y, x, y));
            bounds = Some((x0.min(x), y0.min(y), x1.max(x), y1.max(y)));
        }
    }
    let (x0, y0, x1, y1) = bounds?;
    let mut pixels = Vec::with_capacity((x1 - x0 + 1) * (y1 - y0 + 1));
    for y in y0..=y1 {
        for x in x0..=x1 {
            let i = y * width + x;
            pixels.push(if before[i] == after[i] {
                TRANSPARENT
            } else {
                after[i]
            });
        }
    }
    let (w, h) = ((x1 - x0 + 1) as u16, (y1 - y0 + 1) as u16);
    let mut frame = Frame::from_indexed_pixels(w, h, pixels, Some(TRANSPARENT));
    frame.left = x0 as u16;
    frame.top = y0 as u16;
    frame.dispose = DisposalMethod::Keep;
    Some(frame)
}

impl FrameEncoder for Gif {
    fn frame(&mut self, at: Duration, frame: &Buffer) -> io::Result<()> {
        check_size(frame, self.width, self.height)?;
        if self.width > MAX_CELLS.0 || self.height > MAX_CELLS.1 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("a GIF holds at most {}x{} cells", MAX_CELLS.0, MAX_CELLS.1),
            ));
        }
        let at = self.clock.stamp(at);
        match &mut self.pending {
            Some((_, pending)) if pending == frame => {}
            Some((time, pending)) if at.saturating_sub(*time) < MIN_INTERVAL => {
                pending.clone_from(frame);
            }
            _ => {
                if let Some((time, pending)) = self.pending.take() {
                    self.draw(time, pending);
                }
                self.pending = Some((at, frame.clone()));
            }
        }
        Ok(())
    }

    fn marker(&mut self, _at: Duration, _label: &str) {}

    fn finish(mut self: Box<Self>, end: Duration) -> io::Result<Vec<u8>> {
        let end = self.clock.stamp(end);
        if let Some((time, pending)) = self.pending.take() {
            self.draw(time, pending);
        }
        let (pw, ph) = self.pixel_size();
        let fail = |e: ::gif::EncodingError| io::Error::other(e.to_string());
        let mut encoder =
            Encoder::new(Vec::new(), pw as u16, ph as u16, &self.palette.bytes()).map_err(fail)?;
        encoder.set_repeat(Repeat::Infinite).map_err(fail)?;
        let start = self.frames.first().map_or(Duration::ZERO, |f| f.0);
        // Delays in hundredths of a second, from rounded start times: no drift.
        let hundredths = |t: Duration| (t.saturating_sub(start).as_millis() / 10) as u64;
        let starts: Vec<u64> = self.frames.iter().map(|f| hundredths(f.0)).collect();
        for (i, (_, frame)) in self.frames.iter_mut().enumerate() {
            let next = starts.get(i + 1).copied().unwrap_or(hundredths(end));
            let delay = next.saturating_sub(starts[i]).clamp(2, u64::from(u16::MAX));
            frame.delay = delay as u16;
            encoder.write_lzw_pre_encoded_frame(frame).map_err(fail)?;
        }
        encoder.into_inner().map_err(fail)
    }
}
