//! A drawn frame (a ratatui [`Buffer`]) as plain text, as text with ANSI colours, or as a
//! standalone SVG image: the same pixels the dashboard shows, for a README or a slide.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};

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

/// The frame as plain text: one line per row, trailing spaces removed.
pub fn to_plain(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let line: String = row(buffer, y).map(Cell::symbol).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The frame as text with ANSI SGR escapes (24-bit colours), for a terminal or `less -R`.
pub fn to_ansi(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut current = None;
        for cell in row(buffer, y) {
            let style = (cell.fg, cell.bg, cell.modifier);
            if current != Some(style) {
                out.push_str("\x1b[0");
                push_sgr_color(&mut out, cell.fg, 38);
                push_sgr_color(&mut out, cell.bg, 48);
                for (flag, code) in [
                    (Modifier::BOLD, "1"),
                    (Modifier::DIM, "2"),
                    (Modifier::ITALIC, "3"),
                    (Modifier::UNDERLINED, "4"),
                    (Modifier::REVERSED, "7"),
                ] {
                    if cell.modifier.contains(flag) {
                        let _ = write!(out, ";{code}");
                    }
                }
                out.push('m');
                current = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push_str("\x1b[0m\n");
    }
    out
}

fn push_sgr_color(out: &mut String, color: Color, base: u8) {
    if let Some((r, g, b)) = rgb(color) {
        let _ = write!(out, ";{base};2;{r};{g};{b}");
    }
}

/// Pixel size of one cell in the SVG (a 14 px monospace font).
const CELL_W: f32 = 8.4;
const CELL_H: f32 = 18.0;
const FONT_SIZE: f32 = 14.0;

/// The frame as a standalone SVG with real text, the frame's colours and a monospace font.
/// Block glyphs (full, shades, left eighths) are drawn as rectangles, so lanes have no
/// gaps whatever font the viewer has.
pub fn to_svg(buffer: &Buffer, canvas: Canvas) -> String {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let (pw, ph) = (f32::from(w) * CELL_W, f32::from(h) * CELL_H);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pw}\" height=\"{ph}\" viewBox=\"0 0 {pw} {ph}\">"
    );
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        canvas.bg
    );
    let _ = writeln!(
        out,
        "<g font-family=\"'DejaVu Sans Mono','Menlo','Consolas',monospace\" font-size=\"{FONT_SIZE}\" xml:space=\"preserve\">"
    );
    for y in 0..h {
        svg_row(buffer, y, canvas, &mut out);
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn svg_row(buffer: &Buffer, y: u16, canvas: Canvas, out: &mut String) {
    let top = f32::from(y) * CELL_H;
    let cells: Vec<&Cell> = row(buffer, y).collect();
    // Backgrounds, merged into runs of one colour.
    let mut x = 0;
    while x < cells.len() {
        let bg = cells[x].bg;
        let run = cells[x..].iter().take_while(|c| c.bg == bg).count();
        if let Some(fill) = hex(bg) {
            rect(out, x, run, top, 1.0, &fill, 1.0);
        }
        x += run;
    }
    // Block glyphs as rectangles; other text in runs of one style.
    let mut x = 0;
    while x < cells.len() {
        let cell = cells[x];
        let fill = hex(cell.fg).unwrap_or_else(|| canvas.fg.to_string());
        if let Some((width, opacity)) = block_shape(cell.symbol()) {
            // Whole-cell blocks of one colour are one rectangle: no seams between cells.
            let run = if width < 1.0 {
                1
            } else {
                cells[x..]
                    .iter()
                    .take_while(|c| c.symbol() == cell.symbol() && c.fg == cell.fg)
                    .count()
            };
            rect(out, x, run, top, width, &fill, opacity);
            x += run;
            continue;
        }
        let run = cells[x..]
            .iter()
            .take_while(|c| {
                (c.fg, c.modifier) == (cell.fg, cell.modifier) && block_shape(c.symbol()).is_none()
            })
            .count();
        let text: String = cells[x..x + run].iter().map(|c| c.symbol()).collect();
        if !text.trim().is_empty() {
            let weight = if cell.modifier.contains(Modifier::BOLD) {
                " font-weight=\"bold\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{fill}\"{weight} textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                x as f32 * CELL_W,
                top + CELL_H * 0.75,
                run as f32 * CELL_W,
                escape(&text)
            );
        }
        x += run;
    }
}

fn rect(out: &mut String, x: usize, cells: usize, top: f32, width: f32, fill: &str, opacity: f32) {
    let opacity = if opacity < 1.0 {
        format!(" fill-opacity=\"{opacity}\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.2}\" height=\"{CELL_H}\" fill=\"{fill}\"{opacity}/>",
        x as f32 * CELL_W,
        cells as f32 * CELL_W * width
    );
}

/// For a block glyph: the part of the cell it fills from the left, and its opacity.
fn block_shape(symbol: &str) -> Option<(f32, f32)> {
    let eighths = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];
    if let Some(i) = eighths.iter().position(|&e| e == symbol) {
        return Some(((i + 1) as f32 / 8.0, 1.0));
    }
    match symbol {
        "▓" => Some((1.0, 0.75)),
        "▒" => Some((1.0, 0.5)),
        "░" => Some((1.0, 0.25)),
        _ => None,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn row(buffer: &Buffer, y: u16) -> impl Iterator<Item = &Cell> {
    let area = buffer.area;
    (area.x..area.x + area.width)
        .filter_map(move |x| buffer.cell((x, area.y + y)))
        .filter(|cell| !cell.symbol().is_empty())
}

fn hex(color: Color) -> Option<String> {
    rgb(color).map(|(r, g, b)| format!("#{r:02x}{g:02x}{b:02x}"))
}

/// The RGB a colour stands for (a common xterm palette for the named ones); `None` for the
/// terminal's default.
pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    const BASE: [(u8, u8, u8); 16] = [
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
    let index = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some((r, g, b)),
        Color::Indexed(i) => return Some(indexed(i, &BASE)),
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
    Some(BASE[index])
}

/// The xterm 256-colour palette: 16 base colours, a 6x6x6 cube, 24 greys.
fn indexed(i: u8, base: &[(u8, u8, u8); 16]) -> (u8, u8, u8) {
    match i {
        0..=15 => base[usize::from(i)],
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn sample() -> Buffer {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 2));
        buffer.set_string(0, 0, "main <ok>", Style::default().fg(Color::Green));
        buffer.set_string(0, 1, "██▒▒░ & x", Style::default().fg(Color::Rgb(1, 2, 3)));
        buffer
    }

    #[test]
    fn plain_text_keeps_the_glyphs_and_trims_the_right() {
        assert_eq!(to_plain(&sample()), "main <ok>\n██▒▒░ & x\n");
    }

    #[test]
    fn ansi_sets_the_colours() {
        let ansi = to_ansi(&sample());
        assert!(
            ansi.contains("\x1b[0;38;2;13;188;121mmain <ok>"),
            "{ansi:?}"
        );
        assert!(ansi.contains("38;2;1;2;3"));
    }

    #[test]
    fn svg_escapes_text_and_draws_blocks_as_rectangles() {
        let svg = to_svg(&sample(), DARK_CANVAS);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("main &lt;ok&gt;"));
        assert!(svg.contains("&amp; x"));
        // ██ and ▒▒ are one rectangle each, ░ one more, and the text run.
        assert_eq!(svg.matches("fill=\"#010203\"").count(), 4, "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
