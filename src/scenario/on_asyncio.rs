//! `[asyncio]`: what a run of the scenario on CPython's asyncio loop tells in place of the
//! scenario's own lesson and question, where those are about tokio (its workers, its budget,
//! its branches). The table is read in `asyncio_parse.rs`; a run picks its texts by its
//! runtime (`source::Engine::lesson`, `source::Engine::quiz`).

use super::quiz::Quiz;

/// The lesson and the question of a run on asyncio, where they differ from tokio's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OnAsyncio {
    /// `[asyncio] lesson`: shown instead of `lesson` on asyncio.
    pub lesson: Option<String>,
    /// `[asyncio.quiz]`: asked instead of `[quiz]` on asyncio.
    pub quiz: Option<Quiz>,
}
