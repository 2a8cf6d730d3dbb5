//! One key of the keymap: what matches it, and how the help (long) and the footer (short)
//! write it, so that no key's text is written by hand.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key (a code and the modifiers that must be held; Shift is ignored for characters,
/// whose case already says it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held.
    pub mods: KeyModifiers,
}

/// A key without modifiers.
pub const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// A character key.
pub const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// A character with Ctrl held.
pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// A key with Shift held.
pub const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

impl Key {
    /// Whether a key press is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        match (self.code, event.code) {
            // The character already carries Shift ('G', '+'); some terminals add the flag.
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                let mods = event.modifiers - KeyModifiers::SHIFT;
                a == b && mods == self.mods
            }
            // Tab with Shift arrives as BackTab; treat both as Tab.
            (KeyCode::Tab, KeyCode::BackTab) => true,
            (a, b) => a == b && event.modifiers == self.mods,
        }
    }

    /// How the help writes it: `Enter`, `ctrl-t`, `shift-←`, `Space`.
    pub fn long(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            code => self.glyph(code),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("ctrl-{name}")
        } else if self.mods.contains(KeyModifiers::SHIFT) {
            format!("shift-{name}")
        } else {
            name
        }
    }

    /// How the footer writes it: `⏎`, `^T`, `␣`, `esc`.
    pub fn short(&self) -> String {
        match self.code {
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                format!("^{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(' ') => "␣".into(),
            KeyCode::Enter => "⏎".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::Esc => "esc".into(),
            _ => self.long(),
        }
    }

    /// Arrows as arrows, characters as themselves, function keys as `F1`.
    fn glyph(&self, code: KeyCode) -> String {
        match code {
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_for_the_help_and_the_footer() {
        let cases = [
            (key(KeyCode::Up), "↑", "↑"),
            (ctrl('t'), "ctrl-t", "^T"),
            (shift(KeyCode::Left), "shift-←", "shift-←"),
            (ch(' '), "Space", "␣"),
            (key(KeyCode::Enter), "Enter", "⏎"),
            (key(KeyCode::Esc), "Esc", "esc"),
            (key(KeyCode::Backspace), "Bksp", "Bksp"),
            (key(KeyCode::F(1)), "F1", "F1"),
            (ch('G'), "G", "G"),
        ];
        for (key, long, short) in cases {
            assert_eq!((key.long().as_str(), key.short().as_str()), (long, short));
        }
    }
}
