//! Executes a scenario's steps: each step is one real tokio operation.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use super::combinators::{StepFuture, join_all, race};
use super::gate::StepGate;
use super::labels::{StepLabels, step_label};
use super::resources::Resources;
use crate::record::{
    AwaitLabel, EndKind, EventKind, Instrumented, Recorder, TaskId, TaskKind, TaskResult,
};
use crate::scenario::{Action, Member, OnTimeout, Scenario, Step};

/// How long a blocking step sleeps between looks at the stop flag: short enough that a
/// stopped run ends at once, long enough to stay one blocking call to the scheduler.
const STOP_CHECK: Duration = Duration::from_millis(5);

/// Everything a running step needs: the scenario, the recorder, the speed and the stop flag.
pub struct Exec {
    scenario: Arc<Scenario>,
    recorder: Recorder,
    speed: f64,
    stop: Arc<StopSignal>,
    gate: Option<Arc<StepGate>>,
    resources: Resources,
    labels: StepLabels,
}

impl Exec {
    /// Prepares to run `scenario` at `speed` (2.0 = every duration halved).
    pub fn new(
        scenario: Arc<Scenario>,
        recorder: Recorder,
        speed: f64,
        stop: Arc<StopSignal>,
        gate: Option<Arc<StepGate>>,
    ) -> Arc<Self> {
        Arc::new(Exec {
            resources: Resources::new(&scenario),
            labels: StepLabels::new(&scenario, &recorder),
            scenario,
            recorder,
            speed,
            stop,
            gate,
        })
    }

