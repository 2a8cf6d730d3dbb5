//! Records a built-in scenario once with `taskscope record` (a v3 cast), reads the cast
//! back into frames (through a terminal emulator) and writes the same frames as a cast, an
//! animated SVG and a GIF, printing each file's size: how the images in `docs/` are made,
//! all three from one run.
//!
//! `cargo run --release --example record_media -- blocking-freeze docs [dark|light|high-contrast]`
//! writes `docs/blocking-freeze.cast`, `docs/blocking-freeze.animated.svg` and
//! `docs/blocking-freeze.gif` (100x30, a 3 s hold).

#[path = "../tests/support/recording.rs"]
mod recording;
#[path = "../tests/support/replay.rs"]
mod replay;

use std::path::Path;
use std::time::Duration;

use clap::ValueEnum;
use taskscope::cli::ThemeName;
use taskscope::export::cast::CastVersion;
use taskscope::export::media::{MediaFormat, MediaSetup, encoder};
use taskscope::scenario::builtin;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(name), Some(folder)) = (args.first(), args.get(1)) else {
        eprintln!("usage: record_media SCENARIO FOLDER [THEME]");
        std::process::exit(2);
    };
    let theme = args.get(2).map_or(ThemeName::Dark, |t| {
        ThemeName::from_str(t, true).expect("a theme")
    });
    let scenario = builtin(name).expect("a built-in scenario");
    let hold = Duration::from_secs(3);
    let cast = recording::record_builtin(name, (100, 30), 1.0, hold, theme.theme());
    let played = replay::replay(&cast);
    let setup = MediaSetup {
        width: played.width,
        height: played.height,
        title: format!("taskscope: {} ({})", scenario.name, scenario.summary),
        canvas: theme.canvas(),
    };
    for extension in ["cast", "animated.svg", "gif"] {
        let path = Path::new(folder).join(format!("{name}.{extension}"));
        let format = MediaFormat::from_path(&path, CastVersion::V3).expect("a format");
        let bytes = played.encode(encoder(format, &setup));
        std::fs::write(&path, &bytes).expect("write");
        println!(
            "{}: {} bytes ({} frames recorded over {:.2} s)",
            path.display(),
            bytes.len(),
            played.frames.len(),
            played.end.as_secs_f64()
        );
    }
}
