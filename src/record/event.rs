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
    /// Someone asked for this task to be aborted.
    AbortRequested {
        /// The task whose failure caused it, if any.
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
}

impl TaskKind {
    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Task => "task",
            TaskKind::Blocking => "blocking",
            TaskKind::BlockOn => "block_on",
            TaskKind::Future => "future",
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
