//! The compiled scenario: functions, resources and task handles referred to by index,
//! durations in nanoseconds. The tokio runner executes it without looking a name up; the
//! asyncio runner receives it as JSON (`serde_json::to_string(&program)`). The JSON is the
//! contract between them, documented in docs/program.md: a change of a key's meaning
//! changes [`PROGRAM_VERSION`].

use serde::Serialize;

use super::model::ResourceKind;

/// The version of the Program's JSON; a runner refuses one it does not know.
pub const PROGRAM_VERSION: u32 = 1;

/// A function's index in [`Program::functions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct FnId(pub(crate) u32);

/// A resource's index in [`Program::resources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct ResId(pub(crate) u32);

/// A task handle's index among its function's [`Routine::slots`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct SlotId(pub(crate) u32);

macro_rules! index {
    ($($id:ident),*) => {$(
        impl $id {
            /// The index, for a slice.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}
index!(FnId, ResId, SlotId);

/// A scenario compiled for a runner. Only `Scenario::program` makes one, so every index in
/// it is valid and every duration within the limits.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Program {
    version: u32,
    name: String,
    main: FnId,
    functions: Vec<Routine>,
    resources: Vec<ResourceDecl>,
}

impl Program {
    /// Assembles a program whose indices the compiler has checked.
    pub(crate) fn new(
        name: String,
        main: FnId,
        functions: Vec<Routine>,
        resources: Vec<ResourceDecl>,
    ) -> Program {
        Program {
            version: PROGRAM_VERSION,
            name,
            main,
            functions,
            resources,
        }
    }

    /// The scenario's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The function `main`, where a run starts.
    pub fn main(&self) -> FnId {
        self.main
    }

    /// Every function, in file order.
    pub fn functions(&self) -> &[Routine] {
        &self.functions
    }

    /// The function `id`.
    pub fn function(&self, id: FnId) -> &Routine {
        &self.functions[id.index()]
    }

    /// Every resource, in file order.
    pub fn resources(&self) -> &[ResourceDecl] {
        &self.resources
    }

    /// The resource `id`.
    pub fn resource(&self, id: ResId) -> &ResourceDecl {
        &self.resources[id.index()]
    }
}

/// A compiled function.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Routine {
    /// Its name, for lanes and messages.
    pub name: String,
    /// 1-based line of its definition in the scenario file.
    pub line: u32,
    /// How many task handles a call of it keeps: one per `spawn` step in it.
    pub slots: u32,
    /// Its steps, in order.
    pub steps: Vec<Op>,
}

/// A compiled step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Op {
    /// The step id: unique in the scenario, what `StepStarted` carries.
    pub id: u32,
    /// 1-based line of the step in the scenario file.
    pub line: u32,
    /// The file's own `label` for the step; runners write their own default.
    pub label: Option<String>,
    /// The narration caption, for views.
    pub say: Option<String>,
    /// What it does.
    #[serde(flatten)]
    pub instr: Instr,
}

/// What a step does, with its arguments resolved to indices and nanoseconds. Each is one
/// real operation of the runtime (see docs/program.md for tokio's and asyncio's).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Instr {
    /// Wait without holding the worker.
    Sleep {
        /// How long.
        ns: u64,
    },
    /// Run a function in this task and wait for it.
    Call {
        /// The function.
        #[serde(rename = "fn")]
        function: FnId,
    },
    /// Start a function as a new task, its handle kept in a slot.
    Spawn {
        /// The function the task runs.
        #[serde(rename = "fn")]
        function: FnId,
        /// The task's name.
        task: String,
        /// Where its handle is kept until joined.
        slot: SlotId,
    },
    /// Wait for the task whose handle is in a slot.
    Join {
        /// The slot its `spawn` filled.
        slot: SlotId,
        /// The task's name, for messages.
        task: String,
    },
    /// Start each as a task and wait for all; the first failure cancels the others.
    Group {
        /// The tasks.
        members: Vec<TaskStart>,
    },
    /// Run the functions concurrently inside this task and wait for all.
    JoinAll {
        /// The functions.
        fns: Vec<FnId>,
    },
    /// Run the functions concurrently inside this task; the first to end wins.
    Race {
        /// The functions.
        fns: Vec<FnId>,
    },
    /// Run a function for at most a time.
    Timeout {
        /// The time limit.
        ns: u64,
        /// The function.
        #[serde(rename = "fn")]
        function: FnId,
        /// When the time is up: go on with the next step (true) or fail (false).
        #[serde(rename = "continue")]
        continues: bool,
    },
    /// Hold the worker with a blocking call.
    Block {
        /// How long.
        ns: u64,
    },
    /// Hold the worker with CPU work.
    Spin {
        /// How long.
        ns: u64,
    },
    /// Move a blocking call off the workers and wait for it.
    SpawnBlocking {
        /// How long the call blocks.
        ns: u64,
        /// The name of its lane: the step's label, else `spawn_blocking(DURATION)`.
        task: String,
    },
    /// Let the other ready tasks run.
    Yield,
    /// End the function with an error.
    Fail {
        /// The error.
        text: String,
    },
    /// Panic (an unexpected exception).
    Panic {
        /// The message.
        text: String,
    },
    /// Create a function's future and drop it unawaited.
    Forget {
        /// The function.
        #[serde(rename = "fn")]
        function: FnId,
        /// The name of the never-polled future's lane.
        task: String,
    },
    /// Call a function several times in a row.
    Repeat {
        /// How many times.
        times: u32,
        /// The function.
        #[serde(rename = "fn")]
        function: FnId,
    },
    /// Hold a permit of a semaphore while a function runs.
    WithPermit {
        /// The semaphore.
        #[serde(rename = "res")]
        resource: ResId,
        /// The function.
        #[serde(rename = "fn")]
        function: FnId,
    },
    /// Hold a mutex while a function runs.
    Lock {
        /// The mutex.
        #[serde(rename = "res")]
        resource: ResId,
        /// The function.
        #[serde(rename = "fn")]
        function: FnId,
    },
    /// Cancel a token.
    Cancel {
        /// The token.
        #[serde(rename = "res")]
        resource: ResId,
    },
    /// Run a function until a token is cancelled.
    UntilCancelled {
        /// The token.
        #[serde(rename = "res")]
        resource: ResId,
        /// The function.
        #[serde(rename = "fn")]
        function: FnId,
    },
    /// Wait forever.
    Pending,
    /// Take items one by one from an always-ready stream.
    Stream {
        /// How many.
        items: u32,
        /// CPU work per item.
        each_ns: Option<u64>,
    },
}

/// A task a `group` starts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskStart {
    /// The function it runs.
    #[serde(rename = "fn")]
    pub function: FnId,
    /// Its name.
    pub task: String,
}

/// A shared resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceDecl {
    /// Its name in the file.
    pub name: String,
    /// What it is.
    #[serde(flatten)]
    pub kind: ResourceKind,
}
