//! The top of the run view: the status bar, the banner of a finding happening now, and the
//! narration row. Every time on them is the scenario's own; the status bar adds the speed
//! and the real time, and keeps its layout when the cursor or the zoom appear.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::source::Status;
use crate::timeline::{Finding, Timeline, format_duration};
use crate::ui::app::App;
use crate::ui::layout::is_news;
use crate::ui::run_view::RunView;
use crate::ui::screen::AttachScreen;
use crate::ui::step::Stepper;
use crate::ui::words::fit;

/// How a speed reads: "1x", "0.5x", "0.25x".
pub fn speed_text(speed: f64) -> String {
    format!("{speed}x")
}

/// Fills `area` with blanks in `style`.
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    buf.set_style(area, style);
    for x in area.x..area.right() {
        for y in area.y..area.bottom() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_symbol(" ");
            }
        }
    }
}

/// What the end of a status bar says about the instant shown: the time, the speed (and the
/// real time the instant is into the run, when the speed is not 1x), whether the view is
/// live, frozen or done, and step mode. The zoom and the cursor are on the time axis.
pub struct Tail<'a> {
    /// The timeline shown.
    pub timeline: &'a Timeline,
    /// Whether to say the time shown (the compare view says both runs' before).
    pub time: bool,
    /// The speed the run was played at.
    pub speed: f64,
    /// The speed of the next run.
    pub next_speed: f64,
    /// The view is frozen.
    pub frozen: bool,
    /// Step mode, if on.
    pub step: Option<&'a Stepper>,
}

/// The widest time the bar keeps room for: a built-in at 0.25x stays under it.
const TIME_ROOM: &str = "88.88 s";
/// The widest step-mode item: room is kept for it while step mode is off (Ctrl-T turns it
/// on in the middle of a run).
const STEP_ROOM: &str = " STEP 88/88 · n next ";
/// The badges a view can show, padded to the widest so that what follows never moves.
const BADGES: [&str; 3] = [" ● LIVE ", " ❚❚ FROZEN ", " ■ DONE "];

/// How many layouts a bar has: 0 the richest, 4 the most compact.
const LEVELS: u8 = 5;

/// `text` padded on the left to the width of `room` (numbers stay right-aligned).
fn pad_left(text: String, room: &str) -> String {
    let (w, r) = (text.chars().count(), room.chars().count());
    format!("{}{text}", " ".repeat(r.saturating_sub(w)))
}

impl Tail<'_> {
    /// The spans at `level` of detail (0 full; 1 without the program's name; 2 short words;
    /// 3 short separators as well; 4 without the real time); with `room`, every item is as wide as it can get during the run, for measuring.
    fn spans(&self, app: &App, level: u8, room: bool) -> Vec<Span<'static>> {
        let theme = &app.theme;
        let tl = self.timeline;
        let sep = || Span::styled(if level >= 3 { "│" } else { " │ " }, theme.bar());
        let show = |ns: u64| match room {
            true => TIME_ROOM.to_string(),
            false => pad_left(tl.show_ns(ns), TIME_ROOM),
        };
        let mut speed = speed_text(self.speed);
        if level == 0 {
            speed = format!("speed {speed}");
        }
        if self.speed != 1.0 && level < 4 {
            // The real time, right-aligned with the speed in the room kept for both.
            let real = if room {
                TIME_ROOM.to_string()
            } else {
                format_duration(tl.now_ns())
            };
            let widest = format!("{speed} · {TIME_ROOM} real");
            speed = format!("{speed} · {real} real");
            speed = pad_left(speed, &widest);
        }
        let (badge, live) = match (self.frozen, tl.is_finished()) {
            (true, _) => (BADGES[1], false),
            (false, false) => (BADGES[0], true),
            (false, true) => (BADGES[2], false),
        };
        let badge_w = BADGES.iter().map(|b| b.chars().count()).max().unwrap_or(0);
        let mut spans = Vec::new();
        if self.time {
            spans.extend([Span::styled(show(tl.now_ns()), theme.bar_strong()), sep()]);
        }
        spans.extend([
            Span::styled(speed, theme.bar()),
            sep(),
            Span::styled(badge, theme.badge(live, self.frozen)),
        ]);
        let step = match (room, self.step) {
            (true, _) => Some(STEP_ROOM.to_string()),
            (false, step) => step.map(|s| format!(" {} ", s.status())),
        };
        if let Some(step) = step {
            let pad = badge_w - badge.chars().count();
            // Two padded badges side by side need no spaces around their separator.
            spans.extend([
                Span::styled(format!("{}│", " ".repeat(pad)), theme.bar()),
                Span::styled(step, theme.badge(false, true)),
            ]);
        }
        // Rare or chosen for the next run: said after the rest, never moving it.
        let dropped = tl.dropped_events();
        if dropped > 0 && !room {
            spans.extend([
                sep(),
                Span::styled(format!("{dropped} dropped"), theme.banner()),
            ]);
        }
        if self.next_speed != self.speed && !room {
            let next = format!("next {}", speed_text(self.next_speed));
            spans.extend([sep(), Span::styled(next, theme.bar())]);
        }
        spans
    }
}

