//! `join!`, `select!`, `timeout` and "until cancelled" over futures known only at run time,
//! inside one task, each future recorded as a branch of its own.
//!
//! tokio's macros need the branches written out in code; a scenario names them in a file.
//! These do the same thing: every branch is polled in the same task. Each branch is an
//! [`Instrumented`] future of kind [`TaskKind::Branch`](crate::record::TaskKind::Branch), so
//! the recorder sees which branch each poll of the task entered, what it returned, what
//! woke it, and when it was dropped unfinished; a branch about to be dropped is first told
//! why (an abort request naming the winner of a race, or the task that cancelled a token).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use super::error::{StepError, StepResult};
use crate::record::{EventKind, Instrumented, Recorder, TaskId};

/// The future of one function call: boxed, so that a call can contain calls.
pub type CallFuture = Pin<Box<dyn Future<Output = StepResult> + Send>>;

/// A call run as a branch of the current task, recorded as a lane of its own.
pub type Branch = Instrumented<CallFuture>;

/// A branch with the name of its lane, for the error it may end with.
pub struct Named {
    /// The lane's name.
    pub name: String,
    /// The branch.
    pub branch: Branch,
}

/// Waits for all branches (like `join!`), then reports the first error, if any, naming the
/// branch it came from.
pub async fn join_all(branches: Vec<Named>) -> StepResult {
    let mut pending: Vec<Option<Named>> = branches.into_iter().map(Some).collect();
    let mut first_error = None;
    std::future::poll_fn(move |cx: &mut Context<'_>| {
        for slot in pending.iter_mut() {
            let Some(named) = slot else { continue };
            if let Poll::Ready(result) = Pin::new(&mut named.branch).poll(cx) {
                if let (Err(error), None) = (result, &first_error) {
                    first_error = Some(StepError::Branch {
                        branch: named.name.clone(),
                        error: Box::new(error),
                    });
                }
                *slot = None;
            }
        }
        if pending.iter().all(Option::is_none) {
            Poll::Ready(first_error.take().map_or(Ok(()), Err))
        } else {
            Poll::Pending
        }
    })
    .await
}

/// Polls all branches until one finishes (like `select!`), then drops the others, each
/// told first that the winner made it go.
pub async fn race(mut branches: Vec<Named>, recorder: &Recorder) -> StepResult {
    std::future::poll_fn(move |cx: &mut Context<'_>| {
        let mut won = None;
        for (i, named) in branches.iter_mut().enumerate() {
            if let Poll::Ready(result) = Pin::new(&mut named.branch).poll(cx) {
                won = Some((i, result));
                break;
            }
        }
        let Some((winner, result)) = won else {
            return Poll::Pending;
        };
        let named = branches.swap_remove(winner);
        let cause = Some(named.branch.id());
        for loser in branches.drain(..) {
            recorder.record(loser.branch.id(), EventKind::AbortRequested { cause });
        }
        Poll::Ready(result.map_err(|error| StepError::Branch {
            branch: named.name,
            error: Box::new(error),
        }))
    })
    .await
}

/// `tokio::time::timeout(limit, branch)`: the branch's result, or None when the limit
/// passed first (the branch is then dropped, told first that the timeout made it go).
pub async fn timeout(limit: Duration, branch: Branch, recorder: &Recorder) -> Option<StepResult> {
    let id = branch.id();
    let mut timed = std::pin::pin!(tokio::time::timeout(limit, branch));
    match timed.as_mut().await {
        Ok(result) => Some(result),
        Err(_elapsed) => {
            recorder.record(id, EventKind::AbortRequested { cause: None });
            None
        }
    }
}

/// Runs `branch` until `cancelled` resolves (like `select!` on a token), which gives the
/// task that cancelled the token, if known; then the branch is dropped, told so first.
pub async fn until(
    cancelled: impl Future<Output = Option<TaskId>>,
    mut branch: Branch,
    recorder: &Recorder,
) -> StepResult {
    tokio::select! {
        biased;
        by = cancelled => {
            recorder.record(branch.id(), EventKind::AbortRequested { cause: by });
            Ok(())
        }
        result = &mut branch => result,
    }
}
