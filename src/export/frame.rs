//! A drawn frame (a ratatui [`Buffer`]) as plain text, as text with ANSI colours, or as a
//! standalone SVG image: the same pixels the dashboard shows, for a README or a slide.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};

use super::svg_cells::{self, Shape};

pub use super::colors::{Canvas, DARK_CANVAS, rgb};

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

/// The frame as a standalone SVG with real text, the frame's colours and a monospace font.
/// Block glyphs (full, shades, left eighths) are drawn as rectangles, so lanes have no
/// gaps whatever font the viewer has.
pub fn to_svg(buffer: &Buffer, canvas: Canvas) -> String {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let mut out = String::new();
    svg_cells::open_svg(&mut out, w, h, canvas);
    let _ = writeln!(
        out,
        "<g font-family=\"{}\" font-size=\"{}\" xml:space=\"preserve\">",
        svg_cells::FONT_FAMILY,
        svg_cells::FONT_SIZE
    );
    for y in 0..h {
        let shapes = svg_cells::row_shapes(buffer, y, canvas, None);
        for shape in shapes.iter().filter(|s| !matches!(s, Shape::Text { .. })) {
            svg_cells::write_shape(&mut out, shape);
        }
        for line in svg_cells::join_words(&shapes) {
            svg_cells::write_shape(&mut out, &line);
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

fn row(buffer: &Buffer, y: u16) -> impl Iterator<Item = &Cell> {
    let area = buffer.area;
    (area.x..area.x + area.width)
        .filter_map(move |x| buffer.cell((x, area.y + y)))
        .filter(|cell| !cell.symbol().is_empty())
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
