//! Styles and glyphs: every state differs by glyph AND by colour, so the view reads on a
//! monochrome projector and with `NO_COLOR` (<https://no-color.org>) as well as in colour.

use ratatui::style::{Color, Modifier, Style};

use crate::timeline::{FindingKind, Outcome, State};

/// Glyph of a running poll.
pub const RUNNING: &str = "█";
/// Glyph of a poll that holds a runtime worker at least [`crate::timeline::BLOCKING_POLL_NS`].
pub const BLOCKING: &str = "▓";
/// Glyph of a task that is woken and waits for a worker.
pub const SCHEDULED: &str = "▒";
/// Glyph of a task pending on something (a timer, a join); its label is written over it.
pub const WAITING: &str = "─";
/// Glyph of a worker parked, with nothing to poll.
pub const PARKED: &str = "·";
/// Left-aligned partial blocks, one to seven eighths of a cell: sub-cell precision, so a
/// 3 ms poll in a 2 s run still shows.
pub const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// The mark of how a task ended (none while it runs).
pub fn outcome_mark(outcome: Outcome) -> Option<&'static str> {
    match outcome {
        Outcome::Running => None,
        Outcome::Ok => Some("✓"),
        Outcome::Failed => Some("✗"),
        Outcome::Panicked => Some("‼"),
        Outcome::Cancelled => Some("⊘"),
        Outcome::NeverPolled => Some("○"),
    }
}

/// The icon of a finding in the findings pane.
pub fn finding_icon(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::BlockedWorker => "⚠",
        FindingKind::LongPoll => "◔",
        FindingKind::Cancelled => "⊘",
        FindingKind::NeverPolled => "○",
        FindingKind::Panicked => "‼",
        FindingKind::Failed => "✗",
        FindingKind::Concurrency => "≈",
    }
}

/// Every style the view uses: a palette, and whether colour is allowed at all.
#[derive(Clone, Debug)]
pub struct Theme {
    /// Colour allowed (false under `NO_COLOR`): then only modifiers (bold, reverse) are used.
    pub color: bool,
    /// The colours of each role.
    pub palette: Palette,
}

/// The colour of each role in the view. Named after the dark theme's colours; other
/// themes map them to what reads on their background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Running polls, ok ends, the live badge.
    pub green: Color,
    /// Blocking polls, failures, errors.
    pub red: Color,
    /// Panics.
    pub magenta: Color,
    /// Scheduled (ready) time, cancellations, warnings, the frozen badge.
    pub yellow: Color,
    /// Waiting time, frames and rules.
    pub dark_gray: Color,
    /// Secondary text, wait labels.
    pub gray: Color,
    /// Accents: keys, the selection, the cursor.
    pub cyan: Color,
    /// Text on a coloured background (badges, the selection, busy bars).
    pub on_color: Color,
    /// Text of the title bar and the banner.
    pub white: Color,
    /// The title and status bars' background.
    pub bar: Color,
    /// The banner of something happening now.
    pub alarm: Color,
    /// The time cursor's column.
    pub cursor_bg: Color,
    /// The whole screen's background and text, when the theme sets them (a light theme
    /// must not rely on the terminal's own colours).
    pub canvas: Option<(Color, Color)>,
}

/// The default: the terminal's own background, bright colours on it.
pub const DARK: Palette = Palette {
    green: Color::LightGreen,
    red: Color::LightRed,
    magenta: Color::LightMagenta,
    yellow: Color::Yellow,
    dark_gray: Color::DarkGray,
    gray: Color::Gray,
    cyan: Color::LightCyan,
    on_color: Color::Black,
    white: Color::White,
    bar: Color::Blue,
    alarm: Color::Red,
    cursor_bg: Color::Indexed(238),
    canvas: None,
};

/// Dark colours on a light background, for slides and light terminals.
pub const LIGHT: Palette = Palette {
    green: Color::Rgb(0, 120, 40),
    red: Color::Rgb(200, 30, 30),
    magenta: Color::Rgb(150, 40, 150),
    yellow: Color::Rgb(176, 112, 0),
    dark_gray: Color::Rgb(160, 160, 160),
    gray: Color::Rgb(90, 90, 90),
    cyan: Color::Rgb(0, 100, 160),
    on_color: Color::Rgb(255, 255, 255),
    white: Color::Rgb(255, 255, 255),
    bar: Color::Rgb(40, 80, 160),
    alarm: Color::Rgb(190, 20, 20),
    cursor_bg: Color::Rgb(215, 225, 235),
    canvas: Some((Color::Rgb(250, 250, 250), Color::Rgb(30, 30, 30))),
};

/// Colour-blind safe (Okabe-Ito hues) on black: the states differ in glyph AND in
/// brightness (running white, scheduled yellow, blocking orange, waiting grey), never in
/// hue alone.
pub const HIGH_CONTRAST: Palette = Palette {
    green: Color::Rgb(255, 255, 255),
    red: Color::Rgb(230, 110, 0),
    magenta: Color::Rgb(204, 121, 167),
    yellow: Color::Rgb(240, 228, 66),
    dark_gray: Color::Rgb(120, 120, 120),
    gray: Color::Rgb(200, 200, 200),
    cyan: Color::Rgb(86, 180, 233),
    on_color: Color::Rgb(0, 0, 0),
    white: Color::Rgb(255, 255, 255),
    bar: Color::Rgb(0, 90, 160),
    alarm: Color::Rgb(213, 94, 0),
    cursor_bg: Color::Rgb(60, 60, 60),
    canvas: Some((Color::Rgb(0, 0, 0), Color::Rgb(255, 255, 255))),
};

impl Theme {
    /// The theme for a terminal, honouring the `NO_COLOR` environment variable.
    pub fn from_env() -> Theme {
        Theme::with_palette(DARK)
    }

