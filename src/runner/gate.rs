//! Step mode: the scenario itself pauses before each scripted step until the presenter
//! lets one more step start, so a room can be asked "what runs next?".

use tokio::sync::Semaphore;

/// One permit per step allowed to start. Shared by the run's handle (which adds permits)
/// and every task of the scenario (which takes one before each step).
#[derive(Debug)]
pub struct StepGate {
    permits: Semaphore,
}

impl Default for StepGate {
    fn default() -> Self {
        StepGate {
            permits: Semaphore::new(0),
        }
    }
}

impl StepGate {
    /// Lets one more step start (the first task waiting gets it).
    pub fn allow_one(&self) {
        self.permits.add_permits(1);
    }

    /// Waits for a permit and uses it up. Returns false when the gate was closed (the
    /// run is stopping).
    pub async fn pass(&self) -> bool {
        match self.permits.acquire().await {
            Ok(permit) => {
                permit.forget();
                true
            }
            Err(_) => false,
        }
    }

    /// Opens the way out for every waiting task: the run is stopping.
    pub fn close(&self) {
        self.permits.close();
    }
}
