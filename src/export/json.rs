//! The JSON export: a whole run (lanes, stats, findings) for scripts and other tools, and the
//! saved run that `taskscope open` reads back (the scenario and the tape travel with it).
//!
//! The structs below are the contract: they serialize to it and parse it back, so a test or a
//! consumer written in Rust reads a run with `serde_json::from_str::<RunJson>`.

mod spelling;

use serde::{Deserialize, Serialize};

use crate::feed::Recorded;
use crate::record::{TaskId, WorkerId};
use crate::scenario::{Flavor, Scenario, ScenarioFile};
use crate::source::{RunInfo, Runtime, Tape};
use crate::timeline::{Segment, TaskLane, Timeline, WorkerLane};

pub use spelling::{BranchOfJson, FlavorJson, KindJson, OutcomeJson, StateJson, WakerKindJson};

/// The version of the document this taskscope writes; `open` reads it and
/// [`OLDEST_READ`], and refuses any other with a message that says so. Version 2 added
/// branches, `wakers`, and counts `main` in `concurrency`; version 3 counts `concurrency`
/// from the first task's spawn, not from the runtime's start-up; version 4 counts it to the
/// last task's end, not to the run's (asyncio's clean-up after it is not divided in).
pub const VERSION: u32 = 4;

/// The oldest version `open` reads: a version 2 or 3 document differs from version 4 only in
/// how its `concurrency` was counted, which opening counts again from its events.
pub const OLDEST_READ: u32 = 2;

/// A whole run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunJson {
    /// The document's format version ([`VERSION`]).
    pub version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// The runtime it ran on.
    pub runtime: RuntimeJson,
    /// Playback speed of the run: times are real nanoseconds, scripted durations were
    /// divided by it.
    pub speed: f64,
    /// Wall time of the run (so far, for a live export), ns.
    pub wall_ns: u64,
    /// Events the recorder lost: non-zero means the lanes have gaps.
    pub dropped_events: u64,
    /// Average tasks in flight (see [`Timeline::concurrency`]).
    pub concurrency: f64,
    /// Every task, by id.
    pub tasks: Vec<TaskJson>,
    /// Every polling thread, by index: runtime workers, then blocking-pool threads.
    pub workers: Vec<WorkerJson>,
    /// What the run teaches, in start order.
    pub findings: Vec<FindingJson>,
    /// Every scripted step started, in order: the narration.
    pub steps: Vec<StepJson>,
    /// Where attached lanes came from (attach only; see `attach::AttachReport`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<serde_json::Value>,
    /// The scenario's text and its listings' (null for an attached process): `open` parses
    /// it again, for the narration and the code pane.
    pub scenario_file: Option<ScenarioFile>,
    /// Every item the source handed over, in order: `open` folds it into the lanes again.
    pub tape: Tape,
    /// The scenario's question for the room and the run's answer (absent without `[quiz]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiz: Option<super::quiz::QuizJson>,
    /// The Python program of a `taskscope python` run (absent for a scenario).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<ScriptJson>,
}

/// A Python program run by `taskscope python`: what stands in for the scenario of a saved
/// run of it (its text for the code pane).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptJson {
    /// The program's file, absolute.
    pub path: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Its text (null when it is not UTF-8, or larger than a listing may be).
    pub text: Option<String>,
    /// The status its run ended with (null: stopped before it ended).
    pub exit_status: Option<u32>,
}

/// A scripted step that started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepJson {
    /// When, ns.
    pub at_ns: u64,
    /// The task that started it.
    pub task: TaskId,
    /// The step's id within the scenario.
    pub step: u32,
    /// What the scenario says about it (`say`), if anything.
    pub say: Option<String>,
}

/// The runtime a run used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuntimeJson {
    /// current_thread or multi_thread (tokio), or asyncio.
    pub flavor: FlavorJson,
    /// Runtime worker threads.
    pub workers: u16,
}

/// One task's lane and stats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskJson {
    /// Its id.
    pub id: TaskId,
    /// Its name.
    pub name: String,
    /// The task that spawned it.
    pub parent: Option<TaskId>,
    /// What kind of lane it is.
    pub kind: KindJson,
    /// For a branch: the step it is a branch of (absent for other kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_of: Option<BranchOfJson>,
    /// How it ended (`running` if it had not when the export was made).
    pub outcome: OutcomeJson,
    /// The error or panic text.
    pub error: Option<String>,
    /// Where the scenario spawned it (`file:line`).
    pub location: Option<String>,
    /// Created at, ns.
    pub spawned_ns: u64,
    /// Ended at, ns.
    pub ended_ns: Option<u64>,
    /// Polls started.
    pub polls: u64,
    /// Time running, ns.
    pub busy_ns: u64,
    /// Time woken but waiting for a worker, ns.
    pub scheduled_ns: u64,
    /// Time pending, ns.
    pub idle_ns: u64,
    /// Times its waker was called.
    pub wakes: u64,
    /// Who called it, and how often: the most frequent first.
    pub wakers: Vec<WakerJson>,
    /// Its state segments in time order (the open one up to the export time).
    pub segments: Vec<SegmentJson>,
}

/// One waker of a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WakerJson {
    /// The waking task (for `kind = "task"`).
    pub by: Option<TaskId>,
    /// A task, the timer driver, or the runtime otherwise.
    pub kind: WakerKindJson,
    /// How many wakes.
    pub count: u64,
}

/// One state segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentJson {
    /// The state.
    pub state: StateJson,
    /// Start, ns.
    pub start_ns: u64,
    /// End, ns.
    pub end_ns: u64,
    /// The polling thread, for `running`.
    pub worker: Option<WorkerId>,
    /// What it waits on, for `waiting` where known.
    pub label: Option<String>,
}

