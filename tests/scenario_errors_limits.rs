//! What a person sees for a number beyond its documented bound, a file too large, a nesting
//! too deep, or bytes that are not UTF-8: file, line, column, the line, a caret, and the
//! bound in the message or the help.

mod diagnostics;

use diagnostics::{error, with_header};
use taskscope::limits::{MAX_LIST, MAX_NESTING, MAX_RESOURCES, MAX_SCENARIO_BYTES};
use taskscope::scenario;

#[test]
fn duration_beyond_what_a_duration_holds() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { sleep = "99999999999s" },
]
"#
    )));
}

#[test]
fn duration_longer_than_an_hour() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { timeout = "61m", call = "slow" },
]
slow = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn stream_with_more_cpu_work_than_an_hour() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { stream = 1000000, each = "10ms" },
]
"#
    )));
}

#[test]
fn repeat_beyond_its_bound() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { repeat = 100001, call = "tick" },
]
tick = [{ yield = true }]
"#
    )));
}

#[test]
fn semaphore_with_too_many_permits() {
    insta::assert_snapshot!(error(&with_header(
        r#"[resources]
pool = { semaphore = 99999999999999999999 }

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn too_many_workers() {
    insta::assert_snapshot!(error(&with_header(
        r#"[runtime]
flavor = "multi_thread"
workers = 65

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn group_listing_too_many_functions() {
    let entries = vec!["\"f\""; MAX_LIST + 1].join(", ");
    insta::assert_snapshot!(error(&with_header(&format!(
        "[functions]\nmain = [\n  {{ group = [{entries}] }},\n]\nf = [{{ yield = true }}]\n"
    ))));
}

#[test]
fn too_many_resources() {
    let resources: String = (0..=MAX_RESOURCES)
        .map(|i| format!("m{i} = {{ mutex = true }}\n"))
        .collect();
    let rendered = error(&with_header(&format!(
        "[resources]\n{resources}\n[functions]\nmain = [{{ sleep = \"1s\" }}]\n"
    )));
    insta::assert_snapshot!(rendered);
}

#[test]
fn calls_nested_one_deeper_than_the_limit() {
    let depth = MAX_NESTING as usize + 1;
    let mut functions = String::from("main = [{ call = \"f1\" }]\n");
    for i in 1..depth - 1 {
        functions.push_str(&format!("f{i} = [{{ call = \"f{}\" }}]\n", i + 1));
    }
    functions.push_str(&format!("f{} = [{{ sleep = \"1ms\" }}]\n", depth - 1));
    insta::assert_snapshot!(error(&with_header(&format!("[functions]\n{functions}"))));
}

#[test]
fn nesting_counts_inline_steps_only_and_restarts_in_a_spawned_task() {
    let depth = MAX_NESTING as usize;
    let chain = |prefix: &str, first: &str| {
        let mut text = format!("{prefix}1 = [{{ {first} = \"{prefix}2\" }}]\n");
        for i in 2..depth {
            let step = match i % 3 {
                0 => format!("{{ timeout = \"1s\", call = \"{prefix}{}\" }}", i + 1),
                1 => format!("{{ race = [\"{prefix}{}\"] }}", i + 1),
                _ => format!("{{ repeat = 2, call = \"{prefix}{}\" }}", i + 1),
            };
            text.push_str(&format!("{prefix}{i} = [{step}]\n"));
        }
        text + &format!("{prefix}{depth} = [{{ yield = true }}]\n")
    };
    // main → a1 (spawned: a new task) → ... → a100, and b1 .. b100 called: both at the limit.
    let source = with_header(&format!(
        "[functions]\nmain = [{{ spawn = \"a1\" }}, {{ join = \"a1\" }}, {{ call = \"c\" }}]\n\
         c = [{{ yield = true }}]\n{}{}",
        chain("a", "call"),
        chain("b", "call"),
    ));
    scenario::parse(&source, "deep.toml").unwrap_or_else(|d| panic!("{d}"));
    let one_more = source.replace("c = [{ yield = true }]", "c = [{ call = \"b1\" }]");
    let d = scenario::parse(&one_more, "deep.toml").unwrap_err();
    assert!(
        d.message
            .starts_with("calls nest 101 functions deep from `c`"),
        "{d}"
    );
}

#[test]
fn file_larger_than_the_limit() {
    let padding = "#".repeat(MAX_SCENARIO_BYTES as usize);
    let rendered = error(&with_header(&padding));
    insta::assert_snapshot!(rendered);
}

#[test]
fn bytes_that_are_not_utf8() {
    let mut bytes =
        with_header("[functions]\nmain = [\n  { sleep = \"1s\", label = \"caf").into_bytes();
    bytes.extend_from_slice(b"\xE9 au lait\" },\n]\n");
    let d = scenario::parse_bytes(&bytes, "scenarios/latin1.toml").unwrap_err();
    insta::assert_snapshot!(d.to_string());
}
