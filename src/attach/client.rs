//! The attach client's own thread: a small tokio runtime that connects to the app's console
//! server, streams its updates to the [`Session`](super::Session) over a channel, and
//! reconnects with backoff when the stream breaks.
//!
//! Nothing waits on this thread: the session never joins it, so quitting never hangs on a
//! slow network. It ends when the session is dropped (it sees its stop signal or a closed
//! channel), when it gives up, or with the process.

use std::sync::mpsc::Sender;
use std::time::Duration;

use console_api::instrument::instrument_client::InstrumentClient;
use console_api::instrument::{InstrumentRequest, Update};
use tokio::sync::watch;
use tonic::transport::Endpoint;

use super::AttachOptions;

/// What the client thread tells the session.
#[derive(Debug)]
pub(super) enum Msg {
    /// Updates are arriving (again): the next message is the first update of a connection.
    Connected,
    /// One update; the first after `Connected` is a full snapshot.
    Update(Box<Update>),
    /// The connection was lost or refused; retrying after `retry_in`.
    Lost {
        attempt: u32,
        error: String,
        retry_in: Duration,
    },
    /// Gave up; the message names the address and says why.
    Failed(String),
}

/// First wait before reconnecting; it doubles with each attempt, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// Starts the client thread for `endpoint` (shown as `target` in messages).
pub(super) fn spawn(
    endpoint: Endpoint,
    target: String,
    options: AttachOptions,
    tx: Sender<Msg>,
    stop: watch::Receiver<()>,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("taskscope-attach".into())
        .spawn(move || {
            // This thread's runtime is ours, not the app's: keep it out of any console.
            let _untraced =
                tracing::subscriber::set_default(tracing::subscriber::NoSubscriber::default());
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            match runtime {
                Ok(rt) => rt.block_on(run(endpoint, target, options, tx, stop)),
                Err(e) => {
                    let _ = tx.send(Msg::Failed(format!("cannot start the attach client: {e}")));
                }
            }
        })
        .map(drop)
}

async fn run(
    endpoint: Endpoint,
    target: String,
    options: AttachOptions,
    tx: Sender<Msg>,
    mut stop: watch::Receiver<()>,
) {
    let mut attempt = 0;
    let mut ever_connected = false;
    // Why the last healthy stream ended (reconnection errors are mostly "refused").
    let mut lost_because = String::new();
    loop {
        let mut progress = Progress::default();
        let outcome = tokio::select! {
            outcome = stream(&endpoint, &options, &tx, &mut progress) => outcome,
            _ = stop.changed() => return,
        };
        let error = match outcome {
            Ok(()) => return, // the session is gone
            Err(error) => error,
        };
        if !ever_connected && !progress.updated {
            let hint = if progress.answered {
                ""
            } else {
                ". Is the app running, instrumented with console-subscriber, and serving there? \
                 (console-subscriber listens on 127.0.0.1:6669 unless TOKIO_CONSOLE_BIND says \
                 otherwise)"
            };
            let _ = tx.send(Msg::Failed(format!(
                "cannot attach to {target}: {error}{hint}"
            )));
            return;
        }
        ever_connected = true;
        if progress.updated {
            attempt = 1;
            lost_because = error.clone();
        } else {
            attempt += 1;
        }
        if attempt > options.reconnect_attempts {
            let _ = tx.send(Msg::Failed(format!(
                "lost the connection to {target} ({lost_because}); {} attempts to reconnect \
                 failed, the last with: {error} (has the app exited?)",
                options.reconnect_attempts
            )));
            return;
        }
        let retry_in = FIRST_BACKOFF
            .saturating_mul(1 << (attempt - 1).min(16))
            .min(MAX_BACKOFF);
        let lost = Msg::Lost {
            attempt,
            error,
            retry_in,
        };
        if tx.send(lost).is_err() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(retry_in) => {}
            _ = stop.changed() => return,
        }
    }
}

/// How far one connection got.
#[derive(Default)]
struct Progress {
    /// Something answered gRPC calls at the address.
    answered: bool,
    /// At least one update arrived.
    updated: bool,
}

/// One connection: connects, watches updates and forwards them until the stream ends.
/// `Ok` means the session is gone; `Err` says why the stream could not open or broke.
async fn stream(
    endpoint: &Endpoint,
    options: &AttachOptions,
    tx: &Sender<Msg>,
    progress: &mut Progress,
) -> Result<(), String> {
    let limit = options.connect_timeout;
    let timed_out = || format!("no answer within {limit:?}");
    let channel = tokio::time::timeout(limit, endpoint.connect())
        .await
        .map_err(|_| timed_out())?
        .map_err(|e| describe(&e))?;
    let mut client = InstrumentClient::new(channel);
    let updates = tokio::time::timeout(limit, client.watch_updates(InstrumentRequest {}))
        .await
        .map_err(|_| timed_out())?
        .map_err(|status| {
            progress.answered = true;
            format!(
                "it answered, but not as a console-subscriber server ({})",
                status_text(&status)
            )
        })?;
    progress.answered = true;
    let mut updates = updates.into_inner();
    loop {
        let error = match updates.message().await {
            Ok(Some(update)) => {
                if !progress.updated && tx.send(Msg::Connected).is_err() {
                    return Ok(());
                }
                progress.updated = true;
                if tx.send(Msg::Update(Box::new(update))).is_err() {
                    return Ok(());
                }
                continue;
            }
            Ok(None) => "the app closed the stream".to_string(),
            Err(status) => status_text(&status),
        };
        return Err(if progress.updated {
            format!("the stream broke: {error}")
        } else {
            format!("it answered, but not as a console-subscriber server ({error})")
        });
    }
}

/// An error and its causes on one line ("transport error: connection refused").
fn describe(error: &dyn std::error::Error) -> String {
    with_causes(error.to_string(), error.source())
}

/// A gRPC status in words: its message and causes, or its code when it has no message.
fn status_text(status: &tonic::Status) -> String {
    let text = match status.message() {
        "" => format!("{:?}", status.code()),
        message => message.to_string(),
    };
    with_causes(text, std::error::Error::source(status))
}

/// `text`, then each cause in the chain that it does not already say.
fn with_causes(mut text: String, mut cause: Option<&dyn std::error::Error>) -> String {
    while let Some(c) = cause {
        let said = c.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = c.source();
    }
    text
}
