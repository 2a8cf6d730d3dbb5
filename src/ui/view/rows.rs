//! What every lane row shares, worker or task: its band of rows, its name column, labels
//! written into runs of columns, and the cursor and now lines over it.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::ui::layout::{LaneArea, NAME_EXTRA};
use crate::ui::run_view::RunView;
use crate::ui::theme::Theme;
use crate::ui::window::Window;
use crate::ui::words::fit;

/// The rows of one lane: its first row (name, labels, marks), how many rows its bars fill
/// from there, and how many it takes in all (a blank row between tall lanes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    /// The lane's first row.
    pub y: u16,
    /// Rows the bars fill.
    pub bars: u16,
}

impl Band {
    /// A lane from row `y` whose lanes take `rows` rows each (a lane given a spare row
    /// keeps the bars of its `rows`, the spare row is blank).
    pub fn at(y: u16, rows: u16) -> Band {
        let rows = rows.max(1);
        Band {
            y,
            bars: if rows >= 3 { rows - 1 } else { rows },
        }
    }

    /// The rows the bars fill.
    pub fn rows(&self) -> std::ops::Range<u16> {
        self.y..self.y + self.bars
    }
}

/// Sets one cell's symbol and style (outside the buffer: nothing).
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, symbol: &str, style: Style) {
    if let Some(cell) = buf.cell_mut((x, y)) {
        cell.set_symbol(symbol).set_style(style);
    }
}

/// Whether a cell is blank (outside the buffer: it is).
pub(super) fn is_blank(buf: &Buffer, x: u16, y: u16) -> bool {
    buf.cell((x, y)).is_none_or(|c| c.symbol() == " ")
}

/// The name column of one lane: selection marker, (indented) name, state glyph, and the
/// rule down the lane's bars.
pub(super) fn draw_name(
    buf: &mut Buffer,
    layout: &LaneArea,
    band: Band,
    name: &str,
    selected: bool,
    glyph: (&str, Style),
    theme: &Theme,
) {
    let (x, y) = (layout.tasks.x, band.y);
    let text_w = layout.name_width - NAME_EXTRA;
    let style = if selected {
        theme.selected()
    } else {
        theme.text()
    };
    let fitted = fit(name, usize::from(text_w));
    let line = format!(
        "{}{fitted:<w$} ",
        if selected { "▶" } else { " " },
        w = usize::from(text_w)
    );
    buf.set_stringn(x, y, &line, usize::from(text_w) + 2, style);
    put(buf, x + text_w + 2, y, glyph.0, glyph.1);
    for y in band.rows() {
        put(buf, x + text_w + 4, y, "│", theme.faint());
    }
}

/// Writes `text` into runs of equal, labelled columns where it fits (with a space each side).
pub(super) fn write_into_runs<K: PartialEq + Copy>(
    buf: &mut Buffer,
    x0: u16,
    y: u16,
    keys: &[Option<K>],
    text: impl Fn(K) -> Option<(String, Style)>,
) {
    let mut i = 0;
    while i < keys.len() {
        let Some(key) = keys[i] else {
            i += 1;
            continue;
        };
        let run = keys[i..].iter().take_while(|k| **k == Some(key)).count();
        if let Some((label, style)) = text(key) {
            let room = run.saturating_sub(2);
            if room >= 6.min(label.chars().count()) && room > 0 {
                let shown = fit(&label, room);
                buf.set_string(x0 + i as u16 + 1, y, &shown, style);
            }
        }
        i += run;
    }
}

/// Draws the cursor column and the now line over a lane's bars.
pub(super) fn overlay_time(
    buf: &mut Buffer,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    band: Band,
    theme: &Theme,
) {
    for y in band.rows() {
        overlay_row(buf, run, layout, window, y, theme);
    }
}

fn overlay_row(
    buf: &mut Buffer,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    y: u16,
    theme: &Theme,
) {
    let x0 = layout.chart_x();
    let tl = run.shown();
    if !tl.is_finished()
        && let Some(c) = window.col_of(tl.now_ns())
        && c + 1 < window.cols
        && is_blank(buf, x0 + c + 1, y)
    {
        put(buf, x0 + c + 1, y, "│", theme.faint());
    }
    if let Some(c) = run.cursor.and_then(|t| window.col_of(t)) {
        let x = x0 + c;
        if is_blank(buf, x, y) {
            put(buf, x, y, "┊", theme.cursor());
        } else if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_style(theme.cursor_cell());
        }
    }
}
