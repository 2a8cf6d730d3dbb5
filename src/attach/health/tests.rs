//! The stderr lines and JSON episodes of an attachment that is lost, regained and stalled.

use std::time::{Duration, Instant};

use super::*;

const S: Duration = Duration::from_secs(1);
const MS: Duration = Duration::from_millis(1);

/// A health watch, and the moment it started.
fn watch() -> (Health, Instant) {
    (Health::new("http://127.0.0.1:6669"), Instant::now())
}

fn seen(status: &Status, app_now_ms: u64, restarts: u64) -> Observation<'_> {
    Observation {
        status,
        has_data: true,
        app_now_ns: app_now_ms * 1_000_000,
        interval: Some(S),
        restarts,
    }
}

fn lost() -> Status {
    Status::Reconnecting {
        attempt: 1,
        error: "the stream broke: connection reset".into(),
        retry_in: 100 * MS,
    }
}

#[test]
fn updates_every_interval_say_nothing() {
    let (mut h, t0) = watch();
    for i in 0..10 {
        let said = h.step(seen(&Status::Live, i * 1_000, 0), t0 + S * i as u32);
        assert!(said.is_empty(), "{said:?}");
    }
    assert!(h.episodes().is_empty());
}

#[test]
fn a_lost_connection_is_told_once_and_its_return_with_the_restart() {
    let (mut h, t0) = watch();
    h.step(seen(&Status::Live, 0, 0), t0);
    let said = h.step(seen(&lost(), 0, 0), t0 + S);
    assert_eq!(said.len(), 1);
    assert!(said[0].starts_with("lost the connection to http://127.0.0.1:6669"));
    assert!(said[0].contains("connection reset"), "{said:?}");
    let again = Status::Reconnecting {
        attempt: 2,
        error: "refused".into(),
        retry_in: 200 * MS,
    };
    assert!(
        h.step(seen(&again, 0, 0), t0 + 2 * S).is_empty(),
        "told once"
    );
    // Connected again, but no update yet: nothing to say until one arrives.
    assert!(h.step(seen(&Status::Live, 0, 0), t0 + 3 * S).is_empty());
    let said = h.step(seen(&Status::Live, 4_000, 1), t0 + 4 * S);
    assert_eq!(said.len(), 1);
    assert!(said[0].starts_with("reconnected to"), "{said:?}");
    assert!(said[0].contains("after 3.00 s"), "{said:?}");
    assert!(said[0].contains("restarted"), "{said:?}");
    let episode = h.episodes()[0];
    assert_eq!((episode.kind, episode.lasted), ("lost", Some(3 * S)));
}

#[test]
fn a_stall_is_told_after_a_few_intervals_and_so_is_its_end() {
    let (mut h, t0) = watch();
    h.step(seen(&Status::Live, 0, 0), t0);
    h.step(seen(&Status::Live, 1_000, 0), t0 + S);
    // Two intervals late: not yet.
    assert!(h.step(seen(&Status::Live, 1_000, 0), t0 + 3 * S).is_empty());
    let said = h.step(seen(&Status::Live, 1_000, 0), t0 + 4 * S + MS);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("no update from http://127.0.0.1:6669 for 3.00 s"),
        "{said:?}"
    );
    assert!(said[0].contains("frozen"), "{said:?}");
    assert!(h.is_stalled());
    assert!(
        h.step(seen(&Status::Live, 1_000, 0), t0 + 5 * S).is_empty(),
        "told once"
    );
    let mut report = AttachReport {
        target: "http://127.0.0.1:6669".into(),
        status: "connected".into(),
        error: None,
        publish_interval_ns: Some(1_000_000_000),
        sampled: true,
        note: String::new(),
        tasks: Vec::new(),
        interruptions: Vec::new(),
    };
    h.annotate(&mut report, t0 + 6 * S);
    assert_eq!(report.status, "stalled");
    let error = report.error.as_deref().unwrap();
    assert!(
        error.contains("for the last 5.00 s (since the one at 1.00 s)"),
        "{error}"
    );
    assert!(error.contains("frozen"), "{error}");
    assert_eq!(report.interruptions[0].kind, "stalled");
    assert_eq!(report.interruptions[0].after_ns, 1_000_000_000);
    assert_eq!(report.interruptions[0].for_ns, None);
    let said = h.step(seen(&Status::Live, 7_000, 0), t0 + 7 * S);
    assert_eq!(said.len(), 1);
    assert!(said[0].starts_with("updates from"), "{said:?}");
    assert!(!h.is_stalled());
}

#[test]
fn a_stall_never_comes_sooner_than_the_minimum() {
    assert_eq!(stall_after(Some(50 * MS)), MIN_STALL);
    assert_eq!(stall_after(Some(S)), 3 * S);
    assert_eq!(stall_after(None), 3 * S);
}
