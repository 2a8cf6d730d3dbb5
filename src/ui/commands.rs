//! Whether a command can be used now, and why not: the one answer that dispatch (a message
//! instead of the command), the footer (which hints to show) and the help (which to dim)
//! all use.

use super::app::App;
use super::ask::Answering;
use super::keymap::Command;
use super::screen::Screen;
use crate::scenario::{Quiz, QuizKind};

/// Whether a command can be used now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// It does what the help says.
    Available,
    /// It does nothing now, for this reason (shown when the key is pressed).
    Unavailable(&'static str),
}

/// Why `n` does nothing outside step mode.
const NOT_STEPPING: &str = "n shows the next step start in step mode: ctrl-t turns it on";
/// Why an attached process has no step mode.
const NO_STEPS: &str = "an attached process has no scripted steps";
/// Why the view is not frozen in step mode.
const HELD: &str = "step mode holds the view already: n moves it on";
/// Why Esc does nothing on the menu.
const NOTHING_TO_CLEAR: &str = "no filter or marks to clear: q quits";
/// Why an attached process has no code pane.
const NO_LISTING: &str = "an attached process has no code listing";
/// Why an attached process cannot be rerun.
const NO_RERUN: &str = "attached to another process: it cannot be rerun or sped up";

/// Why Enter does nothing before the room's duration is typed, and what to type.
const TYPE_DURATION: &str =
    "type the room's answer first (2 is 2 s; 1.5s, 250ms), then Enter; Tab skips";
/// Why Enter does nothing before the room's number of polls is typed.
const TYPE_COUNT: &str =
    "type the room's answer first (a whole number, like 16), then Enter; Tab skips";
/// Why a Python program of the user's has no speed.
const SCRIPT_AS_IS: &str = "your program runs as it is, at its own pace";
/// Why a Python program of the user's has one listing.
const ONLY_PYTHON: &str = "your program is Python: there is no Rust listing of it";
/// Why a Python program of the user's has no step mode.
const NO_SCRIPT_STEPS: &str = "your program has no scripted steps";

/// Why `o` does nothing while the lanes are filtered.
const FOLDS_WAIT: &str = "folds wait while a filter is on: Esc clears it";
/// Why `o` does nothing on a lane with nothing to fold.
const NOTHING_TO_FOLD: &str = "nothing to fold: this lane has no parent, children or branches";
/// Why `O` does nothing.
const NOTHING_FOLDED: &str = "nothing is folded: o folds the selected task";

/// Whether `o` can fold (or unfold) something from the selected lane of `app`'s run.
fn can_fold(app: &App) -> Availability {
    let Some(run) = app.run() else {
        return Availability::Unavailable(NOTHING_TO_FOLD);
    };
    if run.choice.filtering() {
        return Availability::Unavailable(FOLDS_WAIT);
    }
    let foldable = run
        .selected
        .is_some_and(|id| run.choice.folds.contains(&id) || run.fold_target(id).is_some());
    if foldable {
        Availability::Available
    } else {
        Availability::Unavailable(NOTHING_TO_FOLD)
    }
}

/// What to type, if the question up is answered with a number and none is typed yet.
fn nothing_typed(app: &App) -> Option<&'static str> {
    match &app.screen {
        Screen::Ask(ask) if ask.answering() == Answering::Typed && ask.typed.trim().is_empty() => {
            Some(match ask.quiz().map(Quiz::kind) {
                Some(QuizKind::Polls) => TYPE_COUNT,
                _ => TYPE_DURATION,
            })
        }
        _ => None,
    }
}

/// Whether `command` can be used in `app`'s state now.
pub fn availability(app: &App, command: Command) -> Availability {
    use Availability::{Available, Unavailable};
    let attached = matches!(app.screen, Screen::Attach(_));
    let script = app.run().is_some_and(|r| r.script.is_some());
    let stepping = app.screen.step().is_some();
    match command {
        Command::Speed if script => Unavailable(SCRIPT_AS_IS),
        Command::Language if script => Unavailable(ONLY_PYTHON),
        Command::StepMode if script => Unavailable(NO_SCRIPT_STEPS),
        Command::NextStep if !stepping => Unavailable(NOT_STEPPING),
        Command::StepMode if attached => Unavailable(NO_STEPS),
        Command::Freeze if stepping => Unavailable(HELD),
        Command::Back if matches!(app.screen, Screen::Menu) => {
            let menu = &app.menu;
            if menu.editing || !menu.filter.is_empty() || !menu.marks.is_empty() {
                Available
            } else {
                Unavailable(NOTHING_TO_CLEAR)
            }
        }
        Command::Code | Command::Language if attached => Unavailable(NO_LISTING),
        Command::Rerun | Command::Speed if attached => Unavailable(NO_RERUN),
        Command::Fold => can_fold(app),
        Command::UnfoldAll if app.run().is_none_or(|r| r.choice.folds.is_empty()) => {
            Unavailable(NOTHING_FOLDED)
        }
        Command::Confirm => nothing_typed(app).map_or(Available, Unavailable),
        _ => Available,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_menu_everything_bound_there_is_available() {
        let app = App::new(Vec::new(), crate::ui::Theme::plain(true));
        for command in [Command::Up, Command::Run, Command::Mark, Command::Help] {
            assert_eq!(availability(&app, command), Availability::Available);
        }
        assert_eq!(
            availability(&app, Command::NextStep),
            Availability::Unavailable(NOT_STEPPING)
        );
    }
}