    /// The recorder of this run.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    fn scaled(&self, d: Duration) -> Duration {
        d.div_f64(self.speed)
    }

    fn stopped(&self) -> bool {
        self.stop.is_set()
    }

    fn location(&self, line: u32) -> Option<String> {
        Some(format!("{}:{line}", self.scenario.origin))
    }

    /// Registers and wraps a task that runs `function`.
    pub fn task(
        self: &Arc<Self>,
        name: &str,
        kind: TaskKind,
        function: &str,
        line: u32,
    ) -> Instrumented<StepFuture> {
        let id = self.recorder.new_task(name, kind, self.location(line));
        Instrumented::new(
            self.recorder.clone(),
            id,
            self.clone().call(function.to_string()),
        )
    }

    /// Runs a function's steps in order, in the current task.
    pub fn call(self: Arc<Self>, function: String) -> StepFuture {
        Box::pin(async move {
            let scenario = self.scenario.clone();
            let Some(f) = scenario.function(&function) else {
                return Err(format!("no function `{function}`"));
            };
            let mut handles = HashMap::new();
            for step in &f.steps {
                if self.stopped() || !self.wait_for_turn().await {
                    return Err("stopped".to_string());
                }
                if let Some(task) = crate::record::current_task() {
                    let step = EventKind::StepStarted { step: step.id };
                    self.recorder.record(task, step);
                }
                self.step(step, &mut handles).await?;
            }
            Ok(())
        })
    }

    /// In step mode, waits (as a labelled await) until the presenter lets a step start.
    /// Returns false when the run is stopping.
    async fn wait_for_turn(&self) -> bool {
        let Some(gate) = &self.gate else {
            return true;
        };
        let _await = AwaitLabel::start(&self.recorder, self.labels.paused());
        gate.pass().await
    }

    /// Marks the current task as awaiting `step` (its label) until the guard drops.
    fn awaiting(&self, step: &Step) -> Option<AwaitLabel> {
        let label = self.labels.of(step)?;
        Some(AwaitLabel::start(&self.recorder, label))
    }

    async fn step(
        self: &Arc<Self>,
        step: &Step,
        handles: &mut HashMap<String, tokio::task::JoinHandle<TaskResult>>,
    ) -> TaskResult {
        match &step.action {
            Action::Sleep(d) => {
                let _await = self.awaiting(step);
                self.arm_timer(*d);
                tokio::time::sleep(self.scaled(*d)).await;
                Ok(())
            }
            Action::Call(f) => {
                let _await = self.awaiting(step);
                self.clone().call(f.clone()).await
            }
            Action::Spawn(member) => {
                let task = self.task(&member.task, TaskKind::Task, &member.function, step.line);
                let handle = tokio::task::Builder::new()
                    .name(&member.task)
                    .spawn(task)
                    .map_err(|e| format!("spawn `{}`: {e}", member.task))?;
                handles.insert(member.task.clone(), handle);
                Ok(())
            }
            Action::Join(name) => {
                let _await = self.awaiting(step);
                let handle = handles
                    .remove(name)
                    .ok_or_else(|| format!("no task `{name}` to join"))?;
                match handle.await {
                    Ok(result) => result.map_err(|e| format!("`{name}` failed: {e}")),
                    Err(e) if e.is_panic() => Err(format!("`{name}` panicked")),
                    Err(_) => Err(format!("`{name}` was cancelled")),
                }
            }
            Action::Group(members) => {
                let _await = self.awaiting(step);
                self.group(members, step.line).await
            }
            Action::JoinAll(fns) => {
                let _await = self.awaiting(step);
                join_all(self.branches(fns)).await
            }
            Action::Race(fns) => {
                let _await = self.awaiting(step);
                race(self.branches(fns)).await
            }
            Action::Timeout {
                limit,
                function,
                on_timeout,
            } => {
                let _await = self.awaiting(step);
                self.arm_timer(*limit);
                match tokio::time::timeout(self.scaled(*limit), self.clone().call(function.clone()))
                    .await
                {
                    Ok(result) => result,
                    Err(_) if *on_timeout == OnTimeout::Continue => Ok(()),
                    Err(_) => Err(format!("`{function}` timed out after {limit:?}")),
                }
            }
            Action::Block(d) => {
                let _await = self.awaiting(step);
                self.block(*d);
                Ok(())
            }
            Action::Spin(d) => {
                let _await = self.awaiting(step);
                self.spin(*d);
                Ok(())
            }
            Action::SpawnBlocking(d) => {
                // The blocking closure's lane is named like the wait it stands for.
                let name = step_label(step).unwrap_or_default();
                let _await = self.awaiting(step);
                self.spawn_blocking(&name, *d, step.line).await
            }
            Action::Yield => {
                tokio::task::yield_now().await;
                Ok(())
            }
            Action::Fail(text) => Err(text.clone()),
            Action::Panic(message) => panic!("{message}"),
            Action::Forget(f) => {
                let future = self.task(f, TaskKind::Future, f, step.line);
                drop(future);
                Ok(())
            }
            Action::Repeat { times, function } => {
                for _ in 0..*times {
                    self.clone().call(function.clone()).await?;
                }
                Ok(())
            }
            Action::WithPermit {
                semaphore,
                function,
            } => {
                let semaphore = self.resources.semaphore(semaphore)?;
                let permit = {
                    let _await = self.awaiting(step);
                    semaphore.acquire_owned().await.map_err(|e| e.to_string())?
                };
                let result = self.clone().call(function.clone()).await;
                drop(permit);
                result
            }
            Action::Lock { mutex, function } => {
                let mutex = self.resources.mutex(mutex)?;
                let guard = {
                    let _await = self.awaiting(step);
                    mutex.lock_owned().await
                };
                let result = self.clone().call(function.clone()).await;
                drop(guard);
                result
            }
            Action::Cancel(token) => {
                self.resources.token(token)?.send_replace(true);
                Ok(())
            }
            Action::UntilCancelled { token, function } => {
                let mut cancelled = self.resources.token(token)?.subscribe();
                let _await = self.awaiting(step);
                tokio::select! {
                    biased;
                    _ = cancelled.wait_for(|c| *c) => Ok(()),
                    result = self.clone().call(function.clone()) => result,
                }
            }
            Action::Pending => {
                let _await = self.awaiting(step);
                std::future::pending::<()>().await;
                Ok(())
            }
            Action::Stream { items, each } => {
                let _await = self.awaiting(step);
                self.stream(*items, *each).await
            }
        }
    }

    /// Takes `items` items one by one from an always-ready tokio channel, spinning `each`
    /// per item: tokio's cooperative budget makes `recv` yield every so often.
    async fn stream(&self, items: u32, each: Option<Duration>) -> TaskResult {
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        for item in 0..items {
            let _ = sender.send(item);
        }
        drop(sender);
        while receiver.recv().await.is_some() {
            if self.stopped() {
                return Err("stopped".to_string());
            }
            if let Some(d) = each {
                self.spin(d);
            }
        }
        Ok(())
    }

    /// Records when the timer a step is about to await will be due.
    fn arm_timer(&self, d: Duration) {
        if let Some(task) = crate::record::current_task() {
            let after_us = self.scaled(d).as_micros().min(u32::MAX as u128) as u32;
            self.recorder
                .record(task, EventKind::TimerArmed { after_us });
        }
    }

    fn branches(self: &Arc<Self>, fns: &[String]) -> Vec<StepFuture> {
        fns.iter().map(|f| self.clone().call(f.clone())).collect()
    }

    /// A `JoinSet` of tasks, awaited all; the first failure aborts the others.
    async fn group(self: &Arc<Self>, members: &[Member], line: u32) -> TaskResult {
        let mut set = JoinSet::new();
        let mut ours: HashMap<tokio::task::Id, (TaskId, String)> = HashMap::new();
        for member in members {
            let task = self.task(&member.task, TaskKind::Task, &member.function, line);
            let id = task.id();
            let handle = set
                .build_task()
                .name(&member.task)
                .spawn(task)
                .map_err(|e| format!("spawn `{}`: {e}", member.task))?;
            ours.insert(handle.id(), (id, member.task.clone()));
        }
        let mut failure = None;
        while let Some(joined) = set.join_next_with_id().await {
            let (tokio_id, error) = match joined {
                Ok((id, Ok(()))) => (id, None),
                Ok((id, Err(error))) => (id, Some(error)),
                Err(e) if e.is_panic() => (e.id(), Some("panicked".to_string())),
                Err(e) => (e.id(), None),
            };
            let (failed, name) = ours.remove(&tokio_id).unwrap_or((u32::MAX, String::new()));
            if let (Some(error), None) = (error, &failure) {
                for (other, _) in ours.values() {
                    self.recorder.record(
                        *other,
                        EventKind::AbortRequested {
                            cause: Some(failed),
                        },
                    );
                }
                set.abort_all();
                failure = Some(format!("`{name}` failed: {error}"));
            }
        }
        failure.map_or(Ok(()), Err)
    }

    /// Runs blocking work on the blocking pool as a lane of its own, and awaits it.
    async fn spawn_blocking(self: &Arc<Self>, name: &str, d: Duration, line: u32) -> TaskResult {
        let id = self
            .recorder
            .new_task(name, TaskKind::Blocking, self.location(line));
        let exec = self.clone();
        let work = move || {
            let recorder = exec.recorder.clone();
            recorder.record_poll_start(id);
            exec.block(d);
            recorder.record(id, EventKind::PollEnd);
            recorder.record(
                id,
                EventKind::Ended {
                    outcome: EndKind::Ok,
                },
            );
        };
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| format!("blocking work failed: {e}"))
    }

    /// Holds the thread for `d` (scaled), like `std::thread::sleep`, but ends early when the
    /// run is stopped.
    fn block(&self, d: Duration) {
        let until = Instant::now() + self.scaled(d);
        while !self.stopped() {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(STOP_CHECK));
        }
    }

    /// Keeps the CPU busy for `d` (scaled).
    fn spin(&self, d: Duration) {
        let until = Instant::now() + self.scaled(d);
        while Instant::now() < until && !self.stopped() {
            std::hint::spin_loop();
        }
    }
}

/// Tells a run to stop, from any thread: steps look at the flag, and the runtime's main
/// future wakes on the notification.
#[derive(Default)]
pub struct StopSignal {
    flag: AtomicBool,
    notify: tokio::sync::Notify,
}

impl StopSignal {
    /// Raises the flag and wakes whoever waits in [`StopSignal::wait`].
    pub fn set(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.notify.notify_one();
    }

    /// True once [`StopSignal::set`] was called.
    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// Resolves when the signal is set.
    pub async fn wait(&self) {
        if !self.is_set() {
            self.notify.notified().await;
        }
    }
}
