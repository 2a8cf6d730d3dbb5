//! The dashboard's whole state: the screen up (owning what it shows), the menu to come back
//! to, and what applies across screens. Changed only by [`super::update()`], read by
//! [`super::view()`].

use ratatui::layout::Rect;

use super::keymap::Context;
use super::menu::{Menu, MenuEntry};
use super::run_view::RunView;
use super::screen::Screen;
use super::theme::Theme;
use crate::source::{Engine, Status};

/// The speeds `s` cycles through, for the next run.
pub const SPEEDS: [f64; 4] = [1.0, 0.5, 0.25, 2.0];

/// A popup over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// None.
    None,
    /// The keymap and the glyph legend.
    Help,
    /// The scenario's lesson.
    Lesson,
}

/// The dashboard's state.
#[derive(Debug)]
pub struct App {
    /// Which screen is up, with what it shows.
    pub screen: Screen,
    /// The menu (kept while a run is watched, to come back to).
    pub menu: Menu,
    /// Runs started from now on are shown one step at a time (step mode).
    pub step_mode: bool,
    /// The room is asked a scenario's question before its run (the menu's ctrl-a turns it
    /// off and on for the session).
    pub ask: bool,
    /// A one-off message for the footer (a key that does nothing here says why).
    pub flash: Option<String>,
    /// A popup, if one is open.
    pub overlay: Overlay,
    /// Speed for the next run.
    pub next_speed: f64,
    /// The event loop the next runs run on (tokio or asyncio).
    pub next_engine: Engine,
    /// Mouse reporting is on.
    pub mouse: bool,
    /// Drawn for a picture or a recording: no lane is selected.
    pub picture: bool,
    /// Styles and glyphs.
    pub theme: Theme,
    /// The terminal's size (width, height), for layouts and mouse hit tests.
    pub size: (u16, u16),
    /// Set once a quit was asked for.
    pub quit: bool,
}

impl App {
    /// The menu with `entries` (grouped by theme, files that do not parse last; the order
    /// within a group kept), nothing running.
    pub fn new(mut entries: Vec<MenuEntry>, theme: Theme) -> App {
        entries.sort_by_key(MenuEntry::group_key);
        App {
            screen: Screen::Menu,
            menu: Menu {
                entries,
                ..Menu::default()
            },
            step_mode: false,
            ask: true,
            flash: None,
            overlay: Overlay::None,
            next_speed: 1.0,
            next_engine: Engine::Tokio,
            mouse: true,
            picture: false,
            theme,
            size: (80, 24),
            quit: false,
        }
    }

    /// An app that draws a run off-screen at `size` for a picture or a recording: no menu,
    /// no selection.
    pub fn picture(theme: Theme, size: (u16, u16)) -> App {
        App {
            picture: true,
            size,
            ..App::new(Vec::new(), theme)
        }
    }

    /// The keymap context of what is on screen: the screen's, or the menu's or the lanes'
    /// filter while one is typed.
    pub fn context(&self) -> Context {
        match self.screen {
            Screen::Menu if self.menu.editing => Context::Filter,
            _ if self.run().is_some_and(|r| r.choice.typing) => Context::LaneFilter,
            _ => self.screen.context(),
        }
    }

    /// The whole terminal.
    pub fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// The run of a run or attach screen.
    pub fn run(&self) -> Option<&RunView> {
        self.screen.single().map(|s| &s.run)
    }

    /// Every run shown, top first.
    pub fn runs(&self) -> &[RunView] {
        self.screen.runs()
    }

    /// Why the source shown failed for good, if it did (an attach session that gave up).
    pub fn failure(&self) -> Option<&str> {
        match &self.screen {
            Screen::Attach(attach) => match &attach.status {
                Status::Failed(reason) => Some(reason),
                _ => None,
            },
            _ => None,
        }
    }
}
