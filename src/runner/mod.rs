//! Runs one scenario on its own tokio runtime, on its own OS thread.
