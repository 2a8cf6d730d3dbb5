//! Snapshots of the diagnostics for themes, shared resources and code listings: the parts
//! of the format that teach (see `scenario_errors.rs` for the core mistakes).

mod diagnostics;

use diagnostics::{error, with_header};
use taskscope::scenario;

#[test]
fn unknown_theme() {
    insta::assert_snapshot!(error(
        r#"name = "themed"
summary = "A scenario in a theme that does not exist."
theme = "pattern"

[functions]
main = [{ sleep = "1s" }]
"#
    ));
}

#[test]
fn unknown_resource() {
    insta::assert_snapshot!(error(&with_header(
        r#"[resources]
db_pool = { semaphore = 3 }

[functions]
main = [
  { with_permit = "db_pol", call = "query" },
]
query = [{ sleep = "100ms" }]
"#
    )));
}

#[test]
fn resource_used_without_a_resources_table() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { lock = "cache", call = "refresh" },
]
refresh = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn wrong_resource_kind() {
    insta::assert_snapshot!(error(&with_header(
        r#"[resources]
db_pool = { semaphore = 3 }

[functions]
main = [
  { lock = "db_pool", call = "query" },
]
query = [{ sleep = "100ms" }]
"#
    )));
}

#[test]
fn unknown_resource_kind() {
    insta::assert_snapshot!(error(&with_header(
        r#"[resources]
cache = { rwlock = true }

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn semaphore_without_permits() {
    insta::assert_snapshot!(error(&with_header(
        r#"[resources]
db_pool = { semaphore = 0 }

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn with_permit_without_call() {
    insta::assert_snapshot!(error(&with_header(
        r#"[resources]
db_pool = { semaphore = 3 }

[functions]
main = [
  { with_permit = "db_pool", label = "SELECT 1" },
]
"#
    )));
}

#[test]
fn pending_false() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { pending = false },
]
"#
    )));
}

#[test]
fn each_outside_stream() {
    insta::assert_snapshot!(error(&with_header(
        r#"[functions]
main = [
  { spin = "1s", each = "1ms" },
]
"#
    )));
}

#[test]
fn listing_file_that_does_not_exist() {
    insta::assert_snapshot!(error(&with_header(
        r#"[code]
rust = "listings/no-such-listing.rs"

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

#[test]
fn listing_with_the_wrong_extension() {
    insta::assert_snapshot!(error(&with_header(
        r#"[code]
python = "listings/await-chain.rs"

[functions]
main = [{ sleep = "1s" }]
"#
    )));
}

/// The diagnostic of a scenario whose Python listing is `listing`, both written to a
/// temporary folder (shown as DIR).
fn listing_error(listing: &str) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let scenario = with_header(
        r#"[code]
python = "weather.py"

[functions]
main = [
  { call = "fetch_weather" },
  { sleep = "100ms", label = "render" },
]
fetch_weather = [{ sleep = "1s" }]
"#,
    );
    std::fs::write(dir.path().join("weather.py"), listing).unwrap();
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, scenario).unwrap();
    let diagnostic = scenario::load_file(&path).expect_err("a diagnostic");
    let shown = dir.path().display().to_string();
    diagnostic.to_string().replace(&shown, "DIR")
}

#[test]
fn marker_naming_an_unknown_function() {
    insta::assert_snapshot!(listing_error(
        "async def main():\n    await fetch_wether()  # step: main.1\n    await asyncio.sleep(0.1)  # step: main.2\n\nasync def fetch_weather():\n    await asyncio.sleep(1)  # step: fetch_wether.1\n"
    ));
}

#[test]
fn marker_naming_a_step_that_does_not_exist() {
    insta::assert_snapshot!(listing_error(
        "async def main():\n    await fetch_weather()  # step: main.1\n    await asyncio.sleep(0.1)  # step: main.3\n"
    ));
}

#[test]
fn two_markers_for_one_step() {
    insta::assert_snapshot!(listing_error(
        "async def main():\n    await fetch_weather()  # step: main.1\n    await fetch_weather()  # step: main.1\n"
    ));
}

#[test]
fn step_without_a_line_in_the_listing() {
    insta::assert_snapshot!(listing_error(
        "async def main():\n    await fetch_weather()  # step: main.1\n    await asyncio.sleep(0.1)  # step: main.2\n\nasync def fetch_weather():\n    await asyncio.sleep(1)\n"
    ));
}

#[test]
fn mutex_locked_again_by_the_task_that_holds_it() {
    insta::assert_snapshot!(error(&with_header(
        r#"[resources]
cache = { mutex = true }

[functions]
main = [
  { lock = "cache", call = "refresh" },
]
refresh = [
  { sleep = "1s", label = "SELECT * FROM prices" },
  { call = "store" },
]
store = [
  { lock = "cache", call = "write" },
]
write = [{ sleep = "10ms" }]
"#
    )));
}
