//! The animated SVG: XML, one switch per kept frame, and at every frame's time exactly that
//! frame (its text, its blocks and lines, its backgrounds), read back the way a browser
//! plays it; a real recording stays small; renderers accept it (rsvg-convert shows the
//! last frame, Chromium plays it) where they are installed.

#[path = "support/view_frames.rs"]
mod frames;
#[path = "support/players.rs"]
mod players;
#[path = "support/recording.rs"]
mod recording;
#[path = "support/replay.rs"]
mod replay;
#[path = "support/svg_player.rs"]
mod svg_player;

use std::collections::HashMap;
use std::time::Duration;

use ratatui::buffer::Buffer;
use svg_player::{CELL_H, CELL_W, Player, Still};
use taskscope::export::animated_svg::AnimatedSvg;
use taskscope::export::cell_shapes::drawn;
use taskscope::export::colors::{Canvas, DARK_CANVAS, cell_colors, hex};
use taskscope::export::frame::to_plain;
use taskscope::export::frames::FrameEncoder;
use taskscope::testkit::MS;
use taskscope::ui::Theme;

fn encode(frames: &[(Duration, Buffer)], end: Duration) -> String {
    let area = frames[0].1.area;
    let mut svg = Box::new(AnimatedSvg::new(area.width, area.height, DARK_CANVAS));
    for (at, frame) in frames {
        svg.frame(*at, frame).unwrap();
    }
    String::from_utf8(svg.finish(end).unwrap()).unwrap()
}

/// The frames that stay after identical neighbours are merged, with their times.
fn kept(frames: &[(Duration, Buffer)]) -> Vec<(Duration, &Buffer)> {
    let mut kept: Vec<(Duration, &Buffer)> = Vec::new();
    for (at, frame) in frames {
        if kept.last().is_none_or(|(_, last)| *last != frame) {
            kept.push((*at, frame));
        }
    }
    kept
}

/// Every kept frame is one switch point, and at the middle of its time on screen the SVG
/// shows exactly it; the last one also at the very end.
fn check_plays(svg: &str, frames: &[(Duration, Buffer)], end: Duration) {
    let player = Player::new(svg);
    let kept = kept(frames);
    let start = kept[0].0;
    let length = (end - start).as_secs_f64();
    assert!(
        (player.length - length).abs() < 0.002,
        "{} s",
        player.length
    );
    let percent = |t: Duration| (t - start).as_secs_f64() / length * 100.0;
    let points = player.switch_points();
    assert_eq!(
        points.len(),
        kept.len() - 1,
        "one switch per kept frame after the first"
    );
    for (point, (at, _)) in points.iter().zip(&kept[1..]) {
        assert!(
            (point - percent(*at)).abs() < 0.01,
            "{point}% for a frame at {at:?}"
        );
    }
    for (i, (at, frame)) in kept.iter().enumerate() {
        let next = kept.get(i + 1).map_or(end, |k| k.0);
        let middle = (percent(*at) + percent(next)) / 2.0;
        let area = frame.area;
        let still = player.at(middle, usize::from(area.width), usize::from(area.height));
        let shown = read_back(&still, area.width, area.height);
        assert_eq!(shown, to_plain(frame), "frame {i} at {at:?}");
        check_colors(&still, frame, DARK_CANVAS);
    }
}

/// The text a still shows, with each drawn glyph read back from its rectangles: the glyph
/// whose geometry covers the cell the same way.
fn read_back(still: &Still, width: u16, height: u16) -> String {
    let mut rows: Vec<Vec<char>> = still
        .text
        .iter()
        .map(|r| {
            let mut row: Vec<char> = r.chars().collect();
            row.resize(usize::from(width), ' ');
            row
        })
        .collect();
    let glyphs = glyphs();
    for ((x, y), (quarters, mask)) in ink_by_cell(still) {
        let glyph = glyphs
            .iter()
            .find(|(_, q, m)| *q == quarters && *m == mask)
            .map_or('?', |(c, _, _)| *c);
        if y < usize::from(height) {
            rows[y][x] = glyph;
        }
    }
    rows.into_iter()
        .map(|r| r.into_iter().collect::<String>().trim_end().to_string() + "\n")
        .collect()
}

