//! Snapshots of the text swimlane on hand-built runs.

use taskscope::export::to_text;
use taskscope::record::TaskKind;
use taskscope::scenario::Flavor;
use taskscope::testkit::{self, MS, Script, US};

#[test]
fn blocking_freeze_swimlane() {
    insta::assert_snapshot!(to_text(&testkit::blocking_freeze().timeline, 100));
}

#[test]
fn group_failure_swimlane() {
    insta::assert_snapshot!(to_text(&testkit::group_failure().timeline, 100));
}

#[test]
fn a_narrow_width_still_draws_every_lane() {
    let text = to_text(&testkit::blocking_freeze().timeline, 20);
    insta::assert_snapshot!(text);
}

#[test]
fn a_short_poll_in_a_long_run_still_shows() {
    // One 3 ms poll in the middle of a 2 s wait: at 60 columns a column is ~40 ms.
    let mut s = Script::new("short", Flavor::CurrentThread, 1);
    s.spawn(0, 0, "main", TaskKind::BlockOn, None);
    s.poll_then_wait(0, 10 * US, 0, 0, None);
    s.wake(MS * 1000, 0);
    s.poll_then_wait(MS * 1000, 3 * MS, 0, 0, None);
    s.finish(2000 * MS);
    let text = to_text(s.timeline(), 60);
    let main = text.lines().find(|l| l.starts_with("main")).unwrap();
    assert_eq!(main.matches('█').count(), 2, "{main}");
    assert!(
        !main.contains('▓'),
        "a 3 ms poll is not a blocking one: {main}"
    );
}
