//! An animated SVG of a recording: one self-contained file with real text, that plays in a
//! browser and in a README's `<img>` (CSS keyframes, no script), and stays small.
//!
//! Identical consecutive frames are merged. Each frame is cut into shapes (text runs,
//! rectangles for backgrounds and blocks, see [`super::svg_cells`]); a shape is written once,
//! however long it stays, with the frames it is on screen in. Shapes on screen in the same
//! frames share one group and one keyframes rule that shows them (`opacity`) at those times,
//! looping. A viewer without animation shows the last frame.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;
use std::time::Duration;

use ratatui::buffer::Buffer;

use super::colors::{Canvas, Rgb, hex};
use super::frames::{Clock, FrameEncoder, check_size};
use super::svg_cells::{self, Shape};
use super::svg_geometry;

/// Text at least this many cells wide is stretched or squeezed to fit them exactly.
const FIT_TEXT: u16 = 8;

/// Block runs are cut every this many cells, so a growing lane changes one short rectangle.
const CHUNK: u16 = 8;

/// A rectangle in pixels: `[x0, y0, x1, y1]`.
type Box4 = [f32; 4];

/// Frames on screen during `[start, end)` (indices of kept frames), one or more times.
type Intervals = Vec<(u32, u32)>;

/// Builds an animated SVG frame by frame.
pub struct AnimatedSvg {
    width: u16,
    height: u16,
    canvas: Canvas,
    clock: Clock,
    /// The latest frame, not yet kept: a later frame at the same time replaces it.
    pending: Option<(Duration, Buffer)>,
    /// The last frame kept, and the shapes of each of its rows.
    previous: Option<(Buffer, Vec<Vec<usize>>)>,
    /// When each kept frame starts.
    times: Vec<Duration>,
    shapes: Vec<(Shape, Intervals)>,
    ids: HashMap<Shape, usize>,
}