/// Draws a status bar: `head(level, room)` (what the screen is), then `tail`, at the most
/// detailed level whose widest form during the run fits `area`: the layout is chosen from
/// the width alone, and stays while the run is watched.
pub fn draw_bar(
    app: &App,
    head: impl Fn(u8, bool) -> Vec<Span<'static>>,
    tail: &Tail,
    area: Rect,
    buf: &mut Buffer,
) {
    fill(buf, area, app.theme.bar());
    let line = |level: u8, room: bool| {
        let sep = Span::styled(if level >= 3 { "│" } else { " │ " }, app.theme.bar());
        let mut spans = head(level, room);
        spans.push(sep);
        spans.extend(tail.spans(app, level, room));
        Line::from(spans)
    };
    let width = usize::from(area.width);
    let level = (0..LEVELS - 1)
        .find(|&l| line(l, true).width() <= width)
        .unwrap_or(LEVELS - 1);
    line(level, false).render(area, buf);
}

/// The top row: scenario, runtime, the time shown, speed, live / frozen / done, step mode,
/// dropped events, zoom and cursor. Narrow terminals get the short form of each item.
pub fn draw_status(app: &App, run: &RunView, step: Option<&Stepper>, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let tl = run.shown();
    let info = tl.info();
    let head = |level: u8, _room: bool| {
        let runtime = match level {
            0 | 1 => info.runtime_words(),
            _ => info.runtime_short(),
        };
        let mut spans = Vec::new();
        if level == 0 {
            spans.push(Span::styled(" taskscope │ ", theme.bar_strong()));
            spans.push(Span::styled(info.scenario.clone(), theme.bar_strong()));
        } else {
            let pad = if level >= 3 { " " } else { "" };
            spans.push(Span::styled(
                format!(" {}{pad}", info.scenario),
                theme.bar_strong(),
            ));
        }
        if level < 3 {
            spans.push(Span::styled(format!(" │ {runtime}"), theme.bar()));
        }
        spans
    };
    let tail = Tail {
        timeline: tl,
        time: true,
        speed: run.speed,
        next_speed: app.next_speed,
        frozen: run.frozen.is_some(),
        step,
    };
    draw_bar(app, head, &tail, area, buf);
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
    let tl = run.shown();
    let mut spans = vec![
        Span::styled(" attach ", theme.bar_strong()),
        Span::styled(attached.target.clone(), theme.bar_strong()),
        sep.clone(),
        Span::styled(format!(" {badge} "), theme.badge(live, !live)),
        sep.clone(),
        Span::styled(tl.show_ns(tl.now_ns()), theme.bar_strong()),
    ];
    if let Some(c) = run.cursor {
        spans.extend([
            sep.clone(),
            Span::styled(format!("cursor {}", tl.show_ns(c)), theme.bar_strong()),
        ]);
    }
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

/// The narration row: what the scenario says about the step under way (`name` first, for
/// one of two compared runs), or the source's note about its lanes.
pub fn draw_caption(app: &App, run: &RunView, name: Option<&str>, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if let Some(note) = &run.note {
        Line::styled(format!(" i {note}"), theme.dim()).render(area, buf);
        return;
    }
    let Some(caption) = run.caption() else {
        return;
    };
    let tl = run.shown();
    let who = tl.task(caption.task).map_or("", |t| t.name.as_str());
    let mut spans = vec![Span::styled(" » ", theme.accent())];
    if let Some(name) = name {
        spans.push(Span::styled(format!("{name}: "), theme.strong()));
    }
    // Who said it and when go first when the row is short, then the end of the sentence.
    let tail = format!("   {who} at {}", tl.show_ns(caption.at_ns));
    let head: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let room = usize::from(area.width).saturating_sub(head);
    let say = caption.say.chars().count();
    if say + tail.chars().count() <= room {
        spans.push(Span::styled(caption.say.clone(), theme.accent()));
        spans.push(Span::styled(tail, theme.dim()));
    } else {
        spans.push(Span::styled(fit(&caption.say, room), theme.accent()));
    }
    Line::from(spans).render(area, buf);
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
