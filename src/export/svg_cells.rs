//! A drawn row as SVG shapes: backgrounds, block and box-drawing glyphs as rectangles (see
//! [`super::cell_shapes`]: no gaps whatever font the viewer has), other text in runs of one
//! style. The one-frame SVG writes them as they are; the animated SVG keeps each shape
//! while it stays on screen.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;

use super::cell_shapes::{CELL_H, CELL_W, drawn};
use super::colors::{Canvas, Rgb, cell_colors, hex};
use super::svg_geometry::{drawn_path, opacity, paper_rect, rects_path};

/// The font size in pixels.
pub const FONT_SIZE: u32 = 15;
/// Where the text's baseline sits below the cell's top, in pixels.
pub const BASELINE: u32 = 14;
/// Monospace fonts, the one the GIF embeds first.
pub const FONT_FAMILY: &str = "'DejaVu Sans Mono',Menlo,Consolas,'Liberation Mono',monospace";

/// One piece of a row.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A cell background other than the canvas's: cells `x .. x + cells` of row `y`.
    Paper {
        /// First cell.
        x: u16,
        /// Row.
        y: u16,
        /// Width in cells.
        cells: u16,
        /// Colour.
        fill: Rgb,
    },
    /// Glyphs drawn as rectangles (blocks, lines), one colour and opacity, from cell `x`.
    Drawn {
        /// First cell.
        x: u16,
        /// Row.
        y: u16,
        /// Colour.
        fill: Rgb,
        /// Opacity in quarters (4 = opaque; the shade glyphs are 3, 2 and 1).
        quarters: u8,
        /// The glyphs, one a cell.
        glyphs: String,
    },
    /// Text from cell `x` of row `y`, `cells` wide, in one style.
    Text {
        /// First cell.
        x: u16,
        /// Row.
        y: u16,
        /// Width in cells.
        cells: u16,
        /// Colour.
        fill: Rgb,
        /// Bold, italic, underlined.
        style: TextStyle,
        /// The characters.
        text: String,
    },
}

/// The modifiers an image shows on text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextStyle {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
}

impl TextStyle {
    /// The style of a cell.
    pub fn of(cell: &Cell) -> TextStyle {
        TextStyle {
            bold: cell.modifier.contains(Modifier::BOLD),
            italic: cell.modifier.contains(Modifier::ITALIC),
            underline: cell.modifier.contains(Modifier::UNDERLINED),
        }
    }
}

/// The opacity in quarters of a glyph drawn as rectangles; `None` for text.
fn drawn_quarters(cell: &Cell) -> Option<u8> {
    let mut chars = cell.symbol().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => drawn(c).map(|d| d.1),
        _ => None,
    }
}

/// The shapes of row `y`: backgrounds other than the canvas's first, then drawn glyphs and
/// text. Runs of backgrounds and drawn glyphs are cut at every `chunk` cells (counted from
/// the row's start), so a lane that grows by a cell changes one short piece, not the whole
/// run; text is cut into words.
pub fn row_shapes(buffer: &Buffer, y: u16, canvas: Canvas, chunk: Option<u16>) -> Vec<Shape> {
    let area = buffer.area;
    let cells: Vec<(u16, &Cell)> = (0..area.width)
        .filter_map(|x| Some((x, buffer.cell((area.x + x, area.y + y))?)))
        .filter(|(_, cell)| !cell.symbol().is_empty())
        .collect();
    let colors: Vec<(Rgb, Rgb)> = cells.iter().map(|(_, c)| cell_colors(c, canvas)).collect();
    let cut = |j: usize, i: usize| j > i && chunk.is_some_and(|c| cells[j].0 % c == 0);
    let mut shapes = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let bg = colors[i].1;
        let run = (i..cells.len())
            .take_while(|&j| colors[j].1 == bg && !cut(j, i))
            .count();
        if bg != canvas.bg_rgb() {
            let x = cells[i].0;
            let end = cells.get(i + run).map_or(area.width, |c| c.0);
            let (cells, fill) = (end - x, bg);
            shapes.push(Shape::Paper { x, y, cells, fill });
        }
        i += run;
    }
    let mut i = 0;
    while i < cells.len() {
        let (x, cell) = cells[i];
        let fill = colors[i].0;
        let quarters = drawn_quarters(cell);
        let style = TextStyle::of(cell);
        let run = (i..cells.len())
            .take_while(|&j| {
                colors[j].0 == fill
                    && drawn_quarters(cells[j].1) == quarters
                    && (quarters.is_some() || TextStyle::of(cells[j].1) == style)
                    && (quarters.is_none() || !cut(j, i))
            })
            .count();
        let run_cells = &cells[i..i + run];
        match quarters {
            Some(quarters) => shapes.push(Shape::Drawn {
                x,
                y,
                fill,
                quarters,
                glyphs: run_cells.iter().map(|c| c.1.symbol()).collect(),
            }),
            None => push_text(&mut shapes, run_cells, y, fill, style),
        }
        i += run;
    }
    shapes
}

/// A text run as its words (what lies between blanks): a word that changes (a time, a
/// count) is a new shape, the words around it stay the same ones.
fn push_text(shapes: &mut Vec<Shape>, run: &[(u16, &Cell)], y: u16, fill: Rgb, style: TextStyle) {
    let blank = |c: &(u16, &Cell)| c.1.symbol().trim().is_empty();
    let mut i = 0;
    while i < run.len() {
        if blank(&run[i]) {
            i += 1;
            continue;
        }
        let word = run[i..].iter().take_while(|c| !blank(c)).count();
        let x = run[i].0;
        let end = run.get(i + word).map_or(run[i + word - 1].0 + 1, |c| c.0);
        shapes.push(Shape::Text {
            x,
            y,
            cells: end - x,
            fill,
            style,
            text: run[i..i + word].iter().map(|c| c.1.symbol()).collect(),
        });
        i += word;
    }
}

