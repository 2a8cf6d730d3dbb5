//! The recorder's events: compact, timestamped, one per runtime happening.

/// Our own task number, unique within one run (tokio's ids and span ids can be reused).
pub type TaskId = u32;

/// Index of a thread that polls: `0..workers` are runtime workers, `workers + k` is the
/// k-th blocking-pool thread.
pub type WorkerId = u16;

/// An interned label ("GET /weather"), see [`crate::record::Meta::Label`].
pub type LabelId = u32;

/// One thing that happened to one task, at a time in nanoseconds since the run began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Nanoseconds since the run began, on one monotonic clock.
    pub at_ns: u64,
    /// The task it happened to.
    pub task: TaskId,
    /// What happened.
    pub kind: EventKind,
}

/// What happened to a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The task (or forgotten future) was created; its name and kind came as [`Meta::Task`].
    Spawned,
    /// A worker began polling the task.
    PollStart {
        /// The polling thread.
        worker: WorkerId,
    },
    /// The poll returned.
    PollEnd,
    /// The task's waker was called: it is scheduled until its next poll.
    Woken {
        /// The task that woke it, if the wake came from inside a task.
        by: Option<TaskId>,
    },
    /// A labelled await began (a sleep with a label, a call, a join).
    AwaitStart {
        /// What it waits on.
        label: LabelId,
    },
    /// That labelled await finished (or was dropped).
    AwaitEnd {
        /// The label given at the start.
        label: LabelId,
    },
    /// The labelled await just started (the top of the task's await stack) is a timer due
    /// this many microseconds from now. Once it is due the task is ready to run, even when
    /// no worker is free to process the timer and wake it (the starvation a blocked
    /// current_thread runtime shows).
    TimerArmed {
        /// Microseconds until the deadline.
        after_us: u32,
    },
    /// The task began a scripted step (the scenario's step id): drives the narration
    /// captions and the code pane's highlighted line.
    StepStarted {
        /// The step's id within its scenario.
        step: u32,
    },
    /// Someone asked for this task to be aborted (a branch: it is about to be dropped).
    AbortRequested {
        /// The task whose failure caused it, if any; for a race's loser, the branch that
        /// won; for an `until_cancelled` call, the task that cancelled the token.
        cause: Option<TaskId>,
    },
    /// The task ended; for `Failed` and `Panicked` the text came as [`Meta::Error`].
    Ended {
        /// How it ended.
        outcome: EndKind,
    },
}

/// How a task ended, as the recorder saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndKind {
    /// Returned normally.
    Ok,
    /// Returned an error.
    Failed,
    /// Panicked.
    Panicked,
    /// Dropped before it finished (aborted, lost a race, runtime shut down, or never awaited).
    Cancelled,
}

/// What kind of thing a lane is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// A task spawned on the runtime.
    Task,
    /// A closure on the blocking pool (`spawn_blocking`).
    Blocking,
    /// The future given to `block_on` (`main`).
    BlockOn,
    /// A future that is not a task (created and never awaited).
    Future,
    /// A future run concurrently inside a task, not a task of its own: a branch of a
    /// `join_all` or a `race`, or the call a `timeout` or `until_cancelled` watches. Its
    /// polls happen inside its task's polls, on its task's worker.
    Branch(BranchOf),
}

impl TaskKind {
    /// The name used in the JSON output (every branch is `branch`).
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Task => "task",
            TaskKind::Blocking => "blocking",
            TaskKind::BlockOn => "block_on",
            TaskKind::Future => "future",
            TaskKind::Branch(_) => "branch",
        }
    }

    /// What a branch is a branch of; None for every other kind.
    pub fn branch_of(self) -> Option<BranchOf> {
        match self {
            TaskKind::Branch(of) => Some(of),
            _ => None,
        }
    }
}

/// The step that runs a branch, which says why a branch may be dropped unfinished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BranchOf {
    /// A `join_all` (`join!`): every branch runs to its end.
    JoinAll,
    /// A `race` (`select!`): the first branch to end wins, the others are dropped.
    Race,
    /// A `timeout`: the call is dropped when the time is up.
    Timeout,
    /// An `until_cancelled`: the call is dropped when the token is cancelled.
    UntilCancelled,
}

impl BranchOf {
    /// The name used in the JSON output and on the tape (the step's action).
    pub fn as_str(self) -> &'static str {
        match self {
            BranchOf::JoinAll => "join_all",
            BranchOf::Race => "race",
            BranchOf::Timeout => "timeout",
            BranchOf::UntilCancelled => "until_cancelled",
        }
    }
}

/// Information that is too big for an event and is sent once, before the events that use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Meta {
    /// A new task: its name, kind, parent and where the scenario spawned it.
    Task {
        /// The task's number.
        id: TaskId,
        /// Its name ("fetch_weather").
        name: String,
        /// What kind of lane it is.
        kind: TaskKind,
        /// The task that spawned it.
        parent: Option<TaskId>,
        /// Where it was spawned: `scenario-file:line`.
        location: Option<String>,
    },
    /// The text of a label id.
    Label {
        /// The id events use.
        id: LabelId,
        /// The text.
        text: String,
    },
    /// The error or panic message of a task that failed or panicked.
    Error {
        /// The task.
        task: TaskId,
        /// The message.
        text: String,
    },
}
