//! The GIF: decoded with the gif crate and put together frame by frame as a viewer does
//! (each frame a box of changed pixels over the last): its size in pixels, its frames and
//! their delays, and pixels of known cells in the theme's colours; the embedded font draws
//! every glyph the dashboard uses.

#[path = "support/view_frames.rs"]
mod frames;
#[path = "support/recording.rs"]
mod recording;
#[path = "support/replay.rs"]
mod replay;

use std::collections::BTreeSet;
use std::time::Duration;

use ::gif::{ColorOutput, DecodeOptions, Repeat};
use ratatui::buffer::Buffer;
use taskscope::export::cell_shapes::{CELL_H, CELL_W, drawn};
use taskscope::export::colors::{Canvas, DARK_CANVAS, Rgb, cell_colors};
use taskscope::export::font::Font;
use taskscope::export::frames::FrameEncoder;
use taskscope::export::gif::{Gif, MIN_INTERVAL};
use taskscope::testkit::MS;
use taskscope::ui::Theme;

/// A decoded GIF: its size, whether it loops, and each frame's full picture and delay.
struct Decoded {
    width: usize,
    height: usize,
    repeat: Repeat,
    frames: Vec<(Vec<Rgb>, u16)>,
}

fn decode(bytes: &[u8]) -> Decoded {
    let mut options = DecodeOptions::new();
    options.set_color_output(ColorOutput::Indexed);
    let mut decoder = options.read_info(bytes).expect("a GIF");
    let (width, height) = (usize::from(decoder.width()), usize::from(decoder.height()));
    let palette: Vec<Rgb> = decoder
        .global_palette()
        .expect("a global palette")
        .chunks(3)
        .map(|c| (c[0], c[1], c[2]))
        .collect();
    let mut canvas = vec![(0, 0, 0); width * height];
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("a frame") {
        assert!(frame.palette.is_none(), "one global palette");
        let (left, top) = (usize::from(frame.left), usize::from(frame.top));
        for (i, &index) in frame.buffer.iter().enumerate() {
            if Some(index) == frame.transparent {
                continue;
            }
            let (x, y) = (
                left + i % usize::from(frame.width),
                top + i / usize::from(frame.width),
            );
            canvas[y * width + x] = palette[usize::from(index)];
        }
        frames.push((canvas.clone(), frame.delay));
    }
    Decoded {
        width,
        height,
        repeat: decoder.repeat(),
        frames,
    }
}

fn encode(frames: &[(Duration, Buffer)], end: Duration) -> Vec<u8> {
    let area = frames[0].1.area;
    let mut gif = Box::new(Gif::new(area.width, area.height, DARK_CANVAS));
    for (at, frame) in frames {
        gif.frame(*at, frame).unwrap();
    }
    gif.finish(end).unwrap()
}

/// Every pixel of every blank cell is its paper, every pixel of a full block its ink, and
/// every other cell has its paper somewhere and, if it draws anything, its ink or a shade.
fn check_picture(picture: &[Rgb], width: usize, frame: &Buffer, canvas: Canvas) {
    let (cw, ch) = (CELL_W as usize, CELL_H as usize);
    for (i, cell) in frame.content.iter().enumerate() {
        let (col, row) = (
            i % usize::from(frame.area.width),
            i / usize::from(frame.area.width),
        );
        let pixels: Vec<Rgb> = (0..ch)
            .flat_map(|y| (0..cw).map(move |x| (x, y)))
            .map(|(x, y)| picture[(row * ch + y) * width + col * cw + x])
            .collect();
        let (ink, paper) = cell_colors(cell, canvas);
        let underlined = cell.modifier.contains(ratatui::style::Modifier::UNDERLINED);
        match cell.symbol() {
            " " if !underlined => {
                assert!(pixels.iter().all(|&p| p == paper), "blank cell {col},{row}");
            }
            "█" => assert!(pixels.iter().all(|&p| p == ink), "block at {col},{row}"),
            _ => {}
        }
    }
}

/// The run view's frames: the time cursor at 0.3 s (twice), 0.7 s, 1 s, then none.
fn view_frames() -> Vec<(Duration, Buffer)> {
    frames::view_frames(&[
        (0, Some(300 * MS)),
        (33, Some(300 * MS)), // the same: merged
        (100, Some(700 * MS)),
        (130, Some(1000 * MS)), // within MIN_INTERVAL of the last: replaces it
        (300, None),
    ])
}

