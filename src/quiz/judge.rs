//! The judge: a quiz against a finished run's lanes.

use super::words::{list, outcome_note, outcome_phrase};
use super::{Measured, Settled, Verdict};
use crate::record::TaskKind;
use crate::scenario::{DurationChoice, Question, Quiz};
use crate::timeline::{Outcome, TaskLane, Timeline, format_duration};

/// A typed duration is right within a tenth of the measured one, and never closer than this
/// (a few milliseconds of a short task are noise to a room).
const MIN_DURATION_SLACK_NS: u64 = 10_000_000;

/// What the run measured for `quiz`, which choices are right, and the sentence for people;
/// or why the run does not settle it: it has not ended, it was stopped before a task the
/// quiz asks about ended, or that task never started.
pub fn judge(quiz: &Quiz, t: &Timeline) -> Verdict {
    if !t.is_finished() {
        return Verdict::Unsettled("the run has not ended yet".to_string());
    }
    match &quiz.question {
        Question::Duration { of, choices } => duration(t, of.as_deref(), choices),
        Question::Polls { of, choices } => polls(t, of, choices),
        Question::First { tasks } => first(t, tasks),
        Question::Cancelled { tasks } => cancelled(t, tasks),
    }
}

/// The typed durations that count as right for a measured one, in ns: a tenth either side,
/// at least 10 ms.
pub fn duration_range(measured_ns: u64) -> (u64, u64) {
    let slack = (measured_ns / 10).max(MIN_DURATION_SLACK_NS);
    (
        measured_ns.saturating_sub(slack),
        measured_ns.saturating_add(slack),
    )
}

/// The typed counts that count as right for a measured one: a tenth either side, at least 1.
pub fn count_range(measured: u64) -> (u64, u64) {
    let slack = (measured / 10).max(1);
    (
        measured.saturating_sub(slack),
        measured.saturating_add(slack),
    )
}

/// Where a named task is in the run.
enum Life<'t> {
    /// No lane carries the name.
    NeverStarted,
    /// A lane of it had not ended when the run stopped.
    Unended,
    /// Every lane of it ended: the first start, the last end (ns since the run began), and
    /// the lanes.
    Ended {
        start: u64,
        end: u64,
        lanes: Vec<&'t TaskLane>,
    },
}

/// The lanes named `name` (blocking-pool closures are named after their label, not a
/// task, and are left out).
fn life<'t>(t: &'t Timeline, name: &str) -> Life<'t> {
    let lanes: Vec<&TaskLane> = t
        .tasks()
        .iter()
        .filter(|l| l.is_spawned() && l.kind != TaskKind::Blocking && l.name == name)
        .collect();
    if lanes.is_empty() {
        return Life::NeverStarted;
    }
    let ends: Option<Vec<u64>> = lanes.iter().map(|l| l.ended_ns).collect();
    match ends {
        None => Life::Unended,
        Some(ends) => Life::Ended {
            start: lanes.iter().map(|l| l.spawned_ns).min().unwrap_or(0),
            end: ends.into_iter().max().unwrap_or(0),
            lanes,
        },
    }
}

/// A question about `name`, which no lane carries.
fn never_started(name: &str) -> Verdict {
    Verdict::Unsettled(format!("{name} never started in this run"))
}

/// A question about `name`, which had not ended when the run stopped.
fn stopped_before(name: &str) -> Verdict {
    Verdict::Unsettled(format!("the run was stopped before {name} ended"))
}

/// How long `of` lived (or the run lasted), in scenario time.
fn duration(t: &Timeline, of: Option<&str>, choices: &[DurationChoice]) -> Verdict {
    let (who, real_ns) = match of {
        Some(name) => match life(t, name) {
            // A future dropped without a poll ran for no time at all, whenever it was dropped.
            Life::Ended { lanes, .. } if lanes.iter().all(|l| !l.was_polled()) => {
                (format!("{name} never ran, so it"), 0)
            }
            Life::Ended { start, end, .. } => (name.to_string(), end.saturating_sub(start)),
            Life::NeverStarted => return never_started(name),
            Life::Unended => return stopped_before(name),
        },
        None => {
            let alive = t.tasks().iter().find(|l| {
                l.is_spawned() && l.kind != TaskKind::Blocking && l.outcome == Outcome::Running
            });
            if let Some(lane) = alive {
                return stopped_before(&lane.name);
            }
            ("the run".to_string(), t.now_ns())
        }
    };
    let ns = t.scenario_ns(real_ns);
    let values: Vec<u64> = choices.iter().map(|c| nanos(c.duration)).collect();
    let right = closest(&values, ns);
    let verdict = match choices {
        [] => {
            let (low, high) = duration_range(ns);
            format!(
                "an answer from {} to {} is right",
                format_duration(low),
                format_duration(high)
            )
        }
        _ => right_choices(&right, |i| choices[i].text.clone()),
    };
    Verdict::Settled(Settled {
        measured: Measured::Duration { scenario_ns: ns },
        sentence: format!("{who} took {}: {verdict}", format_duration(ns)),
        right,
    })
}

/// How many times `of` was polled.
fn polls(t: &Timeline, of: &str, choices: &[u64]) -> Verdict {
    let lanes = match life(t, of) {
        Life::Ended { lanes, .. } => lanes,
        Life::NeverStarted => return never_started(of),
        Life::Unended => return stopped_before(of),
    };
    let count: u64 = lanes.iter().map(|l| l.stats().polls).sum();
    let right = closest(choices, count);
    let verdict = match choices {
        [] => {
            let (low, high) = count_range(count);
            format!("an answer from {low} to {high} is right")
        }
        _ => right_choices(&right, |i| choices[i].to_string()),
    };
    let times = match count {
        0 => "was never polled".to_string(),
        1 => "was polled once".to_string(),
        n => format!("was polled {n} times"),
    };
    Verdict::Settled(Settled {
        measured: Measured::Polls(count),
        sentence: format!("{of} {times}: {verdict}"),
        right,
    })
}

