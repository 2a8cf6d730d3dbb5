//! A stand-in for tokio-console: a console-api client that keeps what the updates said about
//! each task, the way tokio-console does (a full snapshot, then the changes).

use std::collections::HashMap;
use std::time::Duration;

use console_api::field::Name;
use console_api::instrument::instrument_client::InstrumentClient;
use console_api::instrument::{InstrumentRequest, Update};

/// One task, as the console knows it from the updates received so far.
#[derive(Clone, Debug, Default)]
pub struct ConsoleTask {
    /// `task.name`, empty for an unnamed task (`main`, a `block_on`).
    pub name: String,
    /// The `kind` field: `task`, `blocking`, `block_on`, ...
    pub kind: String,
    /// Its span was closed: the task is done.
    pub dropped: bool,
    /// console-subscriber's poll count.
    pub polls: u64,
}

/// What the console was told, by console id.
#[derive(Debug, Default)]
pub struct ConsoleView {
    pub tasks: HashMap<u64, ConsoleTask>,
    pub updates: usize,
    field_names: HashMap<u64, Vec<String>>,
}

impl ConsoleView {
    fn apply(&mut self, update: &Update) {
        self.updates += 1;
        for m in update.new_metadata.iter().flat_map(|r| &r.metadata) {
            if let (Some(id), Some(meta)) = (m.id, &m.metadata) {
                self.field_names.insert(id.id, meta.field_names.clone());
            }
        }
        let Some(tasks) = &update.task_update else {
            return;
        };
        for task in &tasks.new_tasks {
            let Some(id) = task.id else { continue };
            let entry = self.tasks.entry(id.id).or_default();
            for field in &task.fields {
                let name = match &field.name {
                    Some(Name::StrName(n)) => Some(n.clone()),
                    Some(Name::NameIdx(i)) => (field.metadata_id.or(task.metadata))
                        .and_then(|m| self.field_names.get(&m.id)?.get(*i as usize).cloned()),
                    None => None,
                };
                let value = field
                    .value
                    .as_ref()
                    .map(|v| v.to_string())
                    .unwrap_or_default();
                match name.as_deref() {
                    Some("task.name") => entry.name = value,
                    Some("kind") => entry.kind = value,
                    _ => {}
                }
            }
        }
        for (id, stats) in &tasks.stats_update {
            let entry = self.tasks.entry(*id).or_default();
            entry.dropped |= stats.dropped_at.is_some();
            entry.polls = stats.poll_stats.as_ref().map_or(0, |p| p.polls);
        }
    }

    /// The tasks named `name`.
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ConsoleTask> + 'a {
        self.tasks.values().filter(move |t| t.name == name)
    }
}

/// Watches the console server on 127.0.0.1:`port` and folds its updates into a view until
/// the stream ends, `stop` says so after an update, or `limit` passes. Returns the view and
/// whether the stream ended (the server closed it).
pub async fn watch(
    port: u16,
    mut stop: impl FnMut(&ConsoleView) -> bool,
    limit: Duration,
) -> (ConsoleView, bool) {
    let mut client = InstrumentClient::connect(format!("http://127.0.0.1:{port}"))
        .await
        .expect("connect to the console server");
    let mut updates = client
        .watch_updates(InstrumentRequest {})
        .await
        .expect("watch updates")
        .into_inner();
    let mut view = ConsoleView::default();
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, updates.message()).await {
            Ok(Ok(Some(update))) => {
                view.apply(&update);
                if stop(&view) {
                    return (view, false);
                }
            }
            Ok(Ok(None)) | Ok(Err(_)) => return (view, true),
            Err(_) => return (view, false),
        }
    }
}

/// Runs `watch` on a runtime of its own (for a test's thread).
pub fn watch_blocking(
    port: u16,
    stop: impl FnMut(&ConsoleView) -> bool,
    limit: Duration,
) -> (ConsoleView, bool) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(watch(port, stop, limit))
}
