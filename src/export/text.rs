//! The text export: a compact swimlane in characters, for a log or CI output.
//!
//! One column is one slice of wall time and shows the state the lane spent most of it in,
//! except that a slice in which the task ran at all shows running: a 3 ms poll in a 2 s run
//! still shows. Every figure written (the axis, the wall time, the stats, the findings) is
//! in the scenario's own time, whatever the speed the run was played at.

use std::fmt::Write;

use super::text_legend::{end_mark, legend};

use crate::record::{TaskKind, WorkerId};
use crate::timeline::{State, TaskLane, Timeline, WorkerLane, format_duration, scenario_ns};

const RUNNING: char = '█';
const BLOCKING: char = '▓';
const SCHEDULED: char = '▒';
const WAITING: char = '░';
/// Narrowest chart, whatever `width` says.
const MIN_COLUMNS: usize = 10;

/// Renders the run as text about `width` characters wide: header, time axis, worker lanes,
/// task lanes (children indented under their parent), legend, per-task stats and findings.
pub fn to_text(t: &Timeline, width: usize) -> String {
    to_text_on_axis(t, width, t.now_ns(), label_width(t))
}

/// Width of the lane-name column `t` needs (capped: longer names are cut).
pub fn label_width(t: &Timeline) -> usize {
    let order = t.lane_order();
    let longest = order.iter().map(|&id| lane_name(t, id).chars().count());
    longest.max().unwrap_or(0).clamp(9, 24)
}

/// Like [`to_text`], on a time axis that spans `wall_ns` (at least the run's own wall
/// time) after a name column `label_w` wide: two runs drawn with the same axis and column
/// line up, and compare at a glance.
pub fn to_text_on_axis(t: &Timeline, width: usize, wall_ns: u64, label_w: usize) -> String {
    let order = t.lane_order();
    let names: Vec<String> = order.iter().map(|&id| lane_name(t, id)).collect();
    let label_w = label_w.min(24).min(width / 3).max(8);
    let chart = Chart {
        wall: wall_ns.max(t.now_ns()).max(1),
        cols: width.saturating_sub(label_w + 3).max(MIN_COLUMNS),
        runtime_workers: t.info().workers,
        speed: t.info().speed,
    };
    let mut out = String::new();
    header(t, &mut out);
    chart.axis(label_w, &mut out);
    for w in t.workers() {
        let name = worker_name(w);
        let _ = writeln!(out, "{} │{}│", pad(&name, label_w), chart.worker_row(w));
    }
    for (&id, name) in order.iter().zip(&names) {
        let Some(lane) = t.task(id) else { continue };
        let (row, mark_col) = chart.task_row(lane);
        let mut row: Vec<char> = row.chars().collect();
        let mut tail = ' ';
        if let Some(mark) = end_mark(lane) {
            match mark_col.filter(|&c| c < row.len()) {
                Some(c) => row[c] = mark,
                None => tail = mark,
            }
        }
        let row: String = row.into_iter().collect();
        let _ = writeln!(out, "{} │{row}│{tail}", pad(name, label_w));
    }
    let _ = writeln!(out, "\n{}", legend(t, &order, width));
    stats(t, &order, &names, &mut out);
    findings(t, &mut out);
    out
}

fn header(t: &Timeline, out: &mut String) {
    let info = t.info();
    let _ = write!(
        out,
        "{} · {} · wall {} · concurrency {:.2}x",
        info.scenario,
        info.runtime_words().replacen(" · ", ", ", 1),
        t.show_ns(t.now_ns()),
        t.concurrency()
    );
    if info.speed != 1.0 {
        let real = format_duration(t.now_ns());
        let _ = write!(out, " · played at {}x ({real} real)", info.speed);
    }
    if !t.is_finished() {
        out.push_str(" · live");
    }
    if t.dropped_events() > 0 {
        let _ = write!(
            out,
            " · {} events dropped: lanes have gaps",
            t.dropped_events()
        );
    }
    out.push('\n');
}

