//! What each step's lane shows while it waits: a pure function of the step, so every label
//! of a scenario is worked out and interned once, when its run starts.

use std::collections::HashMap;

use crate::record::{LabelId, Recorder};
use crate::scenario::{Action, Scenario, Step};

/// The label of a step that awaits or holds the worker: its own `label`, else one written
/// from what it does. Steps that never wait (spawn, yield, fail, ...) have none.
pub fn step_label(step: &Step) -> Option<String> {
    let default = match &step.action {
        Action::Sleep(d) => format!("sleep {d:?}"),
        Action::Call(f) => format!("{f}()"),
        Action::Join(name) => format!("join {name}"),
        Action::Group(members) => {
            let names: Vec<&str> = members.iter().map(|m| m.task.as_str()).collect();
            format!("group: {}", names.join(", "))
        }
        Action::JoinAll(fns) => format!("join!({})", fns.join(", ")),
        Action::Race(fns) => format!("select!({})", fns.join(", ")),
        Action::Timeout {
            limit, function, ..
        } => format!("timeout({limit:?}, {function}())"),
        Action::Block(d) => format!("std::thread::sleep({d:?})"),
        Action::Spin(d) => format!("CPU work {d:?}"),
        Action::SpawnBlocking(d) => format!("spawn_blocking({d:?})"),
        Action::WithPermit { semaphore, .. } => format!("{semaphore}.acquire()"),
        Action::Lock { mutex, .. } => format!("{mutex}.lock()"),
        Action::UntilCancelled { token, function } => {
            format!("until {token} is cancelled: {function}()")
        }
        Action::Pending => "pending (forever)".to_string(),
        Action::Stream { items, .. } => format!("stream of {items} ready items"),
        Action::Spawn(_)
        | Action::Yield
        | Action::Fail(_)
        | Action::Panic(_)
        | Action::Forget(_)
        | Action::Repeat { .. }
        | Action::Cancel(_) => return None,
    };
    Some(step.label.clone().unwrap_or(default))
}

/// One run's labels, interned with its recorder, by step id.
pub struct StepLabels {
    by_step: Vec<Option<LabelId>>,
}

impl StepLabels {
    /// Interns every step's label (identical texts share one id).
    pub fn new(scenario: &Scenario, recorder: &Recorder) -> Self {
        let mut ids: HashMap<String, LabelId> = HashMap::new();
        let mut intern = |text: String| *ids.entry(text).or_insert_with_key(|t| recorder.label(t));
        // `steps()` yields the steps in id order, so the position is the id.
        let by_step = scenario
            .steps()
            .map(|(_, step)| step_label(step).map(&mut intern))
            .collect();
        StepLabels { by_step }
    }

    /// The label of the step with id `step` (see [`step_label`]).
    pub fn of(&self, step: u32) -> Option<LabelId> {
        self.by_step.get(step as usize).copied().flatten()
    }
}
