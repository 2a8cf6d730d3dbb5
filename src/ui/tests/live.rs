//! The real blocking-freeze scenario, run at 4x speed through the app state and the driver,
//! drawn into a test terminal every few milliseconds: its lanes appear, and the
//! blocked-worker banner shows while the worker is still blocked (for 500 ms: long enough
//! to be seen on a loaded machine).

use std::time::{Duration, Instant};

use super::*;
use crate::ui::{Driver, start_run};

#[test]
fn a_real_blocking_freeze_run_shows_its_lanes_and_the_live_banner() {
    let mut app = menu_app(true, 120, 40);
    app.next_speed = 4.0;
    let scenario = Arc::new(scenario::builtin("blocking-freeze").expect("built-in"));
    let mut driver = Driver::default();
    assert!(!driver.execute(start_run(&mut app, scenario)));
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut banner_seen = false;
    let mut last = String::new();
    while driver.is_live(&app) && Instant::now() < deadline {
        driver.pump(&mut app);
        update(&mut app, Msg::Tick);
        last = screen_text(&render(&app));
        banner_seen |= last.contains("⚠ NOW  worker 0 blocked");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!driver.is_live(&app), "the run ended within 30 s:\n{last}");
    last = screen_text(&render(&app));
    for name in [
        "main",
        "slow_sync_call",
        "heartbeat",
        "fetch_weather",
        "worker 0",
    ] {
        assert!(last.contains(name), "lane {name} missing:\n{last}");
    }
    assert!(
        banner_seen,
        "no live blocked-worker banner was drawn:\n{last}"
    );
    assert!(last.contains("■ DONE"), "{last}");
    assert!(
        last.contains("worker 0 blocked"),
        "the finding stays once over:\n{last}"
    );
}
