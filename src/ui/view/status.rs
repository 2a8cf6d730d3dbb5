//! The bars: status (top), the banner of a finding happening now, the findings pane and the
//! footer of key hints (from the keymap table).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::source::Status;
use crate::timeline::{Finding, FindingKind, format_duration};
use crate::ui::app::App;
use crate::ui::commands::{Availability, availability};
use crate::ui::keymap::{self, Context};
use crate::ui::layout::is_news;
use crate::ui::run_view::RunView;
use crate::ui::screen::AttachScreen;

/// How a speed reads: "1x", "0.5x", "0.25x".
pub fn speed_text(speed: f64) -> String {
    format!("{speed}x")
}

fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    buf.set_style(area, style);
    for x in area.x..area.right() {
        for y in area.y..area.bottom() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_symbol(" ");
            }
        }
    }
}

/// The top row: scenario, runtime, elapsed, speed, live / frozen / done, dropped events.
/// Narrow terminals get the short form of each item rather than losing the last ones.
pub fn draw_status(app: &App, run: &RunView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    fill(buf, area, theme.bar());
    let tl = run.shown();
    let info = tl.info();
    let workers = match info.workers {
        1 => "1 worker".to_string(),
        n => format!("{n} workers"),
    };
    let (badge, live) = match (run.frozen.is_some(), run.timeline.is_finished()) {
        (true, _) => (" ❚❚ FROZEN ", false),
        (false, false) => (" ● LIVE ", true),
        (false, true) => (" ■ DONE ", false),
    };
    let mut speed = speed_text(run.speed);
    if app.next_speed != run.speed {
        speed = format!("{speed}, next {}", speed_text(app.next_speed));
    }
    let dropped = tl.dropped_events();
    let elapsed = format_duration(tl.now_ns());
    let cursor = run.cursor.map(format_duration);
    // When zoomed in, how much time the chart spans.
    let zoom = run.zoom.map(format_duration);
    // Three levels of detail: full, compact, minimal (for 60-80 columns).
    let line = |level: u8| {
        let short = level > 0;
        let sep = Span::styled(if short { "│" } else { " │ " }, theme.bar());
        let mut spans = Vec::new();
        if !short {
            spans.extend([Span::styled(" taskscope", theme.bar_strong()), sep.clone()]);
        }
        let scenario = if short {
            format!(" {} ", info.scenario)
        } else {
            info.scenario.clone()
        };
        spans.extend([Span::styled(scenario, theme.bar_strong()), sep.clone()]);
        if level < 2 {
            let runtime = if short {
                format!("{}×{}", info.runtime.as_str(), info.workers)
            } else {
                format!("{} · {workers}", info.runtime.as_str())
            };
            spans.extend([Span::styled(runtime, theme.bar()), sep.clone()]);
        }
        let speed = if level < 2 {
            format!("speed {speed}")
        } else {
            speed.clone()
        };
        spans.extend([
            Span::styled(format!("⏱ {elapsed}"), theme.bar_strong()),
            sep.clone(),
            Span::styled(speed, theme.bar()),
            sep.clone(),
            Span::styled(badge, theme.badge(live, run.frozen.is_some())),
        ]);
        if dropped > 0 || level < 2 {
            let style = if dropped > 0 {
                theme.banner()
            } else {
                theme.bar()
            };
            spans.extend([
                sep.clone(),
                Span::styled(format!("{dropped} dropped"), style),
            ]);
        }
        if let Some(z) = &zoom {
            spans.extend([sep.clone(), Span::styled(format!("zoom {z}"), theme.bar())]);
        }
        if let Some(c) = &cursor {
            let text = if level < 2 {
                format!("cursor {c}")
            } else {
                format!("▼ {c}")
            };
            spans.extend([sep.clone(), Span::styled(text, theme.bar_strong())]);
        }
        if run.step_mode && !tl.is_finished() {
            let step = Span::styled(" STEP: press n ", theme.badge(false, true));
            // The prompt matters most: it goes first on narrow terminals.
            if level == 2 {
                spans.insert(0, step);
            } else {
                spans.extend([sep, step]);
            }
        }
        Line::from(spans)
    };
    let width = usize::from(area.width);
    let chosen = (0..2).map(line).find(|l| l.width() <= width);
    chosen.unwrap_or_else(|| line(2)).render(area, buf);
}

