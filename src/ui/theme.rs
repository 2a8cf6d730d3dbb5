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

/// The legend of lane glyphs, for the help overlay.
pub const LEGEND: [(&str, &str); 10] = [
    (RUNNING, "running (polled by a worker)"),
    (BLOCKING, "blocking: one poll held a runtime worker ≥ 10 ms"),
    (SCHEDULED, "scheduled: woken, waiting for a worker"),
    (
        WAITING,
        "waiting: on a timer, a join, ... (label written in)",
    ),
    ("✓", "done"),
    ("✗", "failed (returned an error)"),
    ("‼", "panicked"),
    ("⊘", "cancelled"),
    ("○", "never polled (created, never awaited)"),
    ("│", "now"),
];

/// Every style the view uses. Built once from whether colour is allowed.
#[derive(Clone, Debug)]
pub struct Theme {
    /// Colour allowed (false under `NO_COLOR`): then only modifiers (bold, reverse) are used.
    pub color: bool,
}

impl Theme {
    /// The theme for a terminal, honouring the `NO_COLOR` environment variable.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
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
            State::Running if blocking => self.fg(Color::LightRed),
            State::Running => self.fg(Color::LightGreen),
            State::Scheduled => self.fg(Color::Yellow),
            State::Waiting => self.fg(Color::DarkGray),
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
        self.fg(Color::Gray).add_modifier(Modifier::ITALIC)
    }

    /// A task name written into a worker's busy bar.
    pub fn bar_text(&self, blocking: bool) -> Style {
        if self.color {
            let bg = if blocking {
                Color::LightRed
            } else {
                Color::LightGreen
            };
            Style::new()
                .fg(Color::Black)
                .bg(bg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// An outcome mark.
    pub fn outcome(&self, outcome: Outcome) -> Style {
        let color = match outcome {
            Outcome::Running | Outcome::Ok => Color::LightGreen,
            Outcome::Failed => Color::LightRed,
            Outcome::Panicked => Color::LightMagenta,
            Outcome::Cancelled => Color::Yellow,
            Outcome::NeverPolled => Color::Gray,
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }

    /// A finding's icon and text.
    pub fn finding(&self, kind: FindingKind) -> Style {
        match kind {
            FindingKind::BlockedWorker | FindingKind::Failed => self.fg(Color::LightRed),
            FindingKind::Panicked => self.fg(Color::LightMagenta),
            FindingKind::Cancelled | FindingKind::NeverPolled | FindingKind::LongPoll => {
                self.fg(Color::Yellow)
            }
            FindingKind::Concurrency => self.fg(Color::LightCyan),
        }
    }

    /// The banner of a finding that is happening now (a worker blocked at this moment).
    pub fn banner(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// Title and status bars.
    pub fn bar(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Blue)
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
            (_, true) => Color::Yellow,
            (true, false) => Color::LightGreen,
            (false, false) => Color::Gray,
        };
        if self.color {
            Style::new()
                .fg(Color::Black)
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
                .fg(Color::Black)
                .bg(Color::LightCyan)
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
            Style::new().fg(Color::Gray)
        } else {
            Style::new()
        }
    }

    /// Frames, rules and the now line: present but quiet.
    pub fn faint(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Key names in the footer and the help.
    pub fn key(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }

    /// The time cursor's column and label.
    pub fn cursor(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The cursor column's background in a lane (colour only; monochrome shows a marker).
    pub fn cursor_cell(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Indexed(238))
        } else {
            Style::new()
        }
    }

    /// An error (a scenario file that does not parse).
    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    /// An accent for headings inside panes.
    pub fn accent(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }
}
