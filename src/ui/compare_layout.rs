//! Where each part of the compare screen goes: both runs' narration, one time axis, each
//! run's lanes (as tall as the room allows, and no taller than they need, so no dead space
//! is left between them), the findings of both right under them, the legend and the key
//! hints.

use ratatui::layout::Rect;

use super::layout::{LaneArea, MAX_NAME, NAME_EXTRA, is_news, name_width};
use super::room::{FEW_FINDINGS, MAX_LANE_ROWS, lane_rows};
use super::run_view::RunView;
use super::words::finding_rows;

/// Where each part of the compare screen goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompareLayout {
    /// The status bar (top row).
    pub status: Rect,
    /// Each run's narration row, if it has something to say.
    pub captions: [Option<Rect>; 2],
    /// The shared time axis.
    pub axis: Rect,
    /// Each half: its title row, then its lanes.
    pub halves: [Rect; 2],
    /// Each half's lanes.
    pub lanes: [LaneArea; 2],
    /// The findings of both runs, if any.
    pub findings: Option<Rect>,
    /// The legend of the marks the lanes draw.
    pub legend: Rect,
    /// Key hints (bottom row); none in a picture.
    pub footer: Option<Rect>,
}

impl CompareLayout {
    /// Columns of the shared chart.
    pub fn chart_cols(&self) -> u16 {
        self.lanes[0].chart_cols()
    }
}

/// What names `run` of a comparison with `other` in the status bar, its caption and its
/// findings: its scenario, or its runtime when both runs are of one scenario on two
/// runtimes (`compare --runtimes`, the menu's ctrl-b).
pub fn run_name(run: &RunView, other: &RunView) -> String {
    let engine = |r: &RunView| r.timeline.info().runtime.engine();
    if run.scenario.name == other.scenario.name && engine(run) != engine(other) {
        engine(run).as_str().to_string()
    } else {
        run.scenario.name.clone()
    }
}

/// The prefix of a run's findings in the compare view: whose they are (see [`run_name`]).
pub fn finding_prefix(run: &RunView, other: &RunView) -> String {
    format!("{}: ", run_name(run, other))
}

