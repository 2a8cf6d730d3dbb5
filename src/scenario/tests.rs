//! Unit tests of the whole module: the built-ins, the parsed model, `resolve`.

use std::path::Path;
use std::time::Duration;

use super::*;

/// Parses a file that must be valid.
fn ok(source: &str) -> Scenario {
    parse(source, "test.toml").unwrap_or_else(|d| panic!("{d}"))
}

/// Parses a file that must be invalid.
fn err(source: &str) -> Diagnostic {
    match parse(source, "test.toml") {
        Ok(s) => panic!("expected an error, parsed {s:?}"),
        Err(d) => d,
    }
}

const HEADER: &str = "name = \"t\"\nsummary = \"s\"\n";

#[test]
fn every_builtin_parses_and_is_named_after_its_file() {
    assert!(builtins().len() >= 16, "{} built-ins", builtins().len());
    for b in builtins() {
        let scenario = builtin(b.name).expect("listed built-ins exist");
        assert_eq!(scenario.name, b.name);
        assert_eq!(scenario.origin, format!("builtin:{}", b.name));
        assert!(!scenario.lesson.is_empty(), "{} has a lesson", b.name);
        assert!(scenario.function("main").is_some());
        let says = scenario
            .functions
            .iter()
            .flat_map(|f| &f.steps)
            .filter(|s| s.say.is_some());
        assert!(says.count() >= 1, "{} narrates", b.name);
    }
    assert_eq!(builtin("no-such-scenario"), None);
}

#[test]
fn await_chain_is_the_documented_model() {
    let s = builtin("await-chain").unwrap();
    assert_eq!(
        s.runtime,
        RuntimeSpec {
            flavor: Flavor::CurrentThread,
            workers: 1
        }
    );
    let names: Vec<_> = s.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["main", "fetch_weather", "fetch_news"], "file order");
    let main = s.function("main").unwrap();
    assert_eq!(main.steps[0].action, Action::Call("fetch_weather".into()));
    let weather = s.function("fetch_weather").unwrap();
    assert_eq!(
        weather.steps[0].action,
        Action::Sleep(Duration::from_millis(1500))
    );
    assert_eq!(
        weather.steps[0].label.as_deref(),
        Some("GET /weather?city=Pune")
    );
    let source = builtins()[0].source;
    let line_of =
        |needle: &str| source[..source.find(needle).unwrap()].matches('\n').count() as u32 + 1;
    assert_eq!(main.line, line_of("main = ["));
    assert_eq!(main.steps[1].line, line_of("{ call = \"fetch_news\""));
}

#[test]
fn multi_thread_blocking_numbers_repeated_group_members() {
    let s = builtin("multi-thread-blocking").unwrap();
    assert_eq!(
        s.runtime,
        RuntimeSpec {
            flavor: Flavor::MultiThread,
            workers: 4
        }
    );
    let Action::Group(members) = &s.function("main").unwrap().steps[0].action else {
        panic!("main starts with a group");
    };
    let tasks: Vec<_> = members.iter().map(|m| m.task.as_str()).collect();
    assert_eq!(
        tasks,
        [
            "resize_images",
            "ticker",
            "ticker-2",
            "ticker-3",
            "ticker-4",
            "ticker-5",
            "ticker-6"
        ]
    );
}

