//! Why a step, and so the task running it, failed: typed while it travels up the calls of
//! one task, written out as text where the task ends (what the recorder keeps).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::record::TaskResult;
use crate::scenario::ProgramError;

/// Why a step failed.
#[derive(Debug)]
pub enum StepError {
    /// A `fail` step, with its text.
    Failed(String),
    /// The run is stopping.
    Stopped,
    /// A `timeout` whose limit passed.
    TimedOut {
        /// The function it ran.
        function: String,
        /// The limit, as scripted.
        limit: Duration,
    },
    /// A joined task, or a member of a group, failed with this error.
    TaskFailed {
        /// The task's name.
        task: String,
        /// Its error.
        error: String,
    },
    /// A joined task, or a member of a group, panicked.
    TaskPanicked {
        /// The task's name.
        task: String,
        /// The panic's message.
        message: String,
    },
    /// A branch of a `join_all` or a `race` failed.
    Branch {
        /// The branch's name.
        branch: String,
        /// Its error.
        error: Box<StepError>,
    },
    /// A `join` found no handle in its slot (its `spawn` did not run).
    NoHandle {
        /// The task's name.
        task: String,
    },
    /// A joined task was cancelled.
    TaskCancelled {
        /// The task's name.
        task: String,
    },
    /// tokio could not start a task.
    Spawn {
        /// The task's name.
        task: String,
        /// Why.
        error: std::io::Error,
    },
    /// A closure on the blocking pool did not finish.
    Blocking(tokio::task::JoinError),
    /// A semaphore was closed while a task waited for a permit.
    Closed(tokio::sync::AcquireError),
    /// A step used a resource as another kind (the compiler rules this out).
    Resource {
        /// The resource's index.
        index: usize,
        /// The kind the step needs.
        wanted: &'static str,
    },
    /// The scenario could not be compiled, so it cannot run.
    Program(ProgramError),
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::Failed(text) => write!(f, "{text}"),
            StepError::Stopped => write!(f, "stopped"),
            StepError::TimedOut { function, limit } => {
                write!(f, "`{function}` timed out after {limit:?}")
            }
            StepError::TaskFailed { task, error } => write!(f, "`{task}` failed: {error}"),
            StepError::TaskPanicked { task, message } => {
                write!(f, "`{task}` panicked: {message}")
            }
            StepError::Branch { branch, error } => write!(f, "`{branch}` failed: {error}"),
            StepError::NoHandle { task } => write!(f, "no task `{task}` to join"),
            StepError::TaskCancelled { task } => write!(f, "`{task}` was cancelled"),
            StepError::Spawn { task, error } => write!(f, "spawn `{task}`: {error}"),
            StepError::Blocking(error) => write!(f, "blocking work failed: {error}"),
            StepError::Closed(error) => write!(f, "{error}"),
            StepError::Resource { index, wanted } => {
                write!(f, "resource {index} is not a {wanted}")
            }
            StepError::Program(error) => write!(f, "the scenario cannot run: {error}"),
        }
    }
}

impl std::error::Error for StepError {}

/// What a step returns.
pub type StepResult = Result<(), StepError>;

/// A task's future, with its error written out as the text the recorder keeps.
pub struct AsText<F>(pub F);

impl<F: Future<Output = StepResult> + Unpin> Future for AsText<F> {
    type Output = TaskResult;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<TaskResult> {
        Pin::new(&mut self.0)
            .poll(cx)
            .map(|result| result.map_err(|error| error.to_string()))
    }
}
