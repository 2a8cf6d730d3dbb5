//! The thread that reads a `python3` child's events: it waits for the child to connect,
//! decodes the stream as it comes, turns the decoded items into a source's items, and says
//! how the run ended: the child's EXIT record, a crash (with the last lines it printed),
//! an interpreter too old to run the module, or a stream that does not follow the format.

use std::io::{ErrorKind, Read};
use std::os::unix::net::{UnixListener, UnixStream};
use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::child::{NEEDS, looked_for};
use super::output::OutputLog;
use super::wire::{self, Decoder, RunExit};
use crate::record::{EventKind, Meta};
use crate::source::{Item, Position};

/// How long a child may take to connect before it is given up on.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the threads reading a finished child's output may take to see its pipes close.
const OUTPUT_GRACE: Duration = Duration::from_millis(500);
/// Lines of output a failure quotes.
const TAIL_LINES: usize = 5;

/// What the reader hands over, and how the run ended once it has.
#[derive(Debug, Default)]
pub(super) struct Shared {
    /// Items decoded and not yet drained.
    pub items: Vec<Item>,
    /// The latest event time seen, ns since the run began.
    pub latest_ns: u64,
    /// When the child's HELLO arrived here: its run's start, seen from this process.
    pub hello: Option<Instant>,
    /// Events the child could not send, so far.
    pub dropped: u64,
    /// The child's EXIT record.
    pub exit: Option<RunExit>,
    /// Whether any task (or never-awaited coroutine) was recorded.
    pub spawned: bool,
    /// Set once everything was read: why the run failed, if it did.
    pub over: Option<Result<(), String>>,
}

/// Everything the reader thread works with.
pub(super) struct Reader {
    pub listener: UnixListener,
    /// The folder holding the socket (and a scenario's Program): removed when the thread ends.
    pub dir: tempfile::TempDir,
    pub child: Arc<Mutex<Child>>,
    /// The threads keeping the child's output (none when it is passed through).
    pub output: Vec<JoinHandle<()>>,
    pub log: Option<Arc<OutputLog>>,
    pub shared: Arc<Mutex<Shared>>,
    pub stop: Arc<AtomicBool>,
    pub python: String,
}