/// Lays the compare screen out in `area` for two runs (in a picture: no key hints, every
/// finding in full).
pub fn compare_layout(area: Rect, runs: [&RunView; 2], picture: bool) -> CompareLayout {
    let mut top = area.y;
    let mut bottom = area.bottom();
    let status = Rect::new(area.x, top, area.width, 1);
    top += 1;
    let captions = runs.map(|run| {
        let shown = run.caption().is_some() && top < bottom;
        shown.then(|| {
            top += 1;
            Rect::new(area.x, top - 1, area.width, 1)
        })
    });
    let axis = Rect::new(area.x, top, area.width, 2.min(bottom.saturating_sub(top)));
    top = axis.bottom();
    let footer = (!picture && bottom > top).then(|| {
        bottom -= 1;
        Rect::new(area.x, bottom, area.width, 1)
    });
    bottom = bottom.saturating_sub(1).max(top);
    let legend = Rect::new(
        area.x,
        bottom,
        area.width,
        u16::from(bottom < area.bottom()),
    );
    let lanes_at_one_row: usize = runs
        .iter()
        .map(|r| 1 + r.shown().workers().len() + r.lanes().0.len())
        .sum();
    let room = bottom
        .saturating_sub(top)
        .saturating_sub(lanes_at_one_row as u16);
    let findings_h =
        findings_rows(runs, picture, room, area.width).min(bottom.saturating_sub(top + 6));
    let full_h = findings_rows(runs, true, room, area.width);
    bottom -= findings_h;
    // Both halves share the name column, so their charts line up under one axis.
    let name_width = runs
        .iter()
        .map(|run| {
            name_width(
                run.shown(),
                run.lanes().0,
                &run.shown_lanes().folded,
                area.width,
            )
        })
        .max()
        .unwrap_or(NAME_EXTRA)
        .min(MAX_NAME + NAME_EXTRA);
    let body = bottom.saturating_sub(top);
    let counts = runs.map(|run| run.shown().workers().len() + run.lanes().0.len());
    let rows = lane_rows(counts[0] + counts[1], body.saturating_sub(2), MAX_LANE_ROWS);
    let need = counts.map(|n| 1 + (n as u16).saturating_mul(rows));
    let first = if need[0] + need[1] <= body {
        need[0]
    } else {
        // Not room for both: the first gets its share, never less than half.
        need[0].min((body / 2).max(body.saturating_sub(need[1])))
    };
    let second = need[1].min(body - first);
    // The findings follow the lanes, in full if the room left allows.
    let left = body - first - second + findings_h;
    let findings_h = if full_h <= left { full_h } else { findings_h };
    // Rows that make no lane a whole row taller give lanes a blank row more, the first
    // half's tasks first: no band is left blank.
    let mut room = left - findings_h;
    let spare = [0, 1].map(|i| {
        if need[i] != [first, second][i] {
            return (0, 0);
        }
        let workers = runs[i].shown().workers().len() as u16;
        let tasks = (counts[i] as u16 - workers).min(room);
        room -= tasks;
        let workers = workers.min(room);
        room -= workers;
        (workers, tasks)
    });
    let first = first + spare[0].0 + spare[0].1;
    let second = second + spare[1].0 + spare[1].1;
    let halves = [
        Rect::new(area.x, top, area.width, first),
        Rect::new(area.x, top + first, area.width, second),
    ];
    let lanes = [0, 1].map(|i| half_lanes(runs[i], halves[i], name_width, rows, spare[i]));
    let findings =
        (findings_h > 0).then(|| Rect::new(area.x, top + first + second, area.width, findings_h));
    CompareLayout {
        status,
        captions,
        axis,
        halves,
        lanes,
        findings,
        legend,
        footer,
    }
}

/// Rows of the findings pane in `room` rows (what the lanes leave at a row each): its
/// title, then a row per finding in the dashboard (at least a few, the latest ones), or
/// every finding in full in a picture.
fn findings_rows(runs: [&RunView; 2], picture: bool, room: u16, width: u16) -> u16 {
    let settled = [0, 1]
        .into_iter()
        .flat_map(|i| runs[i].findings().iter().map(move |f| (i, f)))
        .filter(|(_, f)| !is_news(f));
    let rows: u16 = if picture {
        settled
            .map(|(i, f)| {
                let prefix = finding_prefix(runs[i], runs[1 - i]);
                finding_rows(runs[i].shown(), f, &prefix, width)
            })
            .sum()
    } else {
        (settled.count() as u16).min(room.saturating_sub(1).max(FEW_FINDINGS))
    };
    if rows == 0 { 0 } else { rows + 1 }
}

/// One half's lanes: a title row, then its workers, then tasks, `rows` rows each (the
/// first of them a row more, as many as `spare` says).
fn half_lanes(
    run: &RunView,
    half: Rect,
    name_width: u16,
    rows: u16,
    spare: (u16, u16),
) -> LaneArea {
    let inner = half.height.saturating_sub(1);
    let workers_n = run.shown().workers().len() as u16;
    let all_fit = (workers_n + run.lanes().0.len() as u16).saturating_mul(rows) <= inner;
    let worker_rows = if rows > 1 || all_fit {
        workers_n * rows + spare.0
    } else {
        workers_n.min((inner / 3).max(1))
    };
    let workers = Rect::new(half.x, half.y + 1, half.width, worker_rows.min(inner));
    let tasks_y = workers.bottom();
    let tasks = Rect::new(
        half.x,
        tasks_y,
        half.width,
        half.bottom().saturating_sub(tasks_y),
    );
    LaneArea {
        workers,
        tasks,
        name_width,
        lane_rows: rows,
        spare,
    }
}
