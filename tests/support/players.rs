//! The real players a recording is checked with, where they are installed: every
//! `asciinema` on PATH (asciinema 2 is Debian's package, asciinema 3 comes from
//! `cargo install --locked asciinema`; both are called `asciinema`), run in a
//! pseudo-terminal as a person would.

#![allow(dead_code)] // each user takes what it needs

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// An installed asciinema and its major version.
pub struct Asciinema {
    pub path: PathBuf,
    pub major: u32,
}

/// Every distinct `asciinema` executable on PATH, with its major version.
pub fn asciinemas() -> Vec<Asciinema> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut found: Vec<Asciinema> = Vec::new();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join("asciinema");
        let Ok(real) = std::fs::canonicalize(&candidate) else {
            continue;
        };
        if found
            .iter()
            .any(|a| std::fs::canonicalize(&a.path).ok() == Some(real.clone()))
        {
            continue;
        }
        let Ok(output) = Command::new(&candidate).arg("--version").output() else {
            continue;
        };
        // "asciinema 2.2.0" or "asciinema 3.2.0"
        let version = String::from_utf8_lossy(&output.stdout).to_string();
        let major = version
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.split('.').next())
            .and_then(|m| m.parse().ok());
        if let Some(major) = major {
            found.push(Asciinema {
                path: candidate,
                major,
            });
        }
    }
    found
}

/// Whether `program` is on PATH.
pub fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What a program run in a pseudo-terminal printed, and whether it succeeded.
pub struct PtyRun {
    pub success: bool,
    pub output: String,
}

/// Runs `program args` in a `cols` x `rows` pseudo-terminal until it ends (at most
/// `limit`, then it is killed and counts as failed).
pub fn run_in_pty(program: &Path, args: &[&str], cols: u16, rows: u16, limit: Duration) -> PtyRun {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn the player");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let output = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let success = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.success();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break false;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pair.master);
    let output = String::from_utf8_lossy(&output.join().expect("the reader")).into_owned();
    PtyRun { success, output }
}

/// A Chromium to run headless, if one is installed.
pub fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| installed(c))
}

/// The npm package asciinema-player, if installed where the tests look:
/// `$ASCIINEMA_PLAYER_DIR`, else `target/npm/node_modules/asciinema-player`
/// (`npm install --prefix target/npm asciinema-player`).
pub fn asciinema_player() -> Option<PathBuf> {
    let dir = std::env::var_os("ASCIINEMA_PLAYER_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/npm/node_modules/asciinema-player")
        });
    dir.join("dist/bundle/asciinema-player.min.js")
        .exists()
        .then_some(dir)
}

/// Loads `cast` into asciinema-player in headless Chromium with the player's `options`
/// (a JavaScript object) and returns the page after `budget` of virtual time: its title
/// says `ENDED` once playback ended, `ERROR ...` on a script error.
pub fn in_asciinema_player(
    chromium: &str,
    player: &Path,
    cast: &str,
    options: &str,
    budget: Duration,
) -> String {
    let dir = tempfile::tempdir().expect("a folder");
    let bundle = player.join("dist/bundle");
    let page = dir.path().join("player.html");
    let data = serde_json::to_string(cast).expect("JSON");
    let html = format!(
        "<!doctype html><html><head><link rel=\"stylesheet\" href=\"file://{css}\"></head>\
         <body><div id=\"p\"></div><script src=\"file://{js}\"></script><script>\
         window.onerror = (m) => {{ document.title = 'ERROR ' + m; }};\
         const p = AsciinemaPlayer.create({{data: {data}}}, document.getElementById('p'), {options});\
         p.addEventListener('ended', () => {{ document.title = 'ENDED'; }});\
         </script></body></html>",
        css = bundle.join("asciinema-player.css").display(),
        js = bundle.join("asciinema-player.min.js").display(),
    );
    std::fs::write(&page, html).expect("the page");
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            &format!("--virtual-time-budget={}", budget.as_millis()),
            "--dump-dom",
            page.to_str().expect("a path"),
        ])
        .output()
        .expect("chromium");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The rows of text asciinema-player shows in a dumped page (its `ap-line` spans, each at
/// its column), trailing blanks removed.
pub fn player_rows(page: &str, cols: usize) -> Vec<String> {
    let Some(start) = page.find("<pre class=\"ap-term-text") else {
        return Vec::new();
    };
    let pre = &page[start..];
    let pre = &pre[..pre.find("</pre>").unwrap_or(pre.len())];
    pre.split("<span class=\"ap-line\"")
        .skip(1)
        .map(|line| {
            let mut row = vec![' '; cols];
            for span in line.split("--offset: ").skip(1) {
                let Some((offset, rest)) = span.split_once(';') else {
                    continue;
                };
                let Ok(offset) = offset.trim().parse::<usize>() else {
                    continue;
                };
                let text = rest
                    .split_once('>')
                    .map_or("", |(_, t)| t.split('<').next().unwrap_or(""));
                let text = text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
                for (i, c) in text.chars().enumerate() {
                    if let Some(cell) = row.get_mut(offset + i) {
                        *cell = c;
                    }
                }
            }
            row.into_iter().collect::<String>().trim_end().to_string()
        })
        .collect()
}
