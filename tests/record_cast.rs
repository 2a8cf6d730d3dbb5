//! Casts: v3 and v2 headers and times, a cast played on a screen full of other text ends
//! with exactly the last frame and the cursor shown, and the real players (asciinema 3 and
//! 2, where installed) play them; the test says which players it skipped.

mod common;
#[path = "support/players.rs"]
mod players;
#[path = "support/replay.rs"]
mod replay;

use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ratatui::buffer::Buffer;
use serde_json::Value;
use taskscope::cli::{Size, record, render};
use taskscope::export::cast::{Cast, CastVersion};
use taskscope::export::colors::DARK_CANVAS;
use taskscope::export::frame::to_plain;
use taskscope::export::frames::FrameEncoder;
use taskscope::runner::RunOptions;
use taskscope::scenario::{builtin, builtins};
use taskscope::ui::Theme;

const W: u16 = 100;
const H: u16 = 30;
const MS: u64 = 1_000_000;

/// Frames the run view really draws: blocking-freeze's finished timeline with the time
/// cursor at 0.3 s (twice: the same frame again), 1 s, then none.
fn view_frames() -> Vec<(Duration, Buffer)> {
    let scenario = Arc::new(builtin("blocking-freeze").unwrap());
    let size = Size {
        width: W,
        height: H,
    };
    let draw = |at| {
        render(
            &scenario,
            common::blocking_freeze(),
            size,
            Theme::plain(true),
            at,
            1.0,
        )
    };
    let ms = Duration::from_millis;
    vec![
        (ms(0), draw(Some(300 * MS))),
        (ms(33), draw(Some(300 * MS))),
        (ms(100), draw(Some(1000 * MS))),
        (ms(200), draw(None)),
    ]
}

fn encode(version: CastVersion, frames: &[(Duration, Buffer)], end: Duration) -> String {
    let mut cast = Box::new(Cast::new(W, H, version).title("test").theme(DARK_CANVAS));
    for (at, frame) in frames {
        cast.frame(*at, frame).unwrap();
    }
    cast.marker(Duration::from_millis(150), "blocked");
    String::from_utf8(cast.finish(end).unwrap()).unwrap()
}

fn lines(cast: &str) -> (Value, Vec<Value>) {
    let mut values = cast
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON"));
    let header = values.next().expect("a header");
    (header, values.collect())
}

/// A terminal `extra` rows taller and wider than the cast, full of reverse-video red text,
/// its cursor hidden in the middle: what a shell leaves behind.
fn dirty_screen(extra: u16) -> vt100::Parser {
    let nz = |n: u16| NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(nz(H + extra), nz(W + extra), 0);
    for row in 0..H + extra {
        let text: String = (0..W + extra)
            .map(|i| char::from(b'a' + ((i + row) % 26) as u8))
            .collect();
        parser.process(format!("\x1b[{};1H\x1b[7;31m{text}", row + 1).as_bytes());
    }
    parser.process(b"\x1b[?25l\x1b[10;10H");
    parser
}

#[test]
fn a_cast_played_on_a_dirty_screen_ends_with_exactly_the_last_frame() {
    let frames = view_frames();
    for version in [CastVersion::V2, CastVersion::V3] {
        let cast = encode(version, &frames, Duration::from_millis(1200));
        let (_, events) = lines(&cast);
        for extra in [0, 4] {
            let last = picture(&frames.last().unwrap().1, extra);
            let mut parser = dirty_screen(extra);
            let mut first = true;
            for event in events.iter().filter(|e| e[1] == "o") {
                parser.process(event[2].as_str().unwrap().as_bytes());
                if first {
                    // The first frame alone covers every cell: no dirty text, no reverse video.
                    first = false;
                    let screen = parser.screen();
                    assert_eq!(rows(screen), picture(&frames[0].1, extra), "{version:?}");
                    let inverse = (0..H + extra)
                        .flat_map(|r| (0..W + extra).map(move |c| (r, c)))
                        .any(|(r, c)| screen.cell(r, c).is_some_and(|cell| cell.inverse()));
                    assert!(!inverse, "{version:?}: a cell kept the old attributes");
                    assert!(screen.hide_cursor(), "the cursor is hidden while playing");
                }
            }
            let screen = parser.screen();
            assert_eq!(rows(screen), last, "{version:?}, {extra} more rows");
            assert!(
                !screen.hide_cursor(),
                "{version:?}: the cursor is shown at the end"
            );
            // Below the picture where there is room, else on its last row; attributes reset.
            assert_eq!(
                screen.cursor_position(),
                (H.min(H + extra - 1), 0),
                "{version:?}"
            );
            assert!(!screen.inverse() && !screen.bold(), "{version:?}");
            assert_eq!(screen.fgcolor(), vt100::Color::Default);
        }
    }
}

/// Every row of the screen, without trailing blanks.
fn rows(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .map(|row| row.trim_end().to_string())
        .collect()
}

