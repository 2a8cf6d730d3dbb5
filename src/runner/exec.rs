//! Executes a compiled scenario: each step is one real tokio operation, found by index.
//!
//! A call is a boxed future that walks its function's steps; each step is a boxed future of
//! its own, made by one small function per action. So a chain of nested calls costs the
//! stack a few small poll frames per level, and the checker's nesting limit
//! ([`crate::limits::MAX_NESTING`]) fits the runtime threads' stacks with room to spare.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::combinators::CallFuture;
use super::error::{AsText, StepError, StepResult};
use super::labels::StepLabels;
use super::pace::Pace;
use super::resources::Resources;
use super::tasks::{self, Handle, Task};
use crate::record::{AwaitLabel, EventKind, Instrumented, Recorder, TaskKind, current_task};
use crate::scenario::{FnId, Instr, Op, Program, ProgramError, ResId, Scenario, TaskStart};

mod branching;

/// The runner's handle makes its stop signal from here.
pub use super::stop::StopSignal;

/// The future of one step, borrowing the step and its function's task slots.
type OpFuture<'a> = Pin<Box<dyn Future<Output = StepResult> + Send + 'a>>;

/// Everything a running step needs: the program, the recorder, the pace and the resources.
pub struct Exec {
    program: Result<Program, ProgramError>,
    origin: String,
    recorder: Recorder,
    pace: Pace,
    resources: Resources,
    labels: StepLabels,
}

impl Exec {
    /// Compiles `scenario` to run at `speed` (2.0 = every duration halved; clamped to the
    /// limits). A scenario that does not compile runs as a `main` that fails saying why.
    pub fn new(
        scenario: Arc<Scenario>,
        recorder: Recorder,
        speed: f64,
        stop: Arc<StopSignal>,
    ) -> Arc<Self> {
        let program = scenario.program();
        let resources = match &program {
            Ok(program) => Resources::new(program.resources()),
            Err(_) => Resources::default(),
        };
        Arc::new(Exec {
            labels: StepLabels::new(&scenario, &recorder),
            program,
            origin: scenario.origin.clone(),
            recorder,
            pace: Pace::new(speed, stop),
            resources,
        })
    }

    /// The recorder of this run.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// The task of `main`, recorded as the runtime's `block_on` future.
    pub fn main(self: &Arc<Self>) -> Task {
        match &self.program {
            Ok(program) => {
                let main = program.main();
                let line = program.function(main).line;
                self.task("main", TaskKind::BlockOn, main, line)
            }
            Err(error) => {
                let id = self.recorder.new_task("main", TaskKind::BlockOn, None);
                let error = StepError::Program(error.clone());
                let fails: CallFuture = Box::pin(std::future::ready(Err(error)));
                Instrumented::new(self.recorder.clone(), id, AsText(fails))
            }
        }
    }

    /// Registers and wraps a task that runs `function`, started by the step on `line`.
    fn task(self: &Arc<Self>, name: &str, kind: TaskKind, function: FnId, line: u32) -> Task {
        let location = Some(format!("{}:{line}", self.origin));
        let id = self.recorder.new_task(name, kind, location);
        Instrumented::new(
            self.recorder.clone(),
            id,
            AsText(self.clone().call(function)),
        )
    }

    /// Runs a function's steps in order, in the current task.
    fn call(self: Arc<Self>, function: FnId) -> CallFuture {
        Box::pin(async move {
            let program = self
                .program
                .as_ref()
                .map_err(|e| StepError::Program(e.clone()))?;
            let routine = program.function(function);
            let mut slots: Vec<Option<Handle>> = (0..routine.slots).map(|_| None).collect();
            for op in &routine.steps {
                if self.pace.stopped() {
                    return Err(StepError::Stopped);
                }
                if let Some(task) = current_task() {
                    self.recorder
                        .record(task, EventKind::StepStarted { step: op.id });
                }
                self.op(op, &mut slots).await?;
            }
            Ok(())
        })
    }

