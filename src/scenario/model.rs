//! The in-memory form of a scenario: what the parser produces and the runner executes.

use std::time::Duration;

use super::on_asyncio::OnAsyncio;
use super::quiz::Quiz;

/// A validated scenario, ready to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Short name used on the command line and in the menu (`blocking-freeze`).
    pub name: String,
    /// One line that says what happens.
    pub summary: String,
    /// A few sentences: what the scenario teaches.
    pub lesson: String,
    /// The runtime the scenario runs on.
    pub runtime: RuntimeSpec,
    /// The scenario's async functions, in file order; one of them is `main`.
    pub functions: Vec<Function>,
    /// Where the scenario came from (`builtin:await-chain` or a file path), for messages.
    pub origin: String,
    /// The menu group the scenario belongs to.
    pub theme: Theme,
    /// The programs the scenario stands for, shown in the code pane; None without `[code]`.
    pub code: Option<Code>,
    /// The semaphores, mutexes and tokens its steps share, in file order (`[resources]`).
    pub resources: Vec<Resource>,
    /// The question for the room (`[quiz]`), settled by the run; None without one.
    pub quiz: Option<Quiz>,
    /// The lesson and question a run on asyncio tells instead (`[asyncio]`), if any.
    pub asyncio: OnAsyncio,
}

/// The menu's groups: what kind of lesson a scenario is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Theme {
    /// Awaiting, tasks, groups, timeouts: how async code runs.
    #[default]
    Basics,
    /// Bugs people write: blocking, forgotten awaits, locks held too long.
    Mistakes,
    /// Shapes of real programs: fan-out, hedging, shutdown, agent loops.
    Patterns,
    /// How tokio's scheduler behaves: workers, fairness, the coop budget.
    Runtime,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Theme; 4] = [
        Theme::Basics,
        Theme::Mistakes,
        Theme::Patterns,
        Theme::Runtime,
    ];

    /// The name written in scenario files (`theme = "basics"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Basics => "basics",
            Theme::Mistakes => "mistakes",
            Theme::Patterns => "patterns",
            Theme::Runtime => "runtime",
        }
    }

    /// The theme written `name` in a file, if there is one.
    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// The listings of the program a scenario stands for, in Rust and in Python.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Code {
    /// The tokio program.
    pub rust: Option<Listing>,
    /// The same story with asyncio.
    pub python: Option<Listing>,
}

/// One source listing. Its step markers (`// step: main.1`) are removed from `text`; the
/// lines keep their numbers, which [`Step::code`] refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// The path as written in `[code]`, relative to the scenario file.
    pub path: String,
    /// The listing without its markers, ready to show.
    pub text: String,
}

/// Where a step is in each listing: 1-based line numbers in [`Listing::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeLines {
    /// The line in the Rust listing.
    pub rust: Option<u32>,
    /// The line in the Python listing.
    pub python: Option<u32>,
}

/// A shared synchronisation object, declared in `[resources]` and named by steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// The name steps use (`db_pool`).
    pub name: String,
    /// What it is.
    pub kind: ResourceKind,
    /// 1-based line of its declaration.
    pub line: u32,
}

/// The kinds of shared resource, each one tokio primitive. In a program's JSON:
/// `"kind": "semaphore", "permits": 3`, `"kind": "mutex"` or `"kind": "token"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ResourceKind {
    /// `tokio::sync::Semaphore::new(permits)`: at most `permits` holders at once.
    Semaphore {
        /// How many permits it has.
        permits: u32,
    },
    /// `tokio::sync::Mutex<()>`: one holder at a time, waiters queue fairly.
    Mutex,
    /// A cancellation token: cancelled once, seen by every task that waits on it.
    Token,
}

impl ResourceKind {
    /// The key that declares it (`semaphore`, `mutex`, `token`).
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Semaphore { .. } => "semaphore",
            ResourceKind::Mutex => "mutex",
            ResourceKind::Token => "token",
        }
    }
}

