//! Every built-in's question for the room, settled by a real run of the binary: the answer
//! the run measures must be the one the scenario's lesson teaches. A change to a scenario
//! that breaks its question fails here. The runs are sped up where the lesson allows: a
//! run at 4x adds a few milliseconds of real overhead, four times that in scenario time,
//! so cpu-starvation, whose choices 1.6s and 1.9s are closest to each other, runs at 1x.

#[path = "support/asyncio.rs"]
mod asyncio;
#[path = "support/command.rs"]
mod command;

use taskscope::export::json::RunJson;
use taskscope::export::quiz::{MeasuredJson, QuizJson};
use taskscope::quiz::duration_range;
use taskscope::scenario::{builtins, parse_duration};

use command::taskscope_ok;

/// The answer each built-in's lesson teaches.
enum Taught {
    /// These choices, and only these, are right.
    Choices(&'static [&'static str]),
    /// A question without choices: this typed duration is right.
    Typed(&'static str),
}

use Taught::{Choices, Typed};

/// Each built-in, the speed it runs at here, and the answer its lesson teaches on tokio and
/// on asyncio (its `[asyncio]` lesson and question where it has them).
const TAUGHT: &[(&str, &str, Taught, Taught)] = &[
    ("agent-loop", "4", Choices(&["2.2s"]), Choices(&["2.2s"])),
    ("await-chain", "4", Choices(&["3s"]), Choices(&["3s"])),
    (
        "blocking-fixed",
        "4",
        Choices(&["fetch_weather"]),
        Choices(&["fetch_weather"]),
    ),
    (
        "blocking-freeze",
        "4",
        Choices(&["slow_sync_call"]),
        Choices(&["slow_sync_call"]),
    ),
    (
        "concurrent-group",
        "4",
        Choices(&["1.5s"]),
        Choices(&["1.5s"]),
    ),
    // asyncio has no cooperative budget: the drain is one poll.
    ("coop-budget", "4", Choices(&["63"]), Choices(&["1"])),
    // asyncio has one loop: the spare worker that serves health_check on tokio is not there.
    (
        "cpu-multi-thread",
        "1",
        Choices(&["300ms"]),
        Choices(&["1.6s"]),
    ),
    (
        "cpu-starvation",
        "1",
        Choices(&["1.6s"]),
        Choices(&["1.6s"]),
    ),
    (
        "failure-cancellation",
        "4",
        Choices(&["fetch_weather", "fetch_news"]),
        Choices(&["fetch_weather", "fetch_news"]),
    ),
    ("forgot-await", "4", Choices(&["0s"]), Choices(&["0s"])),
    (
        "gather-vs-taskgroup",
        "4",
        Choices(&["fetch_prices"]),
        Choices(&["fetch_prices"]),
    ),
    (
        "graceful-shutdown",
        "4",
        Choices(&["handle_requests"]),
        Choices(&["handle_requests"]),
    ),
    (
        "hedged-requests",
        "4",
        Choices(&["hedge"]),
        Choices(&["hedge"]),
    ),
    (
        "missing-await-warning",
        "4",
        Choices(&["0"]),
        Choices(&["0"]),
    ),
    // asyncio has one loop: the block holds every ticker.
    (
        "multi-thread-blocking",
        "4",
        Choices(&["ticker"]),
        Choices(&["resize_images"]),
    ),
    (
        "mutex-across-await",
        "4",
        Choices(&["refresh_prices"]),
        Choices(&["refresh_prices"]),
    ),
    (
        "rate-limited-fanout",
        "4",
        Choices(&["2s"]),
        Choices(&["2s"]),
    ),
    ("rescued-by-timeout", "4", Typed("2.1s"), Typed("2.1s")),
    (
        "select-timeout",
        "4",
        Choices(&["2.1s"]),
        Choices(&["2.1s"]),
    ),
    (
        "timeout-cancels",
        "4",
        Choices(&["2.2s"]),
        Choices(&["2.2s"]),
    ),
    ("yield-fairness", "4", Choices(&["2s"]), Choices(&["2s"])),
];

