//! Each runtime's own lesson and question: a multi_thread built-in asks asyncio a question
//! about the one loop and shows the lesson of its `[asyncio]` table there, tokio's on tokio.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::source::Engine;

/// The menu filtered to `name` and run on `engine`: the screen the question is asked on.
fn asked(name: &str, engine: Engine) -> App {
    let mut app = menu_app(true, 120, 40);
    if engine == Engine::Asyncio {
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        let _ = update(&mut app, Msg::Key(ctrl_r));
    }
    let _ = ch(&mut app, '/');
    for c in name.chars() {
        let _ = ch(&mut app, c);
    }
    let _ = key(&mut app, KeyCode::Enter);
    let _ = key(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Ask(_)), "the question first");
    app
}

#[test]
fn asyncio_is_asked_its_own_question_and_shown_its_own_lesson() {
    let mut app = asked("multi-thread-blocking", Engine::Asyncio);
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("resize_images blocks asyncio's one loop"),
        "{screen}"
    );
    let _ = key(&mut app, KeyCode::Tab);
    assert_eq!(run(&app).engine(), Engine::Asyncio);
    assert!(
        run(&app)
            .lesson()
            .starts_with("On tokio this runs on 4 workers")
    );
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("On tokio this runs on 4 workers"),
        "{screen}"
    );
    assert_ne!(run(&app).lesson(), run(&app).scenario.lesson);
}

#[test]
fn tokio_is_asked_the_scenario_s_own_question_and_shown_its_own_lesson() {
    let mut app = asked("multi-thread-blocking", Engine::Tokio);
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("resize_images blocks one of the four workers"),
        "{screen}"
    );
    let _ = key(&mut app, KeyCode::Tab);
    assert_eq!(run(&app).lesson(), run(&app).scenario.lesson);
    let screen = screen_text(&render(&app));
    assert!(
        screen.contains("A multi_thread runtime has several workers"),
        "{screen}"
    );
}
