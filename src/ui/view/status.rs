//! The top of the run view: the status bar, the banner of a finding happening now, and the
//! narration row. Every time on them is the scenario's own; the status bar adds the speed
//! and the real time, and keeps its layout when the cursor or the zoom appear.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::source::Status;
use crate::timeline::{Finding, Timeline};
use crate::ui::app::App;
use crate::ui::layout::is_news;
use crate::ui::run_view::RunView;
use crate::ui::screen::AttachScreen;
use crate::ui::step::Stepper;

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

/// One cell of a bar: its text, drawn with one blank on each side (in the cell's own style:
/// a badge is a block of colour that holds its blanks), and `│` between cells. Every cell
/// of every bar reads the same, `│ text │`, whatever its width.
pub struct Cell {
    text: String,
    style: Style,
}

impl Cell {
    /// A cell of `text` in `style`.
    pub fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

/// The cells side by side, each padded by one blank, separated by `│` in `sep`.
pub fn bar_line(cells: Vec<Cell>, sep: Style) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", sep));
        }
        spans.push(Span::styled(format!(" {} ", cell.text), cell.style));
    }
    Line::from(spans)
}

/// A time on a bar's clock: seconds with three significant digits ("0.72 s", "3.11 s",
/// "12.4 s"), so that it keeps its width (six characters) from the start of a run to 99.9
/// s, and nothing after it moves while it ticks (the axis and the findings keep their
/// finer "720 ms").
pub fn clock(ns: u64) -> String {
    let secs = ns as f64 / 1e9;
    let decimals = match secs {
        s if s < 9.995 => 2,
        s if s < 99.95 => 1,
        _ => 0,
    };
    format!("{secs:.decimals$} s")
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

/// The widest clock the bar keeps room for (a built-in at 0.25x stays under it).
pub const TIME_ROOM: &str = "88.8 s";
/// The widest step-mode item: room is kept for it while step mode is off (Ctrl-T turns it
/// on in the middle of a run). Step mode never freezes the view, so it follows LIVE or DONE.
const STEP_ROOM: &str = "STEP 88/88 · n next";
/// The badges: live, frozen, done (LIVE and DONE as wide as each other, so step mode's
/// item after them never moves; FROZEN is never followed by it).
const BADGES: [&str; 3] = ["● LIVE", "❚❚ FROZEN", "■ DONE"];

/// How many layouts a bar has: 0 the richest, 4 the most compact.
const LEVELS: u8 = 5;

impl Tail<'_> {
    /// The cells at `level` of detail (0 full; 1 without the program's name; 2 short words;
    /// 3 without the runtime; 4 without the real time); with `room`, every cell is as wide
    /// as it can get during the run, for measuring.
    fn cells(&self, app: &App, level: u8, room: bool) -> Vec<Cell> {
        let theme = &app.theme;
        let tl = self.timeline;
        let mut speed = speed_text(self.speed);
        if level == 0 {
            speed = format!("speed {speed}");
        }
        if self.speed != 1.0 && level < 4 {
            let real = match room {
                true => TIME_ROOM.to_string(),
                false => clock(tl.now_ns()),
            };
            speed = format!("{speed} · {real} real");
        }
        let (badge, live) = match (self.frozen, tl.is_finished()) {
            _ if room => (BADGES[0], true),
            (true, _) => (BADGES[1], false),
            (false, false) => (BADGES[0], true),
            (false, true) => (BADGES[2], false),
        };
        let mut cells = Vec::new();
        if self.time {
            let time = match room {
                true => TIME_ROOM.to_string(),
                false => clock(tl.scenario_ns(tl.now_ns())),
            };
            cells.push(Cell::new(time, theme.bar_strong()));
        }
        cells.push(Cell::new(speed, theme.bar()));
        cells.push(Cell::new(badge, theme.badge(live, self.frozen)));
        let step = match (room, self.step) {
            (true, _) => Some(STEP_ROOM.to_string()),
            (false, step) => step.map(Stepper::status),
        };
        if let Some(step) = step {
            cells.push(Cell::new(step, theme.badge(false, true)));
        }
        // Rare or chosen for the next run: said after the rest, never moving it.
        let dropped = tl.dropped_events();
        if dropped > 0 && !room {
            cells.push(Cell::new(format!("{dropped} dropped"), theme.banner()));
        }
        if self.next_speed != self.speed && !room {
            let next = format!("next {}", speed_text(self.next_speed));
            cells.push(Cell::new(next, theme.bar()));
        }
        cells
    }
}

/// Draws a status bar: `head(level, room)` (what the screen is), then `tail`, at the most
/// detailed level whose widest form during the run fits `area`: the layout is chosen from
/// the width alone, and stays while the run is watched.
pub fn draw_bar(
    app: &App,
    head: impl Fn(u8, bool) -> Vec<Cell>,
    tail: &Tail,
    area: Rect,
    buf: &mut Buffer,
) {
    fill(buf, area, app.theme.bar());
    let line = |level: u8, room: bool| {
        let mut cells = head(level, room);
        cells.extend(tail.cells(app, level, room));
        bar_line(cells, app.theme.bar())
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
        let mut cells = Vec::new();
        if level == 0 {
            cells.push(Cell::new("taskscope", theme.bar_strong()));
        }
        cells.push(Cell::new(info.scenario.clone(), theme.bar_strong()));
        match level {
            0 | 1 => cells.push(Cell::new(info.runtime_words(), theme.bar())),
            2 => cells.push(Cell::new(info.runtime_short(), theme.bar())),
            _ => {}
        }
        cells
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
    let (badge, live) = match &attached.status {
        Status::Connecting => ("connecting …".to_string(), true),
        Status::Live => ("● connected".to_string(), true),
        Status::Reconnecting { attempt, .. } => (format!("reconnecting {attempt}"), false),
        Status::Done => ("■ done".to_string(), false),
        Status::Failed(_) => ("failed".to_string(), false),
    };
    let tl = run.shown();
    let mut cells = vec![
        Cell::new(format!("attach {}", attached.target), theme.bar_strong()),
        Cell::new(badge, theme.badge(live, !live)),
        Cell::new(clock(tl.scenario_ns(tl.now_ns())), theme.bar_strong()),
    ];
    if let Some(c) = run.cursor {
        let cursor = format!("cursor {}", tl.show_ns(c));
        cells.push(Cell::new(cursor, theme.bar_strong()));
    }
    if let Status::Failed(error) | Status::Reconnecting { error, .. } = &attached.status {
        cells.push(Cell::new(error.clone(), theme.bar()));
    }
    bar_line(cells, theme.bar()).render(area, buf);
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
