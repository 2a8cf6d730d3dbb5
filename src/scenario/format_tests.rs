//! Unit tests of the teaching additions: listings tied to steps, themes, step ids,
//! resources and their verbs, and what every built-in must carry.

use std::path::Path;
use std::time::Duration;

use super::*;

/// Parses a file that must be valid, reading listings from `dir`.
fn ok_in(dir: &Path, source: &str) -> Scenario {
    let path = dir.join("s.toml");
    std::fs::write(&path, source).unwrap();
    load_file(&path).unwrap_or_else(|d| panic!("{d}"))
}

const HEADER: &str = "name = \"t\"\nsummary = \"s\"\n";

#[test]
fn markers_become_line_numbers_and_leave_the_shown_text() {
    let dir = tempfile::tempdir().unwrap();
    let rust = "async fn main() {\n    f().await; // step: main.1\n    sleep(1).await; // I/O // step: main.2\n}\n\nasync fn f() {} // step: f.1\n";
    let python = "async def main():\n    await f()  # step: main.1\n    await sleep(1)  # step: main.2, f.1\n";
    std::fs::write(dir.path().join("t.rs"), rust).unwrap();
    std::fs::create_dir(dir.path().join("py")).unwrap();
    std::fs::write(dir.path().join("py/t.py"), python).unwrap();
    let s = ok_in(
        dir.path(),
        &format!(
            "{HEADER}[code]\nrust = \"t.rs\"\npython = \"py/t.py\"\n[functions]\n\
             main = [{{ call = \"f\" }}, {{ sleep = \"1s\" }}]\nf = [{{ yield = true }}]\n"
        ),
    );
    let code = s.code.as_ref().expect("[code]");
    let shown = &code.rust.as_ref().unwrap().text;
    assert_eq!(
        shown,
        "async fn main() {\n    f().await;\n    sleep(1).await; // I/O\n}\n\nasync fn f() {}\n"
    );
    assert_eq!(code.python.as_ref().unwrap().path, "py/t.py");
    assert!(!code.python.as_ref().unwrap().text.contains("step:"));
    let lines: Vec<_> = s.steps().map(|(_, step)| step.code).collect();
    let at = |rust, python| CodeLines {
        rust: Some(rust),
        python: Some(python),
    };
    assert_eq!(lines, [at(2, 2), at(3, 3), at(6, 3)]);
}

#[test]
fn step_ids_count_in_file_order_across_functions() {
    let s = parse(
        &format!("{HEADER}[functions]\nmain = [{{ call = \"g\" }}, {{ call = \"f\" }}]\ng = [{{ yield = true }}]\nf = [{{ yield = true }}, {{ yield = true }}]\n"),
        "t.toml",
    )
    .unwrap();
    let ids: Vec<_> = s
        .steps()
        .map(|(f, step)| (f.name.as_str(), step.id))
        .collect();
    assert_eq!(
        ids,
        [("main", 0), ("main", 1), ("g", 2), ("f", 3), ("f", 4)]
    );
    assert_eq!(s.code, None);
    assert_eq!(s.theme, Theme::Basics, "the default theme");
    for (_, step) in s.steps() {
        assert_eq!(s.step(step.id), Some(step), "step {}", step.id);
    }
    assert_eq!(s.step(5), None);
}

#[test]
fn resources_and_their_verbs() {
    let s = parse(
        &format!(
            "{HEADER}theme = \"patterns\"\n[resources]\npool = {{ semaphore = 3 }}\nstate = {{ mutex = true }}\nstop = {{ token = true }}\n\
             [functions]\nmain = [\n\
             {{ with_permit = \"pool\", call = \"f\" }},\n\
             {{ lock = \"state\", call = \"f\" }},\n\
             {{ until_cancelled = \"stop\", call = \"f\" }},\n\
             {{ cancel = \"stop\" }},\n\
             {{ pending = true }},\n\
             {{ stream = 10000 }},\n\
             {{ stream = 5, each = \"1ms\", label = \"rx.recv()\" }},\n\
             ]\nf = []\n"
        ),
        "t.toml",
    )
    .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(s.theme, Theme::Patterns);
    let kinds: Vec<_> = s
        .resources
        .iter()
        .map(|r| (r.name.as_str(), r.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("pool", ResourceKind::Semaphore { permits: 3 }),
            ("state", ResourceKind::Mutex),
            ("stop", ResourceKind::Token)
        ]
    );
    assert_eq!(s.resource("state").unwrap().line, 6);
    let actions: Vec<_> = s.steps().map(|(_, step)| step.action.clone()).collect();
    let f = || "f".to_string();
    assert_eq!(
        actions,
        [
            Action::WithPermit {
                semaphore: "pool".into(),
                function: f()
            },
            Action::Lock {
                mutex: "state".into(),
                function: f()
            },
            Action::UntilCancelled {
                token: "stop".into(),
                function: f()
            },
            Action::Cancel("stop".into()),
            Action::Pending,
            Action::Stream {
                items: 10000,
                each: None
            },
            Action::Stream {
                items: 5,
                each: Some(Duration::from_millis(1))
            },
        ]
    );
    assert!(actions.iter().all(|a| VERBS.contains(&a.verb())));
    assert_eq!(actions[1].functions(), ["f"]);
    assert_eq!(actions[1].resource(), Some(("state", "mutex")));
}

