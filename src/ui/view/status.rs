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

/// What the end of a status bar says about the instant shown: the speed (and the real time
/// the instant is into the run, when the speed is not 1x), whether the view is live, step
/// mode, dropped events, and the zoom and cursor when set.
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
    /// The time cursor (real ns).
    pub cursor: Option<u64>,
    /// The zoomed span (real ns).
    pub zoom: Option<u64>,
}

/// Longest texts of the zoom and cursor items: the bar is laid out as if they were there,
/// so it keeps its layout when they appear.
const ZOOM_ROOM: &str = "zoom 88.88 s";
const CURSOR_ROOM: &str = "cursor 88.88 s";

impl Tail<'_> {
    /// The spans at `level` of detail (0 full, 1 compact, 2 minimal); with `room`, the zoom
    /// and cursor items are their longest texts, for measuring.
    fn spans(&self, app: &App, level: u8, room: bool) -> Vec<Span<'static>> {
        let theme = &app.theme;
        let tl = self.timeline;
        let short = level > 0;
        let sep = || Span::styled(if short { "│" } else { " │ " }, theme.bar());
        let mut speed = speed_text(self.speed);
        if level == 0 {
            speed = format!("speed {speed}");
        }
        if self.speed != 1.0 && level < 2 {
            let gap = if short { "·" } else { " · " };
            speed = format!("{speed}{gap}{} real", format_duration(tl.now_ns()));
        }
        if self.next_speed != self.speed && level < 2 {
            speed = format!("{speed}, next {}", speed_text(self.next_speed));
        }
        let (badge, live) = match (self.frozen, tl.is_finished()) {
            (true, _) => (" ❚❚ FROZEN ", false),
            (false, false) => (" ● LIVE ", true),
            (false, true) => (" ■ DONE ", false),
        };
        let mut spans = Vec::new();
        if self.time {
            spans.extend([
                Span::styled(tl.show_ns(tl.now_ns()), theme.bar_strong()),
                sep(),
            ]);
        }
        spans.extend([
            Span::styled(speed, theme.bar()),
            sep(),
            Span::styled(badge, theme.badge(live, self.frozen)),
        ]);
        if let Some(step) = self.step {
            spans.extend([
                sep(),
                Span::styled(format!(" {} ", step.status()), theme.badge(false, true)),
            ]);
        }
        let dropped = tl.dropped_events();
        if dropped > 0 {
            spans.extend([
                sep(),
                Span::styled(format!("{dropped} dropped"), theme.banner()),
            ]);
        }
        let zoom = match (room, self.zoom) {
            (true, _) => Some(ZOOM_ROOM.to_string()),
            (false, z) => z.map(|z| format!("zoom {}", tl.show_ns(z))),
        };
        if let Some(z) = zoom {
            spans.extend([sep(), Span::styled(z, theme.bar())]);
        }
        let cursor = match (room, self.cursor) {
            (true, _) => Some(CURSOR_ROOM.to_string()),
            (false, c) => c.map(|c| format!("cursor {}", tl.show_ns(c))),
        };
        if let Some(c) = cursor {
            spans.extend([sep(), Span::styled(c, theme.bar_strong())]);
        }
        spans
    }
}

/// Draws a status bar: `head(level)` (what the screen is), then `tail`, at the most
/// detailed level whose longest form fits.
pub fn draw_bar(
    app: &App,
    head: impl Fn(u8) -> Vec<Span<'static>>,
    tail: &Tail,
    area: Rect,
    buf: &mut Buffer,
) {
    fill(buf, area, app.theme.bar());
    let line = |level: u8, room: bool| {
        let sep = Span::styled(if level > 0 { "│" } else { " │ " }, app.theme.bar());
        let mut spans = head(level);
        spans.push(sep);
        spans.extend(tail.spans(app, level, room));
        Line::from(spans)
    };
    let width = usize::from(area.width);
    let level = (0..2)
        .find(|&l| line(l, true).width() <= width)
        .unwrap_or(2);
    line(level, false).render(area, buf);
}

/// The top row: scenario, runtime, the time shown, speed, live / frozen / done, step mode,
/// dropped events, zoom and cursor. Narrow terminals get the short form of each item.
pub fn draw_status(app: &App, run: &RunView, step: Option<&Stepper>, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let tl = run.shown();
    let info = tl.info();
    let head = |level: u8| {
        let runtime = match level {
            0 => info.runtime_words(),
            _ => info.runtime_short(),
        };
        let mut spans = Vec::new();
        if level == 0 {
            spans.push(Span::styled(" taskscope │ ", theme.bar_strong()));
            spans.push(Span::styled(info.scenario.clone(), theme.bar_strong()));
        } else {
            spans.push(Span::styled(
                format!(" {} ", info.scenario),
                theme.bar_strong(),
            ));
        }
        if level < 2 {
            let sep = if level == 0 { " │ " } else { "│" };
            spans.push(Span::styled(format!("{sep}{runtime}"), theme.bar()));
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
        cursor: run.cursor,
        zoom: run.zoom,
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
