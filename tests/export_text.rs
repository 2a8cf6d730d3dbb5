//! Snapshots of the text swimlane on hand-built runs.

use taskscope::export::to_text;
use taskscope::record::{EndKind, TaskKind};
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

/// Never-polled futures created in main's polls, the last one in main's last poll: each
/// lane's `○` is drawn inside its lane, in the column of the moment it was dropped, whether
/// its drop came a little after its creation (tokio) or at the same instant (asyncio). A lane
/// drawn as a point has no bar for a mark to follow: the column after the chart's last one
/// (where a bar that reaches the end puts its mark) would be outside its lane.
#[test]
fn a_never_polled_future_at_the_last_column_is_marked_inside_its_lane() {
    for dropped_after in [0, 5 * US] {
        let mut s = Script::new("futures", Flavor::CurrentThread, 1);
        s.spawn(0, 0, "main", TaskKind::BlockOn, None);
        for (i, at) in [(1, 0), (2, 500 * MS), (3, 1000 * MS)] {
            if at > 0 {
                s.wake(at, 0);
            }
            s.ev(at, 0, taskscope::record::EventKind::PollStart { worker: 0 });
            s.spawn(at + 10 * US, i, "audit", TaskKind::Future, Some(0));
            s.end(at + 10 * US + dropped_after, i, EndKind::Cancelled);
            if i < 3 {
                s.ev(at + 40 * US, 0, taskscope::record::EventKind::PollEnd);
            }
        }
        s.end(1000 * MS + 40 * US, 0, EndKind::Ok);
        s.ev(
            1000 * MS + 40 * US,
            0,
            taskscope::record::EventKind::PollEnd,
        );
        s.finish(1000 * MS + 40 * US);
        let text = to_text(s.timeline(), 60);
        let audits: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("  audit") && l.contains('│'))
            .collect();
        assert_eq!(audits.len(), 3, "{text}");
        for lane in &audits {
            let inside = lane.split('│').nth(1).unwrap();
            let after = lane.split('│').nth(2).unwrap();
            assert_eq!(
                inside.matches('○').count(),
                1,
                "{dropped_after}: {lane}\n{text}"
            );
            assert_eq!(
                after, " ",
                "{dropped_after}: a mark outside its lane: {lane}"
            );
        }
        // The last one is in the last column, as main's last poll is.
        assert!(audits[2].ends_with("○│ "), "{dropped_after}: {}", audits[2]);
        // A bar that reaches the end keeps its mark in the column after it, as before.
        let main = text.lines().find(|l| l.starts_with("main")).unwrap();
        assert!(main.ends_with("█│✓"), "{main}");
    }
}
