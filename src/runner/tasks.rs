//! Tasks a step starts or waits for: a spawned task and its handle, a group of tasks in a
//! `JoinSet` (the first failure aborts the rest), and blocking work on tokio's blocking pool,
//! recorded as a lane of its own.

use std::collections::HashMap;

use tokio::task::{JoinHandle, JoinSet};

use super::combinators::CallFuture;
use super::error::{AsText, StepError, StepResult};
use super::pace::Pace;
use crate::record::{
    EndKind, EventKind, Instrumented, Recorder, TaskId, TaskResult, panic_message,
};

/// A recorded task running one function call.
pub type Task = Instrumented<AsText<CallFuture>>;

/// The handle of a spawned task, kept in its function's slot until joined.
pub type Handle = JoinHandle<TaskResult>;

/// `tokio::spawn`s `task` under the name `name`.
pub fn spawn(task: Task, name: &str) -> Result<Handle, StepError> {
    tokio::task::Builder::new()
        .name(name)
        .spawn(task)
        .map_err(|error| StepError::Spawn {
            task: name.to_string(),
            error,
        })
}

/// `handle.await`: the task `name`'s end, as this step's result.
pub async fn join(handle: Handle, name: &str) -> StepResult {
    let task = name.to_string();
    match handle.await {
        Ok(result) => result.map_err(|error| StepError::TaskFailed { task, error }),
        Err(e) if e.is_panic() => Err(StepError::TaskPanicked {
            task,
            message: panic_message(&*e.into_panic()),
        }),
        Err(_) => Err(StepError::TaskCancelled { task }),
    }
}

/// A `JoinSet` of the named tasks, awaited all; the first failure aborts the others (each
/// is told who caused it).
pub async fn group(members: Vec<(String, Task)>, recorder: &Recorder) -> StepResult {
    let mut set = JoinSet::new();
    let mut ours: HashMap<tokio::task::Id, (TaskId, String)> = HashMap::new();
    for (name, task) in members {
        let id = task.id();
        let handle =
            set.build_task()
                .name(&name)
                .spawn(task)
                .map_err(|error| StepError::Spawn {
                    task: name.clone(),
                    error,
                })?;
        ours.insert(handle.id(), (id, name));
    }
    let mut failure = None;
    while let Some(joined) = set.join_next_with_id().await {
        let (tokio_id, error) = match joined {
            Ok((id, Ok(()))) => (id, None),
            Ok((id, Err(error))) => (id, Some(Ok(error))),
            Err(e) if e.is_panic() => (e.id(), Some(Err(panic_message(&*e.into_panic())))),
            Err(e) => (e.id(), None),
        };
        let (failed, task) = ours.remove(&tokio_id).unwrap_or((u32::MAX, String::new()));
        if let (Some(error), None) = (error, &failure) {
            for (other, _) in ours.values() {
                let cause = Some(failed);
                recorder.record(*other, EventKind::AbortRequested { cause });
            }
            set.abort_all();
            failure = Some(match error {
                Ok(error) => StepError::TaskFailed { task, error },
                Err(message) => StepError::TaskPanicked { task, message },
            });
        }
    }
    failure.map_or(Ok(()), Err)
}

/// Runs `ns` (scaled) of blocking work on the blocking pool as task `id` (already
/// registered as a blocking lane), and awaits it.
pub async fn blocking(recorder: Recorder, id: TaskId, pace: Pace, ns: u64) -> StepResult {
    let work = move || {
        recorder.record_poll_start(id);
        pace.block(ns);
        recorder.record(id, EventKind::PollEnd);
        let outcome = EndKind::Ok;
        recorder.record(id, EventKind::Ended { outcome });
        // tokio wakes the awaiting task next, on this thread: from this closure.
        recorder.dropped_here(id);
    };
    tokio::task::spawn_blocking(work)
        .await
        .map_err(StepError::Blocking)
}
