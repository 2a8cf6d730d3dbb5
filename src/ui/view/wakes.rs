//! Who woke the selected task: on its lane, where each wake made it ready, the mark of what
//! woke it (a task, a timer, the runtime); for a wake from a task, the same mark on that
//! task's lane at the wake (on the lane of its nearest shown ancestor if it is folded away),
//! joined by a dotted line where the rows between them are blank. Only for the selected
//! task, so that the marks stay few and a presenter can point at one.

use ratatui::buffer::Buffer;

use super::rows::{Band, is_blank, put};
use crate::record::TaskId;
use crate::timeline::{Timeline, WakeSource};
use crate::ui::app::App;
use crate::ui::layout::LaneArea;
use crate::ui::marks::{WokenBy, is_end_mark};
use crate::ui::run_view::RunView;
use crate::ui::window::Window;

/// The connector between a waker's mark and the woken lane's.
const CONNECTOR: &str = "┆";

/// The row of each task's lane among the lanes shown (by task id; None: not shown).
fn rows_of(tl: &Timeline, lanes: &[TaskId]) -> Vec<Option<usize>> {
    let mut rows = vec![None; tl.tasks().len()];
    for (i, &id) in lanes.iter().enumerate() {
        if let Some(row) = rows.get_mut(id as usize) {
            *row = Some(i);
        }
    }
    rows
}

/// The row of the lane shown for task `id`: its own, else its nearest ancestor's (folded
/// away or collapsed); `rows` from [`rows_of`].
fn shown_row(tl: &Timeline, rows: &[Option<usize>], id: TaskId) -> Option<usize> {
    let mut at = Some(id);
    for _ in 0..=tl.tasks().len() {
        let id = at?;
        if let Some(row) = rows.get(id as usize).copied().flatten() {
            return Some(row);
        }
        at = tl.task(id)?.parent.filter(|&p| p != id);
    }
    None
}

/// Draws the wake marks of `run`'s selected task over the task lanes drawn from `lanes`.
pub fn draw_wakes(
    app: &App,
    run: &RunView,
    layout: &LaneArea,
    window: &Window,
    lanes: &[TaskId],
    buf: &mut Buffer,
) {
    let tl = run.shown();
    let Some(selected) = run.selected.filter(|_| !app.picture) else {
        return;
    };
    let Some(lane) = tl.task(selected) else {
        return;
    };
    let rows = rows_of(tl, lanes);
    let band = |row: usize| {
        let i = row.checked_sub(run.scroll)?;
        (i < layout.task_lanes()).then(|| Band::at(layout.task_y(i), layout.lane_rows))
    };
    let own_row = rows.get(selected as usize).copied().flatten();
    let Some(own) = own_row.and_then(band) else {
        return;
    };
    let x0 = layout.chart_x();
    let style = app.theme.wake();
    let mut marks = Vec::new();
    for wake in lane.wakes() {
        let glyph = WokenBy::of(wake.source).glyph();
        if let Some(c) = window.col_of(wake.ready_ns) {
            marks.push((x0 + c, own.y, glyph));
        }
        let WakeSource::Task(by) = wake.source else {
            continue;
        };
        let waker = shown_row(tl, &rows, by).filter(|&r| Some(r) != own_row);
        let (Some(other), Some(c)) = (waker.and_then(band), window.col_of(wake.at_ns)) else {
            continue;
        };
        let x = x0 + c;
        marks.push((x, other.y, glyph));
        let (upper, lower) = if other.y < own.y {
            (other, own)
        } else {
            (own, other)
        };
        let between = upper.y + upper.bars..lower.y;
        if !between.is_empty() && between.clone().all(|y| is_blank(buf, x, y)) {
            between.for_each(|y| put(buf, x, y, CONNECTOR, style));
        }
    }
    // A wake in the column of a lane's end is marked just before it: the end mark stays.
    let ends =
        |buf: &Buffer, x: u16, y: u16| buf.cell((x, y)).is_some_and(|c| is_end_mark(c.symbol()));
    for (x, y, glyph) in marks {
        let x = if ends(buf, x, y) {
            x.saturating_sub(1)
        } else {
            x
        };
        if x >= x0 && !ends(buf, x, y) {
            put(buf, x, y, glyph, style);
        }
    }
}

/// Whether the selected lane of `run` (not in a picture) has wakes from `by`: the legend
/// names the wake marks that are drawn.
pub fn wakes_from(app: &App, run: &RunView, by: WokenBy) -> bool {
    let tl = run.shown();
    let lane = run
        .selected
        .filter(|_| !app.picture)
        .and_then(|id| tl.task(id));
    lane.is_some_and(|l| l.wakes().iter().any(|w| WokenBy::of(w.source) == by))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{EndKind, TaskKind};
    use crate::scenario::Flavor;
    use crate::testkit::{MS, Script};

    #[test]
    fn a_waker_folded_away_is_marked_on_its_nearest_shown_ancestor() {
        let mut s = Script::new("tree", Flavor::CurrentThread, 1);
        s.spawn(0, 0, "main", TaskKind::BlockOn, None);
        s.spawn(MS, 1, "server", TaskKind::Task, Some(0));
        s.spawn(2 * MS, 2, "handler", TaskKind::Task, Some(1));
        s.end(3 * MS, 2, EndKind::Ok);
        let tl = s.timeline();
        let row = |lanes: &[TaskId]| shown_row(tl, &rows_of(tl, lanes), 2);
        assert_eq!(row(&[0, 1, 2]), Some(2));
        assert_eq!(row(&[0, 1]), Some(1));
        assert_eq!(row(&[0]), Some(0));
        assert_eq!(row(&[]), None);
    }
}