/// Maps wall time (real ns) to columns, and labels them in the scenario's time.
struct Chart {
    wall: u64,
    cols: usize,
    runtime_workers: WorkerId,
    /// The run's speed: scenario time is real time times this.
    speed: f64,
}

/// Time spent in each state within one column.
#[derive(Clone, Copy, Default)]
struct Cell {
    running: u64,
    blocking: bool,
    scheduled: u64,
    waiting: u64,
}

impl Chart {
    fn col_start(&self, c: usize) -> u64 {
        (c as u128 * self.wall as u128 / self.cols as u128) as u64
    }

    /// The column that contains time `t` (the last one for `t >= wall`).
    fn col_of(&self, t: u64) -> usize {
        ((t as u128 * self.cols as u128 / self.wall as u128) as usize).min(self.cols - 1)
    }

    /// Calls `add(column, overlap_ns)` for each column `[start, end)` overlaps.
    fn spread(&self, start: u64, end: u64, mut add: impl FnMut(usize, u64)) {
        if end <= start || start >= self.wall {
            return;
        }
        for c in self.col_of(start)..=self.col_of(end - 1) {
            let overlap = end
                .min(self.col_start(c + 1))
                .saturating_sub(start.max(self.col_start(c)));
            add(c, overlap.max(1));
        }
    }

    /// The axis, with round ticks of scenario time.
    fn axis(&self, label_w: usize, out: &mut String) {
        let wall = scenario_ns(self.wall, self.speed);
        let step = nice_step(wall, self.cols);
        let mut labels = vec![' '; self.cols + 12];
        let mut ticks = vec!['─'; self.cols];
        let mut free_from = 0;
        let mut at = 0;
        while at < wall {
            let c = self.col_of(self.real_ns(at));
            if c > 0 {
                ticks[c] = '┬';
            }
            let text = if at == 0 {
                "0".to_string()
            } else {
                format_duration(at)
            };
            let pos = if c == 0 { 0 } else { c + 1 };
            let len = text.chars().count();
            if pos >= free_from && pos + len <= labels.len() {
                labels[pos..pos + len]
                    .iter_mut()
                    .zip(text.chars())
                    .for_each(|(l, ch)| *l = ch);
                free_from = pos + len + 1;
            }
            at += step;
        }
        let labels: String = labels.into_iter().collect();
        let ticks: String = ticks.into_iter().collect();
        // Labels start one column left of the chart: "0" stands over the corner.
        let _ = writeln!(out, "{} {}", " ".repeat(label_w), labels.trim_end());
        let _ = writeln!(out, "{} ┌{ticks}┐", " ".repeat(label_w));
    }

    /// Real ns of the run for `scenario` ns of its script: where a tick goes.
    fn real_ns(&self, scenario: u64) -> u64 {
        let real = scenario as f64 / self.speed;
        if real.is_finite() && real >= 0.0 {
            real.round().min(u64::MAX as f64) as u64
        } else {
            scenario
        }
    }

    fn worker_row(&self, w: &WorkerLane) -> String {
        let mut cells = vec![Cell::default(); self.cols];
        for b in w.busy().iter().copied().chain(w.open()) {
            let blocking = w.is_long_poll(&b);
            self.spread(b.start_ns, b.end_ns, |c, ns| {
                cells[c].running += ns;
                cells[c].blocking |= blocking;
            });
        }
        cells.iter().map(glyph).collect()
    }

