//! Where a task is: the source line its coroutine is suspended at, as an asyncio run reports
//! it after each step. The code pane lights that line, and the details name it.

use std::sync::Arc;

use crate::record::TaskId;

/// A task is suspended at this line (since `at_ns`, until its next position).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// When the step that stopped there ended, ns since the run began.
    pub at_ns: u64,
    /// The task.
    pub task: TaskId,
    /// The file: a path, or `<taskscope scenario NAME>` for a scenario's generated code.
    pub file: Arc<str>,
    /// The 1-based line.
    pub line: u32,
    /// For a scenario: the step whose code this line is.
    pub step: Option<u32>,
}
