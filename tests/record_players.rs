//! The real players, where installed (the tests say which they skipped): asciinema 2
//! (Debian's package) reads v2 and refuses v3, asciinema 3 (`cargo install --locked
//! asciinema`) reads both, asciinema-player (npm) in headless Chromium shows the last frame
//! of both; every built-in's recording plays.

#[path = "support/players.rs"]
mod players;
#[path = "support/recording.rs"]
mod recording;
#[path = "support/replay.rs"]
mod replay;

use std::path::PathBuf;
use std::time::Duration;

use taskscope::export::cast::{Cast, CastVersion};
use taskscope::export::frame::to_plain;
use taskscope::scenario::builtins;
use taskscope::ui::Theme;

/// A built-in recorded at 80x24 by `taskscope record` as it is today (a v3 cast), and the
/// same frames written as v2.
fn real_casts(name: &str) -> (String, String) {
    let hold = Duration::from_millis(300);
    let v3 = recording::record_builtin(name, (80, 24), 8.0, hold, Theme::plain(true));
    let v2 = replay::replay(&v3).encode(Box::new(Cast::new(80, 24, CastVersion::V2)));
    (v3, String::from_utf8(v2).unwrap())
}

/// The installed players; says which are not.
fn installed_players() -> Vec<players::Asciinema> {
    let players = players::asciinemas();
    for major in [2, 3] {
        if !players.iter().any(|p| p.major == major) {
            taskscope::testkit::skipped(&format!(
                "asciinema {major} is not installed (asciinema 2: Debian package \
                 `asciinema`; asciinema 3: `cargo install --locked asciinema`)"
            ));
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
        taskscope::testkit::skipped(
            "asciinema-player in Chromium needs `chromium` (Debian) and \
             `npm install --prefix target/npm asciinema-player` (or ASCIINEMA_PLAYER_DIR)",
        );
        return;
    };
    let (v3, v2) = real_casts("blocking-freeze");
    let played = replay::replay(&v3);
    let last = to_plain(&played.frames.last().unwrap().1);
    let expected: Vec<String> = last.lines().map(text_only).collect();
    for (version, cast) in [("v3", &v3), ("v2", &v2)] {
        // The final picture as the player's poster (its own emulator plays every event),
        // then the whole cast played to its end, without a script error.
        let poster = ("{poster: 'npt:9999'}", Duration::from_secs(5));
        let play = ("{autoPlay: true, speed: 4}", Duration::from_secs(30));
        let [poster, play] = [poster, play].map(|(options, budget)| {
            let page = players::in_asciinema_player(chromium, &player, cast, options, budget);
            assert!(!page.contains("<title>ERROR"), "{version}: {page}");
            page
        });
        let shown: Vec<String> = players::player_rows(&poster, 80)
            .iter()
            .map(|r| text_only(r))
            .collect();
        assert_eq!(shown, expected, "{version}");
        assert!(
            play.contains("<title>ENDED</title>"),
            "{version} did not end"
        );
    }
    eprintln!(
        "checked with asciinema-player in {chromium} ({})",
        player.display()
    );
}
