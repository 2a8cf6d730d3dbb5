//! Durations as people write them in scenario files: `"250ms"`, `"1.5s"`, `"2m"`.

use std::fmt;
use std::time::Duration;

/// What a duration must look like; every duration error ends with this.
pub const DURATION_EXPECTED: &str =
    "expected a number followed by ns, us, ms, s or m, like \"250ms\" or \"1.5s\"";

/// The units a duration may end with, longest first so `ms` is not read as `m`.
const UNITS: [(&str, u128); 6] = [
    ("ns", 1),
    ("us", 1_000),
    ("µs", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("m", 60_000_000_000),
];

/// Why a duration string was rejected, so the diagnostic can say what to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DurationError {
    /// `""`.
    Empty,
    /// `"-1s"`.
    Negative,
    /// `"1"`: a number without a unit.
    MissingUnit,
    /// `"1 sec"`, `"1sec"`: the text after the number is not a unit.
    UnknownUnit(String),
    /// `"s"`, `"1.s"`, `"one s"`: the number part is not a plain decimal number.
    BadNumber,
    /// `"0.5ns"`: finer than a nanosecond.
    TooPrecise,
    /// More than a Duration holds (centuries).
    TooLong,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::Empty => write!(f, "the duration is empty"),
            DurationError::Negative => write!(f, "a duration cannot be negative"),
            DurationError::MissingUnit => write!(f, "the number has no unit"),
            DurationError::UnknownUnit(unit) => write!(f, "`{unit}` is not a unit"),
            DurationError::BadNumber => write!(f, "it does not start with a number"),
            DurationError::TooPrecise => write!(f, "it is finer than one nanosecond"),
            DurationError::TooLong => write!(f, "it is too long"),
        }
    }
}

impl std::error::Error for DurationError {}

/// Parses `"1s"`, `"250ms"`, `"1.5s"`, `"2m"`, `"500us"`, `"10ns"`.
///
/// A plain decimal number (no sign, no exponent, no spaces) followed directly by a unit.
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    if text.trim_start().starts_with('-') {
        return Err(DurationError::Negative);
    }
    let number_len = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(number_len);
    if number.is_empty() {
        return Err(DurationError::BadNumber);
    }
    if unit.is_empty() {
        return Err(DurationError::MissingUnit);
    }
    let scale = UNITS
        .iter()
        .find(|(name, _)| *name == unit)
        .map(|(_, scale)| *scale)
        .ok_or_else(|| DurationError::UnknownUnit(unit.trim().to_string()))?;
    let nanos = scaled(number, scale)?;
    let secs = u64::try_from(nanos / 1_000_000_000).map_err(|_| DurationError::TooLong)?;
    Ok(Duration::new(secs, (nanos % 1_000_000_000) as u32))
}

/// `number` (digits, at most one dot, digits on both sides) times `scale`, exactly.
fn scaled(number: &str, scale: u128) -> Result<u128, DurationError> {
    let (whole, fraction) = match number.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (number, ""),
    };
    let bad = whole.is_empty()
        || (number.contains('.') && fraction.is_empty())
        || fraction.contains('.')
        || fraction.len() > 18;
    if bad {
        return Err(DurationError::BadNumber);
    }
    if whole.len() > 20 {
        // A plain number of more digits than a u64 has: far longer than any bound.
        return Err(DurationError::TooLong);
    }
    let whole: u128 = whole.parse().map_err(|_| DurationError::BadNumber)?;
    let mut total = whole.checked_mul(scale).ok_or(DurationError::TooLong)?;
    if !fraction.is_empty() {
        let digits: u128 = fraction.parse().map_err(|_| DurationError::BadNumber)?;
        let denominator = 10u128.pow(fraction.len() as u32);
        let part = digits * scale;
        if part % denominator != 0 {
            return Err(DurationError::TooPrecise);
        }
        total += part / denominator;
    }
    Ok(total)
}

