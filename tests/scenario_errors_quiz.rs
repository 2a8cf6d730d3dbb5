//! Snapshots of the diagnostics for `[quiz]`: every mistake in a question for the room is
//! located like any other mistake, with what was expected.

mod diagnostics;

use diagnostics::{error, with_header};

/// A valid scenario followed by `quiz`, the body of its `[quiz]` table.
fn with_quiz(quiz: &str) -> String {
    with_header(&format!(
        r#"[functions]
main = [
  {{ group = ["fetch_weather", "fetch_news"] }},
  {{ call = "render" }},
]
fetch_weather = [{{ sleep = "1s" }}]
fetch_news = [{{ sleep = "1s" }}]
render = [{{ sleep = "100ms" }}]

[quiz]
{quiz}"#
    ))
}

#[test]
fn unknown_key_in_quiz() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nchoises = [\"1s\", \"2s\"]\n"
    )));
}

#[test]
fn quiz_without_a_question() {
    insta::assert_snapshot!(error(&with_quiz("kind = \"duration\"\nof = \"main\"\n")));
}

#[test]
fn question_longer_than_the_limit() {
    let ask = "How long does it take? ".repeat(10);
    insta::assert_snapshot!(error(&with_quiz(&format!(
        "ask = \"{ask}\"\nkind = \"duration\"\n"
    ))));
}

#[test]
fn quiz_without_a_kind() {
    insta::assert_snapshot!(error(&with_quiz("ask = \"How long?\"\nof = \"main\"\n")));
}

#[test]
fn unknown_quiz_kind() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"Which one?\"\nkind = \"frist\"\nchoices = [\"fetch_weather\", \"fetch_news\"]\n"
    )));
}

#[test]
fn of_on_a_first_question() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"Which one?\"\nkind = \"first\"\nof = \"main\"\nchoices = [\"fetch_weather\", \"fetch_news\"]\n"
    )));
}

#[test]
fn polls_question_without_of() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How many polls?\"\nkind = \"polls\"\nchoices = [1, 2]\n"
    )));
}

#[test]
fn cancelled_question_without_choices() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"Which get cancelled?\"\nkind = \"cancelled\"\n"
    )));
}

#[test]
fn a_single_choice() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nchoices = [\"1s\"]\n"
    )));
}

#[test]
fn more_choices_than_digits() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How many polls?\"\nkind = \"polls\"\nof = \"main\"\nchoices = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
    )));
}

#[test]
fn the_same_duration_twice() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nchoices = [\"1s\", \"2s\", \"1000ms\"]\n"
    )));
}

#[test]
fn duration_choices_written_as_numbers() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nchoices = [1, 2]\n"
    )));
}

#[test]
fn duration_choice_with_a_spelled_out_unit() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nchoices = [\"1s\", \"2 sec\"]\n"
    )));
}

#[test]
fn duration_choice_longer_than_an_hour() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nchoices = [\"1s\", \"61m\"]\n"
    )));
}

#[test]
fn count_beyond_its_bound() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How many polls?\"\nkind = \"polls\"\nof = \"main\"\nchoices = [1, 2000000000]\n"
    )));
}

#[test]
fn choice_that_is_no_task() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"Which one?\"\nkind = \"first\"\nchoices = [\"fetch_weather\", \"fetch_nwes\"]\n"
    )));
}

#[test]
fn of_a_function_that_is_not_a_task() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nof = \"render\"\n"
    )));
}

#[test]
fn choice_that_is_not_a_name() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"Which one?\"\nkind = \"first\"\nchoices = [\"fetch weather\", \"fetch_news\"]\n"
    )));
}

#[test]
fn choice_longer_than_the_limit() {
    let long = "fetch_".repeat(11);
    insta::assert_snapshot!(error(&with_quiz(&format!(
        "ask = \"Which one?\"\nkind = \"first\"\nchoices = [\"{long}\", \"fetch_news\"]\n"
    ))));
}

#[test]
fn quiz_that_is_not_a_table() {
    insta::assert_snapshot!(error(&with_header(
        "quiz = \"How long?\"\n\n[functions]\nmain = [{ sleep = \"1s\" }]\n"
    )));
}

#[test]
fn lesson_written_after_the_quiz_table() {
    insta::assert_snapshot!(error(&with_quiz(
        "ask = \"How long?\"\nkind = \"duration\"\nlesson = \"Waits add up.\"\n"
    )));
}
