//! What a presenter relies on: the legend row, tall lanes with few tasks, scenario time at
//! any speed, a status bar that keeps its layout, `?` and `q` always in the footer, every
//! key the help lists, and pictures without key hints and with every finding.

use crossterm::event::{KeyCode, KeyEvent};
use insta::assert_snapshot;

use super::*;
use crate::record::EventKind;
use crate::source::Item;
use crate::ui::keymap::{self, Context};

/// The rows of the screen.
fn rows(app: &App) -> Vec<String> {
    screen_text(&render(app))
        .lines()
        .map(str::to_string)
        .collect()
}

/// The legend row (the one above the footer).
fn legend_row(app: &App) -> String {
    let rows = rows(app);
    rows[rows.len() - 2].clone()
}

#[test]
fn the_legend_row_names_every_mark_the_lanes_draw() {
    let wide = run_app(freeze_live(), true, 200, 40);
    let narrow = run_app(failure_done(), true, 80, 24);
    let text = format!(
        "200 columns:\n{}\n80 columns:\n{}",
        legend_row(&wide),
        legend_row(&narrow)
    );
    // The wake marks are named while the selected task has such wakes (see `inside.rs`).
    let always = crate::ui::marks::MARKS
        .into_iter()
        .filter(|m| !matches!(m.kind, crate::ui::marks::MarkKind::Woken(_)));
    for mark in always {
        assert!(
            legend_row(&wide).contains(mark.glyph),
            "{} missing",
            mark.glyph
        );
    }
    assert_snapshot!(text);
}

/// freeze_done without `send_email`: blocking-freeze's four tasks, over.
fn four_tasks() -> Recorded {
    let done = freeze_done();
    let mut run = Recorded::new(done.timeline.info().clone());
    for item in done.tape.batch().drain() {
        let theirs = match &item {
            Item::Event(e) => e.task == 4,
            Item::Meta(m) => matches!(**m, crate::record::Meta::Task { id: 4, .. }),
            _ => false,
        };
        if !theirs {
            run.push(item);
        }
    }
    run
}

#[test]
fn a_four_task_run_at_120x40_has_tall_lanes_and_its_lesson() {
    let app = run_app(four_tasks(), true, 120, 40);
    let layout = app.screen.single().expect("a run").layout;
    assert_eq!(layout.lane_rows, 3, "few lanes grow to three rows");
    assert!(layout.lesson.is_some(), "the room left goes to the lesson");
    assert_eq!(run(&app).lanes().0.len(), 4);
    assert_snapshot!(render(&app).backend());
}

/// `run` played at `speed`: every time in its tape stretched by 1 / `speed`, as the runner
/// stretches a scenario's durations.
fn at_speed(run: &Recorded, speed: f64) -> Recorded {
    let stretch = |t: u64| (t as f64 / speed) as u64;
    let info = run.timeline.info().clone().at_speed(speed);
    let mut slow = Recorded::new(info);
    for item in run.tape.batch().drain() {
        slow.push(match item {
            Item::Event(mut e) => {
                e.at_ns = stretch(e.at_ns);
                if let EventKind::TimerArmed { after_us } = &mut e.kind {
                    *after_us = stretch(u64::from(*after_us)) as u32;
                }
                Item::Event(e)
            }
            Item::Clock(t) => Item::Clock(stretch(t)),
            Item::End(t) => Item::End(stretch(t)),
            other => other,
        });
    }
    slow
}

/// At 0.25x the screen reads as at 1x: the axis, the lanes, the narration and the cursor
/// speak in the scenario's own time; the status bar adds the speed and the real time.
#[test]
fn the_screen_speaks_scenario_time_at_any_speed() {
    let mut normal = run_app(freeze_live(), true, 120, 40);
    let mut slow = run_app(at_speed(&freeze_live(), 0.25), true, 120, 40);
    slow.next_speed = 0.25;
    for app in [&mut normal, &mut slow] {
        for _ in 0..20 {
            press(app, KeyCode::Left);
        }
    }
    let (a, b) = (rows(&normal), rows(&slow));
    let axis = a
        .iter()
        .position(|r| r.contains("time →"))
        .expect("an axis")
        - 1;
    let findings = a
        .iter()
        .position(|r| r.starts_with("─ findings"))
        .expect("findings");
    assert_eq!(
        a[axis..findings],
        b[axis..findings],
        "axis, cursor, lanes, lesson"
    );
    let caption = |rows: &[String]| rows.iter().find(|r| r.contains('»')).cloned();
    assert_eq!(caption(&a), caption(&b), "the narration");
    assert!(b[0].contains("1.20 s"), "{}", b[0]);
    assert!(
        b[0].contains("0.25x") && b[0].contains("4.80 s real"),
        "{}",
        b[0]
    );
    assert!(b[0].contains("0.25x · 4.80 s real"), "{}", b[0]);
}

