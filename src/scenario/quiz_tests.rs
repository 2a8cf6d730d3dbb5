//! `[quiz]` parsed into the model, and the names a quiz may ask about.

use std::time::Duration;

use super::*;

fn ok(source: &str) -> Scenario {
    parse(source, "test.toml").unwrap_or_else(|d| panic!("{d}"))
}

const FUNCTIONS: &str = r#"name = "t"
summary = "s"

[resources]
stop = { token = true }

[functions]
main = [
  { spawn = "fetch", as = "weather" },
  { spawn = "fetch" },
  { group = ["fetch", "fetch", "render as page"] },
  { forget = "send_email" },
  { join_all = ["fetch", "fetch", "render"] },
  { race = ["render", "fetch"] },
  { timeout = "1s", call = "slow" },
  { until_cancelled = "stop", call = "serve" },
  { call = "render" },
  { join = "weather" },
]
fetch = [{ sleep = "1s" }]
render = [{ sleep = "1s" }]
send_email = [{ sleep = "1s" }]
slow = [{ sleep = "1s" }]
serve = [{ sleep = "1s" }]
"#;

#[test]
fn lane_names_are_every_name_a_run_can_give_a_lane() {
    let scenario = ok(FUNCTIONS);
    assert_eq!(scenario.quiz, None);
    assert_eq!(
        lane_names(&scenario),
        [
            "main",
            "weather",
            "fetch",
            "fetch-2",
            "page",
            "send_email",
            "render",
            "slow",
            "serve",
        ]
    );
    // On asyncio: the same here (the calls of the timeout and the until_cancelled are
    // branches there too; `fetch-2` is the group's second task on both runtimes).
    assert_eq!(asyncio_lane_names(&scenario), lane_names(&scenario));
}

#[test]
fn each_kind_of_question_is_read_into_the_model() {
    let with = |quiz: &str| ok(&format!("{FUNCTIONS}\n[quiz]\n{quiz}")).quiz.unwrap();
    let timed = with("ask = \"How long?\"\nkind = \"duration\"\nchoices = [\"1.5s\", \"0s\"]");
    assert_eq!(timed.kind(), QuizKind::Duration);
    assert_eq!(timed.of(), None);
    assert_eq!(timed.choices(), ["1.5s", "0s"]);
    let Question::Duration { choices, .. } = &timed.question else {
        panic!("{timed:?}")
    };
    assert_eq!(choices[0].duration, Duration::from_millis(1500));
    assert_eq!(timed.line as usize, FUNCTIONS.lines().count() + 2);

    let polls = with("ask = \"Polls?\"\nkind = \"polls\"\nof = \"page\"\nchoices = [0, 16]");
    assert_eq!(
        polls.question,
        Question::Polls {
            of: "page".into(),
            choices: vec![0, 16]
        }
    );
    let typed = with("ask = \"How long?\"\nkind = \"duration\"\nof = \"fetch-2\"");
    assert_eq!(typed.of(), Some("fetch-2"));
    assert!(typed.choices().is_empty());

    // `slow` and `serve` are lanes on tokio only: asyncio gets a question of its own.
    let first = with(
        "ask = \"  Who?  \"\nkind = \"first\"\nchoices = [\"slow\", \"serve\"]\n\n\
         [asyncio.quiz]\nask = \"Who?\"\nkind = \"first\"\nchoices = [\"main\", \"page\"]",
    );
    assert_eq!(first.ask, "Who?");
    assert_eq!(first.choices(), ["slow", "serve"]);
    let cancelled =
        with("ask = \"Who?\"\nkind = \"cancelled\"\nchoices = [\"main\", \"send_email\"]");
    assert!(cancelled.kind().takes_a_set());
    assert!(!first.kind().takes_a_set());
}

#[test]
fn every_builtin_asks_a_question_at_the_end_of_its_file() {
    for b in builtins() {
        let scenario = builtin(b.name).unwrap();
        let quiz = scenario
            .quiz
            .unwrap_or_else(|| panic!("{} has no quiz", b.name));
        let line_of_table = b.source.lines().position(|l| l == "[quiz]").unwrap() + 1;
        assert_eq!(quiz.line as usize, line_of_table, "{}", b.name);
        let after: Vec<&str> = b.source.lines().skip(line_of_table).collect();
        assert!(
            after
                .iter()
                .all(|l| !l.starts_with('[') || *l == "[asyncio.quiz]"),
            "{}: [quiz] is the last table (but asyncio's own question)",
            b.name
        );
        assert!(quiz.ask.ends_with('?'), "{}: {}", b.name, quiz.ask);
        if let Some(asyncio) = &scenario.asyncio.quiz {
            assert!(asyncio.ask.ends_with('?'), "{}: {}", b.name, asyncio.ask);
        }
    }
}
