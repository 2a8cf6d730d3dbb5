//! The run view filmed off-screen: fed what a source handed over, it draws the view once per
//! frame interval and hands each drawn frame to the recording's encoder; when the run is
//! over it adds the story's markers and holds the last frame.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::export::frames::FrameEncoder;
use crate::export::markers::story_markers;
use crate::scenario::Scenario;
use crate::source::{Drained, RunInfo};
use crate::ui::{App, Launch, Msg, Theme, update, view};

/// Time between two frames: 30 frames a second, smooth enough, and small files.
pub const FRAME: Duration = Duration::from_nanos(1_000_000_000 / 30);

/// Draws a run's view into frames for an encoder.
pub struct Camera {
    scenario: Arc<Scenario>,
    app: App,
    area: Rect,
    encoder: Box<dyn FrameEncoder>,
    /// The frame interval (counted from the run's start) of the last frame drawn.
    last_interval: Option<u64>,
    failed: Option<io::Error>,
}

impl Camera {
    /// A camera on the run of `scenario` described by `info`, drawn at `size` (columns,
    /// rows) in `theme`, for `encoder`.
    pub fn new(
        scenario: Arc<Scenario>,
        info: RunInfo,
        size: (u16, u16),
        theme: Theme,
        encoder: Box<dyn FrameEncoder>,
    ) -> Camera {
        let mut app = App::picture(theme, size);
        let show = Launch::Show {
            scenario: scenario.clone(),
            info,
            at: None,
        };
        let _no_source_to_start = update(&mut app, Msg::Launch(show));
        Camera {
            scenario,
            app,
            area: Rect::new(0, 0, size.0, size.1),
            encoder,
            last_interval: None,
            failed: None,
        }
    }

    /// Folds what the source handed over into the view, and draws a frame if the run's
    /// clock entered a new frame interval or the run is over.
    pub fn take(&mut self, drained: Vec<Drained>) {
        let ends = drained.iter().any(|d| d.batch.ends());
        let _none = update(&mut self.app, Msg::Events(drained));
        let now = self.now_ns();
        let interval = now / FRAME.as_nanos() as u64;
        if (ends || self.last_interval < Some(interval)) && self.failed.is_none() {
            self.last_interval = Some(interval);
            let mut frame = Buffer::empty(self.area);
            view::draw(&self.app, self.area, &mut frame);
            if let Err(e) = self.encoder.frame(Duration::from_nanos(now), &frame) {
                self.failed = Some(e);
            }
        }
    }

    /// The run's clock: ns since it began.
    pub fn now_ns(&self) -> u64 {
        self.app.run().map_or(0, |run| run.timeline.now_ns())
    }

    /// Ends the recording: a marker per narration caption and per final finding, at the
    /// moment each happened, and the last frame held for `hold`. The file's bytes.
    pub fn finish(mut self, hold: Duration) -> io::Result<Vec<u8>> {
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        if let Some(run) = self.app.run() {
            for (at, label) in story_markers(&self.scenario, &run.timeline) {
                self.encoder.marker(at, &label);
            }
        }
        let end = Duration::from_nanos(self.now_ns()).saturating_add(hold);
        self.encoder.finish(end)
    }
}
