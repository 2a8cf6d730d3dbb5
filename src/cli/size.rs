//! Terminal sizes for off-screen drawing: `100x30`, or one of the talk presets.

use std::fmt;
use std::str::FromStr;

use crate::limits;

/// A terminal size in cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

impl Size {
    /// The smallest size drawn: below it the run view only asks to be enlarged.
    pub const MIN: Size = Size::of(limits::MIN_SIZE);
    /// The largest size drawn.
    pub const MAX: Size = Size::of(limits::MAX_SIZE);

    const fn of((width, height): (u16, u16)) -> Size {
        Size { width, height }
    }

    /// Whether it is at most `max` across and down.
    pub fn fits(self, max: Size) -> bool {
        self.width <= max.width && self.height <= max.height
    }

    /// The size with the article it is read aloud with: "an 80x24", "a 100x30".
    pub fn with_article(self) -> String {
        format!("{} {self}", article(self.width))
    }
}

/// "an" before a number said starting with a vowel (eight, eleven, eighteen, eighty, eight
/// hundred, and those thousands), else "a".
fn article(number: u16) -> &'static str {
    let mut lead = number;
    while lead >= 1000 {
        lead /= 1000;
    }
    let vowel = matches!(lead, 8 | 11 | 18 | 80..=89 | 800..=899);
    if vowel { "an" } else { "a" }
}

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let expected =
            || format!("expected WIDTHxHEIGHT like 80x24, 100x30 or 120x40, found `{text}`");
        let (w, h) = text.split_once(['x', 'X']).ok_or_else(expected)?;
        let width: u64 = w.trim().parse().map_err(|_| expected())?;
        let height: u64 = h.trim().parse().map_err(|_| expected())?;
        let (min, max) = (Size::MIN, Size::MAX);
        if width > u64::from(max.width) || height > u64::from(max.height) {
            return Err(format!(
                "{width}x{height} is too large: at most {max}, at least {min}"
            ));
        }
        if width < u64::from(min.width) || height < u64::from(min.height) {
            return Err(format!(
                "{width}x{height} is too small: at least {min} (what the run view needs), \
                 at most {max}"
            ));
        }
        Ok(Size {
            width: width as u16,
            height: height as u16,
        })
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
    fn a_size_is_said_with_its_article() {
        for (width, said) in [
            (80, "an 80x24"),
            (89, "an 89x24"),
            (100, "a 100x24"),
            (120, "a 120x24"),
            (60, "a 60x24"),
            (800, "an 800x24"),
            (1000, "a 1000x24"),
            (8000, "an 8000x24"),
            (11000, "an 11000x24"),
            (18, "an 18x24"),
        ] {
            let size = Size { width, height: 24 };
            assert_eq!(size.with_article(), said);
        }
    }

    #[test]
    fn bad_sizes_say_what_was_expected() {
        assert!("80".parse::<Size>().unwrap_err().contains("WIDTHxHEIGHT"));
        assert!("axb".parse::<Size>().unwrap_err().contains("80x24"));
        let small = "59x30".parse::<Size>().unwrap_err();
        assert!(small.contains("too small: at least 60x15"), "{small}");
        let large = "1001x50".parse::<Size>().unwrap_err();
        assert!(large.contains("too large: at most 1000x500"), "{large}");
        let huge = "70000x99999999999".parse::<Size>().unwrap_err();
        assert!(huge.contains("too large"), "{huge}");
    }

    #[test]
    fn the_smallest_size_is_what_the_run_view_needs() {
        use crate::ui::layout::{MIN_HEIGHT, MIN_WIDTH};
        assert_eq!((Size::MIN.width, Size::MIN.height), (MIN_WIDTH, MIN_HEIGHT));
    }
}