/// One polling thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerJson {
    /// Its index.
    pub index: WorkerId,
    /// A blocking-pool thread rather than a runtime worker.
    pub blocking_pool: bool,
    /// Its polls, in time order.
    pub busy: Vec<BusyJson>,
}

/// One poll on a worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusyJson {
    /// The task polled.
    pub task: TaskId,
    /// Start, ns.
    pub start_ns: u64,
    /// End, ns.
    pub end_ns: u64,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingJson {
    /// `blocked_worker`, `long_poll`, `cancelled`, `never_polled`, `panicked`, `failed`,
    /// `concurrency`.
    pub kind: String,
    /// The sentence.
    pub message: String,
    /// Start, ns.
    pub start_ns: u64,
    /// End, ns.
    pub end_ns: u64,
    /// The tasks concerned: the one responsible first.
    pub tasks: Vec<TaskId>,
}

/// The run as the JSON contract's structs: its lanes and its tape, the scenario it ran (with
/// the text it was parsed from) and, for attached lanes, the `attach` object.
pub fn to_document(
    run: &Recorded,
    scenario: Option<(&Scenario, &ScenarioFile)>,
    attach: Option<serde_json::Value>,
) -> RunJson {
    let t = &run.timeline;
    let info = t.info();
    let steps = t.steps().iter().map(|mark| StepJson {
        at_ns: mark.at_ns,
        task: mark.task,
        step: mark.step,
        say: scenario
            .and_then(|(s, _)| s.step(mark.step))
            .and_then(|s| s.say.clone()),
    });
    RunJson {
        version: VERSION,
        scenario: info.scenario.clone(),
        runtime: runtime(info),
        speed: info.speed,
        wall_ns: t.now_ns(),
        dropped_events: t.dropped_events(),
        concurrency: t.concurrency(),
        tasks: t.tasks().iter().map(|lane| task(t, lane)).collect(),
        workers: t.workers().iter().map(worker).collect(),
        findings: t
            .findings()
            .into_iter()
            .map(|f| FindingJson {
                kind: f.kind.as_str().to_string(),
                message: f.message,
                start_ns: f.start_ns,
                end_ns: f.end_ns,
                tasks: f.tasks,
            })
            .collect(),
        steps: steps.collect(),
        attach,
        scenario_file: scenario.map(|(_, file)| file.clone()),
        tape: run.tape.clone(),
        quiz: scenario
            .and_then(|(s, _)| super::quiz::asked(s, t))
            .map(|quiz| super::quiz::to_json(quiz, t)),
        script: None,
    }
}

/// The document as a JSON value.
pub fn to_json(doc: &RunJson) -> serde_json::Value {
    serde_json::to_value(doc).expect("the JSON contract's structs always serialize")
}

/// The document as pretty-printed JSON text, for a file or stdout.
pub fn to_json_string(doc: &RunJson) -> String {
    serde_json::to_string_pretty(doc).expect("the JSON contract's structs always serialize")
}

fn runtime(info: &RunInfo) -> RuntimeJson {
    RuntimeJson {
        flavor: match info.runtime {
            Runtime::Tokio(flavor) => flavor.into(),
            Runtime::Asyncio => FlavorJson::Asyncio,
        },
        workers: info.workers,
    }
}

impl RunJson {
    /// What the run was, before its first event: as its source said.
    pub fn info(&self) -> RunInfo {
        let runtime = match self.runtime.flavor {
            FlavorJson::CurrentThread => Runtime::Tokio(Flavor::CurrentThread),
            FlavorJson::MultiThread => Runtime::Tokio(Flavor::MultiThread),
            FlavorJson::Asyncio => Runtime::Asyncio,
        };
        RunInfo {
            scenario: self.scenario.clone(),
            runtime,
            workers: self.runtime.workers,
            speed: self.speed,
        }
    }
}

fn task(t: &Timeline, lane: &TaskLane) -> TaskJson {
    let stats = lane.stats();
    let segment = |s: &Segment| SegmentJson {
        state: s.state.into(),
        start_ns: s.start_ns,
        end_ns: s.end_ns,
        worker: s.worker(),
        label: s.label().and_then(|l| t.label(l)).map(str::to_string),
    };
    TaskJson {
        id: lane.id,
        name: lane.name.clone(),
        parent: lane.parent,
        kind: lane.kind.into(),
        branch_of: lane.kind.branch_of().map(Into::into),
        outcome: lane.outcome.into(),
        error: lane.error.clone(),
        location: lane.location.clone(),
        spawned_ns: lane.spawned_ns,
        ended_ns: lane.ended_ns,
        polls: stats.polls,
        busy_ns: stats.busy_ns,
        scheduled_ns: stats.scheduled_ns,
        idle_ns: stats.idle_ns,
        wakes: stats.wakes,
        wakers: lane
            .wakers()
            .into_iter()
            .map(|w| WakerJson {
                by: w.source.task(),
                kind: w.source.into(),
                count: w.count,
            })
            .collect(),
        segments: lane
            .segments()
            .iter()
            .chain(lane.open().as_ref())
            .map(segment)
            .collect(),
    }
}

fn worker(w: &WorkerLane) -> WorkerJson {
    let busy = w.busy().iter().copied().chain(w.open());
    WorkerJson {
        index: w.index,
        blocking_pool: w.blocking_pool,
        busy: busy
            .map(|b| BusyJson {
                task: b.task,
                start_ns: b.start_ns,
                end_ns: b.end_ns,
            })
            .collect(),
    }
}
