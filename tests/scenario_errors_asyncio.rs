//! Snapshots of the diagnostics for `[asyncio]`, the lesson and question a run on asyncio
//! tells instead: each mistake located like any other, with what was expected; and which
//! question each runtime asks (a `[quiz]` asyncio cannot settle is not asked there).

mod diagnostics;

use diagnostics::{error, with_header};
use taskscope::scenario;
use taskscope::source::Engine;

/// A valid scenario with a timeout and a race, followed by `rest`.
fn with_tables(rest: &str) -> String {
    with_header(&format!(
        r#"[functions]
main = [
  {{ timeout = "1s", call = "fetch_report", on_timeout = "continue" }},
  {{ race = ["fetch_weather", "fetch_news"] }},
]
fetch_report = [{{ sleep = "2s" }}]
fetch_weather = [{{ sleep = "1s" }}]
fetch_news = [{{ sleep = "2s" }}]

{rest}"#
    ))
}

/// A question about main's duration, under `header`.
fn main_quiz(header: &str) -> String {
    format!("{header}\nask = \"How long?\"\nkind = \"duration\"\nof = \"main\"\n")
}

#[test]
fn unknown_key_in_asyncio() {
    insta::assert_snapshot!(error(&with_tables("[asyncio]\nlesons = \"One loop.\"\n")));
}

#[test]
fn asyncio_that_is_not_a_table() {
    insta::assert_snapshot!(error(&with_header(
        "asyncio = \"one loop\"\n\n[functions]\nmain = [{ sleep = \"1s\" }]\n"
    )));
}

#[test]
fn empty_asyncio_lesson() {
    insta::assert_snapshot!(error(&with_tables("[asyncio]\nlesson = \"  \"\n")));
}

#[test]
fn empty_asyncio_table() {
    insta::assert_snapshot!(error(&with_tables("[asyncio]\n")));
}

#[test]
fn asyncio_quiz_mistakes_are_told_as_asyncio_quiz() {
    let quiz = "[asyncio.quiz]\nask = \"How long?\"\nkind = \"duration\"\nchoises = [\"1s\"]\n";
    insta::assert_snapshot!(error(&with_tables(quiz)));
}

#[test]
fn asyncio_quiz_about_a_task_asyncio_does_not_have() {
    let quiz = "[asyncio.quiz]\nask = \"How long?\"\nkind = \"duration\"\nof = \"fetch_nothing\"\n";
    insta::assert_snapshot!(error(&with_tables(quiz)));
}

#[test]
fn a_quiz_asyncio_cannot_settle_is_asked_on_tokio_only() {
    // A multi_thread scenario's question is about tokio's workers.
    let source = with_header(&format!(
        "[runtime]\nflavor = \"multi_thread\"\n\n[functions]\nmain = [{{ sleep = \"1s\" }}]\n\n{}",
        main_quiz("[quiz]")
    ));
    let s = scenario::parse(&source, "workers.toml").expect("valid");
    assert!(Engine::Tokio.quiz(&s).is_some());
    assert_eq!(Engine::Asyncio.quiz(&s), None);
    // `f-2`, the second entry of a race on tokio, is a task named `f` on asyncio.
    let source = with_header(
        "[functions]\nmain = [{ race = [\"f\", \"f\"] }]\nf = [{ sleep = \"1s\" }]\n\n\
         [quiz]\nask = \"Which first?\"\nkind = \"first\"\nchoices = [\"f\", \"f-2\"]\n",
    );
    let s = scenario::parse(&source, "race.toml").expect("valid");
    assert!(Engine::Tokio.quiz(&s).is_some());
    assert_eq!(Engine::Asyncio.quiz(&s), None);
}

#[test]
fn each_runtime_tells_its_own_lesson_and_question() {
    let source = with_header(&format!(
        "lesson = \"Four workers.\"\n\n[runtime]\nflavor = \"multi_thread\"\n\n\
         [asyncio]\nlesson = \"One loop.\"\n\n[functions]\nmain = [{{ sleep = \"1s\" }}]\n\n\
         {}\n{}\nchoices = [\"1s\", \"2s\"]\n",
        main_quiz("[quiz]"),
        main_quiz("[asyncio.quiz]").trim_end()
    ));
    let s = scenario::parse(&source, "both.toml").expect("valid");
    assert_eq!(Engine::Tokio.lesson(&s), "Four workers.");
    assert_eq!(Engine::Asyncio.lesson(&s), "One loop.");
    let choices = |engine: Engine| engine.quiz(&s).map(|q| q.choices().len());
    assert_eq!(
        (choices(Engine::Tokio), choices(Engine::Asyncio)),
        (Some(0), Some(2))
    );
}

#[test]
fn without_asyncio_both_runtimes_tell_the_same() {
    let source = with_tables(&main_quiz("[quiz]"));
    let s = scenario::parse(&source, "same.toml").expect("valid");
    assert_eq!(Engine::Tokio.lesson(&s), Engine::Asyncio.lesson(&s));
    assert_eq!(Engine::Tokio.quiz(&s), Engine::Asyncio.quiz(&s));
    assert!(s.quiz.is_some());
}

#[test]
fn asyncio_names_race_entries_as_tasks_and_timeout_calls_as_branches() {
    let s = scenario::parse(&with_tables(""), "names.toml").expect("valid");
    assert_eq!(
        scenario::asyncio_lane_names(&s),
        ["main", "fetch_report", "fetch_weather", "fetch_news"]
    );
    assert_eq!(
        scenario::lane_names(&s),
        ["main", "fetch_report", "fetch_weather", "fetch_news"]
    );
}
