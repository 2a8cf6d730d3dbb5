//! Snapshots of the text swimlane on hand-built runs.

mod common;

use taskscope::export::to_text;

#[test]
fn blocking_freeze_swimlane() {
    insta::assert_snapshot!(to_text(&common::blocking_freeze(), 100));
}

#[test]
fn group_failure_swimlane() {
    insta::assert_snapshot!(to_text(&common::group_failure(), 100));
}

#[test]
fn a_narrow_width_still_draws_every_lane() {
    let text = to_text(&common::blocking_freeze(), 20);
    insta::assert_snapshot!(text);
}

#[test]
fn a_short_poll_in_a_long_run_still_shows() {
    // tick_a's last poll is 3 ms of a 2.2 s run: its column must show it running.
    let text = to_text(&common::blocking_freeze(), 100);
    let tick_a = text
        .lines()
        .find(|l| l.trim_start().starts_with("tick_a"))
        .unwrap();
    assert!(tick_a.contains('█'), "{tick_a}");
}
