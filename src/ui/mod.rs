//! The interactive dashboard: the scenario menu and the live swimlanes of a run.
//!
//! The Elm architecture without a framework: one [`App`] state whose [`Screen`] owns what
//! each screen shows, one [`Msg`] enum (drained events are a message too), [`update()`]
//! returns [`Effect`]s as data, and [`view()`] draws from `&App`. The [`Driver`] starts and
//! drains the sources; this module holds the loop that connects them to the terminal.

pub mod actions;
pub mod app;
pub mod ask;
mod ask_keys;
pub mod bindings;
pub mod code_choice;
mod commands;
pub mod compare_layout;
mod driver;
pub mod keymap;
mod keys;
pub mod lane_area;
pub mod lane_tree;
mod launch;
pub mod layout;
pub mod loader;
pub mod marks;
pub mod menu;
mod menu_keys;
mod mouse;
pub mod msg;
pub mod quiz_pane;
pub mod room;
mod run_keys;
pub mod run_view;
pub mod screen;
pub mod step;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod window;
pub mod words;

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

pub use app::App;
pub use code_choice::{CodePane, Lang};
pub use commands::{Availability, availability};
pub use driver::Driver;
pub use loader::Loader;
pub use menu::{Menu, MenuEntry};
pub use msg::{Effect, Effects, Launch, Msg};
pub use run_view::RunView;
pub use screen::Screen;
pub use theme::Theme;
pub use update::update;
pub use view::view;

#[cfg(test)]
mod tests;

use crate::runner::console::ConsoleTap;

/// Time between frames while a source is live: 60 frames a second.
const FRAME: Duration = Duration::from_micros(16_667);
/// How often an idle dashboard wakes to check for signals (it does not redraw).
const IDLE_WAKE: Duration = Duration::from_millis(100);

/// What the dashboard opens with.
pub struct Options {
    /// The menu's scenarios, from the start.
    pub entries: Vec<MenuEntry>,
    /// Scenario files for the menu, read off the dashboard's thread once it is up (they
    /// join the list as they are read).
    pub files: Vec<PathBuf>,
    /// The screen to open at once (`taskscope run X`, `compare`, `attach`, `open`), instead
    /// of the menu.
    pub launch: Option<Launch>,
    /// Runs are shown one step at a time, `n` moving to the next (`run --step`).
    pub step_mode: bool,
    /// The room is asked a scenario's question before its run (off: `--no-quiz`).
    pub ask: bool,
    /// Speed of the first run.
    pub speed: f64,
    /// The runtime of the first run (and the next ones, until switched).
    pub engine: crate::source::Engine,
    /// Mouse reporting (click a lane, wheel to zoom).
    pub mouse: bool,
    /// Serve every run to tokio-console too (`run --console`).
    pub console: Option<ConsoleTap>,
    /// Colours and glyph styles.
    pub theme: theme::Theme,
}

/// How the dashboard ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ended {
    /// Why the source on screen failed for good, if it did (an attach session that gave up).
    pub failure: Option<String>,
}

/// Opens the dashboard in this terminal and runs it until the person quits.
pub fn run(options: Options) -> io::Result<Ended> {
    let signals = terminal::signal_flag()?;
    terminal::spawn_watchdog(signals.clone());
    let _guard = terminal::TerminalGuard::enter(options.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App {
        mouse: options.mouse,
        next_speed: options.speed,
        next_engine: options.engine,
        step_mode: options.step_mode,
        ask: options.ask,
        size: (size.width, size.height),
        ..App::new(options.entries, options.theme.clone())
    };
    let mut driver = Driver::with_console(options.console);
    if let Some(launch) = options.launch {
        driver.execute(update(&mut app, Msg::Launch(launch)));
    }
    let mut loader = Loader::start(options.files);
    event_loop(&mut terminal, &mut app, &mut driver, &mut loader, &signals)?;
    Ok(Ended {
        failure: app.failure().map(str::to_string),
    })
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

fn draw_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// Waits on terminal input, drains the sources and the menu's file loader, draws once: at
/// most 60 frames a second while a source is live or files are read, and no frame at all
/// while nothing changes. Input is handled as soon as it arrives, between frames.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    driver: &mut Driver,
    loader: &mut Loader,
    signals: &AtomicBool,
) -> io::Result<()> {
    let mut dirty = true;
    let mut last_frame = Instant::now();
    loop {
        if dirty {
            terminal.draw(|f| view(app, f)).map_err(draw_error)?;
            dirty = false;
        }
        let timeout = if driver.is_live() || loader.is_loading() {
            FRAME.saturating_sub(last_frame.elapsed())
        } else {
            IDLE_WAKE
        };
        if event::poll(timeout)? {
            loop {
                if let Some(msg) = to_msg(event::read()?) {
                    dirty = true;
                    if driver.execute(update(app, msg)) {
                        return Ok(());
                    }
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        self::terminal::panic_if_asked();
        if signals.load(Ordering::SeqCst) {
            driver.execute(update(app, Msg::Signal));
            return Ok(());
        }
        let busy = driver.is_live() || loader.is_loading();
        if busy && last_frame.elapsed() >= FRAME {
            last_frame = Instant::now();
            if let Some(msg) = driver.drain() {
                driver.execute(update(app, msg));
            }
            if let Some(loaded) = loader.drain() {
                driver.execute(update(app, Msg::Loaded(loaded)));
            }
            dirty = true;
        }
    }
}