    /// Marks the current task as awaiting `op` (its label) until the guard drops.
    fn awaiting(&self, op: &Op) -> Option<AwaitLabel> {
        let label = self.labels.of(op.id)?;
        Some(AwaitLabel::start(&self.recorder, label))
    }

    /// The future of one step.
    fn op<'a>(self: &'a Arc<Self>, op: &'a Op, slots: &'a mut [Option<Handle>]) -> OpFuture<'a> {
        match &op.instr {
            Instr::Sleep { ns } => Box::pin(self.sleep(op, *ns)),
            Instr::Call { function } => Box::pin(self.call_in(op, *function)),
            Instr::Spawn {
                function,
                task,
                slot,
            } => {
                let handle = self.spawn(op, *function, task);
                Box::pin(async move {
                    slots[slot.index()] = Some(handle?);
                    Ok(())
                })
            }
            Instr::Join { slot, task } => Box::pin(self.join(op, slots[slot.index()].take(), task)),
            Instr::Group { members } => Box::pin(self.group(op, members)),
            Instr::JoinAll { fns } => Box::pin(self.join_all(op, fns)),
            Instr::Race { fns } => Box::pin(self.race(op, fns)),
            Instr::Timeout {
                ns,
                function,
                continues,
            } => Box::pin(self.timeout(op, *ns, *function, *continues)),
            Instr::Block { ns } => Box::pin(self.block(op, *ns)),
            Instr::Spin { ns } => Box::pin(self.spin(op, *ns)),
            Instr::SpawnBlocking { ns, task } => Box::pin(self.spawn_blocking(op, *ns, task)),
            Instr::Yield => Box::pin(yield_now()),
            Instr::Fail { text } => {
                Box::pin(std::future::ready(Err(StepError::Failed(text.clone()))))
            }
            Instr::Panic { text } => panic!("{text}"),
            Instr::Forget { function, task } => Box::pin(self.forget(op, *function, task)),
            Instr::Repeat { times, function } => Box::pin(self.repeat(*times, *function)),
            Instr::WithPermit { resource, function } => {
                Box::pin(self.with_permit(op, *resource, *function))
            }
            Instr::Lock { resource, function } => Box::pin(self.lock(op, *resource, *function)),
            Instr::Cancel { resource } => Box::pin(self.cancel(*resource)),
            Instr::UntilCancelled { resource, function } => {
                Box::pin(self.until_cancelled(op, *resource, *function))
            }
            Instr::Pending => Box::pin(self.pending(op)),
            Instr::Stream { items, each_ns } => Box::pin(self.stream(op, *items, *each_ns)),
        }
    }

    /// `tokio::time::sleep`, its deadline recorded.
    async fn sleep(&self, op: &Op, ns: u64) -> StepResult {
        let _await = self.awaiting(op);
        self.arm_timer(ns);
        tokio::time::sleep(self.pace.scaled(ns)).await;
        Ok(())
    }

    /// `f().await`.
    async fn call_in(self: &Arc<Self>, op: &Op, function: FnId) -> StepResult {
        let _await = self.awaiting(op);
        self.clone().call(function).await
    }

    /// `tokio::spawn(f())`, named `task`: the handle for the function's slot.
    fn spawn(self: &Arc<Self>, op: &Op, function: FnId, task: &str) -> Result<Handle, StepError> {
        tasks::spawn(self.task(task, TaskKind::Task, function, op.line), task)
    }

    /// `handle.await` on the handle a `spawn` left in the slot.
    async fn join(&self, op: &Op, handle: Option<Handle>, task: &str) -> StepResult {
        let _await = self.awaiting(op);
        let handle = handle.ok_or_else(|| StepError::NoHandle {
            task: task.to_string(),
        })?;
        tasks::join(handle, task).await
    }

    /// A `JoinSet` of the members' tasks.
    async fn group(self: &Arc<Self>, op: &Op, members: &[TaskStart]) -> StepResult {
        let _await = self.awaiting(op);
        let tasks = members.iter().map(|m| {
            let task = self.task(&m.task, TaskKind::Task, m.function, op.line);
            (m.task.clone(), task)
        });
        tasks::group(tasks.collect(), &self.recorder).await
    }

    /// `std::thread::sleep`, holding the worker (ends early if the run stops).
    async fn block(&self, op: &Op, ns: u64) -> StepResult {
        let _await = self.awaiting(op);
        self.pace.block(ns);
        Ok(())
    }

    /// A busy loop, holding the worker.
    async fn spin(&self, op: &Op, ns: u64) -> StepResult {
        let _await = self.awaiting(op);
        self.pace.spin(ns);
        Ok(())
    }

    /// `spawn_blocking(..).await`: the closure is a lane named `task`.
    async fn spawn_blocking(&self, op: &Op, ns: u64, task: &str) -> StepResult {
        let _await = self.awaiting(op);
        let location = Some(format!("{}:{}", self.origin, op.line));
        let id = self.recorder.new_task(task, TaskKind::Blocking, location);
        tasks::blocking(self.recorder.clone(), id, self.pace.clone(), ns).await
    }

    /// Creates the future of `f` as a recorded task, and drops it: it never runs.
    async fn forget(self: &Arc<Self>, op: &Op, function: FnId, task: &str) -> StepResult {
        drop(self.task(task, TaskKind::Future, function, op.line));
        Ok(())
    }

    /// `f().await`, `times` times.
    async fn repeat(self: &Arc<Self>, times: u32, function: FnId) -> StepResult {
        for _ in 0..times {
            self.clone().call(function).await?;
        }
        Ok(())
    }

    /// A permit of the semaphore, held while `f` runs.
    async fn with_permit(self: &Arc<Self>, op: &Op, resource: ResId, function: FnId) -> StepResult {
        let semaphore = self.resources.semaphore(resource)?;
        let permit = {
            let _await = self.awaiting(op);
            semaphore.acquire_owned().await.map_err(StepError::Closed)?
        };
        let result = self.clone().call(function).await;
        drop(permit);
        result
    }

    /// The mutex, locked while `f` runs (its awaits included).
    async fn lock(self: &Arc<Self>, op: &Op, resource: ResId, function: FnId) -> StepResult {
        let mutex = self.resources.mutex(resource)?;
        let guard = {
            let _await = self.awaiting(op);
            mutex.lock_owned().await
        };
        let result = self.clone().call(function).await;
        drop(guard);
        result
    }

    /// Cancels the token, for every task that waits on it, now and later (and says who).
    async fn cancel(&self, resource: ResId) -> StepResult {
        self.resources
            .token(resource)?
            .send_replace(Some(current_task()));
        Ok(())
    }

    /// `std::future::pending()`: only a timeout, a race or a cancellation ends it.
    async fn pending(&self, op: &Op) -> StepResult {
        let _await = self.awaiting(op);
        std::future::pending::<()>().await;
        Ok(())
    }

    /// Takes `items` items one by one from an always-ready tokio channel, spinning `each`
    /// per item: tokio's cooperative budget makes `recv` yield every so often.
    async fn stream(&self, op: &Op, items: u32, each_ns: Option<u64>) -> StepResult {
        let _await = self.awaiting(op);
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        for item in 0..items {
            let _ = sender.send(item);
        }
        drop(sender);
        while receiver.recv().await.is_some() {
            if self.pace.stopped() {
                return Err(StepError::Stopped);
            }
            if let Some(ns) = each_ns {
                self.pace.spin(ns);
            }
        }
        Ok(())
    }

    /// Records when the timer a step is about to await will be due.
    fn arm_timer(&self, ns: u64) {
        let (Some(task), Some(after_us)) = (current_task(), self.pace.timer_micros(ns)) else {
            return;
        };
        self.recorder
            .record(task, EventKind::TimerArmed { after_us });
    }

    /// The name of `function`, for messages.
    fn name_of(&self, function: FnId) -> String {
        match &self.program {
            Ok(program) => program.function(function).name.clone(),
            Err(_) => String::new(),
        }
    }
}

/// `tokio::task::yield_now().await`.
async fn yield_now() -> StepResult {
    tokio::task::yield_now().await;
    Ok(())
}
