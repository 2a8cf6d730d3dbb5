//! The GIF's one global palette: the colours the frames use (the theme's, a terminal frame
//! has few) and the shades between a cell's paper and ink that antialiased glyphs need,
//! added as they first appear. Index 0 is kept for "unchanged" (transparent) pixels.

use std::collections::HashMap;

use super::colors::{Rgb, mix};

/// Steps of coverage between paper (0) and ink (this many): enough for smooth text, few
/// enough that a theme's colour pairs fit in 256 colours.
pub const LEVELS: u32 = 8;

/// The index of pixels that keep the previous frame's colour.
pub const TRANSPARENT: u8 = 0;

/// Colours by index, found or added on demand; once 256 are in use, the nearest one.
pub struct Palette {
    colors: Vec<Rgb>,
    index: HashMap<Rgb, u8>,
    blends: HashMap<(Rgb, Rgb, u32), u8>,
}

impl Palette {
    /// A palette whose transparent entry shows `paper` where a viewer ignores transparency.
    pub fn new(paper: Rgb) -> Palette {
        Palette {
            colors: vec![paper],
            index: HashMap::new(),
            blends: HashMap::new(),
        }
    }

    /// The index of a pixel `coverage` (0..=255) of the way from `paper` to `ink`.
    pub fn blend(&mut self, ink: Rgb, paper: Rgb, coverage: u8) -> u8 {
        let level = (u32::from(coverage) * LEVELS + 127) / 255;
        let key = match level {
            0 => (paper, paper, 0),
            l if l == LEVELS => (ink, ink, LEVELS),
            l => (ink, paper, l),
        };
        if let Some(&i) = self.blends.get(&key) {
            return i;
        }
        let color = mix(key.1, key.0, level as f32 / LEVELS as f32);
        let i = self.color(color);
        self.blends.insert(key, i);
        i
    }

    /// The index of `color`: its own entry, a new one, or the nearest once the palette is full.
    pub fn color(&mut self, color: Rgb) -> u8 {
        if let Some(&i) = self.index.get(&color) {
            return i;
        }
        if self.colors.len() < 256 {
            let i = self.colors.len() as u8;
            self.colors.push(color);
            self.index.insert(color, i);
            return i;
        }
        let distance = |c: &Rgb| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
            d(c.0, color.0) + d(c.1, color.1) + d(c.2, color.2)
        };
        let nearest = (1..self.colors.len())
            .min_by_key(|&i| distance(&self.colors[i]))
            .expect("a full palette");
        nearest as u8
    }

    /// The palette as the GIF stores it: `r, g, b` for each index.
    pub fn bytes(&self) -> Vec<u8> {
        self.colors
            .iter()
            .flat_map(|&(r, g, b)| [r, g, b])
            .collect()
    }

    /// Entries in use, the transparent one included.
    pub fn len(&self) -> usize {
        self.colors.len()
    }

    /// Never: the transparent entry is always there.
    pub fn is_empty(&self) -> bool {
        self.colors.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blends_share_entries_and_a_full_palette_picks_the_nearest() {
        let mut palette = Palette::new((0, 0, 0));
        let (ink, paper) = ((255, 255, 255), (0, 0, 0));
        let white = palette.blend(ink, paper, 255);
        let black = palette.blend(ink, paper, 0);
        let grey = palette.blend(ink, paper, 128);
        assert_ne!(white, TRANSPARENT);
        assert_ne!(black, TRANSPARENT);
        assert_eq!(palette.bytes()[usize::from(grey) * 3], 128);
        assert_eq!(palette.blend(ink, paper, 130), grey, "one level");
        assert_eq!(palette.color((255, 255, 255)), white);
        for v in 0..=255u8 {
            palette.color((v, 7, 7));
        }
        assert_eq!(palette.len(), 256);
        let near = palette.color((250, 250, 250));
        assert_eq!(near, white);
    }
}