impl AnimatedSvg {
    /// An animation of `width` x `height` cells; the terminal's defaults are `canvas`.
    pub fn new(width: u16, height: u16, canvas: Canvas) -> AnimatedSvg {
        AnimatedSvg {
            width,
            height,
            canvas,
            clock: Clock::default(),
            pending: None,
            previous: None,
            times: Vec::new(),
            shapes: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// Makes the pending frame a kept one: its shapes open, the vanished ones close.
    fn keep_pending(&mut self) {
        let Some((at, frame)) = self.pending.take() else {
            return;
        };
        if self.previous.as_ref().is_some_and(|(p, _)| *p == frame) {
            return;
        }
        let index = self.times.len() as u32;
        let mut rows = Vec::with_capacity(usize::from(self.height));
        for y in 0..self.height {
            let unchanged = self
                .previous
                .as_ref()
                .filter(|(p, _)| same_row(p, &frame, y));
            let ids = match unchanged {
                Some((_, old)) => old[usize::from(y)].clone(),
                None => svg_cells::row_shapes(&frame, y, self.canvas, Some(CHUNK))
                    .into_iter()
                    .map(|shape| self.id(shape))
                    .collect(),
            };
            rows.push(ids);
        }
        let open = |intervals: &Intervals| intervals.last().is_some_and(|i| i.1 == u32::MAX);
        let mut now = vec![false; self.shapes.len()];
        for &id in rows.iter().flatten() {
            now[id] = true;
            let intervals = &mut self.shapes[id].1;
            if !open(intervals) {
                intervals.push((index, u32::MAX));
            }
        }
        for (id, (_, intervals)) in self.shapes.iter_mut().enumerate() {
            if !now[id] && open(intervals) {
                intervals.last_mut().expect("open").1 = index;
            }
        }
        self.times.push(at);
        self.previous = Some((frame, rows));
    }

    fn id(&mut self, shape: Shape) -> usize {
        if let Some(&id) = self.ids.get(&shape) {
            return id;
        }
        self.shapes.push((shape.clone(), Vec::new()));
        self.ids.insert(shape, self.shapes.len() - 1);
        self.shapes.len() - 1
    }
}

fn same_row(a: &Buffer, b: &Buffer, y: u16) -> bool {
    let w = usize::from(a.area.width);
    let row = usize::from(y) * w..(usize::from(y) + 1) * w;
    a.content[row.clone()] == b.content[row]
}

impl FrameEncoder for AnimatedSvg {
    fn frame(&mut self, at: Duration, frame: &Buffer) -> io::Result<()> {
        check_size(frame, self.width, self.height)?;
        let at = self.clock.stamp(at);
        match &mut self.pending {
            Some((_, pending)) if pending == frame => return Ok(()),
            Some((time, pending)) if *time == at => *pending = frame.clone(),
            _ => {
                self.keep_pending();
                self.pending = Some((at, frame.clone()));
            }
        }
        Ok(())
    }

    fn marker(&mut self, _at: Duration, _label: &str) {}

    fn finish(mut self: Box<Self>, end: Duration) -> io::Result<Vec<u8>> {
        let end = self.clock.stamp(end);
        self.keep_pending();
        let frames = self.times.len() as u32;
        for (_, intervals) in &mut self.shapes {
            if let Some(last) = intervals.last_mut().filter(|i| i.1 == u32::MAX) {
                last.1 = frames;
            }
        }
        Ok(self.write(end).into_bytes())
    }
}

impl AnimatedSvg {
    /// The file: a style sheet (colours, one keyframes rule per frame that starts or ends
    /// a stretch), the background, then every stretch's backgrounds, then every stretch's
    /// blocks, lines and text.
    fn write(&self, end: Duration) -> String {
        let start = self.times.first().copied().unwrap_or_default();
        let length = end.saturating_sub(start).as_secs_f64();
        let frames = self.times.len() as u32;
        // Enough decimals that a step of the last one is under a millisecond.
        let decimals = ((length * 10.0).max(1.0).log10().ceil() as usize).max(2);
        let percent = |frame: u32| {
            let share = match self.times.get(frame as usize) {
                Some(t) if length > 0.0 => t.saturating_sub(start).as_secs_f64() / length,
                _ => 0.0,
            };
            let text = format!("{:.decimals$}", share * 100.0);
            let text = text.trim_end_matches('0').trim_end_matches('.');
            format!("{}%", if text.is_empty() { "0" } else { text })
        };
        // Stretches: shapes on screen from frame a until frame b, in the order they first
        // appear; a shape shown twice is in two stretches.
        let mut stretches: Vec<((u32, u32), Vec<&Shape>)> = Vec::new();
        let mut index: HashMap<(u32, u32), usize> = HashMap::new();
        for (shape, intervals) in &self.shapes {
            for &interval in intervals {
                let i = *index.entry(interval).or_insert_with(|| {
                    stretches.push((interval, Vec::new()));
                    stretches.len() - 1
                });
                stretches[i].1.push(shape);
            }
        }
        let mut colors = Colors::default();
        let mut body = String::new();
        for (layer, id) in [(Layer::Backgrounds, "paper"), (Layer::Foreground, "ink")] {
            // Blanks inside text keep their width (the CSS says so too; not every renderer
            // reads it).
            let _ = writeln!(body, "<g id=\"{id}\" xml:space=\"preserve\">");
            for ((from, until), shapes) in &stretches {
                let (from, until) = (
                    (*from > 0).then_some(*from),
                    (*until < frames).then_some(*until),
                );
                write_stretch(&mut body, from, until, shapes, layer, &mut colors);
            }
            body.push_str("</g>\n");
        }
        let mut out = String::new();
        svg_cells::open_svg(&mut out, self.width, self.height, self.canvas);
        let _ = write!(
            out,
            "<style>text{{font-family:{};font-size:{}px;white-space:pre}}g{{animation:{}s step-end infinite}}",
            svg_cells::FONT_FAMILY,
            svg_cells::FONT_SIZE,
            svg_geometry::trim_number(length.max(0.001))
        );
        out.push_str(".b{font-weight:bold}.i{font-style:italic}.u{text-decoration:underline}");
        out.push_str(".o1{fill-opacity:.25}.o2{fill-opacity:.5}.o3{fill-opacity:.75}");
        for (i, color) in colors.list.iter().enumerate() {
            let _ = write!(out, ".c{i}{{fill:{}}}", hex(*color));
        }
        let mut starts: Vec<u32> = stretches.iter().map(|s| s.0.0).filter(|&a| a > 0).collect();
        let mut ends: Vec<u32> = stretches
            .iter()
            .map(|s| s.0.1)
            .filter(|&b| b < frames)
            .collect();
        for list in [&mut starts, &mut ends] {
            list.sort_unstable();
            list.dedup();
        }
        // `nA` shows its group from frame A on, `fB` hides its group from frame B on.
        for a in starts {
            let _ = write!(
                out,
                ".n{a}{{animation-name:n{a}}}@keyframes n{a}{{0%{{opacity:0}}{}{{opacity:1}}}}",
                percent(a)
            );
        }
        for b in ends {
            let _ = write!(
                out,
                ".f{b}{{animation-name:f{b}}}@keyframes f{b}{{0%{{opacity:1}}{}{{opacity:0}}}}",
                percent(b)
            );
        }
        out.push_str("</style>\n");
        out.push_str(&body);
        out.push_str("</svg>\n");
        out
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    Backgrounds,
    Foreground,
}

/// The colours used, each a class `cN`.
#[derive(Default)]
struct Colors {
    list: Vec<Rgb>,
    index: HashMap<Rgb, usize>,
}

impl Colors {
    fn class(&mut self, color: Rgb) -> usize {
        *self.index.entry(color).or_insert_with(|| {
            self.list.push(color);
            self.list.len() - 1
        })
    }
}

/// One stretch's shapes of one layer, shown from frame `from` (else from the start) until
/// frame `until` (else to the end): rectangles of one colour and opacity as one path, text
/// as lines. A stretch that ends before the last frame is hidden without animation, so a
/// viewer that does not animate shows the last frame.
fn write_stretch(
    out: &mut String,
    from: Option<u32>,
    until: Option<u32>,
    shapes: &[&Shape],
    layer: Layer,
    colors: &mut Colors,
) {
    let mine: Vec<&Shape> = shapes
        .iter()
        .copied()
        .filter(|s| matches!(s, Shape::Paper { .. }) == (layer == Layer::Backgrounds))
        .collect();
    if mine.is_empty() {
        return;
    }
    if let Some(a) = from {
        let _ = writeln!(out, "<g class=\"n{a}\">");
    }
    if let Some(b) = until {
        let _ = writeln!(out, "<g class=\"f{b}\" opacity=\"0\">");
    }
    // Rectangles by colour and opacity.
    let mut paths: Vec<((Rgb, u8), Vec<Box4>)> = Vec::new();
    for shape in &mine {
        let (fill, quarters, rects) = match shape {
            Shape::Paper { x, y, cells, fill } => {
                (fill, 4, vec![svg_geometry::paper_rect(*x, *y, *cells)])
            }
            Shape::Drawn {
                x,
                y,
                fill,
                quarters,
                glyphs,
            } => (fill, *quarters, svg_geometry::drawn_rects(*x, *y, glyphs)),
            Shape::Text { .. } => continue,
        };
        match paths.iter_mut().find(|(key, _)| *key == (*fill, quarters)) {
            Some((_, all)) => all.extend(rects),
            None => paths.push(((*fill, quarters), rects)),
        }
    }
    for ((fill, quarters), rects) in paths {
        let opacity = if quarters < 4 {
            format!(" o{quarters}")
        } else {
            String::new()
        };
        let d = svg_geometry::rects_path(rects);
        let _ = writeln!(
            out,
            "<path class=\"c{}{opacity}\" d=\"{d}\"/>",
            colors.class(fill)
        );
    }
    for line in svg_cells::join_words(mine.iter().copied()) {
        if let Shape::Text {
            x,
            y,
            cells,
            fill,
            style,
            text,
        } = &line
        {
            let mut class = format!("c{}", colors.class(*fill));
            for (on, name) in [
                (style.bold, " b"),
                (style.italic, " i"),
                (style.underline, " u"),
            ] {
                if on {
                    class.push_str(name);
                }
            }
            let (px, py, width) = svg_cells::text_position(*x, *y, *cells);
            // A short word is placed by its own x: whatever the font's advance, it cannot
            // drift far. Longer text is held to its cells.
            let length = if *cells >= FIT_TEXT {
                format!(" textLength=\"{width}\"")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<text x=\"{px}\" y=\"{py}\" class=\"{class}\"{length}>{}</text>",
                svg_cells::escape(text)
            );
        }
    }
    for _ in from.iter().chain(until.iter()) {
        out.push_str("</g>\n");
    }
}