/// Which tokio runtime a scenario runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuntimeSpec {
    /// current_thread or multi_thread.
    pub flavor: Flavor,
    /// Worker threads: always 1 for current_thread.
    pub workers: usize,
}

/// tokio's two runtime flavors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// One worker: the thread that calls `block_on`.
    CurrentThread,
    /// A pool of worker threads with work stealing.
    MultiThread,
}

impl Flavor {
    /// The name used in scenario files and in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavor::CurrentThread => "current_thread",
            Flavor::MultiThread => "multi_thread",
        }
    }
}

/// A named async function made of steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// The name steps use to call or spawn it.
    pub name: String,
    /// What it does, in order.
    pub steps: Vec<Step>,
    /// 1-based line in the source file where the function is defined.
    pub line: u32,
}

/// One step of a function: one real tokio operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What the step does.
    pub action: Action,
    /// Text shown in the lane while the step waits ("GET /weather?city=Pune").
    pub label: Option<String>,
    /// Narration caption shown when the step starts.
    pub say: Option<String>,
    /// 1-based line of the step in the source file.
    pub line: u32,
    /// Unique in the scenario: steps numbered from 0 in file order, function after
    /// function. The runner reports it so views can tie events to steps.
    pub id: u32,
    /// The step's line in each listing, for the code pane.
    pub code: CodeLines,
}

/// A task started by a `spawn` or `group` step: which function it runs, under which name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The function the task runs.
    pub function: String,
    /// The task's name (the function's name unless given; numbered when repeated).
    pub task: String,
}

/// What to do when a `timeout` step's limit elapses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnTimeout {
    /// The task fails with a "timed out" error (Rust's `timeout(..).await?`).
    Fail,
    /// The task goes on with its next step.
    Continue,
}

/// The operations a step can perform. Each maps to one real tokio operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// `tokio::time::sleep(d).await`: an async wait (an I/O call stands in as a timer).
    Sleep(Duration),
    /// `f().await`: run another function inline, in the same task.
    Call(String),
    /// `tokio::spawn(f())`: start a named task; its handle is kept under its name.
    Spawn(Member),
    /// `handle.await`: wait for a task started with `spawn`, by task name.
    Join(String),
    /// A `JoinSet` of tasks, awaited all; the first failure aborts the rest (Python's TaskGroup).
    Group(Vec<Member>),
    /// `join!(f(), g())`: several functions at once inside this task.
    JoinAll(Vec<String>),
    /// `select!`: the first function to finish wins, the others are dropped.
    Race(Vec<String>),
    /// `tokio::time::timeout(limit, f()).await`.
    Timeout {
        /// How long the call may take.
        limit: Duration,
        /// The function called under the limit.
        function: String,
        /// What happens when the limit elapses.
        on_timeout: OnTimeout,
    },
    /// `std::thread::sleep(d)`: a blocking call that holds the worker.
    Block(Duration),
    /// A busy loop for `d`: CPU-bound work that holds the worker.
    Spin(Duration),
    /// `spawn_blocking(|| thread::sleep(d)).await`: blocking work moved to the blocking pool.
    SpawnBlocking(Duration),
    /// `tokio::task::yield_now().await`.
    Yield,
    /// Return an error with this text.
    Fail(String),
    /// `panic!` with this message.
    Panic(String),
    /// Create the future of a function and drop it without awaiting it (the forgotten await).
    Forget(String),
    /// Call a function this many times in a row.
    Repeat {
        /// How many times.
        times: u32,
        /// The function called each time.
        function: String,
    },
    /// Acquire one permit of a semaphore (waiting for it), call a function, release it.
    WithPermit {
        /// The semaphore's name in `[resources]`.
        semaphore: String,
        /// The function called while the permit is held.
        function: String,
    },
    /// Lock a mutex (waiting for it), call a function with the lock held, unlock.
    Lock {
        /// The mutex's name in `[resources]`.
        mutex: String,
        /// The function called while the lock is held; its awaits happen under the lock.
        function: String,
    },
    /// Cancel a token: every `until_cancelled` on it stops, now and later.
    Cancel(String),
    /// Call a function until a token is cancelled; then the call is dropped and the
    /// function goes on.
    UntilCancelled {
        /// The token's name in `[resources]`.
        token: String,
        /// The function run until the token is cancelled.
        function: String,
    },
    /// Wait forever (`std::future::pending()`): only a timeout, a race or a cancellation
    /// ends it.
    Pending,
    /// Take `items` items, one by one, from a stream that is always ready (a pre-filled
    /// tokio channel), spinning `each` per item.
    Stream {
        /// How many items.
        items: u32,
        /// CPU work per item, if any.
        each: Option<Duration>,
    },
}