    /// The lane's row and the column for its end mark: just after its last live column, which
    /// for a bar that reaches the chart's end is the outcome column after its border; a lane
    /// with nothing drawn (a future never polled, a task ended before its first poll) is a
    /// point, marked in the column of its end, always inside the lane (its end may come a
    /// moment after its start, as a tokio future's drop does: that is still no bar).
    fn task_row(&self, lane: &TaskLane) -> (String, Option<usize>) {
        let mut cells = vec![Cell::default(); self.cols];
        for s in lane.segments().iter().copied().chain(lane.open()) {
            let blocking = s.is_blocking(self.runtime_workers);
            self.spread(s.start_ns, s.end_ns, |c, ns| {
                let cell = &mut cells[c];
                match s.state {
                    State::Running => {
                        cell.running += ns;
                        cell.blocking |= blocking;
                    }
                    State::Scheduled => cell.scheduled += ns,
                    State::Waiting => cell.waiting += ns,
                }
            });
        }
        let drawn = cells.iter().any(|cell| glyph(cell) != ' ');
        let mark_col = lane.ended_ns.map(|end| {
            if drawn && end > lane.spawned_ns {
                self.col_of(end - 1) + 1
            } else {
                self.col_of(end)
            }
        });
        (cells.iter().map(glyph).collect(), mark_col)
    }
}

fn glyph(cell: &Cell) -> char {
    if cell.running > 0 {
        if cell.blocking { BLOCKING } else { RUNNING }
    } else if cell.scheduled > 0 && cell.scheduled >= cell.waiting {
        SCHEDULED
    } else if cell.waiting > 0 {
        WAITING
    } else {
        ' '
    }
}

/// A round tick step (1, 2 or 5 × 10^k ns) that puts ticks about ten columns apart.
fn nice_step(wall: u64, cols: usize) -> u64 {
    let target = (wall as u128 * 10 / cols as u128).max(1) as u64;
    let mut base = 1u64;
    loop {
        for m in [1, 2, 5] {
            if base.saturating_mul(m) >= target {
                return base.saturating_mul(m);
            }
        }
        base = base.saturating_mul(10);
    }
}

/// How a lane ended, as the dashboard marks it: a branch dropped unfinished is cut off
/// (`✂`), a task dropped unfinished cancelled (`⊘`).
fn lane_name(t: &Timeline, id: u32) -> String {
    let Some(lane) = t.task(id) else {
        return String::new();
    };
    let suffix = match lane.kind {
        TaskKind::Task | TaskKind::BlockOn => "",
        TaskKind::Blocking => " (blocking)",
        TaskKind::Future => " (future)",
        TaskKind::Branch(_) => " (branch)",
    };
    format!("{}{}{suffix}", "  ".repeat(lane.depth()), lane.name)
}

fn worker_name(w: &WorkerLane) -> String {
    if w.blocking_pool {
        format!("pool {}", w.index)
    } else {
        format!("worker {}", w.index)
    }
}

/// `text` cut or padded to exactly `w` characters.
fn pad(text: &str, w: usize) -> String {
    let n = text.chars().count();
    if n <= w {
        format!("{text}{}", " ".repeat(w - n))
    } else {
        let cut: String = text.chars().take(w.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn stats(t: &Timeline, order: &[u32], names: &[String], out: &mut String) {
    let name_w = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{} {:>6} {:>9} {:>9} {:>9}  outcome",
        pad("task", name_w),
        "polls",
        "busy",
        "scheduled",
        "idle"
    );
    for (&id, name) in order.iter().zip(names) {
        let Some(lane) = t.task(id) else { continue };
        let s = lane.stats();
        let mut outcome = lane.outcome.as_str().to_string();
        if let Some(error) = &lane.error {
            let _ = write!(outcome, ": {error}");
        }
        let _ = writeln!(
            out,
            "{} {:>6} {:>9} {:>9} {:>9}  {outcome}",
            pad(name, name_w),
            s.polls,
            t.show_ns(s.busy_ns),
            t.show_ns(s.scheduled_ns),
            t.show_ns(s.idle_ns),
        );
    }
}

fn findings(t: &Timeline, out: &mut String) {
    let findings = t.findings();
    if findings.is_empty() {
        return;
    }
    out.push_str("\nfindings:\n");
    for f in findings {
        let live = if f.live { ", still going" } else { "" };
        if f.kind == crate::timeline::FindingKind::Concurrency {
            let _ = writeln!(out, "  • {}", f.message);
            continue;
        }
        let _ = writeln!(
            out,
            "  • {} (at {}{live})",
            f.message,
            t.show_ns(f.start_ns)
        );
    }
}