/// Widest gap of blanks that [`join_words`] fills rather than start a new element.
const JOIN_GAP: u16 = 24;

/// Text shapes joined back into lines: words of one row, colour and style, with short gaps
/// between them, make one shape (blanks draw nothing, so a word of another style in the
/// gap still shows). Other shapes are left out.
pub fn join_words<'a>(shapes: impl IntoIterator<Item = &'a Shape>) -> Vec<Shape> {
    let mut words: Vec<&Shape> = shapes
        .into_iter()
        .filter(|s| matches!(s, Shape::Text { .. }))
        .collect();
    let key = |s: &Shape| match s {
        Shape::Text { x, y, .. } => (*y, *x),
        _ => (0, 0),
    };
    words.sort_by_key(|s| key(s));
    let mut lines: Vec<Shape> = Vec::new();
    for word in words {
        let Shape::Text {
            x,
            y,
            cells,
            fill,
            style,
            text,
        } = word
        else {
            continue;
        };
        if let Some(Shape::Text {
            x: lx,
            y: ly,
            cells: lcells,
            fill: lfill,
            style: lstyle,
            text: ltext,
        }) = lines.last_mut()
        {
            let end = *lx + *lcells;
            if (*ly, *lfill, *lstyle) == (*y, *fill, *style) && *x >= end && *x - end <= JOIN_GAP {
                ltext.extend(std::iter::repeat_n(' ', usize::from(*x - end)));
                ltext.push_str(text);
                *lcells = *x + *cells - *lx;
                continue;
            }
        }
        lines.push(word.clone());
    }
    lines
}

/// The opening of an SVG of `width` x `height` cells, its background painted.
pub fn open_svg(out: &mut String, width: u16, height: u16, canvas: Canvas) {
    let (pw, ph) = (u32::from(width) * CELL_W, u32::from(height) * CELL_H);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pw}\" height=\"{ph}\" viewBox=\"0 0 {pw} {ph}\">"
    );
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        canvas.bg
    );
}

/// `text`, safe inside an XML element.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Where a text shape goes: `x`, the baseline's `y` and its width, in pixels.
pub fn text_position(x: u16, y: u16, cells: u16) -> (u32, u32, u32) {
    (
        u32::from(x) * CELL_W,
        u32::from(y) * CELL_H + BASELINE,
        u32::from(cells) * CELL_W,
    )
}

/// A shape as one SVG element with its own colours (the one-frame SVG).
pub fn write_shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Paper { x, y, cells, fill } => {
            let d = rects_path(vec![paper_rect(*x, *y, *cells)]);
            let _ = writeln!(out, "<path d=\"{d}\" fill=\"{}\"/>", hex(*fill));
        }
        Shape::Drawn {
            x,
            y,
            fill,
            quarters,
            glyphs,
        } => {
            let opacity = opacity(*quarters)
                .map(|o| format!(" fill-opacity=\"{o}\""))
                .unwrap_or_default();
            let d = drawn_path(*x, *y, glyphs);
            let _ = writeln!(out, "<path d=\"{d}\" fill=\"{}\"{opacity}/>", hex(*fill));
        }
        Shape::Text {
            x,
            y,
            cells,
            fill,
            style,
            text,
        } => {
            let (px, py, width) = text_position(*x, *y, *cells);
            let mut attributes = String::new();
            for (on, attribute) in [
                (style.bold, " font-weight=\"bold\""),
                (style.italic, " font-style=\"italic\""),
                (style.underline, " text-decoration=\"underline\""),
            ] {
                if on {
                    attributes.push_str(attribute);
                }
            }
            let _ = writeln!(
                out,
                "<text x=\"{px}\" y=\"{py}\" fill=\"{}\"{attributes} textLength=\"{width}\">{}</text>",
                hex(*fill),
                escape(text)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::colors::DARK_CANVAS;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    #[test]
    fn drawn_glyphs_text_trimmed_and_chunks() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 1));
        let green = Style::default().fg(Color::Rgb(0, 200, 0));
        buffer.set_string(
            0,
            0,
            "  ab c ",
            Style::default().add_modifier(Modifier::BOLD),
        );
        buffer.set_string(7, 0, "██████████▍", green);
        let shapes = row_shapes(&buffer, 0, DARK_CANVAS, None);
        assert_eq!(shapes.len(), 3, "{shapes:?}");
        let words: Vec<(u16, u16, &str, bool)> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text {
                    x,
                    cells,
                    text,
                    style,
                    ..
                } => Some((*x, *cells, text.as_str(), style.bold)),
                _ => None,
            })
            .collect();
        assert_eq!(words, [(2, 2, "ab", true), (5, 1, "c", true)]);
        assert!(
            matches!(&shapes[2], Shape::Drawn { x: 7, glyphs, .. } if glyphs.chars().count() == 11)
        );
        // One rectangle for the run: ten full blocks and three eighths.
        assert_eq!(drawn_path(7, 0, "██████████▍"), "M63 0h93.375v18h-93.375z");
        // Cut at columns 8 and 16: 7..8, 8..16, 16..18.
        let chunked = row_shapes(&buffer, 0, DARK_CANVAS, Some(8));
        let runs: Vec<usize> = chunked
            .iter()
            .filter_map(|s| match s {
                Shape::Drawn { glyphs, .. } => Some(glyphs.chars().count()),
                _ => None,
            })
            .collect();
        assert_eq!(runs, [1, 8, 2]);
    }
}