/// A rectangle in pixels: `[x0, y0, x1, y1]`.
type Box4 = [f32; 4];

/// A cell's covered area at an eighth of a pixel across, a pixel down.
type CellMask = Vec<bool>;

fn cell_mask(bars: &[[f32; 4]]) -> CellMask {
    let (w, h) = ((CELL_W * 8.0) as usize, CELL_H as usize);
    let mut mask = vec![false; w * h];
    for [x0, y0, x1, y1] in bars {
        for y in 0..h {
            for x in 0..w {
                let (px, py) = ((x as f32 + 0.5) / 8.0, y as f32 + 0.5);
                if px > *x0 && px < *x1 && py > *y0 && py < *y1 {
                    mask[y * w + x] = true;
                }
            }
        }
    }
    mask
}

/// Every glyph drawn as geometry, with its opacity and mask.
fn glyphs() -> &'static [(char, u8, CellMask)] {
    static GLYPHS: std::sync::OnceLock<Vec<(char, u8, CellMask)>> = std::sync::OnceLock::new();
    GLYPHS.get_or_init(all_glyphs)
}

fn all_glyphs() -> Vec<(char, u8, CellMask)> {
    ('\u{2500}'..='\u{259F}')
        .filter_map(|c| {
            let (bars, quarters) = drawn(c)?;
            let boxes: Vec<[f32; 4]> = bars.iter().map(|b| [b.x0, b.y0, b.x1, b.y1]).collect();
            Some((c, quarters, cell_mask(&boxes)))
        })
        .collect()
}

/// The ink rectangles cut into the cells they cover: per cell, its opacity and mask.
fn ink_by_cell(still: &Still) -> HashMap<(usize, usize), (u8, CellMask)> {
    let mut pieces: HashMap<(usize, usize), (u8, Vec<Box4>)> = HashMap::new();
    for (_, opacity, [x0, y0, x1, y1]) in &still.ink {
        let (c0, c1) = (
            (x0 / CELL_W).floor() as usize,
            (x1 / CELL_W).ceil() as usize,
        );
        let (r0, r1) = (
            (y0 / CELL_H).floor() as usize,
            (y1 / CELL_H).ceil() as usize,
        );
        for row in r0..r1 {
            for col in c0..c1 {
                let (left, top) = (col as f32 * CELL_W, row as f32 * CELL_H);
                let piece = [
                    (x0 - left).max(0.0),
                    (y0 - top).max(0.0),
                    (x1 - left).min(CELL_W),
                    (y1 - top).min(CELL_H),
                ];
                if piece[2] > piece[0] && piece[3] > piece[1] {
                    let quarters = if *opacity == 0 { 4 } else { *opacity };
                    let entry = pieces.entry((col, row)).or_insert((quarters, Vec::new()));
                    entry.1.push(piece);
                }
            }
        }
    }
    pieces
        .into_iter()
        .map(|(cell, (q, bars))| (cell, (q, cell_mask(&bars))))
        .collect()
}

/// Each drawn glyph's rectangles have its cell's ink colour; each background its paper's.
fn check_colors(still: &Still, frame: &Buffer, canvas: Canvas) {
    for (color, _, [x0, y0, ..]) in &still.ink {
        let cell = &frame[((x0 / CELL_W) as u16, (y0 / CELL_H) as u16)];
        assert_eq!(*color, hex(cell_colors(cell, canvas).0), "ink at {x0},{y0}");
    }
    let mut painted = 0;
    for (color, [x0, y0, x1, y1]) in &still.paper {
        let (c0, c1) = ((x0 / CELL_W) as u16, (x1 / CELL_W) as u16);
        for row in (y0 / CELL_H) as u16..(y1 / CELL_H) as u16 {
            for col in c0..c1 {
                assert_eq!(*color, hex(cell_colors(&frame[(col, row)], canvas).1));
                painted += 1;
            }
        }
    }
    let expected = frame
        .content
        .iter()
        .filter(|c| cell_colors(c, canvas).1 != canvas.bg_rgb())
        .count();
    assert_eq!(painted, expected, "every coloured background, once");
}