#[test]
fn every_verb_maps_to_its_action() {
    let s = ok(&format!(
        "{HEADER}[functions]\nmain = [\n\
         {{ sleep = \"250ms\" }},\n\
         {{ call = \"f\" }},\n\
         {{ spawn = \"f\" }},\n\
         {{ spawn = \"f\", as = \"second\" }},\n\
         {{ spawn = \"f\" }},\n\
         {{ join = \"f-2\" }},\n\
         {{ group = [\"f\", \"f as g\", \"f\"] }},\n\
         {{ join_all = [\"f\", \"f\"] }},\n\
         {{ race = [\"f\"] }},\n\
         {{ timeout = \"1s\", call = \"f\", on_timeout = \"continue\" }},\n\
         {{ timeout = \"1s\", call = \"f\" }},\n\
         {{ block = \"2s\" }},\n\
         {{ spin = \"1.5s\" }},\n\
         {{ spawn_blocking = \"500us\" }},\n\
         {{ yield = true }},\n\
         {{ forget = \"f\" }},\n\
         {{ repeat = 3, call = \"f\", label = \"x\", say = \"y\" }},\n\
         {{ fail = \"HTTP 503\" }},\n\
         {{ panic = \"boom\" }},\n\
         ]\nf = []\n"
    ));
    let member = |function: &str, task: &str| Member {
        function: function.into(),
        task: task.into(),
    };
    let actions: Vec<_> = s
        .function("main")
        .unwrap()
        .steps
        .iter()
        .map(|s| s.action.clone())
        .collect();
    let f = || "f".to_string();
    let expected = vec![
        Action::Sleep(Duration::from_millis(250)),
        Action::Call(f()),
        Action::Spawn(member("f", "f")),
        Action::Spawn(member("f", "second")),
        Action::Spawn(member("f", "f-2")),
        Action::Join("f-2".into()),
        Action::Group(vec![member("f", "f"), member("f", "g"), member("f", "f-2")]),
        Action::JoinAll(vec![f(), f()]),
        Action::Race(vec![f()]),
        Action::Timeout {
            limit: Duration::from_secs(1),
            function: f(),
            on_timeout: OnTimeout::Continue,
        },
        Action::Timeout {
            limit: Duration::from_secs(1),
            function: f(),
            on_timeout: OnTimeout::Fail,
        },
        Action::Block(Duration::from_secs(2)),
        Action::Spin(Duration::from_millis(1500)),
        Action::SpawnBlocking(Duration::from_micros(500)),
        Action::Yield,
        Action::Forget(f()),
        Action::Repeat {
            times: 3,
            function: f(),
        },
        Action::Fail("HTTP 503".into()),
        Action::Panic("boom".into()),
    ];
    assert_eq!(actions, expected);
    let verbs: Vec<_> = actions.iter().map(Action::verb).collect();
    assert!(verbs.iter().all(|v| VERBS.contains(v)));
}

#[test]
fn defaults_fill_what_the_file_leaves_out() {
    let s = ok(&format!(
        "{HEADER}[runtime]\nflavor = \"multi_thread\"\n[functions]\nmain = []\n"
    ));
    assert_eq!(s.runtime.workers, DEFAULT_WORKERS);
    assert_eq!(s.lesson, "");
    let s = ok(&format!("{HEADER}[functions]\nmain = []\n"));
    assert_eq!(
        s.runtime,
        RuntimeSpec {
            flavor: Flavor::CurrentThread,
            workers: 1
        }
    );
    let s = ok(&format!(
        "{HEADER}[runtime]\nflavor = \"current_thread\"\nworkers = 1\n[functions]\nmain = []\n"
    ));
    assert_eq!(s.runtime.workers, 1);
}

#[test]
fn errors_point_at_the_offending_value() {
    let d = err(&format!(
        "{HEADER}[functions]\nmain = [\n  {{ call = \"fetch_wether\" }},\n]\nfetch_weather = []\n"
    ));
    assert_eq!((d.line, d.column), (5, 12));
    assert_eq!(d.message, "unknown function `fetch_wether`");
    assert!(d.help.unwrap().contains("did you mean `fetch_weather`?"));

    let d = err(&format!(
        "{HEADER}[functions]\nmain = [\n  {{ sleep = \"1 sec\" }},\n]\n"
    ));
    assert_eq!((d.line, d.column), (5, 13));
    assert!(d.message.contains(DURATION_EXPECTED), "{d}");
}

#[test]
fn a_cycle_of_spawns_is_rejected_and_named() {
    let d = err(&format!(
        "{HEADER}[functions]\nmain = [{{ call = \"a\" }}]\na = [{{ spawn = \"b\" }}]\nb = [{{ group = [\"a\"] }}]\n"
    ));
    assert_eq!(d.message, "endless cycle: a → b → a");
    assert_eq!(d.line, 6);
}

#[test]
fn join_must_follow_a_spawn_in_the_same_function() {
    let d = err(&format!(
        "{HEADER}[functions]\nmain = [{{ call = \"a\" }}, {{ join = \"a\" }}]\na = [{{ spawn = \"b\" }}]\nb = []\n"
    ));
    assert_eq!(
        d.message,
        "`main` has not spawned a task named `a` before this step"
    );
    let d = err(&format!(
        "{HEADER}[functions]\nmain = [{{ join = \"b\" }}, {{ spawn = \"b\" }}]\nb = []\n"
    ));
    assert_eq!(d.line, 4);
}

#[test]
fn resolve_finds_builtins_then_files() {
    assert_eq!(resolve("await-chain").unwrap().name, "await-chain");
    assert_eq!(
        resolve("builtin:forgot-await").unwrap().name,
        "forgot-await"
    );
    let path = std::env::temp_dir().join(format!("taskscope-resolve-{}.toml", std::process::id()));
    std::fs::write(&path, format!("{HEADER}[functions]\nmain = []\n")).unwrap();
    let from_file = resolve(path.to_str().unwrap());
    std::fs::remove_file(&path).unwrap();
    assert_eq!(from_file.unwrap().origin, path.display().to_string());

    let d = resolve("await-chian").unwrap_err();
    assert_eq!((d.line, d.column), (0, 0));
    let help = d.help.unwrap();
    assert!(help.starts_with("did you mean `await-chain`?"), "{help}");
    assert!(help.contains("multi-thread-blocking"), "{help}");
}

