//! The question screen's keys: a digit answers (or ticks a choice of a set question), Enter
//! runs with the choices ticked or the number typed, Tab runs without asking, Esc goes back
//! to the menu. Once answered, what was waiting opens, with the room's answer kept beside
//! the run to be judged by it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::ask::Answering;
use super::keymap::Command;
use super::launch::{back_to_menu, open};
use super::msg::Effects;
use super::screen::Screen;
use crate::quiz::Answer;

/// Longest answer the room can type.
const MAX_TYPED: usize = 24;

/// Folds a command of the question screen into `app`; `key` is the key that gave it (its
/// digit, for a choice).
pub(super) fn ask_command(app: &mut App, command: Command, key: &KeyEvent) -> Effects {
    let Screen::Ask(ask) = &mut app.screen else {
        return Effects::none();
    };
    match command {
        Command::Choose => {
            let count = ask.choices().len();
            let Some(i) = digit(key).filter(|&i| i < count) else {
                app.flash = Some(which_digits(count));
                return Effects::none();
            };
            if ask.answering() == Answering::Set {
                ask.toggle(i);
                return Effects::none();
            }
            proceed(app, Some(Answer::Choice(i)))
        }
        Command::Confirm => match ask.answering() {
            Answering::Set => {
                let mut ticked = ask.ticked.clone();
                ticked.sort_unstable();
                proceed(app, Some(Answer::Choices(ticked)))
            }
            Answering::Typed => {
                let kind = ask.quiz().map(|q| q.kind());
                let typed = kind.map(|k| Answer::typed(k, &ask.typed));
                match typed {
                    Some(Ok(answer)) => proceed(app, Some(answer)),
                    Some(Err(why)) => {
                        ask.refused = Some(why);
                        Effects::none()
                    }
                    None => proceed(app, None),
                }
            }
            Answering::One => Effects::none(),
        },
        Command::Skip => proceed(app, None),
        Command::Back => back_to_menu(app),
        _ => Effects::none(),
    }
}

/// A key with no binding while the room's number is typed: characters type, Backspace
/// erases.
pub(super) fn edit_typed(app: &mut App, key: KeyEvent) {
    let Screen::Ask(ask) = &mut app.screen else {
        return;
    };
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                && ask.typed.chars().count() < MAX_TYPED =>
        {
            ask.typed.push(c);
        }
        KeyCode::Backspace => {
            ask.typed.pop();
        }
        _ => return,
    }
    ask.refused = None;
}

/// The choice a digit key answers with: 1 is the first.
fn digit(key: &KeyEvent) -> Option<usize> {
    match key.code {
        KeyCode::Char(c) => c.to_digit(10)?.checked_sub(1).map(|i| i as usize),
        _ => None,
    }
}

/// What to press instead of a digit beyond the choices.
fn which_digits(count: usize) -> String {
    match count {
        0 | 1 => "press 1".to_string(),
        2 => "2 choices: press 1 or 2".to_string(),
        n => format!("{n} choices: press 1 to {n}"),
    }
}

/// What the footer says when a key that answers nothing is pressed on the question screen.
pub(super) fn how_to_answer(app: &App) -> Option<String> {
    let Screen::Ask(ask) = &app.screen else {
        return None;
    };
    let digits = which_digits(ask.choices().len());
    let then = match ask.answering() {
        Answering::Set => ", Enter runs",
        _ => "",
    };
    Some(format!("{digits}{then} · Tab runs without asking"))
}

/// Opens what waited for the answer, and keeps the room's answer (None: not asked) beside
/// the run it is about.
fn proceed(app: &mut App, answer: Option<Answer>) -> Effects {
    let Screen::Ask(ask) = std::mem::replace(&mut app.screen, Screen::Menu) else {
        return Effects::none();
    };
    let effects = open(app, ask.then);
    if let Some(screen) = app.screen.single_mut() {
        screen.run.answer = answer;
    }
    effects
}
