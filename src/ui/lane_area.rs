//! Where one run's lanes go, and which rows each lane takes: the lanes are `lane_rows`
//! tall, and the first few a blank row taller when the room is shared that way.

use ratatui::layout::Rect;

/// Where one run's lanes go: the whole run view's, or half of the compare view's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LaneArea {
    /// Worker and blocking-pool lanes.
    pub workers: Rect,
    /// Task lanes.
    pub tasks: Rect,
    /// Columns before the chart: marker, name, state glyph and the rule.
    pub name_width: u16,
    /// Rows of each lane.
    pub lane_rows: u16,
    /// How many of the first worker lanes, then of the first task lanes (as drawn), are a
    /// blank row taller than `lane_rows`, so that no room is left in a band below them.
    pub spare: (u16, u16),
}

impl LaneArea {
    /// Columns of the chart.
    pub fn chart_cols(&self) -> u16 {
        self.tasks.width.saturating_sub(self.name_width).max(1)
    }

    /// First column of the chart.
    pub fn chart_x(&self) -> u16 {
        self.tasks.x + self.name_width
    }

    /// How many task lanes fit.
    pub fn task_lanes(&self) -> usize {
        fitting(self.tasks.height, self.lane_rows, self.spare.1)
    }

    /// How many worker lanes fit.
    pub fn worker_lanes(&self) -> usize {
        fitting(self.workers.height, self.lane_rows, self.spare.0)
    }

    /// The first row of the `i`-th task lane drawn.
    pub fn task_y(&self, i: usize) -> u16 {
        self.tasks.y + offset(i, self.lane_rows, self.spare.1)
    }

    /// The first row of the `i`-th worker lane.
    pub fn worker_y(&self, i: usize) -> u16 {
        self.workers.y + offset(i, self.lane_rows, self.spare.0)
    }

    /// Which task lane drawn (from the first shown) row `y` of the task lanes is in.
    pub fn task_at(&self, y: u16) -> usize {
        (0..self.task_lanes())
            .take_while(|&i| self.task_y(i) <= y)
            .last()
            .unwrap_or(0)
    }
}

/// Rows before the `i`-th of lanes `rows` tall whose first `spare` are a row taller.
fn offset(i: usize, rows: u16, spare: u16) -> u16 {
    let i = u16::try_from(i).unwrap_or(u16::MAX);
    i.saturating_mul(rows.max(1)).saturating_add(i.min(spare))
}

/// How many lanes `rows` tall, the first `spare` of them a row taller, fit in `height`.
fn fitting(height: u16, rows: u16, spare: u16) -> usize {
    let rows = rows.max(1);
    let tall = spare.min(height / (rows + 1));
    usize::from(tall + (height - tall * (rows + 1)) / rows)
}
