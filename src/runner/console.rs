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
//! one console connection, and tokio-console sees each run's tasks come and go. Before the
//! process exits, [`ConsoleTap::finish`] waits (briefly, and only while a console is
//! connected) until the run's final state has gone out: see `relay.rs`.

mod relay;

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant, SystemTime};

use console_api::instrument::instrument_server::InstrumentServer;
use console_subscriber::{ConsoleLayer, ServerParts};
use tokio::sync::oneshot;
use tracing::Dispatch;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::SubscriberExt;

use relay::{Relay, Watches};

/// The address `--console` serves on when none is given: tokio-console's default.
pub const DEFAULT_CONSOLE_ADDR: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 6669);

/// How often the console server publishes: tokio-console's own default.
const PUBLISH_INTERVAL: Duration = Duration::from_secs(1);

/// How long [`ConsoleTap::finish`] waits for the final publish to reach the connected
/// consoles: the next publish, with room for a loaded machine.
const FINAL_PUBLISH_LIMIT: Duration = Duration::from_millis(1_800);

/// How long it then waits for the server to close its connections, flushing them.
const CLOSE_LIMIT: Duration = Duration::from_millis(200);

/// A running console server: where it listens, the dispatcher that feeds it, and what its
/// end needs.
pub struct ConsoleServer {
    addr: SocketAddr,
    dispatch: Dispatch,
    watches: Arc<Watches>,
    /// console-subscriber's clock: its updates are stamped with the wall time at this
    /// instant plus the time elapsed since (taken right after it took its own).
    anchor: (Instant, SystemTime),
    /// Closes the server (gracefully), and says when it has.
    close: Mutex<Option<oneshot::Sender<()>>>,
    closed: Mutex<mpsc::Receiver<()>>,
}

/// How the end of a run reached the connected consoles, see [`ConsoleTap::finish`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalPublish {
    /// No console was connected: nothing to wait for.
    NobodyWatching,
    /// Every connected console was sent the final state, and the server closed.
    Delivered,
    /// A connected console was not sent it within the limit (it paused, or lagged).
    TimedOut,
}

/// Which console server a run reports to; cheap to copy, so [`super::RunOptions`] stays `Copy`.
#[derive(Clone, Copy)]
pub struct ConsoleTap(&'static ConsoleServer);

impl ConsoleTap {
    /// The address tokio-console connects to.
    pub fn addr(self) -> SocketAddr {
        self.0.addr
    }

    /// The command that connects tokio-console to this server, at an address a client can
    /// use: a loopback one for a server bound to every interface.
    pub fn command(self) -> String {
        format!("tokio-console http://{}", connect_addr(self.0.addr))
    }

    /// Call before the process exits, once the runs that report here have ended: if a
    /// console is connected, waits until each one has been sent an update made after this
    /// call (the final state: every task done, every poll counted; at most
    /// [`FINAL_PUBLISH_LIMIT`], about one publish interval), then closes the server
    /// gracefully so that it goes out (at most [`CLOSE_LIMIT`]). Returns at once when no
    /// console is connected. The server serves no one afterwards.
    pub fn finish(self) -> FinalPublish {
        let server = self.0;
        let (mono, sys) = server.anchor;
        let end = sys + mono.elapsed();
        let outcome = match server.watches.await_final(end, FINAL_PUBLISH_LIMIT) {
            None => return FinalPublish::NobodyWatching,
            Some(true) => FinalPublish::Delivered,
            Some(false) => FinalPublish::TimedOut,
        };
        let close = server
            .close
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(close) = close {
            let _ = close.send(());
            let closed = server.closed.lock().unwrap_or_else(|p| p.into_inner());
            let _ = closed.recv_timeout(CLOSE_LIMIT);
        }
        outcome
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

/// Where a client connects to reach a server bound to `addr`: the loopback address of its
/// family when it is bound to every interface (`0.0.0.0`, `::`), else `addr` itself.
pub fn connect_addr(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// Starts a console server on `addr` for scenario runtimes to report to; returns once the
/// port is bound (the server then runs until the process exits or [`ConsoleTap::finish`]).
pub fn serve(addr: SocketAddr) -> Result<ConsoleTap, ConsoleError> {
    let error = |source| ConsoleError { addr, source };
    let listener = TcpListener::bind(addr).map_err(error)?;
    listener.set_nonblocking(true).map_err(error)?;
    let addr = listener.local_addr().map_err(error)?;
    let (layer, server) = ConsoleLayer::builder()
        .publish_interval(PUBLISH_INTERVAL)
        .build();
    let anchor = (Instant::now(), SystemTime::now());
    // A per-layer filter: the console layer alone sees only tokio's instrumentation. (A
    // global EnvFilter would hide tokio's TRACE spans from every layer.)
    let layer = layer.with_filter(tracing_subscriber::filter::filter_fn(is_runtime_callsite));
    let dispatch = Dispatch::new(tracing_subscriber::registry().with(layer));
    let watches = Arc::new(Watches::default());
    let (close, close_signal) = oneshot::channel();
    let (closed_signal, closed) = mpsc::channel();
    let parts = server.into_parts();
    let server_watches = watches.clone();
    std::thread::Builder::new()
        .name("taskscope-console".into())
        .spawn(move || {
            run_server(listener, parts, server_watches, close_signal);
            let _ = closed_signal.send(());
        })
        .map_err(error)?;
    let server: &'static ConsoleServer = Box::leak(Box::new(ConsoleServer {
        addr,
        dispatch,
        watches,
        anchor,
        close: Mutex::new(Some(close)),
        closed: Mutex::new(closed),
    }));
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
/// list its own tasks. Runs until `close` (then closes gracefully) or the process exits.
fn run_server(
    listener: TcpListener,
    parts: ServerParts,
    watches: Arc<Watches>,
    close: oneshot::Receiver<()>,
) {
    let _untraced = tracing::subscriber::set_default(tracing::subscriber::NoSubscriber::default());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            return crate::output::errln!("taskscope: the tokio-console server cannot start: {e}");
        }
    };
    runtime.block_on(async move {
        let ServerParts {
            instrument_server,
            aggregator,
            ..
        } = parts;
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(e) => {
                return crate::output::errln!(
                    "taskscope: the tokio-console server cannot listen: {e}"
                );
            }
        };
        let aggregate = tokio::spawn(aggregator.run());
        let stop_aggregating = aggregate.abort_handle();
        let relay = Relay::new(instrument_server, watches);
        let served = tonic::transport::Server::builder()
            .add_service(InstrumentServer::new(relay))
            .serve_with_incoming_shutdown(
                tonic::transport::server::TcpIncoming::from(listener),
                async move {
                    let _ = close.await;
                    // Ends every stream, so that the connections can close.
                    stop_aggregating.abort();
                },
            )
            .await;
        aggregate.abort();
        if let Err(e) = served {
            crate::output::errln!("taskscope: the tokio-console server stopped: {e}");
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
