//! Durations written for people: "2.00 s", "350 ms", "850 µs".

/// Formats nanoseconds with three significant digits in the largest unit that fits
/// (seconds always with two decimals), as findings, stats and exports show them.
pub fn format_duration(ns: u64) -> String {
    const UNITS: [(f64, &str); 3] = [(1e3, "µs"), (1e6, "ms"), (1e9, "s")];
    if ns < 1_000 {
        return format!("{ns} ns");
    }
    let mut i = match ns {
        1_000_000_000.. => 2,
        1_000_000.. => 1,
        _ => 0,
    };
    let mut v = ns as f64 / UNITS[i].0;
    // 999.7 ms prints as "1.00 s", not "1000 ms".
    if i < 2 && v >= 999.5 {
        i += 1;
        v = ns as f64 / UNITS[i].0;
    }
    let decimals = match v {
        _ if i == 2 => 2,
        v if v >= 99.95 => 0,
        v if v >= 9.995 => 1,
        _ => 2,
    };
    format!("{v:.decimals$} {}", UNITS[i].1)
}

#[cfg(test)]
mod tests {
    use super::format_duration;

    #[test]
    fn picks_the_largest_unit() {
        assert_eq!(format_duration(2_000_000_000), "2.00 s");
        assert_eq!(format_duration(12_345_000_000), "12.35 s");
        assert_eq!(format_duration(350_000_000), "350 ms");
        assert_eq!(format_duration(35_000_000), "35.0 ms");
        assert_eq!(format_duration(3_500_000), "3.50 ms");
        assert_eq!(format_duration(850_000), "850 µs");
        assert_eq!(format_duration(850), "850 ns");
        assert_eq!(format_duration(0), "0 ns");
    }

    #[test]
    fn rounding_moves_to_the_next_unit() {
        assert_eq!(format_duration(999_700_000), "1.00 s");
        assert_eq!(format_duration(999_700), "1.00 ms");
    }
}