/// The rows a screen `extra` rows taller than the frame shows: the frame's text, then
/// empty rows.
fn picture(frame: &Buffer, extra: u16) -> Vec<String> {
    let mut rows: Vec<String> = to_plain(frame).lines().map(str::to_string).collect();
    rows.extend((0..extra).map(|_| String::new()));
    rows
}

#[test]
fn v3_header_has_term_and_events_are_intervals() {
    let frames = view_frames();
    let cast = encode(CastVersion::V3, &frames, Duration::from_millis(1200));
    let (header, events) = lines(&cast);
    assert_eq!(header["version"], 3);
    assert_eq!(header["term"]["cols"], W);
    assert_eq!(header["term"]["rows"], H);
    assert_eq!(header["term"]["type"], "xterm-256color");
    assert_eq!(header["term"]["theme"]["bg"], DARK_CANVAS.bg);
    let palette = header["term"]["theme"]["palette"].as_str().unwrap();
    assert_eq!(palette.split(':').count(), 16, "{palette}");
    assert_eq!(header["title"], "test");
    assert!(header.get("width").is_none());
    // Frames at 0, 100, 200 ms (the one at 33 ms repeats the first), the marker at 150 ms,
    // the end at 1.2 s: intervals between them.
    let intervals: Vec<f64> = events.iter().map(|e| e[0].as_f64().unwrap()).collect();
    let codes: Vec<&str> = events.iter().map(|e| e[1].as_str().unwrap()).collect();
    assert_eq!(codes, ["o", "o", "m", "o", "o"]);
    assert_eq!(intervals, [0.0, 0.1, 0.05, 0.05, 1.0]);
    assert_eq!(events[2][2], "blocked");
    assert!(events[4][2].as_str().unwrap().ends_with("\x1b[?25h"));
}

#[test]
fn v2_header_has_width_and_events_are_absolute_times() {
    let frames = view_frames();
    let cast = encode(CastVersion::V2, &frames, Duration::from_millis(1200));
    let (header, events) = lines(&cast);
    assert_eq!(header["version"], 2);
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(100), Some(30))
    );
    assert_eq!(header["theme"]["fg"], DARK_CANVAS.fg);
    assert!(header.get("term").is_none());
    let times: Vec<f64> = events.iter().map(|e| e[0].as_f64().unwrap()).collect();
    assert_eq!(times, [0.0, 0.1, 0.15, 0.2, 1.2]);
    assert_eq!(events[2][1], "m");
}

/// A built-in recorded at 80x24 by `taskscope record` as it is today (a v3 cast), and the
/// same frames written as v2.
fn real_casts(name: &str) -> (String, String) {
    let scenario = Arc::new(builtin(name).unwrap());
    let options = RunOptions {
        speed: 8.0,
        ..RunOptions::default()
    };
    let size = Size {
        width: 80,
        height: 24,
    };
    let hold = Duration::from_millis(300);
    let timeout = Duration::from_secs(60);
    let (v3, _) =
        record(scenario, options, size, Theme::plain(true), hold, timeout).expect("record");
    let played = replay::replay(&v3);
    let mut v2 = Box::new(Cast::new(80, 24, CastVersion::V2));
    for (at, frame) in &played.frames {
        v2.frame(*at, frame).unwrap();
    }
    for (at, label) in &played.markers {
        v2.marker(*at, label);
    }
    let v2 = String::from_utf8(v2.finish(played.end).unwrap()).unwrap();
    (v3, v2)
}

/// The installed players; says which are not.
fn installed_players() -> Vec<players::Asciinema> {
    let players = players::asciinemas();
    for major in [2, 3] {
        if !players.iter().any(|p| p.major == major) {
            eprintln!(
                "skipped: asciinema {major} is not installed (asciinema 2: Debian package \
                 `asciinema`; asciinema 3: `cargo install --locked asciinema`)"
            );
        }
    }
    players
}

