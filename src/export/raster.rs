//! A drawn cell as pixels' coverage: block and box-drawing glyphs from their geometry
//! ([`super::cell_shapes`]), everything else from the embedded font, with bold (the glyph
//! widened by a pixel), italic (slanted) and underline drawn in. Each different cell look is
//! rasterized once.

use std::collections::HashMap;

use ratatui::buffer::Cell;
use ratatui::style::Modifier;

use super::cell_shapes::{self, CELL_H, CELL_W};
use super::font::{CELL_PIXELS, Font, Mask};
use super::svg_cells::BASELINE;

/// Turns cells into coverage masks, remembering each one.
pub struct Raster {
    font: Font,
    masks: HashMap<(String, u8), Mask>,
}

impl Default for Raster {
    fn default() -> Self {
        Raster {
            font: Font::embedded(),
            masks: HashMap::new(),
        }
    }
}

const BOLD: u8 = 1;
const ITALIC: u8 = 2;
const UNDERLINE: u8 = 4;

impl Raster {
    /// The coverage of `cell`'s glyph (its colours are the caller's).
    pub fn mask(&mut self, cell: &Cell) -> &Mask {
        let mut flags = 0;
        for (modifier, flag) in [
            (Modifier::BOLD, BOLD),
            (Modifier::ITALIC, ITALIC),
            (Modifier::UNDERLINED, UNDERLINE),
        ] {
            if cell.modifier.contains(modifier) {
                flags |= flag;
            }
        }
        let key = (cell.symbol().to_string(), flags);
        if !self.masks.contains_key(&key) {
            let mask = self.draw(cell.symbol(), flags);
            self.masks.insert(key.clone(), mask);
        }
        &self.masks[&key]
    }

    fn draw(&self, symbol: &str, flags: u8) -> Mask {
        let Some(c) = symbol.chars().next() else {
            return [0; CELL_PIXELS];
        };
        if let Some((bars, quarters)) = cell_shapes::drawn(c) {
            return bars_mask(&bars, quarters);
        }
        let mut mask = self.font.mask(c);
        if flags & BOLD != 0 {
            mask = widened(&mask);
        }
        if flags & ITALIC != 0 {
            mask = slanted(&mask);
        }
        if flags & UNDERLINE != 0 {
            let y = (BASELINE + 2).min(CELL_H - 1) as usize;
            for x in 0..CELL_W as usize {
                mask[y * CELL_W as usize + x] = 255;
            }
        }
        mask
    }
}

/// Rectangles with fractional edges: each pixel covered by the share of it they overlap,
/// times the glyph's opacity.
fn bars_mask(bars: &[cell_shapes::Bar], quarters: u8) -> Mask {
    let mut mask = [0; CELL_PIXELS];
    for y in 0..CELL_H as usize {
        for x in 0..CELL_W as usize {
            let (px, py) = (x as f32, y as f32);
            let area: f32 = bars
                .iter()
                .map(|b| {
                    let w = (b.x1.min(px + 1.0) - b.x0.max(px)).max(0.0);
                    let h = (b.y1.min(py + 1.0) - b.y0.max(py)).max(0.0);
                    w * h
                })
                .sum();
            let coverage = area.min(1.0) * f32::from(quarters) / 4.0;
            mask[y * CELL_W as usize + x] = (coverage * 255.0).round() as u8;
        }
    }
    mask
}

/// Synthetic bold: every pixel at least as covered as its left neighbour.
fn widened(mask: &Mask) -> Mask {
    let mut out = *mask;
    let w = CELL_W as usize;
    for y in 0..CELL_H as usize {
        for x in 1..w {
            out[y * w + x] = mask[y * w + x].max(mask[y * w + x - 1]);
        }
    }
    out
}

/// Synthetic italic: rows above the baseline shifted right, those below shifted left.
fn slanted(mask: &Mask) -> Mask {
    let mut out = [0; CELL_PIXELS];
    let w = CELL_W as i32;
    for y in 0..CELL_H as i32 {
        let shift = ((BASELINE as i32 - y) as f32 * 0.2).round() as i32;
        for x in 0..w {
            let from = x - shift;
            if (0..w).contains(&from) {
                out[(y * w + x) as usize] = mask[(y * w + from) as usize];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(mask: &Mask) -> u32 {
        mask.iter().map(|&c| u32::from(c)).sum()
    }

    #[test]
    fn blocks_shades_and_eighths_cover_their_share() {
        let mut raster = Raster::default();
        let full = total(raster.mask(&Cell::new("█")));
        assert_eq!(full, 255 * CELL_PIXELS as u32);
        let half = total(raster.mask(&Cell::new("▒")));
        assert_eq!(half, 128 * CELL_PIXELS as u32);
        // Three eighths of 9 px: 3.375 px of every row.
        let eighths = raster.mask(&Cell::new("▍"));
        assert_eq!(&eighths[..5], &[255, 255, 255, 96, 0]);
    }

    #[test]
    fn bold_has_more_ink_and_underline_draws_a_line() {
        let mut raster = Raster::default();
        let plain = total(raster.mask(&Cell::new("x")));
        let mut bold = Cell::new("x");
        bold.modifier = Modifier::BOLD;
        assert!(total(raster.mask(&bold)) > plain);
        let mut under = Cell::new(" ");
        under.modifier = Modifier::UNDERLINED;
        assert_eq!(total(raster.mask(&under)), 255 * CELL_W);
    }
}
