//! The command line's numbers, read and held to the bounds of [`crate::limits`]. Each
//! function is a clap value parser: clap names the flag and the value given, the message
//! here says what is allowed (exit code 2). A flag that takes a number lets a value that
//! starts with `-` through to its parser here (`allow_negative_numbers`, and for durations
//! `allow_hyphen_values`), so `--speed -1` is told the bound, not clap's "unexpected
//! argument" with a tip to write `-- -1`, which would not work.

use std::time::Duration;

use crate::limits::{
    MAX_ATTACH_DURATION, MAX_HOLD, MAX_SPEED, MAX_TIMEOUT, MAX_WIDTH, MAX_WORKERS,
    MIN_ATTACH_DURATION, MIN_SPEED, MIN_TIMEOUT, MIN_WIDTH,
};
use crate::scenario::{self, format_duration};

/// `--speed`: a number from [`MIN_SPEED`] to [`MAX_SPEED`].
pub fn speed(text: &str) -> Result<f64, String> {
    let bounds = format!(
        "a number from {MIN_SPEED} (every duration {:.0} times longer) to {MAX_SPEED} \
         ({MAX_SPEED:.0} times shorter), like 0.5, 1 or 4",
        1.0 / MIN_SPEED
    );
    match text.trim().parse::<f64>() {
        Ok(speed) if (MIN_SPEED..=MAX_SPEED).contains(&speed) => Ok(speed),
        Ok(speed) if speed.is_nan() => Err(format!("not a number: the speed is {bounds}")),
        Ok(_) => Err(format!("out of bounds: the speed is {bounds}")),
        Err(_) => Err(format!("expected {bounds}")),
    }
}

/// `--width`: columns of a text swimlane, [`MIN_WIDTH`] to [`MAX_WIDTH`].
pub fn width(text: &str) -> Result<usize, String> {
    let bounds = format!("a number of columns from {MIN_WIDTH} to {MAX_WIDTH}");
    match text.trim().parse::<usize>() {
        Ok(width) if (MIN_WIDTH..=MAX_WIDTH).contains(&width) => Ok(width),
        Ok(_) => Err(format!("out of bounds: the width is {bounds}")),
        Err(_) => Err(format!("expected {bounds}")),
    }
}

/// `attach --workers`: worker lanes, 1 to [`MAX_WORKERS`].
pub fn workers(text: &str) -> Result<u16, String> {
    let bounds = format!("a number of worker lanes from 1 to {MAX_WORKERS}");
    match text.trim().parse::<usize>() {
        Ok(n @ 1..=MAX_WORKERS) => Ok(n as u16),
        Ok(_) => Err(format!("out of bounds: there are {bounds}")),
        Err(_) => Err(format!("expected {bounds}")),
    }
}

/// `--timeout`: [`MIN_TIMEOUT`] to [`MAX_TIMEOUT`].
pub fn timeout(text: &str) -> Result<Duration, String> {
    duration_within(text, MIN_TIMEOUT, MAX_TIMEOUT)
}

/// `attach --duration`: [`MIN_ATTACH_DURATION`] to [`MAX_ATTACH_DURATION`].
pub fn attach_duration(text: &str) -> Result<Duration, String> {
    duration_within(text, MIN_ATTACH_DURATION, MAX_ATTACH_DURATION)
}

/// `record --hold`: 0 to [`MAX_HOLD`].
pub fn hold(text: &str) -> Result<Duration, String> {
    duration_within(text, Duration::ZERO, MAX_HOLD)
}

/// `export --at`: a time into the run, 0 to [`MAX_TIMEOUT`] (no run lasts longer).
pub fn at(text: &str) -> Result<Duration, String> {
    duration_within(text, Duration::ZERO, MAX_TIMEOUT)
}

