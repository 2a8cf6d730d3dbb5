//! The line each task of an asyncio run is at, from what the child reported: where its
//! coroutine is suspended (the position sent after each step: the generated line of a
//! scenario's step, or a line of the user's program), or, while it runs a step it entered
//! since, that step's line. Not the tokio way (the step each task started last): a task
//! suspended deep in a call is lit where it really waits.

use std::collections::HashMap;

use crate::record::TaskId;
use crate::source::Position;
use crate::ui::code_choice::Lang;
use crate::ui::run_view::RunView;

/// What a task is at: a step of the scenario, or a line of a file.
enum At<'a> {
    Step(u32),
    Line(&'a Position),
}

/// The listing line (1-based) of each task of an asyncio run at the instant shown, in the
/// pane's language, ordered by task.
pub fn asyncio_lines(run: &RunView) -> Vec<(u32, TaskId)> {
    let tl = run.shown();
    let t = run.instant();
    let cursor = run.cursor.map(|_| t);
    // Each task's latest step start by the instant shown.
    let mut entered: HashMap<TaskId, (u64, u32)> = HashMap::new();
    for mark in tl.steps().iter().filter(|m| m.at_ns <= t) {
        entered.insert(mark.task, (mark.at_ns, mark.step));
    }
    let alive = tl
        .tasks()
        .iter()
        .filter(|l| l.is_spawned() && l.spawned_ns <= t && l.ended_ns.is_none_or(|e| e > t));
    let mut lines: Vec<(u32, TaskId)> = alive
        .filter_map(|lane| {
            let at = at(tl.position_at(lane.id, cursor), entered.get(&lane.id))?;
            Some((line_of(run, &at)?, lane.id))
        })
        .collect();
    lines.sort_unstable_by_key(|&(_, task)| task);
    lines
}

/// Where a task is: the later of its position and its latest step start.
fn at<'a>(position: Option<&'a Position>, entered: Option<&(u64, u32)>) -> Option<At<'a>> {
    match (position, entered) {
        (Some(p), Some(&(when, step))) if when > p.at_ns => Some(At::Step(step)),
        (Some(p), _) => Some(p.step.map_or(At::Line(p), At::Step)),
        (None, Some(&(_, step))) => Some(At::Step(step)),
        (None, None) => None,
    }
}

/// The listing line of `at` in the pane's language: a step's marked line, or a line of the
/// file the Python listing is (a user's program).
fn line_of(run: &RunView, at: &At<'_>) -> Option<u32> {
    match at {
        At::Step(step) => {
            let lines = run.scenario.step(*step)?.code;
            match run.lang {
                Lang::Rust => lines.rust,
                Lang::Python => lines.python,
            }
        }
        At::Line(p) => {
            let listing = run.scenario.code.as_ref()?.python.as_ref()?;
            (run.lang == Lang::Python && *listing.path == *p.file).then_some(p.line)
        }
    }
}

/// Where `task` is suspended at the instant shown (while it lives), for the details:
/// `app.py:12`, or for a scenario the Python listing's line of its step (`listings/x.py:9`),
/// else the generated code's own.
pub fn position_text(run: &RunView, task: TaskId) -> Option<String> {
    let tl = run.shown();
    let t = run.instant();
    let lane = tl.task(task)?;
    if lane.ended_ns.is_some_and(|e| e <= t) {
        return None; // over: it is at no line
    }
    let p = tl.position_at(task, run.cursor.map(|_| t))?;
    let listing = run.scenario.code.as_ref().and_then(|c| c.python.as_ref());
    let step_line = p.step.and_then(|s| run.scenario.step(s)?.code.python);
    Some(match (listing, step_line) {
        (Some(listing), Some(line)) => format!("{}:{line}", listing.path),
        _ => format!("{}:{}", p.file, p.line),
    })
}
