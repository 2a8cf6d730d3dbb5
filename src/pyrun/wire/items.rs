//! What the decoder turns the stream into: taskscope's own `Meta` and `Event`, and what
//! they cannot say yet about an asyncio run.

use std::fmt;
use std::sync::Arc;

use crate::record::{Event, Meta, TaskId, WorkerId};

/// One decoded piece of the stream, in stream order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// The first record: who sends, and when its run began.
    Hello(Hello),
    /// A task's identity (sent again, with the same id, when asyncio renames the task), a
    /// label's text, a failure's text.
    Meta(Meta),
    /// Something that happened to a task.
    Event(Event),
    /// Where a task is suspended, each time that changes.
    Position(TaskPosition),
    /// A coroutine collected without ever being awaited (its lane came as a `Meta::Task` of
    /// kind `Future` and ends as never polled).
    NeverAwaited(NeverAwaited),
    /// The name of a thread that polls (worker 0 is the loop's thread).
    Worker(WorkerName),
    /// Events the child could not send because nobody read them (a stuck reader).
    Dropped(u64),
    /// The run is over: the child sends nothing more.
    Exit(RunExit),
}

/// The HELLO record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hello {
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The child's process id.
    pub pid: u32,
    /// The run's start on the child's CLOCK_MONOTONIC, in ns: to line it up with another
    /// clock (every other time is relative to it).
    pub base_ns: u64,
}

/// Where a task is suspended: the innermost frame of the program's own code in its
/// coroutine's await chain. Sent after a step when the place changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskPosition {
    /// The task.
    pub task: TaskId,
    /// When the step that stopped there ended, ns since the run began.
    pub at_ns: u64,
    /// The file (a path, or `<taskscope scenario NAME>` for a scenario's generated code).
    pub file: Arc<str>,
    /// The 1-based line.
    pub line: u32,
    /// For a scenario: the step whose code this line is.
    pub step: Option<u32>,
}

/// A never-awaited coroutine, and the text of the warning CPython gave for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeverAwaited {
    /// Its lane.
    pub task: TaskId,
    /// `RuntimeWarning: coroutine 'send_email' was never awaited`.
    pub text: String,
}

/// The name of a thread that polls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerName {
    /// The worker number events use (0: the loop's thread; then `asyncio.to_thread` threads).
    pub worker: WorkerId,
    /// The thread's name (`MainThread`, `asyncio_0`).
    pub name: String,
}

/// How the child's run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunExit {
    /// When, ns since the run began (after asyncio.run's clean-up).
    pub at_ns: u64,
    /// The exit status the child is about to exit with (0: the run ended; 2: bad input).
    pub status: u32,
    /// Why, when not 0: the error (a bad Program, the script's uncaught exception).
    pub message: Option<String>,
}

/// The stream does not follow the format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    /// The byte offset in the stream of the record (or word) at fault.
    pub offset: u64,
    /// What the decoder expected there.
    pub expected: String,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (offset, expected) = (self.offset, &self.expected);
        write!(
            f,
            "asyncio event stream, byte {offset}: expected {expected}"
        )
    }
}

impl std::error::Error for WireError {}