impl Action {
    /// The key that writes this action in a scenario file (`sleep`, `spawn_blocking`), for
    /// captions and messages.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Sleep(_) => "sleep",
            Action::Call(_) => "call",
            Action::Spawn(_) => "spawn",
            Action::Join(_) => "join",
            Action::Group(_) => "group",
            Action::JoinAll(_) => "join_all",
            Action::Race(_) => "race",
            Action::Timeout { .. } => "timeout",
            Action::Block(_) => "block",
            Action::Spin(_) => "spin",
            Action::SpawnBlocking(_) => "spawn_blocking",
            Action::Yield => "yield",
            Action::Fail(_) => "fail",
            Action::Panic(_) => "panic",
            Action::Forget(_) => "forget",
            Action::Repeat { .. } => "repeat",
            Action::WithPermit { .. } => "with_permit",
            Action::Lock { .. } => "lock",
            Action::Cancel(_) => "cancel",
            Action::UntilCancelled { .. } => "until_cancelled",
            Action::Pending => "pending",
            Action::Stream { .. } => "stream",
        }
    }

    /// The functions this step runs, starts or creates, in the order the file lists them:
    /// the edges of the call graph.
    pub fn functions(&self) -> Vec<&str> {
        match self {
            Action::Call(f) | Action::Forget(f) => vec![f.as_str()],
            Action::Timeout { function, .. }
            | Action::Repeat { function, .. }
            | Action::WithPermit { function, .. }
            | Action::Lock { function, .. }
            | Action::UntilCancelled { function, .. } => vec![function.as_str()],
            Action::Spawn(member) => vec![member.function.as_str()],
            Action::Group(members) => members.iter().map(|m| m.function.as_str()).collect(),
            Action::JoinAll(fs) | Action::Race(fs) => fs.iter().map(String::as_str).collect(),
            Action::Sleep(_)
            | Action::Join(_)
            | Action::Block(_)
            | Action::Spin(_)
            | Action::SpawnBlocking(_)
            | Action::Yield
            | Action::Fail(_)
            | Action::Panic(_)
            | Action::Cancel(_)
            | Action::Pending
            | Action::Stream { .. } => Vec::new(),
        }
    }

    /// The resource this step uses, with the kind it must be.
    pub fn resource(&self) -> Option<(&str, &'static str)> {
        match self {
            Action::WithPermit { semaphore, .. } => Some((semaphore, "semaphore")),
            Action::Lock { mutex, .. } => Some((mutex, "mutex")),
            Action::Cancel(token) | Action::UntilCancelled { token, .. } => Some((token, "token")),
            _ => None,
        }
    }
}

impl Scenario {
    /// Looks a function up by name.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// Looks a resource up by name.
    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.name == name)
    }

    /// The step with id `id`. Ids count the steps in file order, function after function,
    /// so this is a walk over the functions, not over every step.
    pub fn step(&self, id: u32) -> Option<&Step> {
        let mut index = id as usize;
        for function in &self.functions {
            match function.steps.get(index) {
                Some(step) => return Some(step).filter(|s| s.id == id),
                None => index -= function.steps.len(),
            }
        }
        None
    }

    /// Every step with its function, in file order (so in `id` order).
    pub fn steps(&self) -> impl Iterator<Item = (&Function, &Step)> {
        self.functions
            .iter()
            .flat_map(|f| f.steps.iter().map(move |s| (f, s)))
    }
}
