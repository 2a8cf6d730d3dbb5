//! The visible stretch of time and how it maps to columns, plus the axis's tick spacing.

/// Shortest span a live run is drawn over, so the first frames do not zoom into nanoseconds.
pub const MIN_SPAN_NS: u64 = 100_000_000;

/// A stretch of time `[start, start + span)` drawn over `cols` columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First instant shown, ns since the run began.
    pub start: u64,
    /// How much time the columns cover.
    pub span: u64,
    /// Columns of the chart.
    pub cols: u16,
}

impl Window {
    /// The end of the window (exclusive).
    pub fn end(&self) -> u64 {
        self.start.saturating_add(self.span)
    }

    /// Time covered by one column.
    pub fn col_ns(&self) -> u64 {
        (self.span / u64::from(self.cols.max(1))).max(1)
    }

    /// When column `c` starts.
    pub fn col_start(&self, c: u16) -> u64 {
        self.start + (u128::from(c) * u128::from(self.span) / u128::from(self.cols.max(1))) as u64
    }

    /// The column that shows time `t`, if it is inside the window.
    pub fn col_of(&self, t: u64) -> Option<u16> {
        if t < self.start || t >= self.end() || self.cols == 0 {
            return None;
        }
        let c = u128::from(t - self.start) * u128::from(self.cols) / u128::from(self.span.max(1));
        Some((c as u16).min(self.cols - 1))
    }
}

/// The stretch of time drawn over `cols` columns for a run at `now` ns (`finished` or not):
/// the whole run, or `zoom` ns of it around the time `cursor` (without a cursor, following
/// now with a little room ahead of it).
pub fn view_window(
    now: u64,
    finished: bool,
    zoom: Option<u64>,
    cursor: Option<u64>,
    cols: u16,
) -> Window {
    let fit = fit_span(now, finished);
    match zoom {
        Some(span) if span < fit => {
            let start = match cursor {
                Some(c) => c.saturating_sub(span / 2),
                None => now.saturating_sub(span - span / 10),
            };
            Window { start, span, cols }
        }
        _ => Window {
            start: 0,
            span: fit,
            cols,
        },
    }
}

/// The span that fits a run of `now` ns: the run and a 2% margin (room for the marks of tasks
/// that end with it) once it is over; while it is live,
/// the next "nice" length above it, so the scale stays put for a while and bars grow to the
/// right instead of the whole picture shrinking every frame.
pub fn fit_span(now: u64, finished: bool) -> u64 {
    if finished {
        return now.saturating_add(now / 50).max(1);
    }
    nice_at_least(now.saturating_add(now / 20).max(MIN_SPAN_NS))
}

/// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least `x`.
fn nice_at_least(x: u64) -> u64 {
    const STEPS: [u64; 9] = [10, 15, 20, 25, 30, 40, 50, 60, 80];
    let mut scale = 1u64;
    loop {
        for s in STEPS {
            let v = s.saturating_mul(scale) / 10;
            if v >= x {
                return v;
            }
        }
        if scale > u64::MAX / 100 {
            return x;
        }
        scale *= 10;
    }
}

/// Distance between axis ticks: 1, 2 or 5 × 10^k ns, at least `min_cols` columns apart.
pub fn tick_step(window: &Window, min_cols: u16) -> u64 {
    let min_ns = window.col_ns().saturating_mul(u64::from(min_cols)).max(1);
    let mut scale = 1u64;
    loop {
        for s in [1, 2, 5] {
            if s * scale >= min_ns {
                return s * scale;
            }
        }
        if scale > u64::MAX / 100 {
            return min_ns;
        }
        scale *= 10;
    }
}

/// A tick label: "0", then the time as every other figure writes it ("250 ms", "1.50 s",
/// "40.0 µs"), so the axis and the findings never write one duration two ways.
pub fn tick_label(t: u64) -> String {
    if t == 0 {
        return "0".into();
    }
    crate::timeline::format_duration(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u64 = 1_000_000;

    #[test]
    fn columns_cover_the_window() {
        let w = Window {
            start: 0,
            span: 2000 * MS,
            cols: 100,
        };
        assert_eq!(w.col_ns(), 20 * MS);
        assert_eq!(w.col_of(0), Some(0));
        assert_eq!(w.col_of(19 * MS), Some(0));
        assert_eq!(w.col_of(20 * MS), Some(1));
        assert_eq!(w.col_of(2000 * MS - 1), Some(99));
        assert_eq!(w.col_of(2000 * MS), None);
        assert_eq!(w.col_start(50), 1000 * MS);
    }

    #[test]
    fn live_spans_are_nice_and_finished_spans_exact() {
        assert_eq!(fit_span(0, false), 100 * MS);
        assert_eq!(fit_span(1900 * MS, false), 2000 * MS);
        assert_eq!(fit_span(2100 * MS, false), 2500 * MS);
        assert_eq!(fit_span(2100 * MS, true), 2142 * MS);
    }

    #[test]
    fn ticks_are_round_and_labelled_in_their_unit() {
        let w = Window {
            start: 0,
            span: 2000 * MS,
            cols: 100,
        };
        assert_eq!(tick_step(&w, 10), 200 * MS);
        assert_eq!(tick_label(200 * MS), "200 ms");
        assert_eq!(tick_label(1000 * MS), "1.00 s");
        assert_eq!(tick_label(1200 * MS), "1.20 s");
        assert_eq!(tick_label(50_000), "50.0 µs");
        assert_eq!(tick_label(0), "0");
    }
}