/// A duration as scenario files write them (`500ms`, `1.5s`, `2m`), from `min` to `max`.
fn duration_within(text: &str, min: Duration, max: Duration) -> Result<Duration, String> {
    let bounds = if min.is_zero() {
        format!("at most {}", format_duration(max))
    } else {
        format!("from {} to {}", format_duration(min), format_duration(max))
    };
    // The value may start with `-` (see the module's comment): `--timeout --width` is a
    // value left out, not a negative duration.
    if text.starts_with("--") || text.starts_with('-') && text[1..].starts_with(char::is_alphabetic)
    {
        return Err(format!(
            "`{text}` is a flag, not a duration: {} ({bounds})",
            scenario::DURATION_EXPECTED
        ));
    }
    match scenario::parse_duration(text.trim()) {
        Ok(d) if (min..=max).contains(&d) => Ok(d),
        Ok(_) | Err(scenario::DurationError::TooLong) => {
            Err(format!("out of bounds: the duration is {bounds}"))
        }
        Err(e) => Err(format!("{e}: {} ({bounds})", scenario::DURATION_EXPECTED)),
    }
}

/// A TCP port: 1 to 65535 (0 names no port to connect to or to tell anyone).
pub fn port(text: &str) -> Result<u16, String> {
    match text.trim().parse::<u32>() {
        Ok(port @ 1..=65535) => Ok(port as u16),
        Ok(_) => Err(format!(
            "port {} is out of bounds: a port is 1 to 65535",
            text.trim()
        )),
        Err(_) => Err(format!("expected a port from 1 to 65535, found `{text}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_inside_the_bounds_are_read() {
        assert_eq!(speed("0.01"), Ok(0.01));
        assert_eq!(speed("100"), Ok(100.0));
        assert_eq!(width("40"), Ok(40));
        assert_eq!(workers("64"), Ok(64));
        assert_eq!(timeout("1ms"), Ok(Duration::from_millis(1)));
        assert_eq!(timeout("1440m"), Ok(MAX_TIMEOUT));
        assert_eq!(hold("0s"), Ok(Duration::ZERO));
        assert_eq!(at("0s"), Ok(Duration::ZERO));
        assert_eq!(attach_duration("100ms"), Ok(MIN_ATTACH_DURATION));
        assert_eq!(port("6669"), Ok(6669));
    }

    #[test]
    fn numbers_outside_say_the_bounds() {
        for (error, bound) in [
            (speed("1e-20").map(drop), "from 0.01"),
            (speed("0").map(drop), "to 100"),
            (speed("inf").map(drop), "to 100"),
            (
                speed("NaN").map(drop),
                "not a number: the speed is a number from 0.01",
            ),
            (
                speed("-1").map(drop),
                "out of bounds: the speed is a number from 0.01",
            ),
            (speed("fast").map(drop), "expected a number from 0.01"),
            (width("0").map(drop), "from 40 to 1000"),
            (width("-3").map(drop), "expected a number of columns"),
            (workers("0").map(drop), "from 1 to 64"),
            (workers("65").map(drop), "from 1 to 64"),
            (timeout("0s").map(drop), "from 1ms to 1440m"),
            (timeout("99999999999s").map(drop), "from 1ms to 1440m"),
            (
                timeout("99999999999999999999m").map(drop),
                "from 1ms to 1440m",
            ),
            (hold("61m").map(drop), "at most 60m"),
            (hold("-1s").map(drop), "cannot be negative"),
            (
                timeout("--width").map(drop),
                "`--width` is a flag, not a duration",
            ),
            (timeout("-h").map(drop), "`-h` is a flag"),
            (at("1441m").map(drop), "at most 1440m"),
            (attach_duration("0s").map(drop), "from 100ms to 1440m"),
            (timeout("5").map(drop), "no unit"),
            (port("0").map(drop), "1 to 65535"),
            (port("65536").map(drop), "1 to 65535"),
        ] {
            let error = error.unwrap_err();
            assert!(error.contains(bound), "`{bound}` missing from: {error}");
        }
    }
}
