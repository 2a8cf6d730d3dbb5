//! `--console`: serves a scenario's runtime to the real tokio-console, beside our recording.
//!
//! [`serve`] binds the address first (so a busy port is a clear error, not a panic in a
//! background thread), then runs console-subscriber's gRPC server and aggregator on a thread
//! of their own. What it returns, a [`ConsoleTap`], goes into
//! [`RunOptions::console`](super::RunOptions::console); the runner then makes the console
//! layer's dispatcher the default of every thread of the scenario's runtime (its workers, its
//! blocking pool, and the thread that calls `block_on`), and of no other thread.
//!
//! Why per thread and not a global default: tokio reports a task's spawn, polls and wakes to
//! the dispatcher current on the thread where they happen, so those threads are all the
//! console needs. A global default would also trace the dashboard's thread, the attach
//! client and this server's own runtime (the console would list its own gRPC tasks), and it
//! can be set only once per process. The cost: a wake sent from a thread outside the runtime
//! (stopping a run from the UI) does not reach the console.
//!
//! The server lives until the process exits: a dashboard that runs several scenarios keeps
//! one console connection, and tokio-console sees each run's tasks come and go.

use std::fmt;
use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

use console_subscriber::{ConsoleLayer, ServerParts};
use tracing::Dispatch;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;

/// The address `--console` serves on when none is given: tokio-console's default.
pub const DEFAULT_CONSOLE_ADDR: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 6669);

/// How often the console server publishes: tokio-console's own default.
const PUBLISH_INTERVAL: Duration = Duration::from_secs(1);

/// A running console server: where it listens and the dispatcher that feeds it.
pub struct ConsoleServer {
    addr: SocketAddr,
    dispatch: Dispatch,
}

/// Which console server a run reports to; cheap to copy, so [`super::RunOptions`] stays `Copy`.
#[derive(Clone, Copy)]
pub struct ConsoleTap(&'static ConsoleServer);

impl ConsoleTap {
    /// The address tokio-console connects to.
    pub fn addr(self) -> SocketAddr {
        self.0.addr
    }

    /// The command that connects tokio-console to this server.
    pub fn command(self) -> String {
        format!("tokio-console http://{}", self.0.addr)
    }

    /// Makes the console layer the current thread's default dispatcher until the guard drops.
    pub fn set_default(self) -> tracing::dispatcher::DefaultGuard {
        tracing::dispatcher::set_default(&self.0.dispatch)
    }
}

impl PartialEq for ConsoleTap {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl fmt::Debug for ConsoleTap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ConsoleTap({})", self.0.addr)
    }
}

/// Why the console server could not start.
#[derive(Debug)]
pub struct ConsoleError {
    /// The address asked for.
    pub addr: SocketAddr,
    /// What went wrong.
    pub source: std::io::Error,
}

impl fmt::Display for ConsoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (addr, port) = (self.addr, self.addr.port());
        match self.source.kind() {
            std::io::ErrorKind::AddrInUse => write!(
                f,
                "cannot serve tokio-console on {addr}: port {port} is already in use \
                 (another taskscope, or an app instrumented with console-subscriber?); \
                 pick another port, e.g. --console 127.0.0.1:{}",
                port.wrapping_add(1).max(1024)
            ),
            _ => write!(
                f,
                "cannot serve tokio-console on {addr} (port {port}): {}",
                self.source
            ),
        }
    }
}

impl std::error::Error for ConsoleError {}

/// Starts a console server on `addr` for scenario runtimes to report to; returns once the
/// port is bound (the server then runs until the process exits).
pub fn serve(addr: SocketAddr) -> Result<ConsoleTap, ConsoleError> {
    let error = |source| ConsoleError { addr, source };
    let listener = TcpListener::bind(addr).map_err(error)?;
    listener.set_nonblocking(true).map_err(error)?;
    let addr = listener.local_addr().map_err(error)?;
    let (layer, server) = ConsoleLayer::builder()
        .publish_interval(PUBLISH_INTERVAL)
        .build();
    // A per-layer filter: the console layer alone sees only tokio's instrumentation. (A
    // global EnvFilter would hide tokio's TRACE spans from every layer.)
    let layer = layer.with_filter(tracing_subscriber::filter::filter_fn(is_runtime_callsite));
    let dispatch = Dispatch::new(tracing_subscriber::registry().with(layer));
    std::thread::Builder::new()
        .name("taskscope-console".into())
        .spawn(move || run_server(listener, server.into_parts()))
        .map_err(error)?;
    let server: &'static ConsoleServer = Box::leak(Box::new(ConsoleServer { addr, dispatch }));
    Ok(ConsoleTap(server))
}

/// What the console consumes: tokio's task, resource and async-op spans (named `runtime.*`,
/// targets under `tokio`) and its waker and poll-op events (targets `tokio::*`, `runtime::*`).
fn is_runtime_callsite(meta: &tracing::Metadata<'_>) -> bool {
    let target = meta.target();
    let ours = target.starts_with("tokio") || target.starts_with("runtime");
    ours || (meta.is_span() && meta.name().starts_with("runtime."))
}

/// The server thread: its own small runtime, and no tracing, so that the console does not
/// list its own tasks.
fn run_server(listener: TcpListener, parts: ServerParts) {
    let _untraced = tracing::subscriber::set_default(tracing::subscriber::NoSubscriber::default());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return eprintln!("taskscope: the tokio-console server cannot start: {e}"),
    };
    runtime.block_on(async move {
        let ServerParts {
            instrument_server,
            aggregator,
            ..
        } = parts;
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(e) => return eprintln!("taskscope: the tokio-console server cannot listen: {e}"),
        };
        let aggregate = tokio::spawn(aggregator.run());
        let served = tonic::transport::Server::builder()
            .add_service(instrument_server)
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener))
            .await;
        aggregate.abort();
        if let Err(e) = served {
            eprintln!("taskscope: the tokio-console server stopped: {e}");
        }
    });
}

thread_local! {
    /// The console dispatcher's guard on a runtime thread, dropped when the thread stops.
    static THREAD_DEFAULT: std::cell::RefCell<Option<tracing::dispatcher::DefaultGuard>> =
        const { std::cell::RefCell::new(None) };
}

/// For the runtime's `on_thread_start`: the new worker or blocking thread reports to `tap`.
pub(super) fn enter_runtime_thread(tap: Option<ConsoleTap>) {
    if let Some(tap) = tap {
        THREAD_DEFAULT.with(|slot| *slot.borrow_mut() = Some(tap.set_default()));
    }
}

/// For the runtime's `on_thread_stop`: restores the thread's previous default.
pub(super) fn leave_runtime_thread() {
    let _ = THREAD_DEFAULT.try_with(|slot| slot.borrow_mut().take());
}
