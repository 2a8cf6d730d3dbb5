//! The interactive dashboard: the scenario menu and the live swimlanes of a run.
//!
//! The Elm architecture without a framework: one [`App`] state, one [`Msg`] enum,
//! [`update()`] returns [`Effect`]s as data, and [`view()`] draws from `&App`. This module holds
//! the loop that connects them to the terminal and to the runner.

pub mod app;
mod driver;
pub mod keymap;
mod mouse;
mod run_keys;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod window;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

pub use app::{App, MenuEntry, RunView, Screen};
pub use driver::Driver;
pub use theme::Theme;
pub use update::{Effect, Msg, start_compare, start_run, update};
pub use view::view;

#[cfg(test)]
mod tests;

use crate::attach::Session;
use crate::runner::console::ConsoleTap;
use crate::scenario::Scenario;

/// Time between frames while a run is live: 60 frames a second.
const FRAME: Duration = Duration::from_micros(16_667);
/// How often an idle dashboard wakes to check for signals (it does not redraw).
const IDLE_WAKE: Duration = Duration::from_millis(100);

/// What the dashboard opens with.
pub struct Options {
    /// The menu's scenarios.
    pub entries: Vec<MenuEntry>,
    /// Open the run view on this scenario at once (`taskscope run X`), instead of the menu.
    pub start: Option<Arc<Scenario>>,
    /// Open the compare view on these two at once (`taskscope compare A B`).
    pub compare: Option<[Arc<Scenario>; 2]>,
    /// Open the run view on this attach session (`taskscope attach`); Esc quits.
    pub attach: Option<Session>,
    /// Runs pause before each step until `n` (`run --step`).
    pub step_mode: bool,
    /// Speed of the first run.
    pub speed: f64,
    /// Mouse reporting (click a lane, wheel to zoom).
    pub mouse: bool,
    /// Serve every run to tokio-console too (`run --console`).
    pub console: Option<ConsoleTap>,
    /// Colours and glyph styles.
    pub theme: theme::Theme,
}

/// Opens the dashboard in this terminal and runs it until the person quits.
pub fn run(options: Options) -> io::Result<()> {
    let signals = terminal::signal_flag()?;
    terminal::spawn_watchdog(signals.clone());
    let _guard = terminal::TerminalGuard::enter(options.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let mut app = App::new(options.entries, options.theme.clone());
    app.mouse = options.mouse;
    app.next_speed = options.speed;
    app.step_mode = options.step_mode;
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    let mut driver = Driver::with_console(options.console);
    if let Some(session) = options.attach {
        driver.attach(&mut app, session);
    } else if let Some(pair) = options.compare {
        driver.execute(start_compare(&mut app, pair));
    } else if let Some(scenario) = options.start {
        driver.execute(start_run(&mut app, scenario));
    }
    event_loop(&mut terminal, &mut app, &mut driver, &signals)
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

/// Waits on terminal input, drains the run, draws once: at most 60 frames a second while a
/// run is live, and no frame at all while nothing changes. Input is handled as soon as it
/// arrives, between frames.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    driver: &mut Driver,
    signals: &AtomicBool,
) -> io::Result<()> {
    let mut dirty = true;
    let mut last_frame = Instant::now();
    loop {
        if dirty {
            terminal.draw(|f| view(app, f)).map_err(draw_error)?;
            dirty = false;
        }
        let timeout = if driver.is_live(app) {
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
        if signals.load(Ordering::SeqCst) {
            driver.execute(update(app, Msg::Signal));
            return Ok(());
        }
        if driver.is_live(app) && last_frame.elapsed() >= FRAME {
            last_frame = Instant::now();
            driver.pump(app);
            update(app, Msg::Tick);
            dirty = true;
        }
    }
}