/// `run` as a run of the scenario `name` played at `speed`.
fn named(run: &Recorded, name: &str, speed: f64) -> Recorded {
    let played = at_speed(run, speed);
    let mut info = played.timeline.info().clone();
    info.scenario = name.to_string();
    let mut out = Recorded::new(info);
    for item in played.tape.batch().drain() {
        out.push(item);
    }
    out
}

/// Where the status bar's separators are.
fn separators(row: &str) -> Vec<usize> {
    row.chars()
        .enumerate()
        .filter(|(_, c)| *c == '│')
        .map(|(i, _)| i)
        .collect()
}

/// The status bar's layout is chosen from the width and the widest state a run can reach:
/// live, frozen, done, the cursor, the zoom and step mode change no separator, every cell
/// has one blank on each side in every state, and at 120 columns every built-in at every
/// speed gets the full words.
#[test]
fn the_status_bar_keeps_its_layout_through_every_state_of_a_run() {
    let names: Vec<String> = MenuEntry::builtins().into_iter().map(|e| e.name).collect();
    for width in [80, 100, 120, 200] {
        for name in &names {
            for speed in [1.0, 0.5, 0.25, 2.0] {
                let at = |run: Recorded| {
                    let mut app = run_app(named(&run, name, speed), true, width, 30);
                    app.next_speed = speed;
                    app
                };
                let live = at(freeze_live());
                let mut frozen = at(freeze_live());
                press(&mut frozen, KeyCode::Char(' '));
                let mut done = at(freeze_done());
                press(&mut done, KeyCode::Left);
                press(&mut done, KeyCode::Char('+'));
                let mut stepped = at(freeze_done());
                let _ = ctrl(&mut stepped, 't');
                let full = separators(&rows(&stepped)[0]);
                let mut next = at(freeze_live());
                next.next_speed = if speed == 1.0 { 0.5 } else { 1.0 };
                for app in [&live, &frozen, &done, &stepped, &next] {
                    assert_padded(&rows(app)[0]);
                }
                for app in [&live, &frozen, &done] {
                    let bar = rows(app)[0].clone();
                    let seps = separators(&bar);
                    assert_eq!(seps, full[..seps.len()], "{width} {name} {speed}: {bar}");
                    if width >= 120 {
                        assert!(bar.contains(" │ current_thread · 1 worker │ "), "{bar}");
                    }
                    if speed != 1.0 && width >= 100 {
                        assert!(bar.contains(&format!("{speed}x · ")), "{bar}");
                    }
                }
            }
        }
    }
}

/// At 80x24, on every screen, the footer offers the help and quitting.
#[test]
fn at_80x24_the_footer_always_shows_help_and_quit() {
    let menu = menu_app(true, 80, 24);
    let run = run_app(freeze_live(), true, 80, 24);
    let mut stepped = run_app(freeze_done(), true, 80, 24);
    let _ = ctrl(&mut stepped, 't');
    for app in [&menu, &run, &stepped] {
        let footer = rows(app).last().cloned().unwrap_or_default();
        assert!(
            footer.contains("? help") && footer.contains("q quit"),
            "{footer}"
        );
    }
}

/// Every key the help lists does what the help says: no key of a binding is taken by
/// another binding before it.
#[test]
fn every_key_the_help_lists_reaches_its_command() {
    for context in [
        Context::Menu,
        Context::Filter,
        Context::Run,
        Context::Attach,
        Context::Compare,
        Context::Ask,
        Context::AskSet,
        Context::AskTyped,
    ] {
        for (_, binding) in keymap::help(context) {
            for key in binding.keys {
                let event = KeyEvent::new(key.code, key.mods);
                assert_eq!(
                    keymap::lookup(context, &event),
                    Some(binding.command),
                    "{} in {context:?}",
                    key.long()
                );
            }
        }
    }
}

