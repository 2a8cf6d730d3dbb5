//! The geometry of the SVG's rectangles: drawn glyphs and backgrounds in pixels, joined
//! into few rectangles and written as compact paths.

use std::fmt::Write as _;

use super::cell_shapes::{CELL_H, CELL_W, drawn};

/// The rectangles of a run of drawn glyphs from cell `x` of row `y`, in pixels
/// (`[x0, y0, x1, y1]`).
pub fn drawn_rects(x: u16, y: u16, glyphs: &str) -> Vec<[f32; 4]> {
    let mut rects = Vec::new();
    for (i, c) in glyphs.chars().enumerate() {
        let left = (u32::from(x) + i as u32) as f32 * CELL_W as f32;
        let top = (u32::from(y) * CELL_H) as f32;
        for bar in drawn(c).map(|d| d.0).unwrap_or_default() {
            rects.push([left + bar.x0, top + bar.y0, left + bar.x1, top + bar.y1]);
        }
    }
    rects
}

/// The rectangles of a background: `cells` cells from cell `x` of row `y`.
pub fn paper_rect(x: u16, y: u16, cells: u16) -> [f32; 4] {
    let (px, py) = (
        (u32::from(x) * CELL_W) as f32,
        (u32::from(y) * CELL_H) as f32,
    );
    let w = (u32::from(cells) * CELL_W) as f32;
    [px, py, px + w, py + CELL_H as f32]
}

/// An SVG path of rectangles: those that touch side by side joined, then those that touch
/// one above the other (a line down several rows is one rectangle).
pub fn rects_path(mut rects: Vec<[f32; 4]>) -> String {
    let joined = |rects: &mut Vec<[f32; 4]>, along: usize| {
        // along 0: join in x ([1], [3] equal); along 1: join in y ([0], [2] equal).
        let (a0, a1, b0, b1) = if along == 0 {
            (0, 2, 1, 3)
        } else {
            (1, 3, 0, 2)
        };
        rects.sort_by(|p, q| {
            (p[b0], p[b1], p[a0])
                .partial_cmp(&(q[b0], q[b1], q[a0]))
                .expect("finite")
        });
        let mut out: Vec<[f32; 4]> = Vec::new();
        for rect in rects.drain(..) {
            match out.last_mut() {
                Some(last)
                    if (last[b0], last[b1]) == (rect[b0], rect[b1]) && rect[a0] <= last[a1] =>
                {
                    last[a1] = last[a1].max(rect[a1]);
                }
                _ => out.push(rect),
            }
        }
        *rects = out;
    };
    joined(&mut rects, 0);
    joined(&mut rects, 1);
    rects.sort_by(|p, q| (p[1], p[0]).partial_cmp(&(q[1], q[0])).expect("finite"));
    let mut d = String::new();
    for [x0, y0, x1, y1] in rects {
        let (w, h) = (
            trim_number(f64::from(x1 - x0)),
            trim_number(f64::from(y1 - y0)),
        );
        let (x0, y0) = (trim_number(f64::from(x0)), trim_number(f64::from(y0)));
        let _ = write!(d, "M{x0} {y0}h{w}v{h}h-{w}z");
    }
    d
}

/// The SVG path of a run of drawn glyphs from cell `x` of row `y`.
pub fn drawn_path(x: u16, y: u16, glyphs: &str) -> String {
    rects_path(drawn_rects(x, y, glyphs))
}

/// A number with at most three decimals and no trailing zeros.
pub fn trim_number(value: f64) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// The opacity of a shape of `quarters` as an attribute value (`None` when opaque).
pub fn opacity(quarters: u8) -> Option<&'static str> {
    match quarters {
        1 => Some("0.25"),
        2 => Some("0.5"),
        3 => Some("0.75"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_join_across_cells() {
        // ┌── is a corner's right arm and down arm, then two whole-cell lines: the three
        // horizontal pieces are one rectangle.
        assert_eq!(drawn_path(0, 0, "┌──"), "M4 9h1v9h-1zM4 9h23v1h-23z");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(trim_number(1.125), "1.125");
        assert_eq!(trim_number(9.0), "9");
        assert_eq!(trim_number(4.5), "4.5");
    }
}
