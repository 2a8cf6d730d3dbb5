//! Glyphs that images draw as geometry rather than with a font: block elements (the lanes)
//! and box-drawing lines (the axis, frames, waiting stretches). Drawn as rectangles of a
//! cell, they join their neighbours without gaps whatever font the viewer has, as terminals
//! draw them. The SVG and the GIF share this geometry and the cell size.

/// Width of a cell in pixels (a 15 px monospace font advances about 9 px).
pub const CELL_W: u32 = 9;
/// Height of a cell in pixels.
pub const CELL_H: u32 = 18;

/// A filled rectangle inside a cell, in pixels from the cell's top left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

const W: f32 = CELL_W as f32;
const H: f32 = CELL_H as f32;

/// The rectangles that draw `c`, and their opacity in quarters (4 = opaque, the shades
/// 3, 2, 1); `None` for a glyph the font draws.
pub fn drawn(c: char) -> Option<(Vec<Bar>, u8)> {
    let bar = |x0, y0, x1, y1| Bar { x0, y0, x1, y1 };
    let block = match c {
        '█' => Some((bar(0.0, 0.0, W, H), 4)),
        '▓' => Some((bar(0.0, 0.0, W, H), 3)),
        '▒' => Some((bar(0.0, 0.0, W, H), 2)),
        '░' => Some((bar(0.0, 0.0, W, H), 1)),
        '▀' => Some((bar(0.0, 0.0, W, H / 2.0), 4)),
        // Left one to seven eighths: ▉ ▊ ▋ ▌ ▍ ▎ ▏.
        '\u{2589}'..='\u{258F}' => {
            let eighths = f32::from(8 - (c as u32 - 0x2588) as u8);
            Some((bar(0.0, 0.0, W * eighths / 8.0, H), 4))
        }
        // Lower one to seven eighths: ▁ ▂ ▃ ▄ ▅ ▆ ▇.
        '\u{2581}'..='\u{2587}' => {
            let eighths = (c as u32 - 0x2580) as f32;
            Some((bar(0.0, H - H * eighths / 8.0, W, H), 4))
        }
        _ => None,
    };
    if let Some((bar, quarters)) = block {
        return Some((vec![bar], quarters));
    }
    let (arms, dashes) = box_arms(c)?;
    Some((lines(arms, dashes), 4))
}

/// Weights of a box-drawing glyph's arms (left, right, up, down: 0 none, 1 light, 2 heavy)
/// and how many dashes its line has (0 for a solid one).
fn box_arms(c: char) -> Option<([u8; 4], u8)> {
    let solid = |arms| Some((arms, 0));
    match c {
        '─' => solid([1, 1, 0, 0]),
        '━' => solid([2, 2, 0, 0]),
        '│' => solid([0, 0, 1, 1]),
        '┃' => solid([0, 0, 2, 2]),
        '┌' | '╭' => solid([0, 1, 0, 1]),
        '┐' | '╮' => solid([1, 0, 0, 1]),
        '└' | '╰' => solid([0, 1, 1, 0]),
        '┘' | '╯' => solid([1, 0, 1, 0]),
        '├' => solid([0, 1, 1, 1]),
        '┤' => solid([1, 0, 1, 1]),
        '┬' => solid([1, 1, 0, 1]),
        '┴' => solid([1, 1, 1, 0]),
        '┼' => solid([1, 1, 1, 1]),
        '┏' => solid([0, 2, 0, 2]),
        '┓' => solid([2, 0, 0, 2]),
        '┗' => solid([0, 2, 2, 0]),
        '┛' => solid([2, 0, 2, 0]),
        '┣' => solid([0, 2, 2, 2]),
        '┫' => solid([2, 0, 2, 2]),
        '┳' => solid([2, 2, 0, 2]),
        '┻' => solid([2, 2, 2, 0]),
        '╋' => solid([2, 2, 2, 2]),
        '╴' => solid([1, 0, 0, 0]),
        '╵' => solid([0, 0, 1, 0]),
        '╶' => solid([0, 1, 0, 0]),
        '╷' => solid([0, 0, 0, 1]),
        '┄' => Some(([1, 1, 0, 0], 3)),
        '┅' => Some(([2, 2, 0, 0], 3)),
        '┈' => Some(([1, 1, 0, 0], 4)),
        '┉' => Some(([2, 2, 0, 0], 4)),
        '┆' => Some(([0, 0, 1, 1], 3)),
        '┇' => Some(([0, 0, 2, 2], 3)),
        '┊' => Some(([0, 0, 1, 1], 4)),
        '┋' => Some(([0, 0, 2, 2], 4)),
        _ => None,
    }
}

