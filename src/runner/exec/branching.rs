//! The steps that run calls concurrently inside the current task, each call a branch of
//! its own (see `combinators.rs`): `join_all`, `race`, `timeout` and `until_cancelled`.

use std::sync::Arc;

use super::Exec;
use crate::record::{BranchOf, Instrumented, TaskKind};
use crate::runner::combinators::{self, Branch, Named};
use crate::runner::error::{StepError, StepResult};
use crate::scenario::{FnId, Op, ResId};

impl Exec {
    /// `join!` of the functions, inside this task.
    pub(super) async fn join_all(self: &Arc<Self>, op: &Op, fns: &[FnId]) -> StepResult {
        let _await = self.awaiting(op);
        combinators::join_all(self.branches(op, fns, BranchOf::JoinAll)).await
    }

    /// `select!` of the functions, inside this task.
    pub(super) async fn race(self: &Arc<Self>, op: &Op, fns: &[FnId]) -> StepResult {
        let _await = self.awaiting(op);
        combinators::race(self.branches(op, fns, BranchOf::Race), &self.recorder).await
    }

    /// One branch per function, named after it (`f`, then `f-2`, ... when listed again).
    fn branches(self: &Arc<Self>, op: &Op, fns: &[FnId], of: BranchOf) -> Vec<Named> {
        let mut seen: Vec<FnId> = Vec::with_capacity(fns.len());
        let mut named = Vec::with_capacity(fns.len());
        for &function in fns {
            seen.push(function);
            let mut name = self.name_of(function);
            let n = seen.iter().filter(|&&f| f == function).count();
            if n > 1 {
                name = format!("{name}-{n}");
            }
            let branch = self.branch(&name, of, function, op);
            named.push(Named { name, branch });
        }
        named
    }

    /// `function`, called in the current task as a branch named `name` of step `op`.
    fn branch(self: &Arc<Self>, name: &str, of: BranchOf, function: FnId, op: &Op) -> Branch {
        let location = Some(format!("{}:{}", self.origin, op.line));
        let id = self.recorder.new_task(name, TaskKind::Branch(of), location);
        Instrumented::new(self.recorder.clone(), id, self.clone().call(function))
    }

    /// `tokio::time::timeout(limit, f())`: on time out, fails or goes on.
    pub(super) async fn timeout(
        self: &Arc<Self>,
        op: &Op,
        ns: u64,
        function: FnId,
        continues: bool,
    ) -> StepResult {
        let _await = self.awaiting(op);
        self.arm_timer(ns);
        let call = self.branch(&self.name_of(function), BranchOf::Timeout, function, op);
        match combinators::timeout(self.pace.scaled(ns), call, &self.recorder).await {
            Some(result) => result,
            None if continues => Ok(()),
            None => Err(StepError::TimedOut {
                function: self.name_of(function),
                limit: std::time::Duration::from_nanos(ns),
            }),
        }
    }

    /// `f` until the token is cancelled; then `f` is dropped and the function goes on.
    pub(super) async fn until_cancelled(
        self: &Arc<Self>,
        op: &Op,
        resource: ResId,
        function: FnId,
    ) -> StepResult {
        let mut token = self.resources.token(resource)?.subscribe();
        let _await = self.awaiting(op);
        let call = self.branch(
            &self.name_of(function),
            BranchOf::UntilCancelled,
            function,
            op,
        );
        // Resolves with the task that cancelled the token (a closed channel: at once).
        let cancelled = async move {
            match token.wait_for(Option::is_some).await {
                Ok(by) => by.flatten(),
                Err(_) => None,
            }
        };
        combinators::until(cancelled, call, &self.recorder).await
    }
}