/// The status bar of an attached process: the address, the connection, the time.
pub fn draw_attach_status(
    app: &App,
    run: &RunView,
    attached: &AttachScreen,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    fill(buf, area, theme.bar());
    let sep = Span::styled(" │ ", theme.bar());
    let (badge, live) = match &attached.status {
        Status::Connecting => ("connecting …".to_string(), true),
        Status::Live => ("● connected".to_string(), true),
        Status::Reconnecting { attempt, .. } => (format!("reconnecting {attempt}"), false),
        Status::Done => ("■ done".to_string(), false),
        Status::Failed(_) => ("failed".to_string(), false),
    };
    let mut spans = vec![
        Span::styled(" attach ", theme.bar_strong()),
        Span::styled(attached.target.clone(), theme.bar_strong()),
        sep.clone(),
        Span::styled(format!(" {badge} "), theme.badge(live, !live)),
        sep.clone(),
        Span::styled(
            format!("⏱ {}", format_duration(run.shown().now_ns())),
            theme.bar_strong(),
        ),
    ];
    if let Status::Failed(error) | Status::Reconnecting { error, .. } = &attached.status {
        spans.extend([sep, Span::styled(error.clone(), theme.bar())]);
    }
    Line::from(spans).render(area, buf);
}

/// Where the lanes of an attached process would be while it has none: what the
/// connection is doing, or why it failed.
pub fn draw_attach_waiting(app: &App, attached: &AttachScreen, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let (text, style) = match &attached.status {
        Status::Connecting => (format!("connecting to {} …", attached.target), theme.dim()),
        Status::Live | Status::Done => (
            "connected; waiting for the app's first tasks".to_string(),
            theme.dim(),
        ),
        Status::Reconnecting { attempt, error, .. } => {
            (format!("reconnecting ({attempt}): {error}"), theme.dim())
        }
        Status::Failed(error) => (format!("failed: {error}  (q quits)"), theme.error()),
    };
    ratatui::widgets::Paragraph::new(format!(" {text}"))
        .style(style)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(area, buf);
}

/// The narration row: what the scenario says about the step just started.
pub fn draw_caption(app: &App, run: &RunView, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if let Some(note) = &run.note {
        Line::styled(format!(" ⓘ {note}"), theme.dim()).render(area, buf);
        return;
    }
    let Some(caption) = run.caption() else {
        return;
    };
    let (say, task, at) = (&caption.say, caption.task, caption.at_ns);
    let who = run.shown().task(task).map_or("", |t| t.name.as_str());
    Line::from(vec![
        Span::styled(" » ", theme.accent()),
        Span::styled(say.to_string(), theme.accent()),
        Span::styled(format!("   {who} at {}", format_duration(at)), theme.dim()),
    ])
    .render(area, buf);
}

/// A finding that is happening now, across the screen.
pub fn draw_banner(app: &App, findings: &[Finding], area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(f) = findings.iter().find(|f| is_news(f)) else {
        return;
    };
    fill(buf, area, theme.banner());
    let text = format!(" ⚠ NOW  {} ", f.message);
    ratatui::widgets::Paragraph::new(text)
        .style(theme.banner())
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(area, buf);
}

/// The findings so far (the latest ones, if there are more than rows), under a title rule.
pub fn draw_findings(app: &App, findings: &[Finding], area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let settled: Vec<&Finding> = findings.iter().filter(|f| !is_news(f)).collect();
    let title = format!("─ findings ({}) ", settled.len());
    let rule = format!("{title}{}", "─".repeat(usize::from(area.width)));
    buf.set_stringn(
        area.x,
        area.y,
        &rule,
        usize::from(area.width),
        theme.faint(),
    );
    let rows = usize::from(area.height.saturating_sub(1));
    let skip = settled.len().saturating_sub(rows);
    for (i, f) in settled.iter().skip(skip).enumerate() {
        let y = area.y + 1 + i as u16;
        let line = Line::from(vec![
            Span::styled(
                format!(" {} ", crate::ui::theme::finding_icon(f.kind)),
                theme.finding(f.kind),
            ),
            Span::styled(f.message.clone(), theme.text()),
            // The concurrency summary is about the whole run, not a moment.
            Span::styled(
                match f.kind {
                    FindingKind::Concurrency => String::new(),
                    _ => format!("  at {}", format_duration(f.start_ns)),
                },
                theme.dim(),
            ),
        ]);
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

/// The key hints of `context`, as many as fit, in keymap order.
pub fn draw_footer(app: &App, context: Context, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if let Some(flash) = &app.flash {
        Line::styled(format!(" {flash}"), theme.accent()).render(area, buf);
        return;
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let offered = keymap::footer(context)
        .filter(|(_, _, command)| availability(app, *command) == Availability::Available);
    for (keys, what, _) in offered {
        let w = keys.chars().count() + what.chars().count() + 3;
        if used + w > usize::from(area.width) {
            break;
        }
        used += w;
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::styled(format!(" {what}  "), theme.dim()));
    }
    Line::from(spans).render(area, buf);
}
