//! `--theme`: the colour themes by name, for the dashboard, recordings and images.

use clap::ValueEnum;

use crate::export::frame::Canvas;
use crate::ui::theme::{self, Theme};

/// A theme's name on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    /// Bright colours on the terminal's own (dark) background.
    #[default]
    Dark,
    /// Dark colours on a light background: slides, light terminals.
    Light,
    /// Colour-blind safe on black: states differ by glyph and brightness, not hue alone.
    HighContrast,
}

impl ThemeName {
    /// The theme (honouring `NO_COLOR`).
    pub fn theme(self) -> Theme {
        Theme::with_palette(match self {
            ThemeName::Dark => theme::DARK,
            ThemeName::Light => theme::LIGHT,
            ThemeName::HighContrast => theme::HIGH_CONTRAST,
        })
    }

    /// What an image's default foreground and background stand for.
    pub fn canvas(self) -> Canvas {
        match self {
            ThemeName::Dark => crate::export::frame::DARK_CANVAS,
            ThemeName::Light => Canvas {
                fg: "#1e1e1e",
                bg: "#fafafa",
            },
            ThemeName::HighContrast => Canvas {
                fg: "#ffffff",
                bg: "#000000",
            },
        }
    }
}
