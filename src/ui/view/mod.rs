//! The pure view: draws the [`App`] into a frame and changes nothing. It reads the derived
//! data and layouts kept beside the state (see `screen.rs`); it computes none of them.

mod ask;
mod axis;
mod caption;
pub mod code;
pub mod code_lines;
mod compare;
mod details;
mod findings;
mod footer;
mod help;
mod lanes;
mod lesson;
mod menu;
mod preview;
mod quiz;
mod rows;
mod rule;
mod status;
mod title;
mod wakes;
mod workers;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::app::{App, Overlay};
pub use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::screen::{AttachScreen, RunScreen, Screen};

pub use menu::{ENTRY_ROWS, ListRow, MenuLayout, group, list_rows};
pub use rows::Band;
pub use status::speed_text;

/// Draws the whole screen for `app`.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// Draws `app` into `buf` over `area` (what [`view`] does, for callers without a `Frame`).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(canvas) = app.theme.canvas() {
        buf.set_style(area, canvas);
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, area, buf);
        return;
    }
    match &app.screen {
        Screen::Menu => menu::draw(app, area, buf),
        Screen::Run(screen) => draw_run(app, screen, None, buf),
        Screen::Attach(attach) => draw_run(app, &attach.view, Some(attach), buf),
        Screen::Compare(compare) => compare::draw(app, compare, buf),
        Screen::Ask(ask) => ask::draw(app, ask, area, buf),
    }
    match app.overlay {
        Overlay::Help => help::draw_help(app, area, buf),
        Overlay::Lesson => help::draw_lesson(app, area, buf),
        Overlay::None => {}
    }
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::styled(
            format!("enlarge to at least {MIN_WIDTH}x{MIN_HEIGHT}"),
            app.theme.strong(),
        ),
        Line::styled(
            format!("(now {}x{})", area.width, area.height),
            app.theme.dim(),
        ),
    ];
    let y = area.y + area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, y, area.width, area.height.min(2));
    Paragraph::new(lines).centered().render(rect, buf);
}

fn draw_run(app: &App, screen: &RunScreen, attach: Option<&AttachScreen>, buf: &mut Buffer) {
    let (run, layout) = (&screen.run, &screen.layout);
    let (lanes, _) = run.lanes();
    let findings = run.findings();
    let window = run.window(layout.chart_cols());
    match attach {
        Some(attach) => status::draw_attach_status(app, run, attach, layout.status, buf),
        None => status::draw_status(app, run, screen.step.as_ref(), layout.status, buf),
    }
    if let Some(rect) = layout.banner {
        status::draw_banner(app, findings, rect, buf);
    }
    let tl = run.shown();
    let empty = run.script.is_some() && tl.is_finished() && tl.tasks().is_empty();
    match run.note.as_deref().filter(|_| empty) {
        // A program that ran no asyncio task (a SyntaxError): why, in full, where the lanes
        // would be, rather than an empty worker lane.
        Some(note) => {
            let top = layout.caption.unwrap_or(layout.axis);
            let rows = layout.tasks.bottom().saturating_sub(top.y);
            let rect = Rect::new(top.x + 1, top.y, top.width.saturating_sub(2), rows);
            Paragraph::new(note)
                .style(app.theme.strong())
                .wrap(ratatui::widgets::Wrap { trim: false })
                .render(rect, buf);
        }
        None => {
            if let Some(rect) = layout.caption {
                caption::draw_caption(app, run, None, rect, buf);
            }
            let area = layout.lanes();
            axis::draw(app, run, layout.axis, &area, &window, buf);
            workers::draw_workers(app, run, &area, &window, buf);
            lanes::draw_rule(app, run, area.task_lanes(), layout.rule, buf);
            let code = layout.code.is_some();
            lanes::draw_tasks(app, run, &area, &window, lanes, code, buf);
            wakes::draw_wakes(app, run, &area, &window, lanes, buf);
        }
    }
    if let (Some(attach), true) = (attach, lanes.is_empty()) {
        status::draw_attach_waiting(app, attach, layout.tasks, buf);
    }
    if let (Some(rect), Some(quiz)) = (layout.quiz, run.quiz(app.picture)) {
        quiz::draw_quiz_pane(app, &quiz, rect, buf);
    }
    if let Some(rect) = layout.lesson {
        lesson::draw_lesson_pane(app, run, rect, buf);
    }
    if let Some(rect) = layout.findings {
        let listed = findings::settled(run.shown(), findings, "");
        findings::draw_findings(app, &listed, rect, buf);
    }
    if let Some(rect) = layout.details {
        details::draw(app, run, rect, buf);
    }
    if let Some(rect) = layout.code {
        code::draw(app, run, rect, buf);
    }
    footer::draw_legend(app, &[run.shown()], layout.legend, buf);
    if let Some(rect) = layout.footer {
        footer::draw_footer(app, app.context(), rect, buf);
    }
}
