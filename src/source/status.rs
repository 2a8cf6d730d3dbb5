//! How a source is doing, as a view should show it.

use std::time::Duration;

/// How a source is doing, as of its last drain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Not producing yet: a connection is being made.
    Connecting,
    /// Producing events.
    #[default]
    Live,
    /// The connection broke; the next attempt comes after a backoff.
    Reconnecting {
        /// Attempts since the source was last healthy.
        attempt: u32,
        /// Why it broke, or why the last attempt failed.
        error: String,
        /// The wait before the next attempt.
        retry_in: Duration,
    },
    /// Over: everything it will ever produce was handed over.
    Done,
    /// Given up for good; the text says why.
    Failed(String),
}

impl Status {
    /// The error behind a lost or failed source.
    pub fn error(&self) -> Option<&str> {
        match self {
            Status::Reconnecting { error, .. } | Status::Failed(error) => Some(error),
            Status::Connecting | Status::Live | Status::Done => None,
        }
    }
}
