//! What a person sees for each kind of mistake in a scenario file: the full rendered
//! diagnostic, snapshot-tested so a change in wording or position is reviewed. The file,
//! its steps, durations, the runtime and the combinators here; what calls, spawns and joins
//! refer to in `scenario_errors_tasks.rs`.

mod diagnostics;

use diagnostics::{error, with_header};
use taskscope::scenario;

#[test]
fn toml_syntax_error() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { sleep = "1s", label = "GET /weather },
]
"#
    )));
}

#[test]
fn missing_name() {
    insta::assert_snapshot!(error(
        r#"summary = "No name."

[functions]
main = [{ sleep = "1s" }]
"#
    ));
}

#[test]
fn missing_summary() {
    insta::assert_snapshot!(error(
        r#"name = "no-summary"

[functions]
main = [{ sleep = "1s" }]
"#
    ));
}

#[test]
fn missing_main() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
start = [
  { call = "fetch_weather" },
]
fetch_weather = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn unknown_top_level_key() {
    insta::assert_snapshot!(error(&with_header(
        r#"descripton = "typo"

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn top_level_key_after_a_table_header() {
    insta::assert_snapshot!(error(
        r#"name = "late-lesson"

[runtime]
flavor = "current_thread"
summary = "This ended up inside [runtime]."

[functions]
main = [{ sleep = "1s" }]
"#
    ));
}

#[test]
fn unknown_step_verb() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { slep = "1s", label = "GET /weather" },
]
"#
    )));
}

#[test]
fn two_verbs_in_one_step() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { sleep = "1s", call = "fetch_news" },
]
fetch_news = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn step_without_a_verb() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { label = "GET /weather", say = "We fetch the weather." },
]
"#
    )));
}

#[test]
fn step_written_as_a_plain_string() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  "fetch_weather",
]
fetch_weather = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn duration_with_a_spelled_out_unit() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { sleep = "1 sec", label = "GET /weather" },
]
"#
    )));
}

#[test]
fn duration_without_a_unit() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { sleep = "1" },
]
"#
    )));
}

#[test]
fn duration_as_a_bare_number() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { block = 2 },
]
"#
    )));
}

#[test]
fn negative_duration() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { spin = "-1s" },
]
"#
    )));
}

#[test]
fn zero_duration() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { sleep = "0ms" },
]
"#
    )));
}

#[test]
fn zero_workers() {
    insta::assert_snapshot!(error(&with_header(
        r#"[runtime]
flavor = "multi_thread"
workers = 0

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn workers_on_current_thread() {
    insta::assert_snapshot!(error(&with_header(
        r#"[runtime]
flavor = "current_thread"
workers = 4

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn unknown_flavor() {
    insta::assert_snapshot!(error(&with_header(
        r#"[runtime]
flavor = "multi_threaded"

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn timeout_without_call() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { timeout = "1s", label = "GET /slow-report" },
]
"#
    )));
}

#[test]
fn bad_on_timeout_choice() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { timeout = "1s", call = "slow", on_timeout = "ignore" },
]
slow = [{ sleep = "3s" }]
"#
    )));
}

#[test]
fn repeat_zero_times() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { repeat = 0, call = "tick" },
]
tick = [{ sleep = "100ms" }]
"#
    )));
}

#[test]
fn empty_group() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { group = [], say = "Nothing to run." },
]
"#
    )));
}

#[test]
fn empty_race() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { race = [] },
]
"#
    )));
}

#[test]
fn yield_with_a_count() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { yield = 3 },
]
"#
    )));
}

#[test]
fn function_that_is_not_a_list() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = { sleep = "1s" }
"#
    )));
}

#[test]
fn file_that_does_not_exist() {
    let diagnostic = scenario::load_file(std::path::Path::new("scenarios/missing.toml"))
        .expect_err("the file does not exist");
    insta::assert_snapshot!(diagnostic.to_string());
}

#[test]
fn unknown_scenario_name() {
    let diagnostic = scenario::resolve("blocking-freze").expect_err("no such scenario");
    insta::assert_snapshot!(diagnostic.to_string());
}

#[test]
fn scenario_file_path_that_does_not_exist() {
    let diagnostic = scenario::resolve("my-scenarios/chain.toml").expect_err("no such file");
    insta::assert_snapshot!(diagnostic.to_string());
}