/// A picture (an image, a recording's frame): no key hints, the legend, and every finding
/// in full, over the rows it needs.
#[test]
fn a_picture_has_no_key_hints_and_every_finding_in_full() {
    let mut app = App::picture(Theme::plain(true), (100, 30));
    let scenario = Arc::new(scenario::builtin("failure-cancellation").expect("built-in"));
    let run = failure_done();
    let show = Launch::Show {
        scenario,
        info: run.timeline.info().clone(),
        at: None,
    };
    assert!(update(&mut app, Msg::Launch(show)).is_empty());
    assert!(update(&mut app, Msg::Events(vec![as_drained(&run)])).is_empty());
    let text = screen_text(&render(&app));
    for hint in ["q quit", "? help", "esc menu", "(L)"] {
        assert!(!text.contains(hint), "{hint} in a picture:\n{text}");
    }
    let findings = run.timeline.findings();
    assert!(
        text.contains(&format!("findings ({})", findings.len())),
        "{text}"
    );
    // The pane's rows joined again: each sentence is there whole.
    let pane: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("─ findings"))
        .skip(1)
        .collect();
    let joined = pane
        .iter()
        .map(|l| l.chars().skip(3).collect::<String>().trim().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    for f in &findings {
        assert!(joined.contains(&f.message), "{}:\n{text}", f.message);
    }
    let last = text.lines().last().unwrap_or("");
    assert!(
        last.contains('█') && last.contains("ok"),
        "the legend last:\n{text}"
    );
    assert_snapshot!(text);
}

/// Every screen's help sizes its key column from its longest keys: each binding's keys are
/// followed by blanks before what they do.
#[test]
fn the_help_key_column_fits_its_longest_keys() {
    let menu = menu_app(true, 120, 40);
    let run = run_app(freeze_done(), true, 120, 40);
    for mut app in [menu, run] {
        let context = app.context();
        press(&mut app, KeyCode::Char('?'));
        let text = screen_text(&render(&app));
        for (keys, binding) in keymap::help(context) {
            let ok = text.lines().any(|row| {
                let lead = format!(" {keys}");
                row.match_indices(&lead).any(|(i, _)| {
                    let after = &row[i + lead.len()..];
                    after.starts_with("  ") && after.trim_start().starts_with(binding.help)
                })
            });
            assert!(
                ok,
                "{keys} and `{}` do not read apart: {text}",
                binding.help
            );
        }
    }
}

/// No band of blank rows between the findings and the legend at any of the sizes a room
/// sees: the rows the lanes leave go to the lesson, the code pane and spacing among lanes.
#[test]
fn no_band_of_blank_rows_above_the_legend_at_any_room_size() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let app = run_app(four_tasks(), true, w, h);
        let layout = app.screen.single().expect("a run").layout;
        let last = [layout.findings, layout.code, layout.lesson, layout.quiz]
            .into_iter()
            .flatten()
            .map(|r| r.bottom())
            .chain([layout.tasks.bottom()])
            .max()
            .unwrap_or(0);
        assert!(
            layout.legend.y <= last + 1,
            "{w}x{h}: the content ends at row {last}, the legend is at {}",
            layout.legend.y
        );
    }
    assert_snapshot!(render(&run_app(four_tasks(), true, 200, 60)).backend());
}

/// The padding check catches the uneven cells of a right-aligned figure and of bare
/// separators.
#[test]
#[should_panic(expected = "not padded by one blank")]
fn the_padding_check_catches_a_right_aligned_figure() {
    assert_padded(" taskscope │ blocking-freeze │  2.10 s │ speed 1x │ ■ DONE   ");
}

/// See above: a separator without its blanks.
#[test]
#[should_panic(expected = "not padded by one blank")]
fn the_padding_check_catches_a_bare_separator() {
    assert_padded(" blocking-freeze │ 1.70 s│1x│ ■ DONE   ");
}
