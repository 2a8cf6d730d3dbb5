//! The monospace font embedded in the binary (DejaVu Sans Mono, `assets/`, its license
//! beside it), so a GIF needs no system fonts: each glyph rasterized once into a cell's
//! coverage mask.

use ab_glyph::{Font as _, FontRef, GlyphId, PxScale, ScaleFont as _, point};

use super::cell_shapes::{CELL_H, CELL_W};
use super::svg_cells::{BASELINE, FONT_SIZE};

/// DejaVu Sans Mono 2.37 (Bitstream Vera license: free to embed and redistribute).
static DEJAVU_SANS_MONO: &[u8] = include_bytes!("../../assets/DejaVuSansMono.ttf");

/// Pixels in a cell.
pub const CELL_PIXELS: usize = (CELL_W * CELL_H) as usize;

/// How much of each pixel of a cell a glyph covers (0 none, 255 all), row by row.
pub type Mask = [u8; CELL_PIXELS];

/// The embedded font, at the images' size.
pub struct Font {
    font: FontRef<'static>,
    scale: PxScale,
}

impl Font {
    /// The embedded font, ready to draw.
    pub fn embedded() -> Font {
        let font = FontRef::try_from_slice(DEJAVU_SANS_MONO).expect("the embedded font parses");
        // ab_glyph scales by the font's height; we want FONT_SIZE pixels to the em.
        let em = font.units_per_em().unwrap_or(2048.0);
        let size = FONT_SIZE as f32 * font.height_unscaled() / em;
        Font {
            font,
            scale: PxScale::from(size),
        }
    }

    /// Whether the font has a glyph for `c` (else it draws its "missing" box).
    pub fn covers(&self, c: char) -> bool {
        self.font.glyph_id(c) != GlyphId(0)
    }

    /// `c` drawn into a cell: centred on the cell's width, on the images' baseline, cut at
    /// the cell's edges.
    pub fn mask(&self, c: char) -> Mask {
        let mut mask = [0; CELL_PIXELS];
        let id = self.font.glyph_id(c);
        let advance = self.font.as_scaled(self.scale).h_advance(id);
        let x = (CELL_W as f32 - advance) / 2.0;
        let glyph = id.with_scale_and_position(self.scale, point(x, BASELINE as f32));
        let Some(outline) = self.font.outline_glyph(glyph) else {
            return mask; // a blank
        };
        let bounds = outline.px_bounds();
        outline.draw(|px, py, coverage| {
            let x = bounds.min.x as i32 + px as i32;
            let y = bounds.min.y as i32 + py as i32;
            if (0..CELL_W as i32).contains(&x) && (0..CELL_H as i32).contains(&y) {
                let i = y as usize * CELL_W as usize + x as usize;
                mask[i] = mask[i].max((coverage.clamp(0.0, 1.0) * 255.0).round() as u8);
            }
        });
        mask
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(mask: &Mask) -> u32 {
        mask.iter().map(|&c| u32::from(c)).sum()
    }

    #[test]
    fn letters_have_ink_where_letters_are() {
        let font = Font::embedded();
        assert_eq!(ink(&font.mask(' ')), 0);
        let l = font.mask('l');
        assert!(ink(&l) > 255 * 8, "{l:?}");
        // `l` rises above the baseline and stays in the middle of the cell.
        let column = |x: usize| {
            (0..CELL_H as usize)
                .map(|y| u32::from(l[y * 9 + x]))
                .sum::<u32>()
        };
        assert!(column(4) > column(0) && column(4) > column(8));
        let below = (BASELINE as usize + 1..CELL_H as usize)
            .map(|y| (0..9).map(|x| u32::from(l[y * 9 + x])).sum::<u32>())
            .sum::<u32>();
        assert_eq!(below, 0, "nothing of `l` below the baseline");
    }

    #[test]
    fn the_font_covers_what_the_dashboard_draws() {
        let font = Font::embedded();
        for c in "✓✗‼⊘○⚠◔≈●■»→←↑↓·…│─┃┬┌⏎␣µ×▶◀▼≥".chars()
        {
            assert!(font.covers(c), "{c} is missing");
        }
        assert!(!font.covers('\u{10FFFF}'));
    }
}
