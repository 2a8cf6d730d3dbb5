//! Snapshots of the diagnostics for what a step refers to: a function that does not
//! exist, a cycle of calls or spawns, a join of a task never spawned (or twice), `main`
//! called or started again, `as` outside a spawn, two tasks of one name (see
//! `scenario_errors.rs` for the file, its steps and durations).

mod diagnostics;

use diagnostics::{error, with_header};

#[test]
fn unknown_function() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { call = "fetch_weather" },
  { call = "fetch_wether" },
]
fetch_weather = [{ sleep = "1s" }]
fetch_news = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn call_cycle() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [{ call = "fetch_page" }]
fetch_page = [
  { sleep = "200ms", label = "GET /page/1" },
  { call = "retry" },
]
retry = [
  { sleep = "1s", label = "backoff" },
  { call = "fetch_page" },
]
"#
    )));
}

#[test]
fn spawn_cycle() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [{ spawn = "worker" }]
worker = [
  { sleep = "100ms" },
  { spawn = "worker" },
]
"#
    )));
}

#[test]
fn join_of_a_task_never_spawned() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { spawn = "fetch_weather" },
  { spawn = "fetch_news", as = "news" },
  { join = "fetch_news" },
]
fetch_weather = [{ sleep = "1s" }]
fetch_news = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn join_before_any_spawn() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { join = "fetch_news" },
]
fetch_news = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn join_twice() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { spawn = "fetch_news" },
  { join = "fetch_news" },
  { join = "fetch_news" },
]
fetch_news = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn main_called_by_another_function() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [{ call = "restart" }]
restart = [
  { sleep = "1s" },
  { call = "main" },
]
"#
    )));
}

#[test]
fn main_started_in_a_group() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { group = ["fetch_news", "main"] },
]
fetch_news = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn as_outside_spawn() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { group = ["fetch_news"], as = "news" },
]
fetch_news = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn same_task_name_spawned_twice() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { spawn = "fetch_news", as = "news" },
  { spawn = "fetch_weather", as = "news" },
]
fetch_news = [{ sleep = "1s" }]
fetch_weather = [{ sleep = "1s" }]
"#
    )));
}
