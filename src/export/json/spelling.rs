//! How the JSON spells the run's enums (`"multi_thread"`, `"block_on"`, `"cancelled"`, ...),
//! and the conversions from the timeline's types.

use serde::{Deserialize, Serialize};

use crate::record::{BranchOf, TaskKind};
use crate::scenario::Flavor;
use crate::timeline::{Outcome, State, WakeSource};

/// The runtime as the JSON spells it (`runtime.flavor`): a tokio [`Flavor`], or asyncio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlavorJson {
    /// tokio with one worker.
    CurrentThread,
    /// tokio with a pool of workers.
    MultiThread,
    /// CPython's asyncio event loop.
    Asyncio,
}

/// [`TaskKind`] as the JSON spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindJson {
    /// A spawned task.
    Task,
    /// A `spawn_blocking` closure.
    Blocking,
    /// The `block_on` future.
    BlockOn,
    /// A plain future.
    Future,
    /// A branch run inside its parent task (`branch_of` says of which step).
    Branch,
}

/// [`BranchOf`] as the JSON spells it: the step a branch is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchOfJson {
    /// A branch of a `join_all`.
    JoinAll,
    /// A branch of a `race`.
    Race,
    /// The call a `timeout` watches.
    Timeout,
    /// The call an `until_cancelled` watches.
    UntilCancelled,
}

/// [`WakeSource`]'s kind as the JSON spells it (`wakers[].kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WakerKindJson {
    /// A task (`by` names it).
    Task,
    /// The runtime's timer driver: the task's deadline had passed.
    Timer,
    /// The runtime otherwise (the I/O driver, the scheduler).
    Runtime,
}

/// [`Outcome`] as the JSON spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeJson {
    /// Returned normally.
    Ok,
    /// Returned an error.
    Failed,
    /// Panicked.
    Panicked,
    /// Dropped before it finished.
    Cancelled,
    /// Created and dropped without a poll.
    NeverPolled,
    /// Still alive.
    Running,
}

/// [`State`] as the JSON spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateJson {
    /// Being polled.
    Running,
    /// Ready, waiting for a worker.
    Scheduled,
    /// Pending on something.
    Waiting,
}

impl From<Flavor> for FlavorJson {
    fn from(f: Flavor) -> Self {
        match f {
            Flavor::CurrentThread => FlavorJson::CurrentThread,
            Flavor::MultiThread => FlavorJson::MultiThread,
        }
    }
}

impl From<TaskKind> for KindJson {
    fn from(k: TaskKind) -> Self {
        match k {
            TaskKind::Task => KindJson::Task,
            TaskKind::Blocking => KindJson::Blocking,
            TaskKind::BlockOn => KindJson::BlockOn,
            TaskKind::Future => KindJson::Future,
            TaskKind::Branch(_) => KindJson::Branch,
        }
    }
}

impl From<BranchOf> for BranchOfJson {
    fn from(b: BranchOf) -> Self {
        match b {
            BranchOf::JoinAll => BranchOfJson::JoinAll,
            BranchOf::Race => BranchOfJson::Race,
            BranchOf::Timeout => BranchOfJson::Timeout,
            BranchOf::UntilCancelled => BranchOfJson::UntilCancelled,
        }
    }
}

impl From<WakeSource> for WakerKindJson {
    fn from(w: WakeSource) -> Self {
        match w {
            WakeSource::Task(_) => WakerKindJson::Task,
            WakeSource::Timer => WakerKindJson::Timer,
            WakeSource::Runtime => WakerKindJson::Runtime,
        }
    }
}

impl From<Outcome> for OutcomeJson {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Ok => OutcomeJson::Ok,
            Outcome::Failed => OutcomeJson::Failed,
            Outcome::Panicked => OutcomeJson::Panicked,
            Outcome::Cancelled => OutcomeJson::Cancelled,
            Outcome::NeverPolled => OutcomeJson::NeverPolled,
            Outcome::Running => OutcomeJson::Running,
        }
    }
}

impl From<State> for StateJson {
    fn from(s: State) -> Self {
        match s {
            State::Running => StateJson::Running,
            State::Scheduled => StateJson::Scheduled,
            State::Waiting => StateJson::Waiting,
        }
    }
}
