//! Branches, wakers and the findings about them, on real runs of small scenarios: the
//! runner's own combinators record each branch's polls, wakes and end; a wake names its
//! waker; a panic's message reaches the task that waited for it; a blocking call is blamed
//! by its own label. Relationships between measured times only.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use taskscope::export::json::{
    BranchOfJson, KindJson, OutcomeJson, RunJson, StateJson, TaskJson, WakerKindJson, to_document,
    to_json_string,
};
use taskscope::feed::{Pace, Recorded, record_to_end};
use taskscope::runner::{self, RunOptions};
use taskscope::scenario::{self, ScenarioFile};

/// Runs `toml` (written to a file, which its saved run carries) to its end at `speed`; its
/// run and its JSON document.
fn run(toml: &str, speed: f64) -> (Recorded, RunJson) {
    let mut path = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("a file");
    path.write_all(toml.as_bytes()).expect("write");
    let scenario = scenario::load_file(path.path()).expect("a valid scenario");
    let scenario = Arc::new(scenario);
    let file = ScenarioFile::of(&scenario).expect("its text");
    let options = RunOptions {
        speed,
        ..RunOptions::default()
    };
    let mut sources = [runner::start(scenario.clone(), options)];
    let (mut runs, timed_out) =
        record_to_end(&mut sources, Pace::headless(Duration::from_secs(30)));
    assert!(!timed_out);
    let run = runs.remove(0);
    let doc = to_document(&run, Some((&scenario, &file)), None);
    (run, doc)
}

fn task<'a>(doc: &'a RunJson, name: &str) -> &'a TaskJson {
    let names: Vec<&str> = doc.tasks.iter().map(|t| t.name.as_str()).collect();
    doc.tasks
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no `{name}` in {names:?}"))
}

fn span(state: StateJson, t: &TaskJson) -> Vec<(u64, u64)> {
    let of_state = t.segments.iter().filter(|s| s.state == state);
    of_state.map(|s| (s.start_ns, s.end_ns)).collect()
}

fn overlap(a: &[(u64, u64)], b: &[(u64, u64)]) -> u64 {
    let pairs = a.iter().flat_map(|x| b.iter().map(move |y| (x, y)));
    pairs
        .map(|(x, y)| x.1.min(y.1).saturating_sub(x.0.max(y.0)))
        .sum()
}

fn messages(doc: &RunJson) -> Vec<&str> {
    doc.findings.iter().map(|f| f.message.as_str()).collect()
}

const JOIN_ALL: &str = r#"
name = "two-at-once"
summary = "Two calls joined inside main."
[functions]
main = [
  { join_all = ["fetch_weather", "fetch_news"] },
  { call = "render" },
]
fetch_weather = [ { sleep = "400ms", label = "GET /weather" } ]
fetch_news = [ { sleep = "200ms", label = "GET /news" }, { sleep = "100ms", label = "parse" } ]
render = [ { block = "30ms", label = "std::thread::sleep(30ms)" } ]
"#;

#[test]
fn join_all_branches_wait_together_inside_their_task() {
    let (_, doc) = run(JOIN_ALL, 2.0);
    let main = task(&doc, "main");
    let (weather, news) = (task(&doc, "fetch_weather"), task(&doc, "fetch_news"));
    for branch in [weather, news] {
        assert_eq!(branch.kind, KindJson::Branch);
        assert_eq!(branch.branch_of, Some(BranchOfJson::JoinAll));
        assert_eq!(branch.parent, Some(main.id));
        assert_eq!(branch.outcome, OutcomeJson::Ok);
    }
    // Both were in flight at once for (nearly) the shorter one's whole life.
    let shorter = news.ended_ns.unwrap() - news.spawned_ns;
    let both = overlap(
        &span(StateJson::Waiting, weather),
        &span(StateJson::Waiting, news),
    );
    assert!(both * 10 >= shorter * 9, "overlap {both} of {shorter}");
    // Their polls are main's, on main's worker: nothing of theirs on a worker lane.
    let worker_tasks: Vec<u32> = doc
        .workers
        .iter()
        .flat_map(|w| &w.busy)
        .map(|b| b.task)
        .collect();
    assert!(!worker_tasks.contains(&weather.id) && !worker_tasks.contains(&news.id));
    let main_polls = span(StateJson::Running, main);
    for branch in [weather, news] {
        for poll in span(StateJson::Running, branch) {
            assert!(
                main_polls.iter().any(|m| m.0 <= poll.0 && poll.1 <= m.1),
                "{} ran outside main's polls",
                branch.name
            );
        }
    }
    assert!(weather.busy_ns + news.busy_ns <= main.busy_ns);
    // Each branch was woken by its timer, and main through them.
    for t in [weather, news, main] {
        assert!(
            t.wakers.iter().all(|w| w.kind == WakerKindJson::Timer),
            "{}: {:?}",
            t.name,
            t.wakers
        );
    }
    // Branches are not tasks: main alone is in flight.
    assert!((doc.concurrency - 1.0).abs() < 0.05, "{}", doc.concurrency);
}

#[test]
fn a_saved_run_with_branches_opens_to_the_same_document() {
    let (_, doc) = run(JOIN_ALL, 4.0);
    let text = to_json_string(&doc);
    let saved = taskscope::saved::from_bytes(text.as_bytes(), "saved.json").expect("it opens");
    assert_eq!(saved.document, doc);
    assert_eq!(to_json_string(&saved.document), text);
}

