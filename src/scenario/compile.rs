//! A validated [`Scenario`] compiled into a [`Program`]: every name a step gives becomes the
//! index of what it names, each `spawn` a slot its `join` takes the handle from, and every
//! duration nanoseconds. One pass, names found through hash maps.

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use super::model::{Action, Function, OnTimeout, ResourceKind, Scenario, Step};
use super::program::{FnId, Instr, Op, Program, ResId, ResourceDecl, Routine, SlotId, TaskStart};
use crate::limits::MAX_STEP_DURATION;

/// Why a scenario cannot be compiled. A scenario from `scenario::parse` always compiles;
/// these are for one built by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgramError {
    /// There is no function `main`.
    NoMain,
    /// A step names a function that does not exist.
    UnknownFunction {
        /// The function whose step names it.
        caller: String,
        /// The name.
        name: String,
    },
    /// A step names a resource that is not declared, or not of the kind it needs.
    UnknownResource {
        /// The name.
        name: String,
        /// The kind the step needs (`semaphore`, `mutex`, `token`).
        wanted: &'static str,
    },
    /// A `join` names no task its function spawned before it.
    UnknownTask {
        /// The function of the `join`.
        function: String,
        /// The task name.
        task: String,
    },
    /// A duration is over [`MAX_STEP_DURATION`].
    TooLong {
        /// The step's id.
        step: u32,
    },
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgramError::NoMain => write!(f, "the scenario has no `main` function"),
            ProgramError::UnknownFunction { caller, name } => {
                write!(f, "`{caller}` names an unknown function `{name}`")
            }
            ProgramError::UnknownResource { name, wanted } => {
                write!(f, "no {wanted} `{name}` in [resources]")
            }
            ProgramError::UnknownTask { function, task } => {
                write!(f, "`{function}` joins `{task}`, which it has not spawned")
            }
            ProgramError::TooLong { step } => write!(
                f,
                "step {step} takes longer than {MAX_STEP_DURATION:?}, the most a step may take"
            ),
        }
    }
}

impl std::error::Error for ProgramError {}

impl Scenario {
    /// The scenario compiled for a runner: what the tokio runner executes, and, as JSON, what
    /// the asyncio runner does (docs/program.md). Linear in the scenario's size.
    pub fn program(&self) -> Result<Program, ProgramError> {
        let functions: HashMap<&str, FnId> = (0..)
            .zip(&self.functions)
            .map(|(i, f)| (f.name.as_str(), FnId(i)))
            .collect();
        let resources: HashMap<&str, (ResId, ResourceKind)> = (0..)
            .zip(&self.resources)
            .map(|(i, r)| (r.name.as_str(), (ResId(i), r.kind)))
            .collect();
        let names = Names {
            functions,
            resources,
        };
        let main = *names.functions.get("main").ok_or(ProgramError::NoMain)?;
        let routines = self
            .functions
            .iter()
            .map(|f| names.routine(f))
            .collect::<Result<_, _>>()?;
        let declared = self
            .resources
            .iter()
            .map(|r| ResourceDecl {
                name: r.name.clone(),
                kind: r.kind,
            })
            .collect();
        Ok(Program::new(self.name.clone(), main, routines, declared))
    }
}

/// The indices of the scenario's names.
struct Names<'s> {
    functions: HashMap<&'s str, FnId>,
    resources: HashMap<&'s str, (ResId, ResourceKind)>,
}