/// Locks, whatever a panicking holder left (the data stays consistent item by item).
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Reader {
    /// Runs the thread's work to the end, then records how it ended.
    pub fn run(self) {
        let result = match self.accept() {
            Ok(Some(stream)) => self.read(stream),
            Ok(None) => Ok(()),
            Err(reason) => Err(reason),
        };
        let result = match result {
            Ok(()) => self.wait_for_exit(),
            Err(reason) => {
                super::live::end(&mut lock(&self.child)); // bad output: nothing more is wanted of it
                Err(reason)
            }
        };
        let stopped = self.stop.load(Ordering::SeqCst);
        let mut shared = lock(&self.shared);
        let result = if stopped { Ok(()) } else { result };
        if let Some(log) = &self.log {
            if let Some(exit) = &shared.exit {
                log.set_exit(exit.status, exit.message.clone());
            }
            if let Err(reason) = &result {
                log.set_failure(reason.clone());
            }
        }
        shared.over = Some(result);
        drop(self.dir);
    }

    /// After its run: the process ends once its own threads are done (a script's).
    fn wait_for_exit(&self) -> Result<(), String> {
        while !self.stop.load(Ordering::SeqCst) && self.status().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }

    fn status(&self) -> Option<ExitStatus> {
        super::live::try_wait(&mut lock(&self.child)).ok().flatten()
    }

    /// Waits for the child to connect (None: stopped meanwhile); an error says why it never
    /// did.
    fn accept(&self) -> Result<Option<UnixStream>, String> {
        let started = Instant::now();
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => return Ok(Some(stream)),
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(e) => return Err(format!("cannot take python3's events: {e}")),
            }
            if self.stop.load(Ordering::SeqCst) {
                return Ok(None);
            }
            if let Some(status) = self.status() {
                return Err(self.ended_before_start(status));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(format!(
                    "{} did not begin its run within {START_TIMEOUT:?}",
                    looked_for(&self.python)
                ));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Decodes the stream until the child closes it; an error says what went wrong.
    fn read(&self, mut stream: UnixStream) -> Result<(), String> {
        stream.set_nonblocking(false).map_err(|e| e.to_string())?;
        let mut decoder = Decoder::new();
        let mut buf = vec![0; 1 << 16];
        let mut out = Vec::new();
        loop {
            let n = match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) if self.stop.load(Ordering::SeqCst) => return Ok(()),
                Err(e) => return Err(format!("cannot read python3's events: {e}")),
            };
            let fed = decoder.feed(&buf[..n], &mut out);
            self.deliver(&mut out);
            if let Err(error) = fed {
                return Err(format!("bad output from python3: {error}"));
            }
        }
        if self.stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        let finished = decoder.finish(&mut out);
        self.deliver(&mut out);
        let exit = lock(&self.shared).exit.clone();
        match (exit, finished) {
            (Some(exit), Ok(())) => self.check_exit(&exit),
            (_, Err(error)) if self.status().is_none() => {
                Err(format!("bad output from python3: {error}"))
            }
            _ => Err(self.crashed()),
        }
    }

    /// Hands the decoded items over as a source's items.
    fn deliver(&self, out: &mut Vec<wire::Item>) {
        if out.is_empty() {
            return;
        }
        let mut shared = lock(&self.shared);
        for item in out.drain(..) {
            let item = match item {
                wire::Item::Hello(_) => {
                    shared.hello = Some(Instant::now());
                    continue;
                }
                wire::Item::Meta(meta) => Item::Meta(Box::new(meta)),
                wire::Item::Event(event) => {
                    shared.latest_ns = shared.latest_ns.max(event.at_ns);
                    shared.spawned |= event.kind == EventKind::Spawned;
                    Item::Event(event)
                }
                wire::Item::Position(p) => Item::Position(Box::new(Position {
                    at_ns: p.at_ns,
                    task: p.task,
                    file: p.file,
                    line: p.line,
                    step: p.step,
                })),
                // CPython's warning travels as the never-awaited lane's error text.
                wire::Item::NeverAwaited(warning) => Item::Meta(Box::new(Meta::Error {
                    task: warning.task,
                    text: warning.text,
                })),
                wire::Item::Dropped(n) => {
                    shared.dropped = shared.dropped.saturating_add(n);
                    continue;
                }
                wire::Item::Exit(exit) => {
                    shared.latest_ns = shared.latest_ns.max(exit.at_ns);
                    shared.exit = Some(exit);
                    continue;
                }
                wire::Item::Worker(_) => continue,
            };
            shared.items.push(item);
        }
    }

    /// A run the child ended itself: bad input (status 2) is a failure; a script's own
    /// status is its outcome, not a failure of the run.
    fn check_exit(&self, exit: &RunExit) -> Result<(), String> {
        if exit.status != 2 {
            return Ok(());
        }
        let why = exit.message.clone().unwrap_or_else(|| "bad input".into());
        Err(format!("the asyncio runner refused its input: {why}"))
    }

    /// The child exited before it connected: too old, or it could not start the module.
    fn ended_before_start(&self, status: ExitStatus) -> String {
        let tail = self.output_tail();
        let said = tail
            .iter()
            .find_map(|l| l.strip_prefix("taskscope asyncio: "))
            .map(str::to_string);
        match (status.code(), said) {
            (Some(3), Some(said)) => format!(
                "no suitable python3: {said} (looked for {}; \
                 taskscope runs asyncio in {NEEDS}, named with TASKSCOPE_PYTHON=PATH)",
                looked_for(&self.python)
            ),
            (_, Some(said)) => format!("python3 could not begin the run: {said}"),
            _ => format!(
                "{} ended before its run began ({}){}",
                looked_for(&self.python),
                describe(status),
                quoted(&tail)
            ),
        }
    }

    /// The stream ended without the child's EXIT record: it died.
    fn crashed(&self) -> String {
        let started = Instant::now();
        let status = loop {
            match self.status() {
                Some(status) => break Some(status),
                None if started.elapsed() > OUTPUT_GRACE * 4 => break None,
                None => std::thread::sleep(Duration::from_millis(5)),
            }
        };
        let how = status.map_or("it stopped sending events".to_string(), describe);
        format!(
            "python3 crashed before its run ended ({how}){}",
            quoted(&self.output_tail())
        )
    }

    /// The last lines the child printed, once its output thread has read them.
    fn output_tail(&self) -> Vec<String> {
        let started = Instant::now();
        while self.output.iter().any(|t| !t.is_finished()) && started.elapsed() < OUTPUT_GRACE {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.log
            .as_ref()
            .map_or_else(Vec::new, |log| log.tail(TAIL_LINES))
    }
}

/// An exit status in words: "exit status 1", "killed by signal 9".
fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        _ => status.to_string(),
    }
}

/// `: line · line` of the output, or nothing without any.
fn quoted(tail: &[String]) -> String {
    let lines: Vec<&str> = tail
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!(": {}", lines.join(" · "))
    }
}
