//! The compiled program: its JSON has exactly the keys docs/program.md promises the asyncio
//! runner (read from the document's own table), and every index in it points where the
//! scenario's names did.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::*;

/// The `do` kinds of docs/program.md and the argument keys each has, read from its table.
fn documented_kinds() -> BTreeMap<String, BTreeSet<String>> {
    let doc = include_str!("../../docs/program.md");
    let mut kinds = BTreeMap::new();
    for row in doc.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (kind, arguments) = (cells[1].trim_matches('`'), cells[2]);
        let arguments = arguments
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|code| code.split(':').next().unwrap_or(code).to_string())
            .collect();
        kinds.insert(kind.to_string(), arguments);
    }
    kinds
}

/// The keys of a JSON object.
fn keys(value: &Value) -> BTreeSet<String> {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"));
    object.keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Checks `scenario`'s program JSON against the document and against the scenario; returns
/// the `do` kinds it has.
fn check_shape(scenario: &Scenario) -> BTreeSet<String> {
    let documented = documented_kinds();
    let json = serde_json::to_value(scenario.program().expect("compiles")).unwrap();
    let top = ["version", "name", "main", "functions", "resources"];
    assert_eq!(keys(&json), set(&top));
    assert_eq!(json["version"], PROGRAM_VERSION);
    assert_eq!(json["name"], scenario.name.as_str());
    let functions = json["functions"].as_array().unwrap();
    let resources = json["resources"].as_array().unwrap();
    let main = json["main"].as_u64().unwrap() as usize;
    assert_eq!(functions[main]["name"], "main");
    let function_index = |v: &Value| {
        let i = v.as_u64().expect("an index") as usize;
        assert!(i < functions.len(), "{v} is a function");
        i
    };
    let mut seen = BTreeSet::new();
    for (function, compiled) in scenario.functions.iter().zip(functions) {
        assert_eq!(keys(compiled), set(&["name", "line", "slots", "steps"]));
        assert_eq!(compiled["name"], function.name.as_str());
        assert_eq!(compiled["line"], function.line);
        let spawns = function
            .steps
            .iter()
            .filter(|s| matches!(s.action, Action::Spawn(_)));
        assert_eq!(compiled["slots"], spawns.count());
        for (step, op) in function
            .steps
            .iter()
            .zip(compiled["steps"].as_array().unwrap())
        {
            let kind = op["do"].as_str().expect("a `do`");
            let mut expected = set(&["id", "line", "label", "say", "do"]);
            expected.extend(documented[kind].iter().cloned());
            assert_eq!(keys(op), expected, "{kind}");
            assert_eq!(kind, step.action.verb());
            assert_eq!(
                (&op["id"], &op["line"]),
                (&step.id.into(), &step.line.into())
            );
            assert_eq!(op["label"], serde_json::to_value(&step.label).unwrap());
            let named: Vec<&str> = step.action.functions();
            let mut indices: Vec<usize> = op.get("fn").map(function_index).into_iter().collect();
            for list in ["fns", "members"] {
                for entry in op.get(list).and_then(Value::as_array).into_iter().flatten() {
                    indices.push(function_index(entry.get("fn").unwrap_or(entry)));
                }
            }
            let resolved: Vec<&str> = indices
                .iter()
                .map(|&i| scenario.functions[i].name.as_str())
                .collect();
            assert_eq!(resolved, named, "{kind} names its functions");
            if let Some((name, wanted)) = step.action.resource() {
                let resource = &resources[op["res"].as_u64().unwrap() as usize];
                assert_eq!(
                    (&resource["name"], &resource["kind"]),
                    (&name.into(), &wanted.into())
                );
            }
            seen.insert(kind.to_string());
        }
    }
    for resource in resources {
        let expected = match resource["kind"].as_str() {
            Some("semaphore") => set(&["name", "kind", "permits"]),
            _ => set(&["name", "kind"]),
        };
        assert_eq!(keys(resource), expected);
    }
    seen
}

#[test]
fn every_builtin_compiles_to_the_documented_json() {
    for b in builtins() {
        check_shape(&builtin(b.name).expect("a built-in"));
    }
}

#[test]
fn every_kind_of_step_compiles_to_the_documented_json() {
    let source = "name = \"all\"\nsummary = \"s\"\n[resources]\npool = { semaphore = 2 }\n\
        state = { mutex = true }\nstop = { token = true }\n[functions]\nmain = [\n\
        { sleep = \"250ms\" }, { call = \"f\" }, { spawn = \"f\" }, { join = \"f\" },\n\
        { group = [\"f\", \"f as g\"] }, { join_all = [\"f\", \"f\"] }, { race = [\"f\"] },\n\
        { timeout = \"1s\", call = \"f\", on_timeout = \"continue\" }, { block = \"2s\" },\n\
        { spin = \"1.5s\" }, { spawn_blocking = \"500us\" }, { yield = true }, { fail = \"x\" },\n\
        { panic = \"boom\" }, { forget = \"f\" }, { repeat = 3, call = \"f\" },\n\
        { with_permit = \"pool\", call = \"f\" }, { lock = \"state\", call = \"f\" },\n\
        { cancel = \"stop\" }, { until_cancelled = \"stop\", call = \"f\" }, { pending = true },\n\
        { stream = 5, each = \"1us\" },\n]\nf = [{ stream = 2 }]\n";
    let kinds = check_shape(&parse(source, "all.toml").unwrap_or_else(|d| panic!("{d}")));
    let documented: BTreeSet<String> = documented_kinds().into_keys().collect();
    assert_eq!(kinds, documented, "every documented kind, and only those");
    assert_eq!(documented.len(), VERBS.len());
}

#[test]
fn arguments_are_indices_nanoseconds_and_names() {
    let source = "name = \"args\"\nsummary = \"s\"\n[functions]\nmain = [\n\
        { spawn = \"f\" }, { spawn = \"f\" }, { join = \"f-2\" }, { spawn_blocking = \"2s\" },\n\
        { spawn_blocking = \"1s\", label = \"read config\" }, { forget = \"f\" },\n\
        { timeout = \"1.5s\", call = \"f\" }, { stream = 3 },\n]\nf = [{ yield = true }]\n";
    let program = parse(source, "args.toml").unwrap().program().unwrap();
    let json = serde_json::to_value(&program).unwrap();
    let steps = &json["functions"][0]["steps"];
    let step = |i: usize, key: &str| steps[i][key].clone();
    assert_eq!(json["functions"][0]["slots"], 2);
    assert_eq!((step(1, "task"), step(1, "slot")), ("f-2".into(), 1.into()));
    assert_eq!((step(2, "slot"), step(2, "task")), (1.into(), "f-2".into()));
    assert_eq!(
        (step(3, "ns"), step(3, "task")),
        (2_000_000_000u64.into(), "spawn_blocking(2s)".into())
    );
    assert_eq!(step(4, "task"), "read config");
    assert_eq!((step(5, "fn"), step(5, "task")), (1.into(), "f".into()));
    assert_eq!(
        (step(6, "ns"), step(6, "continue")),
        (1_500_000_000u64.into(), false.into())
    );
    assert_eq!(step(7, "each_ns"), Value::Null);
    assert_eq!(program.function(program.main()).name, "main");
}

#[test]
fn a_scenario_built_by_hand_gets_typed_errors() {
    let mut scenario = builtin("await-chain").unwrap();
    scenario.functions[0].steps[0].action = Action::Call("nowhere".into());
    let error = scenario.program().unwrap_err();
    assert!(matches!(&error, ProgramError::UnknownFunction { name, .. } if name == "nowhere"));
    scenario.functions[0].steps[0].action = Action::Sleep(std::time::Duration::from_secs(7200));
    assert_eq!(scenario.program(), Err(ProgramError::TooLong { step: 0 }));
    scenario.functions.retain(|f| f.name != "main");
    assert_eq!(scenario.program(), Err(ProgramError::NoMain));
}

#[test]
fn blocking_freeze_as_json() {
    let program = builtin("blocking-freeze").unwrap().program().unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&program).unwrap());
}