/// The run view's frames over blocking-freeze's finished timeline: the time cursor at
/// 0.3 s (twice), 1 s, then none.
fn view_frames() -> Vec<(Duration, Buffer)> {
    frames::view_frames(&[
        (5, Some(300 * MS)),
        (38, Some(300 * MS)),
        (105, Some(1000 * MS)),
        (205, None),
    ])
}

#[test]
fn the_svg_shows_every_frame_at_its_time() {
    let frames = view_frames();
    let end = Duration::from_millis(1205);
    let svg = encode(&frames, end);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(
        !svg.contains("<script"),
        "no script: a README's <img> would strip it"
    );
    check_plays(&svg, &frames, end);
}

#[test]
fn a_frame_that_lasts_no_time_is_replaced_by_the_one_at_the_same_time() {
    let mut frames = view_frames();
    frames.insert(2, (Duration::from_millis(105), frames[0].1.clone()));
    let svg = encode(&frames, Duration::from_millis(1205));
    let player = Player::new(&svg);
    assert_eq!(
        player.switch_points().len(),
        2,
        "{:?}",
        player.switch_points()
    );
}

/// blocking-freeze recorded at 100x30 by `taskscope record` at its own speed, read back
/// into frames: what `record --out run.svg` will encode.
fn real_frames() -> (Vec<(Duration, Buffer)>, Duration) {
    let hold = Duration::from_secs(1);
    let theme = Theme::plain(true);
    let cast = recording::record_builtin("blocking-freeze", (100, 30), 1.0, hold, theme);
    let played = replay::replay(&cast);
    (played.frames, played.end)
}

#[test]
fn a_real_recording_is_small_and_plays_every_frame() {
    let (frames, end) = real_frames();
    let svg = encode(&frames, end);
    let kept = kept(&frames).len();
    eprintln!("{} bytes for {kept} frames over {end:?}", svg.len());
    // Tens of kB for a run of 3 s at 30 frames a second (about 1 kB a frame; fewer frames,
    // on a loaded machine, make a smaller file).
    assert!(svg.len() < 110_000, "{} bytes for {kept} frames", svg.len());
    check_plays(&svg, &frames, end);
    renderers_accept(&svg);
}

/// rsvg-convert (no animation: it shows the last frame) and Chromium (plays it: stills at
/// two moments differ) where they are installed.
fn renderers_accept(svg: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.svg");
    std::fs::write(&path, svg).unwrap();
    if players::installed("rsvg-convert") {
        let png = dir.path().join("run.png");
        let status = std::process::Command::new("rsvg-convert")
            .args([path.to_str().unwrap(), "-o", png.to_str().unwrap()])
            .status()
            .expect("rsvg-convert");
        assert!(status.success());
        assert!(std::fs::metadata(&png).unwrap().len() > 10_000);
    } else {
        taskscope::testkit::skipped(
            "rsvg-convert is not installed (Debian package `librsvg2-bin`)",
        );
    }
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| players::installed(c))
    else {
        taskscope::testkit::skipped("Chromium is not installed (Debian package `chromium`)");
        return;
    };
    let still = |millis: u32| {
        // The SVG inline in a page whose script (the page's, not the SVG's) pauses every
        // animation at one moment.
        let page = dir.path().join(format!("at{millis}.html"));
        let html = format!(
            "<!doctype html><body style=\"margin:0\">{svg}<script>for (const a of \
             document.getAnimations()) {{ a.pause(); a.currentTime = {millis}; }}</script>"
        );
        std::fs::write(&page, html).unwrap();
        let png = dir.path().join(format!("at{millis}.png"));
        let output = std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=900,540",
                &format!("--screenshot={}", png.display()),
                page.to_str().unwrap(),
            ])
            .output()
            .expect("chromium");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::read(&png).expect("a screenshot")
    };
    let (early, late) = (still(300), still(2500));
    assert!(early.starts_with(b"\x89PNG") && late.starts_with(b"\x89PNG"));
    assert_ne!(early, late, "the animation moves");
}
