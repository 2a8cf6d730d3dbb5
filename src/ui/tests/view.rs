//! Snapshots of the view (insta + `TestBackend`), from fixed synthetic timelines.

use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ratatui::style::Color;

use super::*;

#[test]
fn menu_120x40() {
    let mut app = menu_app(true, 120, 40);
    while app.menu.selected_entry().unwrap().name != "blocking-freeze" {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.menu.selected_entry().unwrap().name, "blocking-freeze");
    assert_snapshot!(render(&app).backend());
}

#[test]
fn menu_filtered_80x24() {
    let mut app = menu_app(true, 80, 24);
    for c in "/block".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert_snapshot!(render(&app).backend());
}

#[test]
fn blocking_freeze_running_80x24() {
    let app = run_app(freeze_live(), true, 80, 24);
    assert_snapshot!(render(&app).backend());
}

#[test]
fn blocking_freeze_running_120x40() {
    let app = run_app(freeze_live(), true, 120, 40);
    let text = screen_text(&render(&app));
    assert!(text.contains("⚠ NOW  worker 0 blocked"), "{text}");
    let say = "» A blocking call: the worker is stuck for 2 s.";
    assert!(
        text.contains(say),
        "the narration of the step under way:\n{text}"
    );
    assert_snapshot!(render(&app).backend());
}

#[test]
fn blocking_freeze_done_with_cursor_120x40() {
    let mut app = run_app(freeze_done(), true, 120, 40);
    for _ in 0..30 {
        press(&mut app, KeyCode::Left);
    }
    assert_snapshot!(render(&app).backend());
}

#[test]
fn failure_with_every_end_mark_and_the_blocking_pool_100x30() {
    let mut app = run_app(failure_done(), true, 100, 30);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&render(&app));
    for mark in ["✗", "⊘", "‼", "blocking #0", "audit_io", "HTTP 503"] {
        assert!(text.contains(mark), "{mark} missing:\n{text}");
    }
    assert_snapshot!(render(&app).backend());
}

#[test]
fn details_open_120x40() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_snapshot!(render(&app).backend());
}

#[test]
fn details_open_below_the_lanes_80x24() {
    let mut app = run_app(freeze_done(), true, 80, 24);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Tab);
    assert_snapshot!(render(&app).backend());
}

#[test]
fn help_open_120x40() {
    let mut app = run_app(freeze_live(), true, 120, 40);
    press(&mut app, KeyCode::Char('?'));
    assert_snapshot!(render(&app).backend());
}

#[test]
fn help_open_80x24() {
    let mut app = run_app(freeze_live(), true, 80, 24);
    press(&mut app, KeyCode::Char('?'));
    assert_snapshot!(render(&app).backend());
}

#[test]
fn lesson_open_80x24() {
    let mut app = run_app(freeze_live(), true, 80, 24);
    press(&mut app, KeyCode::Char('L'));
    assert_snapshot!(render(&app).backend());
}

#[test]
fn too_small_terminal() {
    let app = run_app(freeze_live(), true, 40, 10);
    assert_snapshot!(render(&app).backend());
}

#[test]
fn no_color_uses_no_colour_at_all() {
    let app = run_app(freeze_live(), false, 120, 40);
    let terminal = render(&app);
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    assert_snapshot!(terminal.backend());
}

#[test]
fn states_differ_by_glyph_as_well_as_colour() {
    let app = run_app(freeze_live(), false, 120, 40);
    let text = screen_text(&render(&app));
    let lane = |name: &str| {
        let line = text
            .lines()
            .find(|l| l.trim_start_matches(['▶', ' ']).starts_with(name))
            .unwrap_or("");
        line.to_string()
    };
    assert!(lane("slow_sync_call").contains("▓▓▓"), "blocking");
    assert!(lane("heartbeat").contains("▒▒▒"), "scheduled");
    assert!(
        lane("fetch_weather").contains("GET /weather"),
        "waiting label"
    );
    assert!(lane("send_email").contains('○'), "never polled");
}

#[test]
fn menu_with_a_file_that_does_not_parse_80x24() {
    let mut app = menu_app(true, 80, 24);
    let broken = MenuEntry::from_file(std::path::Path::new("no/such/scenario.toml"));
    app.menu.entries.push(broken);
    press(&mut app, KeyCode::End);
    for c in "/scenario.toml".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert_snapshot!(render(&app).backend());
}

/// Every screen at many sizes, tiny ones included: the view never panics, whatever the
/// size and state (details, popups, cursor, zoom, collapsed lanes).
#[test]
fn every_screen_draws_at_every_size() {
    let widths = [1, 59, 60, 80, 109, 110, 160];
    let heights = [1, 14, 15, 20, 35];
    let keys: [&[char]; 8] = [
        &[],
        &['\t'],
        &['?'],
        &['L'],
        &['h', '+', '+', '\t'],
        &['C', 'G'],
        &['c', '\t', 'h'],
        &['c', 'p', 'G', 'h', 'h'],
    ];
    for timeline in [freeze_live as fn() -> Recorded, freeze_done] {
        for presses in keys {
            for (&w, &h) in widths
                .iter()
                .flat_map(|w| heights.iter().map(move |h| (w, h)))
            {
                let mut app = run_app(timeline(), true, w, h);
                for &c in presses {
                    let code = if c == '\t' {
                        KeyCode::Tab
                    } else {
                        KeyCode::Char(c)
                    };
                    press(&mut app, code);
                }
                render(&app);
                let mut menu = menu_app(false, w, h);
                press(&mut menu, KeyCode::Char('?'));
                render(&menu);
            }
        }
    }
}

/// Every glyph any screen draws is one the embedded font (DejaVu Sans Mono, which the GIF
/// draws with) carries, or one the images draw as a shape: no missing-glyph boxes in a
/// picture, and none in the terminals whose fonts carry as much.
#[test]
fn every_glyph_drawn_is_in_the_embedded_font() {
    let font = crate::export::font::Font::embedded();
    let mut apps = vec![
        run_app(freeze_live(), true, 120, 40),
        run_app(failure_done(), true, 100, 30),
        menu_app(true, 120, 40),
    ];
    let mut marked = menu_app(true, 120, 40);
    press(&mut marked, KeyCode::Tab);
    apps.push(marked);
    for keys in ["?", "L", "c", "\t", " ", "hh+"] {
        let mut app = run_app(freeze_done(), true, 120, 40);
        for c in keys.chars() {
            let code = if c == '\t' {
                KeyCode::Tab
            } else {
                KeyCode::Char(c)
            };
            press(&mut app, code);
        }
        apps.push(app);
    }
    // Sub-lanes, a dropped branch, wake marks and their connector, a fold, a lane filter.
    for keys in ["", "jj", "o", "/hed"] {
        let mut app = opened(super::inside::HEDGED, true, 120, 40);
        keys.chars().for_each(|c| press(&mut app, KeyCode::Char(c)));
        apps.push(app);
    }
    let mut woken = opened(super::inside::MUTEX, true, 120, 40);
    super::inside::select(&mut woken, "cart");
    apps.push(woken);
    let mut step = run_app(freeze_done(), true, 80, 24);
    let _ = ctrl(&mut step, 't');
    apps.push(step);
    for app in &apps {
        let terminal = render(app);
        for cell in terminal.backend().buffer().content() {
            for c in cell.symbol().chars() {
                let shape = crate::export::cell_shapes::drawn(c).is_some();
                assert!(
                    shape || font.covers(c),
                    "{c:?} (U+{:04X}) is not in the font:\n{}",
                    c as u32,
                    screen_text(&terminal)
                );
            }
        }
    }
}
