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

/// Real nanoseconds of a run played at `speed` as the scenario's own time: a run at 0.25x
/// takes four times longer than its script says, and every view speaks in the script's
/// time (a 2 s block is "2.00 s" at any speed). The JSON keeps real nanoseconds.
pub fn scenario_ns(real_ns: u64, speed: f64) -> u64 {
    let scaled = real_ns as f64 * speed;
    if scaled.is_finite() && scaled >= 0.0 {
        scaled.round().min(u64::MAX as f64) as u64
    } else {
        real_ns
    }
}

#[cfg(test)]
mod tests {
    use super::{format_duration, scenario_ns};

    #[test]
    fn scenario_time_undoes_the_speed() {
        assert_eq!(scenario_ns(8_000_000_000, 0.25), 2_000_000_000);
        assert_eq!(scenario_ns(1_000_000_000, 2.0), 2_000_000_000);
        assert_eq!(scenario_ns(123, 1.0), 123);
        assert_eq!(scenario_ns(u64::MAX, 4.0), u64::MAX);
    }

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
