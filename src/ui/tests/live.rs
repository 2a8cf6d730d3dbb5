//! The real blocking-freeze scenario, run at 4x speed through the app state and the driver,
//! drawn into a test terminal every few milliseconds: its lanes appear, and the
//! blocked-worker banner shows while the worker is still blocked (for 500 ms: long enough
//! to be seen on a loaded machine).

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::ui::Driver;

/// Hands what the driver's sources gave to `update`, as the loop does each frame.
fn pump(app: &mut App, driver: &mut Driver) {
    if let Some(msg) = driver.drain() {
        assert!(!driver.execute(update(app, msg)));
    }
}

#[test]
fn a_real_blocking_freeze_run_shows_its_lanes_and_the_live_banner() {
    let mut app = menu_app(true, 120, 40);
    app.next_speed = 4.0;
    // Asked nothing: the question before a run is `quiz.rs`'s.
    app.ask = false;
    let scenario = Arc::new(scenario::builtin("blocking-freeze").expect("built-in"));
    let mut driver = Driver::default();
    assert!(!driver.execute(update(&mut app, Msg::Launch(Launch::Run(scenario)))));
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut banner_seen = false;
    let mut last = String::new();
    while driver.is_live() && Instant::now() < deadline {
        pump(&mut app, &mut driver);
        last = screen_text(&render(&app));
        banner_seen |= last.contains("⚠ NOW  worker 0 blocked");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!driver.is_live(), "the run ended within 30 s:\n{last}");
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

/// Pumps the driver and ticks the app until `done` holds or `limit` passes.
fn pump_until(app: &mut App, driver: &mut Driver, limit: Duration, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + limit;
    while !done(app) && Instant::now() < deadline {
        pump(app, driver);
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Step mode on a real run: the run itself is never paused (it ends on its own), the view
/// holds at each step start in turn, each hold is the run as it was live then, and after
/// the last one `n` shows the run whole, exactly as an unstepped view of it.
#[test]
fn a_stepped_real_run_is_the_unstepped_run_revealed_one_step_at_a_time() {
    let mut app = menu_app(true, 120, 40);
    app.next_speed = 4.0;
    app.step_mode = true;
    app.ask = false;
    let scenario = Arc::new(scenario::builtin("blocking-freeze").expect("built-in"));
    let mut driver = Driver::default();
    driver.execute(update(&mut app, Msg::Launch(Launch::Run(scenario))));
    let over = |a: &App| a.run().is_some_and(|r| r.timeline.is_finished());
    pump_until(&mut app, &mut driver, Duration::from_secs(30), over);
    assert!(over(&app), "the run ends without a single n");
    let run = app.run().expect("a run");
    let stops = crate::ui::step::stops(&[&run.timeline]);
    assert!(stops.len() >= 4, "{stops:?}");
    assert_eq!(run.hold, Some(stops[0]), "still at the first step start");
    let n = |app: &mut App| {
        let effects = update(
            app,
            Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)),
        );
        assert!(effects.is_empty(), "n never reaches the run");
    };
    for (i, &stop) in stops.iter().enumerate() {
        let run = app.run().expect("a run");
        assert_eq!(run.hold, Some(stop));
        let then = crate::feed::as_live_at(run.timeline.info(), &run.tape, stop);
        assert_eq!(run.shown().findings(), then.findings(), "at stop {i}");
        assert_eq!(run.shown().now_ns(), then.now_ns());
        let text = screen_text(&render(&app));
        let status = text.lines().next().unwrap_or("");
        let want = format!("STEP {}/{}", i + 1, stops.len());
        assert!(status.contains(&want), "{status}");
        n(&mut app);
    }
    assert_eq!(app.run().expect("a run").hold, None, "the rest");
    let mut whole = menu_app(true, 120, 40);
    whole.next_speed = app.next_speed;
    let run = app.run().expect("a run");
    let show = Launch::Show {
        scenario: run.scenario.clone(),
        info: run.timeline.info().clone(),
        at: None,
    };
    let _ = update(&mut whole, Msg::Launch(show));
    let tape = Drained {
        batch: run.tape.batch(),
        ..Drained::default()
    };
    let _ = update(&mut whole, Msg::Events(vec![tape]));
    assert_eq!(render(&app).backend(), render(&whole).backend());
}

/// `compare await-chain concurrent-group` at 4x: both run at once, on separate runtimes;
/// the chain takes about twice as long as the group.
#[test]
fn compare_runs_both_at_once_and_the_chain_takes_twice_as_long() {
    let mut app = menu_app(true, 120, 40);
    app.next_speed = 4.0;
    let pair = ["await-chain", "concurrent-group"]
        .map(|n| Arc::new(scenario::builtin(n).expect("built-in")));
    let mut driver = Driver::default();
    driver.execute(update(&mut app, Msg::Launch(Launch::Compare(pair))));
    // The driver holds two sources: each drain hands over one batch per run, top first.
    let Some(Msg::Events(drained)) = driver.drain() else {
        panic!("two live sources");
    };
    assert_eq!(drained.len(), 2);
    assert!(update(&mut app, Msg::Events(drained)).is_empty());
    let over = |a: &App| a.runs().len() == 2 && a.runs().iter().all(|r| r.timeline.is_finished());
    pump_until(&mut app, &mut driver, Duration::from_secs(30), over);
    assert!(over(&app) && !driver.is_live());
    let wall = |r: &RunView| r.timeline.now_ns() as f64;
    let ratio = wall(&app.runs()[0]) / wall(&app.runs()[1]);
    assert!((1.6..2.4).contains(&ratio), "ratio {ratio}");
    let text = screen_text(&render(&app));
    assert!(
        text.contains("await-chain") && text.contains("concurrent-group"),
        "{text}"
    );
    assert!(text.contains("fetch_news"), "{text}");
}

/// The attach view on a run served to tokio-console in this same process: the session's
/// lanes are drained into the view like a run's.
#[test]
fn the_attach_view_draws_an_attached_sessions_lanes() {
    use crate::attach::{AttachOptions, Target};
    use crate::runner::{self, RunOptions, console};

    let tap = console::serve("127.0.0.1:0".parse().unwrap()).expect("a free port");
    let scenario = Arc::new(scenario::builtin("concurrent-group").expect("built-in"));
    let options = RunOptions {
        speed: 0.5,
        console: Some(tap),
        ..RunOptions::default()
    };
    let _run = runner::start(scenario, options);
    let attach = AttachOptions {
        workers: 1,
        ..AttachOptions::default()
    };
    let target = Target::parse(&tap.addr().to_string()).expect("an address");
    let mut app = menu_app(true, 120, 40);
    let mut driver = Driver::default();
    let launch = Launch::Attach {
        target,
        options: attach,
    };
    driver.execute(update(&mut app, Msg::Launch(launch)));
    let drawn = |a: &App| {
        let text = screen_text(&render(a));
        text.contains("fetch_weather") && text.contains("fetch_news")
    };
    pump_until(&mut app, &mut driver, Duration::from_secs(20), drawn);
    let text = screen_text(&render(&app));
    assert!(drawn(&app), "{text}");
    assert!(text.contains("● connected"), "{text}");
    assert!(text.contains("publish interval"), "{text}");
    let quit = update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
    );
    assert!(driver.execute(quit));
}