#[test]
fn every_builtin_plays_in_the_installed_players() {
    let players = installed_players();
    if players.is_empty() {
        return;
    }
    let names: Vec<&str> = builtins().iter().map(|b| b.name).collect();
    let threads: Vec<_> = names
        .chunks(names.len().div_ceil(4))
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let players: Vec<(PathBuf, u32)> =
                players.iter().map(|p| (p.path.clone(), p.major)).collect();
            std::thread::spawn(move || {
                let dir = tempfile::tempdir().unwrap();
                for name in chunk {
                    let (v3, v2) = real_casts(name);
                    let v3_path = dir.path().join(format!("{name}.v3.cast"));
                    let v2_path = dir.path().join(format!("{name}.v2.cast"));
                    std::fs::write(&v3_path, &v3).unwrap();
                    std::fs::write(&v2_path, &v2).unwrap();
                    for (player, major) in &players {
                        // asciinema 2 reads v2, asciinema 3 both (its `convert` plays the
                        // events through its terminal emulator).
                        let shown = if *major == 2 {
                            let args = ["cat", v2_path.to_str().unwrap()];
                            let run =
                                players::run_in_pty(player, &args, 80, 24, Duration::from_secs(30));
                            assert!(run.success, "asciinema 2 cat {name}:\n{}", run.output);
                            run.output
                        } else {
                            let mut shown = String::new();
                            for path in [&v3_path, &v2_path] {
                                let out = std::process::Command::new(player)
                                    .args(["convert", "-f", "txt", path.to_str().unwrap(), "-"])
                                    .output()
                                    .expect("asciinema convert");
                                assert!(out.status.success(), "asciinema 3 {}", path.display());
                                shown = String::from_utf8_lossy(&out.stdout).into_owned();
                            }
                            shown
                        };
                        assert!(shown.contains(name), "asciinema {major} {name}:\n{shown}");
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a player thread");
    }
}

#[test]
fn real_players_play_the_casts_they_accept() {
    let players = installed_players();
    let (v3, v2) = real_casts("blocking-freeze");
    let dir = tempfile::tempdir().unwrap();
    let (v3_path, v2_path) = (dir.path().join("v3.cast"), dir.path().join("v2.cast"));
    std::fs::write(&v3_path, &v3).unwrap();
    std::fs::write(&v2_path, &v2).unwrap();
    let (v3_path, v2_path) = (v3_path.to_str().unwrap(), v2_path.to_str().unwrap());
    let limit = Duration::from_secs(30);
    for player in &players {
        let name = format!("asciinema {}", player.major);
        let run = |args: &[&str]| players::run_in_pty(&player.path, args, 80, 24, limit);
        match player.major {
            2 => {
                // asciinema 2 reads v1 and v2 only.
                for args in [["cat", v2_path].as_slice(), &["play", "-s", "8", v2_path]] {
                    let played = run(args);
                    assert!(played.success, "{name} {args:?}:\n{}", played.output);
                    assert!(
                        played.output.contains("DONE"),
                        "{name} {args:?}:\n{}",
                        played.output
                    );
                    assert!(
                        played.output.ends_with("\x1b[?25h") || played.output.contains("\x1b[?25h")
                    );
                }
                let refused = run(&["cat", v3_path]);
                assert!(!refused.success, "{name} is not expected to read v3");
                assert!(
                    refused.output.contains("only asciicast v1 and v2"),
                    "{}",
                    refused.output
                );
            }
            _ => {
                // asciinema 3 reads v1, v2 and v3: plays them, and turns them into the text
                // of the final screen.
                for path in [v3_path, v2_path] {
                    let played = run(&["play", "-s", "8", path]);
                    assert!(played.success, "{name} play {path}:\n{}", played.output);
                    assert!(
                        played.output.contains("slow_sync_call"),
                        "{}",
                        played.output
                    );
                    let text = std::process::Command::new(&player.path)
                        .args(["convert", "-f", "txt", path, "-"])
                        .output()
                        .expect("asciinema convert");
                    assert!(text.status.success(), "{name} convert {path}");
                    let text = String::from_utf8_lossy(&text.stdout);
                    assert!(
                        text.contains("DONE") && text.contains("fetch_weather"),
                        "{text}"
                    );
                }
            }
        }
        eprintln!("checked with {name} ({})", player.path.display());
    }
}

/// Block elements and geometric shapes left blank: asciinema-player draws them as shapes,
/// not text.
fn text_only(row: &str) -> String {
    row.chars()
        .map(|c| {
            if ('\u{2580}'..='\u{25FF}').contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn asciinema_player_in_chromium_plays_both_versions() {
    let (Some(chromium), Some(player)) = (players::chromium(), players::asciinema_player()) else {
        eprintln!(
            "skipped: asciinema-player in Chromium needs `chromium` (Debian) and \
             `npm install --prefix target/npm asciinema-player` (or ASCIINEMA_PLAYER_DIR)"
        );
        return;
    };
    let (v3, v2) = real_casts("blocking-freeze");
    let played = replay::replay(&v3);
    let last = to_plain(&played.frames.last().unwrap().1);
    let expected: Vec<String> = last.lines().map(text_only).collect();
    for (version, cast) in [("v3", &v3), ("v2", &v2)] {
        // The final picture as the player's poster: its own emulator plays every event.
        let page = players::in_asciinema_player(
            chromium,
            &player,
            cast,
            "{poster: 'npt:9999'}",
            Duration::from_secs(5),
        );
        assert!(!page.contains("<title>ERROR"), "{version}: {page}");
        let shown: Vec<String> = players::player_rows(&page, 80)
            .iter()
            .map(|r| text_only(r))
            .collect();
        assert_eq!(shown, expected, "{version}");
        // Played to its end, without a script error.
        let page = players::in_asciinema_player(
            chromium,
            &player,
            cast,
            "{autoPlay: true, speed: 4}",
            Duration::from_secs(30),
        );
        assert!(
            page.contains("<title>ENDED</title>"),
            "{version} did not end"
        );
    }
    eprintln!(
        "checked with asciinema-player in {chromium} ({})",
        player.display()
    );
}