#[test]
fn a_timeout_and_a_cancelled_token_drop_their_calls_and_say_so() {
    let (_, doc) = run(
        r#"
name = "cut-off"
summary = "A call cut off by a timeout; a server stopped by a token."
[resources]
shutdown = { token = true }
[functions]
main = [
  { timeout = "1s", call = "fetch_ads", on_timeout = "continue" },
  { spawn = "server" },
  { sleep = "300ms" },
  { cancel = "shutdown" },
  { join = "server" },
]
fetch_ads = [ { sleep = "3s", label = "GET /ads" } ]
server = [ { until_cancelled = "shutdown", call = "handle_requests" } ]
handle_requests = [ { pending = true } ]
"#,
        1.0,
    );
    let ads = task(&doc, "fetch_ads");
    assert_eq!(ads.branch_of, Some(BranchOfJson::Timeout));
    assert_eq!(ads.outcome, OutcomeJson::Cancelled);
    let handler = task(&doc, "handle_requests");
    assert_eq!(handler.branch_of, Some(BranchOfJson::UntilCancelled));
    assert_eq!(handler.outcome, OutcomeJson::Cancelled);
    assert_eq!(handler.parent, Some(task(&doc, "server").id));
    // Dropped at the deadline: 1 s, and a timer tick or a busy machine's delay more.
    let found = messages(&doc);
    let after = found
        .iter()
        .find_map(|m| m.strip_prefix("timeout: `fetch_ads` dropped after "))
        .unwrap_or_else(|| panic!("{found:?}"));
    let seconds: f64 = after.trim_end_matches(" s").parse().expect("seconds");
    assert!((1.0..1.1).contains(&seconds), "{after}");
    assert!(
        found.contains(
            &"until_cancelled: `handle_requests` dropped when `main` cancelled its token"
        ),
        "{found:?}"
    );
    // The server's wake that ended its until_cancelled came from main.
    let main_id = task(&doc, "main").id;
    let server = task(&doc, "server");
    assert!(
        server
            .wakers
            .iter()
            .any(|w| w.kind == WakerKindJson::Task && w.by == Some(main_id)),
        "{:?}",
        server.wakers
    );
}

#[test]
fn a_joined_task_wakes_its_joiner_when_it_ends() {
    let (_, doc) = run(
        r#"
name = "join"
summary = "main joins a task."
[functions]
main = [ { spawn = "work" }, { join = "work" } ]
work = [ { sleep = "100ms" } ]
"#,
        4.0,
    );
    let (main, work) = (task(&doc, "main"), task(&doc, "work"));
    assert_eq!(main.wakers.len(), 1, "{:?}", main.wakers);
    assert_eq!(
        (main.wakers[0].kind, main.wakers[0].by),
        (WakerKindJson::Task, Some(work.id))
    );
    assert_eq!(work.wakers[0].kind, WakerKindJson::Timer);
}

#[test]
fn a_panic_message_reaches_the_task_that_waited_for_it() {
    let (_, doc) = run(
        r#"
name = "panics"
summary = "A panic in a group, and one behind a join."
[functions]
main = [ { spawn = "outer" }, { join = "outer" } ]
outer = [ { group = ["bad", "slow"] } ]
bad = [ { panic = "index out of bounds" } ]
slow = [ { sleep = "1s" } ]
"#,
        4.0,
    );
    assert_eq!(task(&doc, "bad").outcome, OutcomeJson::Panicked);
    assert_eq!(
        task(&doc, "outer").error.as_deref(),
        Some("`bad` panicked: index out of bounds")
    );
    assert_eq!(
        task(&doc, "main").error.as_deref(),
        Some("`outer` failed: `bad` panicked: index out of bounds")
    );
}

#[test]
fn a_blocked_worker_is_blamed_on_the_innermost_blocking_call() {
    let (_, doc) = run(
        r#"
name = "nested-block"
summary = "A blocking call two calls deep, and one inside a branch."
[functions]
main = [
  { spawn = "ticker" },
  { call = "resize" },
  { sleep = "10ms" },
  { race = ["compress", "give_up"] },
]
resize = [ { call = "decode" } ]
decode = [ { block = "200ms", label = "std::thread::sleep(200ms)" } ]
compress = [ { spin = "150ms", label = "deflate (CPU)" } ]
give_up = [ { sleep = "5s" } ]
ticker = [ { repeat = 8, call = "tick" } ]
tick = [ { sleep = "50ms" } ]
"#,
        1.0,
    );
    let blocked: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.kind == "blocked_worker")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(blocked.len(), 2, "{:?}", messages(&doc));
    assert!(
        blocked[0].contains("by `std::thread::sleep(200ms)`"),
        "{blocked:?}"
    );
    assert!(blocked[1].contains("by `deflate (CPU)`"), "{blocked:?}");
    assert!(
        messages(&doc).contains(&"race: `give_up` dropped when `compress` finished first"),
        "{:?}",
        messages(&doc)
    );
}

#[test]
fn the_text_export_ends_a_dropped_branch_with_the_dashboards_mark() {
    let (run, _) = run(
        r#"
name = "raced"
summary = "The quick branch wins; the slow one is dropped."
[functions]
main = [ { race = ["quick", "slow"] } ]
quick = [ { sleep = "50ms", label = "fast reply" } ]
slow = [ { sleep = "2s", label = "slow reply" } ]
"#,
        1.0,
    );
    let text = taskscope::export::to_text(&run.timeline, 100);
    let row = |name: &str| {
        let found = text.lines().find(|l| l.trim_start().starts_with(name));
        found
            .unwrap_or_else(|| panic!("no {name} row:\n{text}"))
            .to_string()
    };
    let (slow, quick) = (row("slow (branch)"), row("quick (branch)"));
    assert!(slow.contains('✂') && !slow.contains('⊘'), "{slow}");
    assert!(quick.contains('✓'), "{quick}");
    assert!(
        text.contains("✂ dropped (a branch)"),
        "the legend names it:\n{text}"
    );
}