    /// A theme with `palette`, honouring `NO_COLOR`.
    pub fn with_palette(palette: Palette) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            palette,
        }
    }

    /// The dark theme, with or without colour (tests and benchmarks, which must not
    /// depend on the environment).
    pub fn plain(color: bool) -> Theme {
        Theme {
            color,
            palette: DARK,
        }
    }

    /// The whole screen's style, when the theme paints its own background.
    pub fn canvas(&self) -> Option<Style> {
        let (bg, fg) = self.palette.canvas.filter(|_| self.color)?;
        Some(Style::new().bg(bg).fg(fg))
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// A lane cell in `state`; `blocking` for a running poll that holds a runtime worker.
    pub fn state(&self, state: State, blocking: bool) -> Style {
        match state {
            State::Running if blocking => self.fg(self.palette.red),
            State::Running => self.fg(self.palette.green),
            State::Scheduled => self.fg(self.palette.yellow),
            State::Waiting => self.fg(self.palette.dark_gray),
        }
    }

    /// The glyph of a state.
    pub fn state_glyph(state: State, blocking: bool) -> &'static str {
        match state {
            State::Running if blocking => BLOCKING,
            State::Running => RUNNING,
            State::Scheduled => SCHEDULED,
            State::Waiting => WAITING,
        }
    }

    /// The label written into a waiting stretch of a lane.
    pub fn wait_label(&self) -> Style {
        self.fg(self.palette.gray).add_modifier(Modifier::ITALIC)
    }

    /// A task name written into a worker's busy bar.
    pub fn bar_text(&self, blocking: bool) -> Style {
        if self.color {
            let bg = if blocking {
                self.palette.red
            } else {
                self.palette.green
            };
            Style::new()
                .fg(self.palette.on_color)
                .bg(bg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// An outcome mark.
    pub fn outcome(&self, outcome: Outcome) -> Style {
        let color = match outcome {
            Outcome::Running | Outcome::Ok => self.palette.green,
            Outcome::Failed => self.palette.red,
            Outcome::Panicked => self.palette.magenta,
            Outcome::Cancelled => self.palette.yellow,
            Outcome::NeverPolled => self.palette.gray,
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }

    /// A finding's icon and text.
    pub fn finding(&self, kind: FindingKind) -> Style {
        match kind {
            FindingKind::BlockedWorker | FindingKind::Failed => self.fg(self.palette.red),
            FindingKind::Panicked => self.fg(self.palette.magenta),
            FindingKind::Cancelled | FindingKind::NeverPolled | FindingKind::LongPoll => {
                self.fg(self.palette.yellow)
            }
            FindingKind::Concurrency => self.fg(self.palette.cyan),
        }
    }

    /// The banner of a finding that is happening now (a worker blocked at this moment).
    pub fn banner(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.palette.white)
                .bg(self.palette.alarm)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Title and status bars.
    pub fn bar(&self) -> Style {
        if self.color {
            Style::new().fg(self.palette.white).bg(self.palette.bar)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Emphasised text inside a bar.
    pub fn bar_strong(&self) -> Style {
        self.bar().add_modifier(Modifier::BOLD)
    }

    /// The live / frozen / done badge of the status bar.
    pub fn badge(&self, live: bool, frozen: bool) -> Style {
        let color = match (live, frozen) {
            (_, true) => self.palette.yellow,
            (true, false) => self.palette.green,
            (false, false) => self.palette.gray,
        };
        if self.color {
            Style::new()
                .fg(self.palette.on_color)
                .bg(color)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The selected row (a lane name, a menu entry).
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.palette.on_color)
                .bg(self.palette.cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Plain text.
    pub fn text(&self) -> Style {
        Style::new()
    }

    /// Headings and names.
    pub fn strong(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: summaries, axis labels, separators.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(self.palette.gray)
        } else {
            Style::new()
        }
    }

    /// Frames, rules and the now line: present but quiet.
    pub fn faint(&self) -> Style {
        self.fg(self.palette.dark_gray)
    }

    /// Key names in the footer and the help.
    pub fn key(&self) -> Style {
        self.fg(self.palette.cyan).add_modifier(Modifier::BOLD)
    }

    /// The time cursor's column and label.
    pub fn cursor(&self) -> Style {
        if self.color {
            Style::new()
                .fg(self.palette.cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The cursor column's background in a lane (colour only; monochrome shows a marker).
    pub fn cursor_cell(&self) -> Style {
        if self.color {
            Style::new().bg(self.palette.cursor_bg)
        } else {
            Style::new()
        }
    }

    /// An error (a scenario file that does not parse).
    pub fn error(&self) -> Style {
        self.fg(self.palette.red).add_modifier(Modifier::BOLD)
    }

    /// The marks of the selected task's wakes, and their connectors: the colour of being
    /// made ready (scheduled), in bold.
    pub fn wake(&self) -> Style {
        self.fg(self.palette.yellow).add_modifier(Modifier::BOLD)
    }

    /// An accent for headings inside panes.
    pub fn accent(&self) -> Style {
        self.fg(self.palette.cyan).add_modifier(Modifier::BOLD)
    }
}

impl Theme {
    /// Task `id`'s own colour in the code pane and its lane's name, stable for the run: one
    /// of a few hues of the palette, picked by id. Bold only without colour (the pane then
    /// names the task in the line's margin instead).
    pub fn task(&self, id: crate::record::TaskId) -> Style {
        let p = &self.palette;
        let hues = [p.cyan, p.magenta, p.yellow, p.green, p.red, p.gray];
        let hue = hues[id as usize % hues.len()];
        self.fg(hue).add_modifier(Modifier::BOLD)
    }
}
