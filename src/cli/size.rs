//! Terminal sizes for off-screen drawing: `100x30`, or one of the talk presets.

use std::fmt;
use std::str::FromStr;

/// A terminal size in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

/// The smallest size worth recording: below it the view only asks to be enlarged.
pub const MIN_SIZE: Size = Size {
    width: 40,
    height: 12,
};

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let expected =
            || format!("expected WIDTHxHEIGHT like 80x24, 100x30 or 120x40, found `{text}`");
        let (w, h) = text.split_once(['x', 'X']).ok_or_else(expected)?;
        let width: u16 = w.trim().parse().map_err(|_| expected())?;
        let height: u16 = h.trim().parse().map_err(|_| expected())?;
        if width < MIN_SIZE.width || height < MIN_SIZE.height {
            return Err(format!("{text} is too small: at least {MIN_SIZE}"));
        }
        if width > 1000 || height > 500 {
            return Err(format!("{text} is too large: at most 1000x500"));
        }
        Ok(Size { width, height })
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print_back() {
        for text in ["80x24", "100x30", "120x40", "200X60"] {
            let size: Size = text.parse().unwrap();
            assert_eq!(size.to_string(), text.to_lowercase());
        }
    }

    #[test]
    fn bad_sizes_say_what_was_expected() {
        assert!("80".parse::<Size>().unwrap_err().contains("WIDTHxHEIGHT"));
        assert!("axb".parse::<Size>().unwrap_err().contains("80x24"));
        assert!("10x5".parse::<Size>().unwrap_err().contains("too small"));
        assert!("5000x50".parse::<Size>().unwrap_err().contains("too large"));
    }
}
