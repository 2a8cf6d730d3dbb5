//! Tests of the dashboard: `update` for every message, view snapshots of fixed synthetic
//! timelines, and one real run of blocking-freeze through the app state.

mod asyncio;
mod code;
mod inside;
mod live;
mod menu;
mod modes;
mod presenter;
mod quiz;
mod saved;
mod told;
mod tree;
mod update;
mod view;

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::app::App;
use super::menu::MenuEntry;
use super::msg::{Effect, Effects, Launch, Msg};
use super::run_view::RunView;
use super::screen::Screen;
use super::theme::Theme;
use super::update::update;
use crate::feed::Recorded;
use crate::scenario;
use crate::source::{Drained, Status};
use crate::testkit::{MS, US, failure_done, freeze_done, freeze_live};

/// Presses `code` (no modifier) in `app`.
fn key(app: &mut App, code: KeyCode) -> Effects {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Types the character `c` in `app`.
fn ch(app: &mut App, c: char) -> Effects {
    key(app, KeyCode::Char(c))
}

/// Presses `code` in `app` for what it does to the state (its effects are not looked at).
fn press(app: &mut App, code: KeyCode) {
    let _ = key(app, code);
}

/// Presses Ctrl and the character `c` in `app`.
fn ctrl(app: &mut App, c: char) -> Effects {
    update(
        app,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

/// A mouse event of `kind` at (`column`, `row`) in `app`.
fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) -> Effects {
    let event = MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    update(app, Msg::Mouse(event))
}

/// Whether `effects` stop the run shown and start a new one at `speed`.
fn is_start(effects: &[Effect], speed: f64) -> bool {
    effects.contains(&Effect::StopRun)
        && effects
            .iter()
            .any(|e| matches!(e, Effect::StartRun { speed: s, .. } if *s == speed))
}

/// Asserts that every cell of a status bar reads `│ text │`: one blank on each side of its
/// text (the first cell too, and the last before the bar's blank end).
fn assert_padded(bar: &str) {
    let cells: Vec<&str> = bar.split('│').collect();
    let last = cells.len() - 1;
    for (i, cell) in cells.iter().enumerate() {
        let cell = if i == last { cell.trim_end() } else { cell };
        let text = cell.trim();
        let one_blank = |s: &str| s.starts_with(' ') && !s.starts_with("  ");
        let ends = cell.chars().rev().collect::<String>();
        assert!(
            !text.is_empty() && one_blank(cell) && (i == last || one_blank(&ends)),
            "cell {i} `{cell}` is not padded by one blank: `{bar}`"
        );
    }
}

/// A recorded run as one drain of its source, items as they were handed over.
fn as_drained(run: &Recorded) -> Drained {
    Drained {
        batch: run.tape.batch(),
        status: Status::Live,
        note: None,
    }
}

/// An app on the menu, in colour (or not), at `w` x `h`.
fn menu_app(color: bool, w: u16, h: u16) -> App {
    static BUILTINS: std::sync::OnceLock<Vec<MenuEntry>> = std::sync::OnceLock::new();
    let entries = BUILTINS.get_or_init(MenuEntry::builtins).clone();
    let mut app = App::new(entries, Theme::plain(color));
    assert!(update(&mut app, Msg::Resize(w, h)).is_empty());
    app
}

/// An app showing `run` as a run of blocking-freeze: opened on it, then fed its tape.
fn run_app(run: Recorded, color: bool, w: u16, h: u16) -> App {
    let mut app = menu_app(color, w, h);
    let entry = app
        .menu
        .entries
        .iter()
        .find(|e| e.name == "blocking-freeze");
    let scenario = entry
        .expect("a built-in")
        .scenario
        .clone()
        .expect("it parses");
    let info = run.timeline.info().clone();
    let show = Launch::Show {
        scenario,
        info,
        at: None,
    };
    assert!(update(&mut app, Msg::Launch(show)).is_empty());
    assert!(update(&mut app, Msg::Events(vec![as_drained(&run)])).is_empty());
    app
}

/// The dashboard of `taskscope open` on a saved run, its replay drained. A question its
/// scenario asks is skipped (Tab; `quiz.rs` answers them).
fn opened(json: &str, color: bool, w: u16, h: u16) -> App {
    let saved = crate::saved::from_bytes(json.as_bytes(), "run.json").expect("it opens");
    let mut app = menu_app(color, w, h);
    app.next_speed = saved.info().speed;
    let launch = open_launch(json);
    let mut driver = super::Driver::default();
    let mut effects = update(&mut app, Msg::Launch(launch));
    if matches!(app.screen, Screen::Ask(_)) {
        assert_eq!(effects, [Effect::StopRun], "nothing runs yet");
        effects = key(&mut app, KeyCode::Tab);
    }
    assert!(!driver.execute(effects));
    let msg = driver.drain().expect("the replay hands its tape over");
    assert!(update(&mut app, msg).is_empty());
    assert!(!driver.is_live(), "a replay is over after one drain");
    assert_eq!(driver.drain(), None);
    app
}

/// What `taskscope open` on the saved run `json` launches.
fn open_launch(json: &str) -> Launch {
    let saved = crate::saved::from_bytes(json.as_bytes(), "run.json").expect("it opens");
    Launch::Open {
        info: saved.info().clone(),
        scenario: saved.scenario.clone(),
        attached: None,
        script: None,
        tape: Arc::new(saved.run.tape.clone()),
    }
}

/// A picture (an image, a recording's frame) of the saved run `json` at `w` x `h`: shown
/// without asking anybody, then fed its tape.
fn picture(json: &str, w: u16, h: u16) -> App {
    let saved = crate::saved::from_bytes(json.as_bytes(), "run.json").expect("it opens");
    let mut app = App::picture(Theme::plain(true), (w, h));
    let show = Launch::Show {
        scenario: saved.scenario.clone().expect("its scenario"),
        info: saved.info().clone(),
        at: None,
    };
    assert!(
        update(&mut app, Msg::Launch(show)).is_empty(),
        "nobody is asked"
    );
    assert!(update(&mut app, Msg::Events(vec![as_drained(&saved.run)])).is_empty());
    app
}

/// For the screen up, each command bound there: an unavailable one has no footer hint, and
/// says why when pressed (doing nothing); an available one is hinted if the table hints it.
fn assert_availability_is_told(app: &mut App) {
    use super::commands::{Availability, availability};
    use super::keymap;
    let context = app.context();
    let footer = screen_text(&render(app))
        .lines()
        .last()
        .unwrap()
        .to_string();
    for (keys, what, command) in keymap::footer(context) {
        let hint = format!("{keys} {what}");
        let offered = footer.contains(&hint);
        match availability(app, command) {
            Availability::Available => assert!(offered, "{hint} missing: {footer}"),
            Availability::Unavailable(_) => assert!(!offered, "{hint} offered: {footer}"),
        }
    }
    for (_, binding) in keymap::help(context) {
        let Availability::Unavailable(why) = availability(app, binding.command) else {
            continue;
        };
        let key = binding.keys[0];
        let effects = update(app, Msg::Key(KeyEvent::new(key.code, key.mods)));
        assert!(effects.is_empty(), "{:?} did something", binding.command);
        assert_eq!(app.flash.as_deref(), Some(why), "{:?}", binding.command);
    }
}

/// The run view of `app`.
fn run(app: &App) -> &RunView {
    app.run().expect("a run view")
}

/// The run view of `app`, to change by hand (send `Msg::Tick` after).
fn run_mut(app: &mut App) -> &mut RunView {
    &mut app.screen.single_mut().expect("a run view").run
}

/// Draws `app` into a test terminal of its size.
fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    terminal.draw(|f| super::view(app, f)).expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
