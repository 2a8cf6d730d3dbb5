//! Casts: v3 and v2 headers and times, and a cast played on a screen full of other text
//! ends with exactly the last frame and the cursor shown (the real players are in
//! record_players.rs).

#[path = "support/view_frames.rs"]
mod frames;

use std::num::NonZeroU16;
use std::sync::Arc;
use std::time::Duration;

use frames::{H, W};
use ratatui::buffer::Buffer;
use serde_json::Value;
use taskscope::export::cast::{Cast, CastVersion};
use taskscope::export::colors::DARK_CANVAS;
use taskscope::export::frame::to_plain;
use taskscope::export::frames::FrameEncoder;
use taskscope::scenario::builtin;
use taskscope::testkit::MS;
use taskscope::timeline::FindingKind;

/// Frames the run view really draws: blocking-freeze's finished timeline with the time
/// cursor at 0.3 s (twice: the same frame again), 1 s, then none.
fn view_frames() -> Vec<(Duration, Buffer)> {
    frames::view_frames(&[
        (0, Some(300 * MS)),
        (33, Some(300 * MS)),
        (100, Some(1000 * MS)),
        (200, None),
    ])
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

#[test]
fn story_markers_are_the_captions_and_the_final_findings_at_their_moments() {
    let scenario = Arc::new(builtin("blocking-freeze").unwrap());
    let options = taskscope::runner::RunOptions {
        speed: 4.0,
        ..Default::default()
    };
    let mut sources = [taskscope::runner::start(scenario.clone(), options)];
    let pace = taskscope::feed::Pace::headless(Duration::from_secs(60));
    let (mut runs, timed_out) = taskscope::feed::record_to_end(&mut sources, pace);
    assert!(!timed_out);
    let timeline = runs.remove(0).timeline;
    let markers = taskscope::export::markers::story_markers(&scenario, &timeline);
    let times: Vec<Duration> = markers.iter().map(|m| m.0).collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "in time order: {times:?}"
    );
    for (_, step) in scenario.steps() {
        if let Some(say) = &step.say {
            assert!(
                markers.iter().any(|m| &m.1 == say),
                "caption {say:?} missing"
            );
        }
    }
    // Every finding as the finished run tells it, at the moment it began; the blocked
    // worker's long before the end.
    let findings = timeline.findings();
    for finding in findings
        .iter()
        .filter(|f| f.kind != FindingKind::Concurrency)
    {
        let at = Duration::from_nanos(finding.start_ns);
        assert!(
            markers.contains(&(at, finding.message.clone())),
            "{finding:?}"
        );
    }
    let blocked = findings
        .iter()
        .find(|f| f.kind == FindingKind::BlockedWorker)
        .expect("the blocked worker");
    assert!(blocked.start_ns < timeline.now_ns() / 2, "{blocked:?}");
    assert!(!markers.iter().any(|m| m.1.contains("concurrency")));
}
