//! The time to encode a recording: 90 frames of the run view at 100x30 (blocking-freeze,
//! run for real once, drawn with the time cursor moving 33 ms a frame, as 3 s at 30 frames
//! a second looks), each frame handed to the encoder, then the file finished. The record
//! loop draws a frame every 33 ms: an encoder must take a small part of that.
//!
//! `cargo bench --bench encode`

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use taskscope::cli::{Size, render};
use taskscope::export::cast::CastVersion;
use taskscope::export::colors::DARK_CANVAS;
use taskscope::export::frames::FrameEncoder;
use taskscope::export::media::{MediaFormat, MediaSetup, encoder};
use taskscope::feed::{Pace, record_to_end};
use taskscope::runner::{self, RunOptions};
use taskscope::scenario::builtin;
use taskscope::ui::Theme;

const FRAMES: u64 = 90;
const FRAME_NS: u64 = 33_333_333;

fn frames() -> Vec<(Duration, Buffer)> {
    let scenario = Arc::new(builtin("blocking-freeze").expect("a built-in"));
    let mut sources = [runner::start(scenario.clone(), RunOptions::default())];
    let (mut runs, _) = record_to_end(&mut sources, Pace::headless(Duration::from_secs(60)));
    let run = runs.remove(0);
    let size = Size {
        width: 100,
        height: 30,
    };
    (0..FRAMES)
        .map(|i| {
            let at = i * FRAME_NS;
            let frame = render(&scenario, &run, size, Theme::plain(true), Some(at));
            (Duration::from_nanos(at), frame)
        })
        .collect()
}

fn encode(format: MediaFormat, frames: &[(Duration, Buffer)]) -> usize {
    let setup = MediaSetup {
        width: 100,
        height: 30,
        title: "bench".into(),
        canvas: DARK_CANVAS,
    };
    let mut out: Box<dyn FrameEncoder> = encoder(format, &setup);
    for (at, frame) in frames {
        out.frame(*at, frame).expect("a frame");
    }
    let end = frames.last().map_or(Duration::ZERO, |f| f.0) + Duration::from_secs(1);
    out.finish(end).expect("the file").len()
}

fn bench(c: &mut Criterion) {
    let frames = frames();
    let mut group = c.benchmark_group("encode 90 frames of 100x30");
    group.sample_size(10);
    for (name, format) in [
        ("cast", MediaFormat::Cast(CastVersion::V3)),
        ("animated svg", MediaFormat::Svg),
        ("gif", MediaFormat::Gif),
    ] {
        eprintln!("{name}: {} bytes", encode(format, &frames));
        group.bench_function(name, |b| b.iter(|| encode(format, &frames)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