#[test]
fn an_unreadable_file_is_a_diagnostic_about_the_file() {
    let d = load_file(Path::new("/no/such/dir/x.toml")).unwrap_err();
    assert_eq!(d.origin, "/no/such/dir/x.toml");
    assert_eq!(d.line, 0);
    assert!(
        d.to_string()
            .starts_with("/no/such/dir/x.toml: error: no such scenario file"),
        "{d}"
    );
    let dir = load_file(Path::new("/")).unwrap_err();
    assert!(
        dir.to_string()
            .starts_with("/: error: cannot read the scenario file: it is a directory"),
        "{dir}"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Lines a scenario file may have, right and wrong, for `plausible_files_never_panic`.
    const LINES: &[&str] = &[
        "name = \"x\"",
        "summary = \"y\"",
        "[runtime]",
        "flavor = \"multi_thread\"",
        "workers = 0",
        "[functions]",
        "main = [{ call = \"a\" }]",
        "main = [{ spawn = \"a\" }, { join = \"a\" }, { join = \"a\" }]",
        "a = [{ spawn = \"b\", as = \"t\" }, { join = \"t\" }]",
        "b = [{ group = [\"a\", \"a\", \"c as a\"] }]",
        "c = [{ timeout = \"1s\", call = \"main\", on_timeout = \"continue\" }]",
        "c = [{ repeat = 2, call = \"c\" }, { race = [] }]",
        "d = [{ sleep = \"0s\" }, { yield = false }, { forget = \"zz\" }]",
        "e = [{ sleep = \"1s\", call = \"a\" }, {}]",
    ];

    proptest! {
        /// Any text gets an answer, never a panic; a positioned answer has a real position.
        #[test]
        fn parse_never_panics(text in "\\PC{0,200}") {
            if let Err(d) = parse(&text, "fuzz.toml") {
                prop_assert!(d.line >= 1 && d.column >= 1, "{d}");
                prop_assert!(d.line as usize <= text.lines().count().max(1) + 1, "{d}");
            }
        }

        /// Files assembled from plausible lines (valid or not) get a scenario or a diagnostic.
        #[test]
        fn plausible_files_never_panic(lines in proptest::collection::vec(proptest::sample::select(LINES), 0..12)) {
            let text = lines.join("\n");
            if let Err(d) = parse(&text, "lines.toml") {
                prop_assert!(d.line >= 1, "{d}");
            }
        }

        /// Cutting a piece out of a valid file gives a valid scenario or a diagnostic.
        #[test]
        fn damaged_builtins_get_diagnostics(which in 0usize..64, start in 0usize..2000, len in 0usize..40) {
            let source = builtins()[which % builtins().len()].source;
            let start = start.min(source.len());
            let end = (start + len).min(source.len());
            if source.is_char_boundary(start) && source.is_char_boundary(end) {
                let damaged = format!("{}{}", &source[..start], &source[end..]);
                if let Err(d) = parse(&damaged, "damaged.toml") {
                    prop_assert!(d.line >= 1 && !d.to_string().is_empty());
                }
            }
        }

        /// Every duration written by `format_duration` reads back the same.
        #[test]
        fn durations_round_trip(nanos in 0u64..10_000_000_000_000) {
            let d = Duration::from_nanos(nanos);
            prop_assert_eq!(parse_duration(&format_duration(d)), Ok(d));
        }
    }
}

#[test]
fn array_of_tables_steps_are_accepted_with_their_lines() {
    let s = ok(&format!(
        "{HEADER}[[functions.main]]\nsleep = \"1s\"\n\n[[functions.main]]\ncall = \"f\"\n\n[functions]\nf = []\n"
    ));
    let lines: Vec<u32> = s
        .function("main")
        .unwrap()
        .steps
        .iter()
        .map(|s| s.line)
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0] >= 3 && lines[1] > lines[0], "{lines:?}");
}

#[test]
fn the_documented_example_parses_and_its_error_is_the_real_one() {
    let doc = include_str!("../../README.md");
    let start = doc.find("```toml\n").expect("the doc has an example") + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let s = parse(example, "docs").unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(s.name, "dashboard-load");
    let broken = example.replacen("[\"fetch_weather\",", "[\"fetch_wether\",", 1);
    let rendered = parse(&broken, "scenarios/dashboard.toml")
        .unwrap_err()
        .to_string();
    assert!(
        doc.contains(&rendered),
        "README.md should show:\n{rendered}"
    );
}