/// Which of `tasks` ended first. Settled as soon as one of them ended: the others, still
/// alive when the run stopped or never started, cannot have ended before it.
fn first(t: &Timeline, tasks: &[String]) -> Verdict {
    let lives: Vec<Life> = tasks.iter().map(|name| life(t, name)).collect();
    let mut ended: Vec<(u64, usize)> = lives
        .iter()
        .enumerate()
        .filter_map(|(i, life)| match life {
            Life::Ended { end, .. } => Some((*end, i)),
            _ => None,
        })
        .collect();
    // "ask_primary (cancelled)": how a task ended, unless it simply finished.
    let named = |i: usize| match &lives[i] {
        Life::Ended { lanes, .. } => match outcome_note(last_outcome(lanes)) {
            Some(note) => format!("{} ({note})", tasks[i]),
            None => tasks[i].clone(),
        },
        _ => tasks[i].clone(),
    };
    ended.sort();
    let Some(&(earliest, _)) = ended.first() else {
        let why = if lives.iter().any(|l| matches!(l, Life::Unended)) {
            "the run was stopped before any of them ended"
        } else {
            "none of them started in this run"
        };
        return Verdict::Unsettled(why.to_string());
    };
    let right: Vec<usize> = {
        let mut right: Vec<usize> = ended
            .iter()
            .filter(|(end, _)| *end == earliest)
            .map(|(_, i)| *i)
            .collect();
        right.sort_unstable();
        right
    };
    let winners: Vec<String> = right.iter().map(|&i| tasks[i].clone()).collect();
    let shown: Vec<String> = right.iter().map(|&i| named(i)).collect();
    let at = format_duration(t.scenario_ns(earliest));
    let mut sentence = match shown.len() {
        1 => format!("{} ended first, at {at}", shown[0]),
        _ => format!("{} ended first, together at {at}", list(&shown)),
    };
    let later: Vec<String> = ended
        .iter()
        .filter(|(end, _)| *end != earliest)
        .map(|&(end, i)| format!("{} at {}", named(i), format_duration(t.scenario_ns(end))))
        .collect();
    if !later.is_empty() {
        sentence.push_str(&format!("; then {}", list(&later)));
    }
    for (name, life) in tasks.iter().zip(&lives) {
        match life {
            Life::Unended => sentence.push_str(&format!("; {name} had not ended")),
            Life::NeverStarted => sentence.push_str(&format!("; {name} never started")),
            Life::Ended { .. } => {}
        }
    }
    Verdict::Settled(Settled {
        measured: Measured::First(winners),
        right,
        sentence,
    })
}

/// Which of `tasks` ended cancelled; the others with how they ended instead.
fn cancelled(t: &Timeline, tasks: &[String]) -> Verdict {
    let lives: Vec<Life> = tasks.iter().map(|name| life(t, name)).collect();
    if let Some(i) = lives.iter().position(|l| matches!(l, Life::Unended)) {
        return stopped_before(&tasks[i]);
    }
    let mut right = Vec::new();
    let mut others = Vec::new();
    for (i, (name, life)) in tasks.iter().zip(&lives).enumerate() {
        let Life::Ended { lanes, .. } = life else {
            others.push(format!("{name} never started"));
            continue;
        };
        if lanes.iter().any(|l| l.outcome == Outcome::Cancelled) {
            right.push(i);
            continue;
        }
        others.push(format!("{name} {}", outcome_phrase(last_outcome(lanes))));
    }
    let names: Vec<String> = right.iter().map(|&i| tasks[i].clone()).collect();
    let mut sentence = match names.len() {
        0 => "none of them was cancelled".to_string(),
        1 => format!("{} was cancelled", names[0]),
        _ => format!("{} were cancelled", list(&names)),
    };
    if !others.is_empty() {
        let sep = if names.is_empty() { ": " } else { "; " };
        sentence.push_str(sep);
        sentence.push_str(&list(&others));
    }
    Verdict::Settled(Settled {
        measured: Measured::Cancelled(names),
        right,
        sentence,
    })
}

/// How the last of a name's lanes to end ended.
fn last_outcome(lanes: &[&TaskLane]) -> Outcome {
    let last = lanes.iter().max_by_key(|l| l.ended_ns);
    last.map_or(Outcome::Ok, |l| l.outcome)
}

/// The indices of the values closest to `measured` (all of them when equally close).
fn closest(values: &[u64], measured: u64) -> Vec<usize> {
    let distance = |v: u64| v.abs_diff(measured);
    let Some(best) = values.iter().map(|&v| distance(v)).min() else {
        return Vec::new();
    };
    let hits = values
        .iter()
        .enumerate()
        .filter(|(_, v)| distance(**v) == best);
    hits.map(|(i, _)| i).collect()
}

/// "2s is right", "1s and 2s are right".
fn right_choices(right: &[usize], text: impl Fn(usize) -> String) -> String {
    let texts: Vec<String> = right.iter().map(|&i| text(i)).collect();
    match texts.len() {
        1 => format!("{} is right", texts[0]),
        _ => format!("{} are right", list(&texts)),
    }
}

/// A duration in ns, saturating (a choice is at most an hour).
fn nanos(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}
