//! `join!` and `select!` over a list of futures known only at run time, inside one task.
//!
//! tokio's macros need the branches written out in code; a scenario names them in a file.
//! These do the same thing: every branch is polled in the same task, on the same waker.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::error::StepResult;

/// The future of one function call: boxed, so that a call can contain calls.
pub type CallFuture = Pin<Box<dyn Future<Output = StepResult> + Send>>;

/// Waits for all branches (like `join!`), then reports the first error, if any.
pub async fn join_all(branches: Vec<CallFuture>) -> StepResult {
    let mut pending: Vec<Option<CallFuture>> = branches.into_iter().map(Some).collect();
    let mut first_error = None;
    std::future::poll_fn(move |cx: &mut Context<'_>| {
        for slot in pending.iter_mut() {
            if let Some(branch) = slot {
                if let Poll::Ready(result) = branch.as_mut().poll(cx) {
                    *slot = None;
                    if let (Err(error), None) = (result, &first_error) {
                        first_error = Some(error);
                    }
                }
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

/// Polls all branches until one finishes (like `select!`), then drops the others.
pub async fn race(mut branches: Vec<CallFuture>) -> StepResult {
    std::future::poll_fn(move |cx: &mut Context<'_>| {
        for branch in branches.iter_mut() {
            if let Poll::Ready(result) = branch.as_mut().poll(cx) {
                return Poll::Ready(result);
            }
        }
        Poll::Pending
    })
    .await
}