#[test]
fn a_resource_verb_in_a_cycle_is_a_cycle() {
    let d = parse(
        &format!("{HEADER}[resources]\nm = {{ mutex = true }}\n[functions]\nmain = [{{ call = \"a\" }}]\na = [{{ lock = \"m\", call = \"a\" }}]\n"),
        "t.toml",
    )
    .unwrap_err();
    assert_eq!(d.message, "endless cycle: a → a");
}

#[test]
fn a_missing_listing_is_reported_at_its_reference() {
    let d = parse(
        &format!("{HEADER}[code]\nrust = \"nowhere/x.rs\"\n[functions]\nmain = []\n"),
        "/no/such/dir/s.toml",
    )
    .unwrap_err();
    assert_eq!(
        (d.origin.as_str(), d.line, d.column),
        ("/no/such/dir/s.toml", 4, 8)
    );
    assert!(d.help.unwrap().contains("/no/such/dir/nowhere/x.rs"));
}

#[test]
fn every_builtin_carries_listings_narration_and_its_theme() {
    let mut themes = Vec::new();
    for b in builtins() {
        let s = builtin(b.name).unwrap();
        assert_eq!(
            s.theme, b.theme,
            "{}: the file's theme and the menu's",
            b.name
        );
        themes.push(s.theme);
        let code = s
            .code
            .as_ref()
            .unwrap_or_else(|| panic!("{} has [code]", b.name));
        let rust = code.rust.as_ref().expect("a Rust listing");
        let python = code.python.as_ref().expect("a Python listing");
        assert_eq!(rust.path, format!("listings/{}.rs", b.name));
        assert_eq!(python.path, format!("listings/{}.py", b.name));
        for (f, step) in s.steps() {
            let (r, p) = (step.code.rust.unwrap(), step.code.python.unwrap());
            assert!(
                r as usize <= rust.text.lines().count(),
                "{} {}",
                b.name,
                f.name
            );
            assert!(
                p as usize <= python.text.lines().count(),
                "{} {}",
                b.name,
                f.name
            );
        }
        let says = s.steps().filter(|(_, step)| step.say.is_some()).count();
        assert!(
            says >= 2,
            "{} narrates its key steps ({says} captions)",
            b.name
        );
    }
    let mut grouped = themes.clone();
    grouped.sort();
    assert_eq!(themes, grouped, "builtins() lists them grouped by theme");
    assert!(Theme::ALL.iter().all(|t| themes.contains(t)));
}

#[test]
fn another_task_may_wait_for_a_held_mutex() {
    let source = format!(
        "{HEADER}[resources]\nm = {{ mutex = true }}\n[functions]\n\
         main = [{{ lock = \"m\", call = \"f\" }}]\nf = [{{ spawn = \"g\" }}]\ng = [{{ lock = \"m\", call = \"h\" }}]\nh = []\n"
    );
    parse(&source, "t.toml").unwrap_or_else(|d| panic!("{d}"));
    let inline = source.replace("{ spawn = \"g\" }", "{ call = \"g\" }");
    let d = parse(&inline, "t.toml").unwrap_err();
    assert!(d.message.starts_with("`g` locks `m` again"), "{d}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Lines a listing may have, with right and wrong markers.
    const LINES: &[&str] = &[
        "    await f()  # step: main.1",
        "    await g()  # step: main.2, f.1",
        "x = 1  # step: main.9",
        "# step: nope.1",
        "# step:",
        "# step: main.",
        "# step: .1 main.x",
        "    héllo  # step: f.1 f.1",
        "plain line",
        "",
    ];

    proptest! {
        /// Any listing gets a scenario or a diagnostic at a real position, never a panic.
        #[test]
        fn any_listing_gets_an_answer(lines in proptest::collection::vec(proptest::sample::select(LINES), 0..8), tail in "\\PC{0,40}") {
            let listing = format!("{}\n{tail}", lines.join("\n"));
            let source = format!(
                "{HEADER}[code]\npython = \"l.py\"\n[functions]\nmain = [{{ call = \"f\" }}, {{ yield = true }}]\nf = [{{ yield = true }}]\n"
            );
            let load = |_: &str| Ok::<_, code::ListingError>(("l.py".to_string(), listing.clone()));
            match parse_with(&source, "t.toml", &load) {
                Ok(s) => {
                    let shown = &s.code.unwrap().python.unwrap().text;
                    prop_assert_eq!(shown.lines().count(), listing.lines().count());
                    prop_assert!(!shown.contains("# step:"));
                }
                Err(d) => prop_assert!(d.line >= 1 && d.column >= 1, "{}", d),
            }
        }
    }
}

#[test]
fn the_documented_resources_example_parses() {
    let doc = include_str!("../../README.md");
    let section = &doc[doc.find("### Shared resources").expect("the section")..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let file =
        format!("{HEADER}{example}download = []\nreload_from_db = []\nhandle_requests = []\n");
    let s = parse(&file, "docs").unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(s.resources.len(), 3);
}
