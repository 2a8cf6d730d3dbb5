//! A recording's chapters, told by the finished run: one marker per narration caption at
//! the moment its step started, and one per final finding (in the words of the finished
//! run, not the partial ones of the moment) at the moment it began. Given to the encoder
//! when the run is over; encoders put markers in their place among the frames.

use std::time::Duration;

use crate::scenario::Scenario;
use crate::timeline::{FindingKind, Timeline};

/// The markers of a finished run, in time order. A caption repeated by the very next
/// caption is told once; the run's concurrency summary is not a moment.
pub fn story_markers(scenario: &Scenario, timeline: &Timeline) -> Vec<(Duration, String)> {
    let mut markers: Vec<(Duration, String)> = Vec::new();
    let mut last_caption: Option<&str> = None;
    for mark in timeline.steps() {
        let Some(say) = scenario.step(mark.step).and_then(|s| s.say.as_deref()) else {
            continue;
        };
        if last_caption != Some(say) {
            markers.push((Duration::from_nanos(mark.at_ns), say.to_string()));
        }
        last_caption = Some(say);
    }
    for finding in timeline.findings() {
        if finding.kind != FindingKind::Concurrency {
            markers.push((Duration::from_nanos(finding.start_ns), finding.message));
        }
    }
    markers.sort_by_key(|(at, _)| *at);
    markers
}
