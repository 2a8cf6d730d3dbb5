//! The shared resources a scenario declares, as the tokio primitives they stand for, by the
//! index the program gives them.

use std::sync::Arc;

use tokio::sync::{Mutex, Semaphore, watch};

use super::error::StepError;
use crate::record::TaskId;
use crate::scenario::{ResId, ResourceDecl, ResourceKind};

/// A cancellation token: `None` until cancelled, then `Some` of the task that cancelled it
/// (if it was cancelled from inside one).
pub type Token = watch::Sender<Option<Option<TaskId>>>;

/// One resource, fresh for one run.
enum Shared {
    Semaphore(Arc<Semaphore>),
    Mutex(Arc<Mutex<()>>),
    Token(Token),
}

/// One run's semaphores, mutexes and cancellation tokens, by index.
#[derive(Default)]
pub struct Resources(Vec<Shared>);

impl Resources {
    /// Builds every resource the program declares, fresh for one run.
    pub fn new(declared: &[ResourceDecl]) -> Self {
        let shared = declared.iter().map(|r| match r.kind {
            ResourceKind::Semaphore { permits } => {
                let permits = usize::try_from(permits).unwrap_or(usize::MAX);
                Shared::Semaphore(Arc::new(Semaphore::new(permits)))
            }
            ResourceKind::Mutex => Shared::Mutex(Arc::new(Mutex::new(()))),
            ResourceKind::Token => Shared::Token(watch::channel(None).0),
        });
        Resources(shared.collect())
    }

    /// The semaphore `id`.
    pub fn semaphore(&self, id: ResId) -> Result<Arc<Semaphore>, StepError> {
        match self.0.get(id.index()) {
            Some(Shared::Semaphore(semaphore)) => Ok(semaphore.clone()),
            _ => Err(not_a(id, "semaphore")),
        }
    }

    /// The mutex `id`.
    pub fn mutex(&self, id: ResId) -> Result<Arc<Mutex<()>>, StepError> {
        match self.0.get(id.index()) {
            Some(Shared::Mutex(mutex)) => Ok(mutex.clone()),
            _ => Err(not_a(id, "mutex")),
        }
    }

    /// The cancellation token `id` (a watch channel that is set once).
    pub fn token(&self, id: ResId) -> Result<&Token, StepError> {
        match self.0.get(id.index()) {
            Some(Shared::Token(token)) => Ok(token),
            _ => Err(not_a(id, "token")),
        }
    }
}

fn not_a(id: ResId, wanted: &'static str) -> StepError {
    StepError::Resource {
        index: id.index(),
        wanted,
    }
}
