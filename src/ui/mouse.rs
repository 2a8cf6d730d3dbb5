//! Mouse messages: a click selects a lane (and puts the time cursor there) or a menu
//! entry (a second click runs it); the wheel zooms time, or moves through the menu. Hits are
//! tested against the layout kept beside the screen: what was drawn.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::app::App;
use super::keymap::Command;
use super::menu_keys::menu_command;
use super::msg::Effects;
use super::run_keys::zoom;
use super::screen::Screen;
use super::view::{ENTRY_ROWS, MenuLayout, list_rows};

/// Folds a mouse event into `app` (mouse reporting is on).
pub(super) fn on_mouse(app: &mut App, mouse: MouseEvent) -> Effects {
    let (x, y) = (mouse.column, mouse.row);
    match app.screen {
        Screen::Menu => {
            let layout = MenuLayout::new(app.area());
            match mouse.kind {
                MouseEventKind::ScrollUp => return menu_command(app, Command::Up),
                MouseEventKind::ScrollDown => return menu_command(app, Command::Down),
                MouseEventKind::Down(MouseButton::Left) if layout.list.contains((x, y).into()) => {
                    let filtered = app.menu.filtered();
                    let rows = list_rows(&app.menu, &filtered, layout.list.height);
                    let dy = y - layout.list.y;
                    let hit = rows
                        .iter()
                        .find(|r| r.heading.is_none() && (r.y..r.y + ENTRY_ROWS).contains(&dy));
                    if let Some(row) = hit {
                        if row.pos == app.menu.selected {
                            return menu_command(app, Command::Run);
                        }
                        app.menu.selected = row.pos;
                    }
                }
                _ => {}
            }
        }
        Screen::Compare(_) | Screen::Ask(_) => {}
        Screen::Run(_) | Screen::Attach(_) => {
            let Some(screen) = app.screen.single_mut() else {
                return Effects::none();
            };
            let layout = screen.layout;
            let run = &mut screen.run;
            let window = run.window(layout.chart_cols());
            let in_chart = x >= layout.chart_x() && x < layout.tasks.right();
            let time = in_chart.then(|| {
                window
                    .col_start(x - layout.chart_x())
                    .min(run.shown().now_ns())
            });
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    if layout.tasks.contains((x, y).into()) {
                        let i = run.scroll + layout.lanes().task_at(y);
                        if let Some(&id) = run.lanes().0.get(i) {
                            run.selected = Some(id);
                        }
                    }
                    let on_lanes = layout.tasks.contains((x, y).into())
                        || layout.workers.contains((x, y).into());
                    if on_lanes && let Some(t) = time {
                        run.cursor = Some(t);
                    }
                }
                MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                    if let Some(t) = time {
                        run.cursor = Some(t);
                    }
                    zoom(
                        run,
                        layout.chart_cols(),
                        mouse.kind == MouseEventKind::ScrollUp,
                    );
                }
                _ => {}
            }
        }
    }
    Effects::none()
}