/// `run NAME --headless --speed SPEED` in `format`: its standard output.
fn run(name: &str, speed: &str, format: &str) -> String {
    let _turn = asyncio::turn();
    let args = [
        "run",
        name,
        "--headless",
        "--format",
        format,
        "--speed",
        speed,
    ];
    String::from_utf8(taskscope_ok(&args).stdout).expect("UTF-8")
}

/// What is wrong with the run's answer to its quiz, if anything.
fn mismatch(quiz: &QuizJson, taught: &Taught) -> Option<String> {
    let Some(measured) = &quiz.measured else {
        return Some(format!("not settled: {}", quiz.verdict));
    };
    match taught {
        Choices(expected) => {
            let right: Vec<&str> = quiz
                .right
                .iter()
                .map(|&i| quiz.choices[i].as_str())
                .collect();
            (right != *expected).then(|| format!("{right:?} are right, not {expected:?}"))
        }
        Typed(typed) => {
            let MeasuredJson::ScenarioNs(ns) = measured else {
                return Some(format!("measured {measured:?}, not a duration"));
            };
            let typed = parse_duration(typed).expect("a duration").as_nanos() as u64;
            let (low, high) = duration_range(*ns);
            (!(low..=high).contains(&typed)).then(|| format!("{typed} ns is not right"))
        }
    }
}

#[test]
fn every_builtin_question_gets_the_answer_its_lesson_teaches() {
    let listed: Vec<&str> = TAUGHT.iter().map(|(name, ..)| *name).collect();
    let all: Vec<&str> = builtins().iter().map(|b| b.name).collect();
    let mut sorted = all.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted, "one taught answer per built-in");
    let mut wrong = Vec::new();
    for (name, speed, taught, _) in TAUGHT {
        let json = run(name, speed, "json");
        let doc: RunJson = serde_json::from_str(&json).expect("the JSON contract");
        let quiz = doc.quiz.unwrap_or_else(|| panic!("{name} has no quiz"));
        if let Some(why) = mismatch(&quiz, taught) {
            wrong.push(format!("{name}: {why} ({})", quiz.verdict));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn every_builtin_question_on_asyncio_gets_the_answer_its_lesson_teaches() {
    if !asyncio::python_ok() {
        return;
    }
    let mut wrong = Vec::new();
    for (name, speed, _, taught) in TAUGHT {
        let doc = asyncio::builtin_on_asyncio(name, speed);
        let quiz = doc
            .quiz
            .unwrap_or_else(|| panic!("{name} has no quiz on asyncio"));
        if let Some(why) = mismatch(&quiz, taught) {
            wrong.push(format!("{name}: {why} ({})", quiz.verdict));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn a_multi_thread_builtin_asks_asyncio_its_own_question() {
    let tokio = run("multi-thread-blocking", "4", "text");
    assert!(
        tokio.contains("\nquiz: resize_images blocks one of the four workers"),
        "{tokio}"
    );
    if !asyncio::python_ok() {
        return;
    }
    let text = asyncio::stdout_ok(&[
        "run",
        "multi-thread-blocking",
        "--runtime",
        "asyncio",
        "--headless",
        "--speed",
        "4",
    ]);
    let quiz = text
        .split("\nquiz: ")
        .nth(1)
        .expect("a quiz after the findings");
    assert!(
        quiz.starts_with("resize_images blocks asyncio's one loop"),
        "{quiz}"
    );
    assert!(quiz.contains("1) resize_images ✓"), "{quiz}");
}

#[test]
fn the_headless_text_ends_with_the_question_and_the_verdict() {
    let text = run("failure-cancellation", "4", "text");
    let quiz = text
        .split("\nquiz: ")
        .nth(1)
        .expect("a quiz after the findings");
    assert!(text.find("findings:") < text.find("\nquiz: "), "{text}");
    assert_eq!(
        quiz,
        "Three requests run as a group; one of them fails while the other two are still in \
         flight. Which tasks get cancelled?\n  \
         1) fetch_weather ✓   2) fetch_news ✓   3) flaky_call   (any of them, or none)\n  \
         measured: fetch_weather and fetch_news were cancelled; flaky_call failed\n"
    );
}