/// What the writer probably meant, for the help line: `"1 sec"` → `"1s"`. None when unsure.
pub fn suggest_duration(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.trim_start_matches(['-', '+']);
    let number_len = compact
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(compact.len());
    let (number, unit) = compact.split_at(number_len);
    let unit = match unit.to_ascii_lowercase().as_str() {
        "ns" | "nsec" | "nanos" | "nanosecond" | "nanoseconds" => "ns",
        "us" | "usec" | "micros" | "microsecond" | "microseconds" => "us",
        "ms" | "msec" | "msecs" | "millis" | "millisecond" | "milliseconds" => "ms",
        "s" | "sec" | "secs" | "second" | "seconds" => "s",
        "m" | "min" | "mins" | "minute" | "minutes" => "m",
        _ => return None,
    };
    let candidate = format!("{number}{unit}");
    match parse_duration(&candidate) {
        Ok(d) if !d.is_zero() && candidate != text => Some(candidate),
        _ => None,
    }
}

/// Writes a duration the way scenario files do (`"1.5s"`, `"250ms"`, `"2m"`), for captions
/// and exports; `parse_duration(&format_duration(d)) == d`.
pub fn format_duration(d: Duration) -> String {
    let nanos = d.as_nanos();
    const MINUTE: u128 = 60_000_000_000;
    if nanos >= MINUTE && nanos % MINUTE == 0 {
        return format!("{}m", nanos / MINUTE);
    }
    // The largest unit that shows it with at most three decimals.
    for (unit, scale) in [("s", 1_000_000_000u128), ("ms", 1_000_000), ("us", 1_000)] {
        if nanos >= scale && nanos % (scale / 1_000) == 0 {
            let whole = nanos / scale;
            let thousandths = (nanos % scale) / (scale / 1_000);
            if thousandths == 0 {
                return format!("{whole}{unit}");
            }
            let fraction = format!("{thousandths:03}");
            return format!("{whole}.{}{unit}", fraction.trim_end_matches('0'));
        }
    }
    format!("{nanos}ns")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Duration {
        parse_duration(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn parses_the_units() {
        assert_eq!(ok("1s"), Duration::from_secs(1));
        assert_eq!(ok("250ms"), Duration::from_millis(250));
        assert_eq!(ok("1.5s"), Duration::from_millis(1500));
        assert_eq!(ok("2m"), Duration::from_secs(120));
        assert_eq!(ok("500us"), Duration::from_micros(500));
        assert_eq!(ok("500µs"), Duration::from_micros(500));
        assert_eq!(ok("10ns"), Duration::from_nanos(10));
        assert_eq!(ok("0.25s"), Duration::from_millis(250));
        assert_eq!(ok("0s"), Duration::ZERO);
        assert_eq!(ok("1.000000001s"), Duration::new(1, 1));
    }

    #[test]
    fn rejects_what_is_not_a_duration() {
        use DurationError::*;
        let cases = [
            ("", Empty),
            ("-1s", Negative),
            ("1", MissingUnit),
            ("1 sec", UnknownUnit("sec".into())),
            ("1sec", UnknownUnit("sec".into())),
            ("1h", UnknownUnit("h".into())),
            ("s", BadNumber),
            (".5s", BadNumber),
            ("1.s", BadNumber),
            ("1.2.3s", BadNumber),
            ("+1s", BadNumber),
            ("0.5ns", TooPrecise),
            ("99999999999999999999m", TooLong),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_duration(text), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn suggests_the_likely_spelling() {
        assert_eq!(suggest_duration("1 sec").as_deref(), Some("1s"));
        assert_eq!(suggest_duration("250 millis").as_deref(), Some("250ms"));
        assert_eq!(suggest_duration("2 minutes").as_deref(), Some("2m"));
        assert_eq!(suggest_duration("-1s").as_deref(), Some("1s"));
        assert_eq!(suggest_duration("1").as_deref(), None);
        assert_eq!(suggest_duration("1h"), None);
    }

    #[test]
    fn formats_back_to_the_same_duration() {
        for text in [
            "1s",
            "250ms",
            "1.5s",
            "2m",
            "500us",
            "10ns",
            "1.000000001s",
            "90s",
        ] {
            let d = ok(text);
            assert_eq!(ok(&format_duration(d)), d, "{text}");
        }
        assert_eq!(format_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(format_duration(Duration::from_secs(90)), "90s");
        assert_eq!(format_duration(Duration::from_secs(120)), "2m");
        assert_eq!(format_duration(Duration::ZERO), "0ns");
    }
}
