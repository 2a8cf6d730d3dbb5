//! What a drawn cell's colours are in RGB: the terminal's named and indexed colours (a
//! common xterm palette), the theme's canvas for the terminal's defaults, and the cell's
//! modifiers (reversed, dim) applied. Every image format (SVG, animated SVG, GIF) and the
//! cast's colour theme read colours from here, so they all agree.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// The colours a frame's "default" foreground and background stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Canvas {
    /// `#rrggbb` for [`Color::Reset`] as a foreground.
    pub fg: &'static str,
    /// `#rrggbb` for [`Color::Reset`] as a background.
    pub bg: &'static str,
}

/// Light text on a dark background, like most terminals.
pub const DARK_CANVAS: Canvas = Canvas {
    fg: "#d0d0d0",
    bg: "#1c1c1c",
};

impl Canvas {
    /// The default foreground in RGB (grey when the string is not `#rrggbb`).
    pub fn fg_rgb(self) -> Rgb {
        parse_hex(self.fg).unwrap_or((0xd0, 0xd0, 0xd0))
    }

    /// The default background in RGB (near black when the string is not `#rrggbb`).
    pub fn bg_rgb(self) -> Rgb {
        parse_hex(self.bg).unwrap_or((0x1c, 0x1c, 0x1c))
    }
}

fn parse_hex(hex: &str) -> Option<Rgb> {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// `#rrggbb`.
pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The 16 base colours (black, red, ..., white, then their bright forms): what the named
/// colours stand for, and the palette a cast's header gives its player.
pub const BASE16: [Rgb; 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x31, 0x31),
    (0x0d, 0xbc, 0x79),
    (0xe5, 0xe5, 0x10),
    (0x24, 0x72, 0xc8),
    (0xbc, 0x3f, 0xbc),
    (0x11, 0xa8, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x66, 0x66, 0x66),
    (0xf1, 0x4c, 0x4c),
    (0x23, 0xd1, 0x8b),
    (0xf5, 0xf5, 0x43),
    (0x3b, 0x8e, 0xea),
    (0xd6, 0x70, 0xd6),
    (0x29, 0xb8, 0xdb),
    (0xff, 0xff, 0xff),
];

/// The RGB a colour stands for; `None` for the terminal's default.
pub fn rgb(color: Color) -> Option<Rgb> {
    let index = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some((r, g, b)),
        Color::Indexed(i) => return Some(indexed(i)),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    Some(BASE16[index])
}

/// The xterm 256-colour palette: 16 base colours, a 6x6x6 cube, 24 greys.
fn indexed(i: u8) -> Rgb {
    match i {
        0..=15 => BASE16[usize::from(i)],
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    }
}

/// A cell's ink and paper as an image shows them: the canvas for the defaults, swapped when
/// the cell is reversed, the ink halfway to the paper when it is dim.
pub fn cell_colors(cell: &Cell, canvas: Canvas) -> (Rgb, Rgb) {
    let mut fg = rgb(cell.fg).unwrap_or_else(|| canvas.fg_rgb());
    let mut bg = rgb(cell.bg).unwrap_or_else(|| canvas.bg_rgb());
    if cell.modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    if cell.modifier.contains(Modifier::DIM) {
        fg = mix(bg, fg, 0.5);
    }
    (fg, bg)
}

/// `from` moved a `share` (0..=1) of the way to `to`.
pub fn mix(from: Rgb, to: Rgb, share: f32) -> Rgb {
    let channel = |a: u8, b: u8| {
        let v = f32::from(a) + (f32::from(b) - f32::from(a)) * share;
        v.round().clamp(0.0, 255.0) as u8
    };
    (
        channel(from.0, to.0),
        channel(from.1, to.1),
        channel(from.2, to.2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_indexed_and_default_colours() {
        assert_eq!(rgb(Color::LightGreen), Some((0x23, 0xd1, 0x8b)));
        assert_eq!(rgb(Color::Indexed(10)), rgb(Color::LightGreen));
        assert_eq!(rgb(Color::Indexed(238)), Some((0x44, 0x44, 0x44)));
        assert_eq!(rgb(Color::Indexed(196)), Some((0xff, 0, 0)));
        assert_eq!(rgb(Color::Reset), None);
        assert_eq!(DARK_CANVAS.bg_rgb(), (0x1c, 0x1c, 0x1c));
        assert_eq!(hex((1, 2, 255)), "#0102ff");
    }

    #[test]
    fn reversed_cells_swap_and_dim_ones_fade() {
        let mut cell = Cell::new("x");
        cell.fg = Color::Rgb(200, 0, 0);
        assert_eq!(cell_colors(&cell, DARK_CANVAS), ((200, 0, 0), (28, 28, 28)));
        cell.modifier = Modifier::REVERSED;
        assert_eq!(cell_colors(&cell, DARK_CANVAS), ((28, 28, 28), (200, 0, 0)));
        cell.modifier = Modifier::DIM;
        assert_eq!(cell_colors(&cell, DARK_CANVAS).0, (114, 14, 14));
    }
}
