//! The narration row of a run (of one of a comparison's runs, after its name): the step's
//! words, then who said it and when (`slow_sync_call at 101 ms`), so that the room can tell
//! a caption about an earlier step from one about now. Where the row is short, the speaker
//! goes first, then the end of the sentence: the time always stays. Or the source's note
//! about its lanes, ending with `…` where the row cuts it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::ui::app::App;
use crate::ui::run_view::RunView;
use crate::ui::words::fit;

/// Draws `run`'s narration (or its note) in `area`, after `name: ` when one is given.
pub fn draw_caption(app: &App, run: &RunView, name: Option<&str>, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let head = name.map(|n| format!("{n}: ")).unwrap_or_default();
    if let Some(note) = &run.note {
        let text = fit(
            &format!("{head}{note}"),
            usize::from(area.width).saturating_sub(3),
        );
        Line::styled(format!(" i {text}"), theme.dim()).render(area, buf);
        return;
    }
    let Some(caption) = run.caption() else {
        return;
    };
    let tl = run.shown();
    let who = tl.task(caption.task).map_or("", |t| t.name.as_str());
    let at = tl.show_ns(caption.at_ns);
    let room = usize::from(area.width).saturating_sub(3 + head.chars().count());
    let say = caption.say.chars().count();
    let long = format!("   {who} at {at}");
    let short = format!("   at {at}");
    let (words, tail) = if say + long.chars().count() <= room {
        (caption.say.clone(), long)
    } else {
        let tail = short;
        (
            fit(&caption.say, room.saturating_sub(tail.chars().count())),
            tail,
        )
    };
    Line::from(vec![
        Span::styled(" » ", theme.accent()),
        Span::styled(head, theme.strong()),
        Span::styled(words, theme.accent()),
        Span::styled(tail, theme.dim()),
    ])
    .render(area, buf);
}
