//! The names of the tasks a function starts: a `spawn` or a `group` entry without a name of
//! its own is named after its function, numbered when the function is started again
//! (`fetch`, `fetch-2`, `fetch-3`), skipping the names given with `as`.

use std::collections::{HashMap, HashSet};

use super::diagnostic::Diagnostic;
use super::model::{Action, Step};
use super::source::Source;
use super::spans::StepSpans;

/// The task names taken in one function (or one group), and per base name the next number
/// worth trying: numbering a thousand spawns of one function costs a thousand look-ups, not
/// a million.
#[derive(Default)]
pub(crate) struct TaskNames {
    taken: HashSet<String>,
    next: HashMap<String, u32>,
}

impl TaskNames {
    /// Takes `name` as written; false if it was taken already.
    pub fn take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_string())
    }

    /// `base`, or `base-2`, `base-3`, ...: the first one not taken, which it takes. (A number
    /// below the one remembered for `base` was taken when it was passed, and names are
    /// never given back.)
    pub fn number(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).copied().unwrap_or(1);
        loop {
            let candidate = match n {
                1 => base.to_string(),
                n => format!("{base}-{n}"),
            };
            n += 1;
            if self.taken.insert(candidate.clone()) {
                self.next.insert(base.to_string(), n);
                return candidate;
            }
        }
    }
}

/// Gives every `spawn` without `as` its task name (the function's name, numbered when the
/// function is spawned again) and rejects two spawns with the same `as`.
pub(crate) fn name_spawns(
    src: &Source,
    steps: &mut [Step],
    spans: &[StepSpans],
) -> Result<(), Diagnostic> {
    let mut names = TaskNames::default();
    for (step, step_spans) in steps.iter().zip(spans) {
        if let (Action::Spawn(member), Some(span)) = (&step.action, &step_spans.task) {
            if !names.take(&member.task) {
                let first = steps
                    .iter()
                    .find(|s| matches!(&s.action, Action::Spawn(m) if m.task == member.task));
                let line = first.map_or(0, |s| s.line);
                return Err(src
                    .error(
                        span.clone(),
                        format!(
                            "a task named `{}` is already spawned on line {line}",
                            member.task
                        ),
                    )
                    .with_help("give each spawned task its own name with `as`"));
            }
        }
    }
    for step in steps.iter_mut() {
        if let Action::Spawn(member) = &mut step.action {
            if member.task.is_empty() {
                member.task = names.number(&member.function);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_skip_the_names_already_taken() {
        let mut names = TaskNames::default();
        assert!(names.take("f-2"));
        assert!(!names.take("f-2"));
        let given: Vec<String> = (0..4).map(|_| names.number("f")).collect();
        assert_eq!(given, ["f", "f-3", "f-4", "f-5"]);
        assert_eq!(names.number("f-3"), "f-3-2");
    }
}