impl Names<'_> {
    /// One function, its spawns numbered into slots in order.
    fn routine(&self, function: &Function) -> Result<Routine, ProgramError> {
        let mut slots = Slots::default();
        let mut steps = Vec::with_capacity(function.steps.len());
        for step in &function.steps {
            let instr = self.instr(function, step, &mut slots)?;
            steps.push(Op {
                id: step.id,
                line: step.line,
                label: step.label.clone(),
                say: step.say.clone(),
                instr,
            });
        }
        Ok(Routine {
            name: function.name.clone(),
            line: function.line,
            slots: slots.count,
            steps,
        })
    }

    /// One step's instruction; a `spawn` takes the next slot, a `join` the slot of the task
    /// it names.
    fn instr<'a>(
        &self,
        function: &Function,
        step: &'a Step,
        slots: &mut Slots<'a>,
    ) -> Result<Instr, ProgramError> {
        let ns = |d: &Duration| nanos(*d, step.id);
        let f = |name: &str| self.function(function, name);
        let res = |name: &str, wanted: &'static str| self.resource(name, wanted);
        Ok(match &step.action {
            Action::Sleep(d) => Instr::Sleep { ns: ns(d)? },
            Action::Call(name) => Instr::Call { function: f(name)? },
            Action::Spawn(member) => {
                let slot = SlotId(slots.count);
                slots.count += 1;
                slots.by_task.insert(&member.task, slot);
                Instr::Spawn {
                    function: f(&member.function)?,
                    task: member.task.clone(),
                    slot,
                }
            }
            Action::Join(task) => Instr::Join {
                slot: *slots
                    .by_task
                    .get(task.as_str())
                    .ok_or(ProgramError::UnknownTask {
                        function: function.name.clone(),
                        task: task.clone(),
                    })?,
                task: task.clone(),
            },
            Action::Group(members) => Instr::Group {
                members: members
                    .iter()
                    .map(|m| {
                        Ok(TaskStart {
                            function: f(&m.function)?,
                            task: m.task.clone(),
                        })
                    })
                    .collect::<Result<_, ProgramError>>()?,
            },
            Action::JoinAll(names) => Instr::JoinAll {
                fns: names.iter().map(|n| f(n)).collect::<Result<_, _>>()?,
            },
            Action::Race(names) => Instr::Race {
                fns: names.iter().map(|n| f(n)).collect::<Result<_, _>>()?,
            },
            Action::Timeout {
                limit,
                function: name,
                on_timeout,
            } => Instr::Timeout {
                ns: ns(limit)?,
                function: f(name)?,
                continues: *on_timeout == OnTimeout::Continue,
            },
            Action::Block(d) => Instr::Block { ns: ns(d)? },
            Action::Spin(d) => Instr::Spin { ns: ns(d)? },
            Action::SpawnBlocking(d) => Instr::SpawnBlocking {
                ns: ns(d)?,
                task: step
                    .label
                    .clone()
                    .unwrap_or_else(|| format!("spawn_blocking({d:?})")),
            },
            Action::Yield => Instr::Yield,
            Action::Fail(text) => Instr::Fail { text: text.clone() },
            Action::Panic(text) => Instr::Panic { text: text.clone() },
            Action::Forget(name) => Instr::Forget {
                function: f(name)?,
                task: name.clone(),
            },
            Action::Repeat {
                times,
                function: name,
            } => Instr::Repeat {
                times: *times,
                function: f(name)?,
            },
            Action::WithPermit {
                semaphore,
                function: name,
            } => Instr::WithPermit {
                resource: res(semaphore, "semaphore")?,
                function: f(name)?,
            },
            Action::Lock {
                mutex,
                function: name,
            } => Instr::Lock {
                resource: res(mutex, "mutex")?,
                function: f(name)?,
            },
            Action::Cancel(token) => Instr::Cancel {
                resource: res(token, "token")?,
            },
            Action::UntilCancelled {
                token,
                function: name,
            } => Instr::UntilCancelled {
                resource: res(token, "token")?,
                function: f(name)?,
            },
            Action::Pending => Instr::Pending,
            Action::Stream { items, each } => Instr::Stream {
                items: *items,
                each_ns: each.as_ref().map(ns).transpose()?,
            },
        })
    }

    /// The index of function `name`, named by a step of `caller`.
    fn function(&self, caller: &Function, name: &str) -> Result<FnId, ProgramError> {
        self.functions
            .get(name)
            .copied()
            .ok_or_else(|| ProgramError::UnknownFunction {
                caller: caller.name.clone(),
                name: name.to_string(),
            })
    }

    /// The index of resource `name`, which must be a `wanted`.
    fn resource(&self, name: &str, wanted: &'static str) -> Result<ResId, ProgramError> {
        match self.resources.get(name) {
            Some((id, kind)) if kind.as_str() == wanted => Ok(*id),
            _ => Err(ProgramError::UnknownResource {
                name: name.to_string(),
                wanted,
            }),
        }
    }
}

/// The slots of one function: one per `spawn`, found again by task name for its `join`.
#[derive(Default)]
struct Slots<'a> {
    by_task: HashMap<&'a str, SlotId>,
    count: u32,
}

/// A duration as nanoseconds, if it is within [`MAX_STEP_DURATION`].
fn nanos(d: Duration, step: u32) -> Result<u64, ProgramError> {
    match u64::try_from(d.as_nanos()) {
        Ok(ns) if d <= MAX_STEP_DURATION => Ok(ns),
        _ => Err(ProgramError::TooLong { step }),
    }
}
