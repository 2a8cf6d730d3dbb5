//! The shared resources a scenario declares, as the tokio primitives they stand for.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{Mutex, Semaphore, watch};

use crate::scenario::{ResourceKind, Scenario};

/// One run's semaphores, mutexes and cancellation tokens, by name.
#[derive(Default)]
pub struct Resources {
    semaphores: HashMap<String, Arc<Semaphore>>,
    mutexes: HashMap<String, Arc<Mutex<()>>>,
    tokens: HashMap<String, watch::Sender<bool>>,
}

impl Resources {
    /// Builds every resource the scenario declares, fresh for one run.
    pub fn new(scenario: &Scenario) -> Self {
        let mut resources = Resources::default();
        for r in &scenario.resources {
            let name = r.name.clone();
            match r.kind {
                ResourceKind::Semaphore { permits } => {
                    let permits = usize::try_from(permits).unwrap_or(usize::MAX);
                    resources
                        .semaphores
                        .insert(name, Arc::new(Semaphore::new(permits)));
                }
                ResourceKind::Mutex => {
                    resources.mutexes.insert(name, Arc::new(Mutex::new(())));
                }
                ResourceKind::Token => {
                    resources.tokens.insert(name, watch::channel(false).0);
                }
            }
        }
        resources
    }

    /// The semaphore called `name`.
    pub fn semaphore(&self, name: &str) -> Result<Arc<Semaphore>, String> {
        self.semaphores
            .get(name)
            .cloned()
            .ok_or_else(|| missing("semaphore", name))
    }

    /// The mutex called `name`.
    pub fn mutex(&self, name: &str) -> Result<Arc<Mutex<()>>, String> {
        self.mutexes
            .get(name)
            .cloned()
            .ok_or_else(|| missing("mutex", name))
    }

    /// The cancellation token called `name` (a watch channel that turns true once).
    pub fn token(&self, name: &str) -> Result<&watch::Sender<bool>, String> {
        self.tokens.get(name).ok_or_else(|| missing("token", name))
    }
}

fn missing(kind: &str, name: &str) -> String {
    format!("no {kind} `{name}` in [resources]")
}