#[test]
fn the_gif_has_the_frames_their_times_and_the_theme_colours() {
    assert!(MIN_INTERVAL > Duration::from_millis(30) && MIN_INTERVAL < Duration::from_millis(100));
    let frames = view_frames();
    let gif = decode(&encode(&frames, Duration::from_millis(1300)));
    assert_eq!((gif.width, gif.height), (900, 540));
    assert_eq!(gif.repeat, Repeat::Infinite);
    // 0 ms, 100 ms (showing the 130 ms frame), 300 ms; the last held until 1.3 s.
    let delays: Vec<u16> = gif.frames.iter().map(|f| f.1).collect();
    assert_eq!(delays, [10, 20, 100]);
    let shown = [&frames[0].1, &frames[3].1, &frames[4].1];
    for ((picture, _), frame) in gif.frames.iter().zip(shown) {
        check_picture(picture, gif.width, frame, DARK_CANVAS);
    }
    // The title bar's blue and the blocked worker's red, as the theme has them.
    let last = &gif.frames[2].0;
    let pixel = |col: usize, row: usize| last[(row * 18 + 9) * gif.width + col * 9 + 4];
    assert_eq!(pixel(0, 0), (0x24, 0x72, 0xc8), "the bar's blue");
    let lane = frames[4]
        .1
        .content
        .iter()
        .position(|c| c.symbol() == "▓")
        .expect("a blocking lane");
    let (col, row) = (lane % 100, lane / 100);
    let red = (0xf1, 0x4c, 0x4c);
    let expected = taskscope::export::colors::mix(DARK_CANVAS.bg_rgb(), red, 0.75);
    assert_eq!(
        pixel(col, row),
        expected,
        "▓ is three quarters of the lane's red"
    );
}

#[test]
fn a_real_recording_has_about_a_frame_every_interval_and_its_whole_length() {
    let hold = Duration::from_secs(1);
    let theme = Theme::plain(true);
    let cast = recording::record_builtin("blocking-freeze", (100, 30), 2.0, hold, theme);
    let played = replay::replay(&cast);
    let bytes = encode(&played.frames, played.end);
    let gif = decode(&bytes);
    let cast_frames = played.frames.len();
    let start = played.frames[0].0;
    let span = played.end - start;
    eprintln!(
        "{} bytes, {} GIF frames for {cast_frames} cast frames over {span:?}",
        bytes.len(),
        gif.frames.len()
    );
    // At most one frame per MIN_INTERVAL, and at least one per two (the cast has one
    // every 33 ms or so; a frame replaces its predecessor only if it follows within it).
    let most = (span.as_millis() / MIN_INTERVAL.as_millis()) as usize + 1;
    assert!(
        gif.frames.len() <= most.min(cast_frames),
        "{} frames",
        gif.frames.len()
    );
    assert!(
        gif.frames.len() * 3 >= cast_frames,
        "{} of {cast_frames}",
        gif.frames.len()
    );
    let total: u64 = gif.frames.iter().map(|f| u64::from(f.1)).sum();
    assert!(
        total.abs_diff(span.as_millis() as u64 / 10) <= 1,
        "{total} cs for {span:?}"
    );
    let (last, _) = gif.frames.last().unwrap();
    check_picture(
        last,
        gif.width,
        &played.frames.last().unwrap().1,
        DARK_CANVAS,
    );
}

#[test]
fn the_embedded_font_draws_every_glyph_of_the_dashboard() {
    let font = Font::embedded();
    let drawable = |c: char| c.is_ascii() || drawn(c).is_some() || font.covers(c);
    // The theme's glyphs: states, outcomes, findings, the legend.
    let theme = std::fs::read_to_string("src/ui/theme.rs").unwrap();
    let missing: BTreeSet<char> = literals(&theme).filter(|&c| !drawable(c)).collect();
    assert!(missing.is_empty(), "the theme draws {missing:?}");
    // Every other glyph the view writes; these are known to be outside common monospace
    // fonts and are to leave the view (issue 11's "images that read as slides").
    let known = ['⏱', '①', '②', 'ⓘ'];
    let mut missing = BTreeSet::new();
    for file in rust_files("src/ui") {
        let text = std::fs::read_to_string(&file).unwrap();
        missing.extend(literals(&text).filter(|&c| !drawable(c) && !known.contains(&c)));
    }
    assert!(
        missing.is_empty(),
        "the view draws {missing:?}, which the GIF cannot"
    );
}

/// The non-ASCII characters inside string and char literals of Rust source.
fn literals(source: &str) -> impl Iterator<Item = char> + '_ {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .flat_map(|line| {
            let mut inside = false;
            let mut out = Vec::new();
            for c in line.chars() {
                if c == '"' || c == '\'' {
                    inside = !inside;
                } else if inside && !c.is_ascii() {
                    out.push(c);
                }
            }
            out
        })
}

fn rust_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}