/// The rectangles of a box-drawing glyph: each arm runs from the cell's edge through its
/// centre line, so neighbours join.
fn lines([left, right, up, down]: [u8; 4], dashes: u8) -> Vec<Bar> {
    // Light lines are 1 px, heavy ones 3 px, on whole pixels.
    let across = |weight: u8, centre: f32| match weight {
        2 => (centre - 1.0, centre + 2.0),
        _ => (centre, centre + 1.0),
    };
    let (cx, cy) = ((W / 2.0).floor(), (H / 2.0).floor());
    let vertical = across(up.max(down), cx);
    let horizontal = across(left.max(right), cy);
    if dashes > 0 {
        // A dashed line: `dashes` pieces along the whole cell, each with a gap after it.
        let (length, horizontal_line) = if left > 0 { (W, true) } else { (H, false) };
        let step = length / f32::from(dashes);
        return (0..dashes)
            .map(|i| {
                let start = (step * f32::from(i)).round();
                let end = (start + step * 0.6).round().max(start + 1.0);
                if horizontal_line {
                    Bar {
                        x0: start,
                        y0: horizontal.0,
                        x1: end,
                        y1: horizontal.1,
                    }
                } else {
                    Bar {
                        x0: vertical.0,
                        y0: start,
                        x1: vertical.1,
                        y1: end,
                    }
                }
            })
            .collect();
    }
    let mut bars = Vec::new();
    if left > 0 {
        let (y0, y1) = across(left, cy);
        bars.push(Bar {
            x0: 0.0,
            y0,
            x1: vertical.1,
            y1,
        });
    }
    if right > 0 {
        let (y0, y1) = across(right, cy);
        bars.push(Bar {
            x0: vertical.0,
            y0,
            x1: W,
            y1,
        });
    }
    if up > 0 {
        let (x0, x1) = across(up, cx);
        bars.push(Bar {
            x0,
            y0: 0.0,
            x1,
            y1: horizontal.1,
        });
    }
    if down > 0 {
        let (x0, x1) = across(down, cx);
        bars.push(Bar {
            x0,
            y0: horizontal.0,
            x1,
            y1: H,
        });
    }
    bars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_fill_their_part_of_the_cell() {
        assert_eq!(
            drawn('█'),
            Some((
                vec![Bar {
                    x0: 0.0,
                    y0: 0.0,
                    x1: W,
                    y1: H
                }],
                4
            ))
        );
        assert_eq!(drawn('▒').map(|d| d.1), Some(2));
        let (bars, _) = drawn('▍').unwrap();
        assert_eq!(bars[0].x1, W * 3.0 / 8.0);
        let (bars, _) = drawn('▏').unwrap();
        assert_eq!(bars[0].x1, W / 8.0);
        let (bars, _) = drawn('▄').unwrap();
        assert_eq!((bars[0].y0, bars[0].y1), (H / 2.0, H));
        assert_eq!(drawn('a'), None);
        assert_eq!(drawn('✓'), None);
    }

    #[test]
    fn lines_reach_the_edges_their_arms_point_to() {
        let (bars, _) = drawn('─').unwrap();
        assert_eq!(bars.len(), 2);
        assert!(bars.iter().any(|b| b.x0 == 0.0) && bars.iter().any(|b| b.x1 == W));
        let (bars, _) = drawn('┌').unwrap();
        assert!(
            bars.iter().all(|b| b.x0 > 0.0),
            "nothing to the left: {bars:?}"
        );
        assert!(bars.iter().any(|b| b.y1 == H) && bars.iter().all(|b| b.y0 > 0.0));
        let (bars, _) = drawn('┃').unwrap();
        assert!(bars.iter().all(|b| b.x1 - b.x0 == 3.0));
        let (bars, _) = drawn('┊').unwrap();
        assert_eq!(bars.len(), 4, "{bars:?}");
        assert!(bars.iter().all(|b| b.x1 - b.x0 == 1.0 && b.y1 <= H));
    }
}
