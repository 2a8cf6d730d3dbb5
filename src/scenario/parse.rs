//! TOML text → [`Scenario`]: the document's keys, the runtime table and the functions,
//! keeping the spans validation needs to point at names.

use toml::de::{DeTable, DeValue};

use super::asyncio_parse;
use super::code;
use super::diagnostic::Diagnostic;
use super::model::{Flavor, Function, RuntimeSpec, Scenario, Theme};
use super::names::name_spawns;
use super::quiz_parse;
use super::resources;
use super::source::{NAME_HELP, Source, Span, Value, describe, in_file_order, is_name};
use super::spans::{FunctionSpans, Parsed};
use super::step::parse_step;
use super::suggest;
use crate::limits::MAX_WORKERS;

/// The keys a scenario file may have at the top: plain values, then (from [`TABLES_FROM`])
/// the tables.
const TOP_KEYS: [&str; 10] = [
    "name",
    "summary",
    "lesson",
    "theme",
    "runtime",
    "resources",
    "code",
    "functions",
    "quiz",
    "asyncio",
];

/// Where the tables start in [`TOP_KEYS`].
const TABLES_FROM: usize = 4;

/// The keys of `[runtime]`.
const RUNTIME_KEYS: [&str; 2] = ["flavor", "workers"];

/// Workers a multi_thread runtime gets when the file does not say.
pub const DEFAULT_WORKERS: usize = 4;

/// The smallest `[functions]` table, shown when a file has none.
const MINIMAL_FUNCTIONS: &str = "[functions]\nmain = [\n  { sleep = \"1s\" },\n]";

/// Parses the text into a scenario; syntax, types, keys and values are checked here.
pub(crate) fn parse_document(src: &Source) -> Result<Parsed, Diagnostic> {
    let document = DeTable::parse(src.text).map_err(|_| syntax_error(src))?;
    let doc = document.get_ref();
    src.check_keys(doc, "at the top of the file", &TOP_KEYS)?;
    check_misplaced(src, doc)?;

    let name = required_text(src, doc, "name", "name = \"my-scenario\"")?;
    if !is_name(&name.0) {
        return Err(src
            .error(
                name.1,
                format!("\"{}\" is not a valid scenario name", name.0),
            )
            .with_help(NAME_HELP));
    }
    let summary = required_text(
        src,
        doc,
        "summary",
        "summary = \"Two 1 s calls awaited in turn take 2 s.\"",
    )?;
    let lesson = match doc.get("lesson") {
        Some(value) => src
            .string("lesson", value, "lesson = \"Each await pauses main ...\"")?
            .trim()
            .to_string(),
        None => String::new(),
    };
    let runtime = match doc.get("runtime") {
        Some(value) => runtime(src, value)?,
        None => RuntimeSpec {
            flavor: Flavor::CurrentThread,
            workers: 1,
        },
    };
    let theme = theme(src, doc)?;
    let resources = resources::parse_table(src, doc)?;
    let code = code::parse_table(src, doc)?;
    let (mut functions, spans) = functions(src, doc)?;
    let (quiz, quiz_spans) = quiz_parse::parse_table(src, doc)?.unzip();
    let (asyncio, asyncio_spans) = asyncio_parse::parse_table(src, doc)?;
    let steps = functions.iter_mut().flat_map(|f| &mut f.steps);
    for (id, step) in (0..).zip(steps) {
        step.id = id;
    }
    let scenario = Scenario {
        name: name.0,
        summary: summary.0,
        lesson,
        runtime,
        functions,
        origin: src.origin.to_string(),
        theme,
        code: None,
        resources,
        quiz,
        asyncio,
    };
    let mut parsed = Parsed::new(scenario, spans, code);
    parsed.quiz = quiz_spans.unwrap_or_default();
    parsed.asyncio_quiz = asyncio_spans.unwrap_or_default();
    Ok(parsed)
}

/// `theme = "basics"`: the menu group; basics when the file does not say.
fn theme(src: &Source, doc: &DeTable<'_>) -> Result<Theme, Diagnostic> {
    let Some(value) = doc.get("theme") else {
        return Ok(Theme::default());
    };
    let text = src.string("theme", value, "theme = \"basics\"")?;
    Theme::from_name(text).ok_or_else(|| {
        let names = Theme::ALL.map(Theme::as_str);
        src.error(value.span(), format!("unknown theme \"{text}\""))
            .with_help(suggest::help_for_unknown(text, "themes", names))
    })
}

/// The `[functions]` table: every function, in file order, and a check that `main` is one.
fn functions(
    src: &Source,
    doc: &DeTable<'_>,
) -> Result<(Vec<Function>, Vec<FunctionSpans>), Diagnostic> {
    let Some((functions_key, functions_value)) = doc.get_key_value("functions") else {
        return Err(src
            .missing("the scenario has no [functions] table")
            .with_help(format!(
                "a scenario needs at least a `main` function:\n{MINIMAL_FUNCTIONS}"
            )));
    };
    let Some(table) = functions_value.get_ref().as_table() else {
        return Err(src.wrong_type("functions", functions_value, "a table", "[functions]"));
    };
    let mut functions = Vec::new();
    let mut spans = Vec::new();
    for (key, value) in in_file_order(table) {
        let (function, function_spans) = function(src, key.get_ref(), key.span(), value)?;
        functions.push(function);
        spans.push(function_spans);
    }
    if !functions.iter().any(|f| f.name == "main") {
        let names = functions.iter().map(|f| f.name.as_str());
        let help = match suggest::closest("main", names) {
            Some(near) => {
                format!("`main` is where the scenario starts; rename `{near}` to `main`?")
            }
            None => {
                "`main` is where the scenario starts; add it:\nmain = [\n  { sleep = \"1s\" },\n]"
                    .to_string()
            }
        };
        return Err(src
            .error(
                src.header_span(functions_key.span()),
                "there is no `main` function",
            )
            .with_help(help));
    }
    Ok((functions, spans))
}

/// The first TOML syntax error in the file, at the position toml reports, with a hint for
/// the common ones. (toml's recovering parser finds errors out of order: take the earliest.)
fn syntax_error(src: &Source) -> Diagnostic {
    let (_, errors) = DeTable::parse_recoverable(src.text);
    let Some(error) = errors
        .iter()
        .min_by_key(|e| e.span().map_or(usize::MAX, |span| span.start))
    else {
        return src.missing("invalid TOML");
    };
    let message = error.message().trim().replace('\n', "; ");
    let hint = if message.starts_with("invalid basic string") {
        Some(
            "a string must end with a quote \" on the same line (use \"\"\" for text over several lines)",
        )
    } else if message.starts_with("missing comma") {
        Some("put a comma after each step of the list")
    } else if message.starts_with("duplicate key") {
        Some("each key, and each function name, may appear only once in its table")
    } else if message.starts_with("string values must be quoted") {
        Some("write text in quotes, like label = \"GET /weather\"")
    } else {
        None
    };
    let diagnostic = match error.span() {
        Some(span) => src.error(span, format!("invalid TOML: {message}")),
        None => src.missing(format!("invalid TOML: {message}")),
    };
    match hint {
        Some(hint) => diagnostic.with_help(hint),
        None => diagnostic,
    }
}

/// Rejects `name`, `summary` or `lesson` written after a `[table]` header, where TOML
/// puts them inside that table: an easy mistake that would otherwise read as "missing".
/// (`[asyncio]` has a `lesson` of its own.)
fn check_misplaced(src: &Source, doc: &DeTable<'_>) -> Result<(), Diagnostic> {
    for &table_name in &TOP_KEYS[TABLES_FROM..] {
        let Some(table) = doc.get(table_name).and_then(|t| t.get_ref().as_table()) else {
            continue;
        };
        for (key, value) in in_file_order(table) {
            let key_name: &str = key.get_ref();
            let own = table_name == "asyncio" && key_name == "lesson";
            let text_key = TOP_KEYS[..TABLES_FROM].contains(&key_name) && !own;
            if text_key && (table_name == "runtime" || value.get_ref().is_str()) {
                return Err(src
                    .error(key.span(), format!("`{key_name}` is inside [{table_name}]"))
                    .with_help(format!(
                        "every key after a [table] header belongs to that table;\n\
                         move `{key_name}` to the top of the file, before the first [table]"
                    )));
            }
        }
    }
    Ok(())
}

/// A top-level text that must be there and not be blank, with its span.
fn required_text(
    src: &Source,
    doc: &DeTable<'_>,
    key: &str,
    example: &str,
) -> Result<(String, Span), Diagnostic> {
    let Some(value) = doc.get(key) else {
        return Err(src
            .missing(format!("the scenario has no `{key}`"))
            .with_help(format!(
                "add it at the top of the file, before any [table]: {example}"
            )));
    };
    let text = src.string(key, value, example)?.trim();
    if text.is_empty() {
        return Err(src
            .error(value.span(), format!("`{key}` is empty"))
            .with_help(format!("for example: {example}")));
    }
    Ok((text.to_string(), value.span()))
}

/// The `[runtime]` table: flavor and worker count.
fn runtime(src: &Source, value: &Value<'_>) -> Result<RuntimeSpec, Diagnostic> {
    let example = "[runtime]\nflavor = \"multi_thread\"\nworkers = 4";
    let Some(table) = value.get_ref().as_table() else {
        return Err(src.wrong_type("runtime", value, "a table", example));
    };
    src.check_keys(table, "in [runtime]", &RUNTIME_KEYS)?;
    let flavor = match table.get("flavor") {
        None => Flavor::CurrentThread,
        Some(value) => match src.string("flavor", value, "flavor = \"current_thread\"")? {
            "current_thread" => Flavor::CurrentThread,
            "multi_thread" => Flavor::MultiThread,
            other => {
                let flavors = ["current_thread", "multi_thread"];
                let help = suggest::help_for_unknown(other, "flavors", flavors);
                return Err(src
                    .error(value.span(), format!("unknown runtime flavor \"{other}\""))
                    .with_help(help));
            }
        },
    };
    let workers = match table.get("workers") {
        None => None,
        Some(value) => Some((src.integer("workers", value, "workers = 4")?, value.span())),
    };
    let workers = match (flavor, workers) {
        (_, Some((n, span))) if n < 1 => {
            return Err(src
                .error(
                    span,
                    format!("`workers = {n}`: a runtime needs at least one worker"),
                )
                .with_help("use 1 or more, like workers = 4"));
        }
        (Flavor::CurrentThread, Some((1, _))) | (Flavor::CurrentThread, None) => 1,
        (Flavor::CurrentThread, Some((n, span))) => {
            return Err(src
                .error(
                    span,
                    format!("a current_thread runtime has exactly 1 worker, not {n}"),
                )
                .with_help(
                    "remove `workers`, or use flavor = \"multi_thread\" for a pool of workers",
                ));
        }
        (Flavor::MultiThread, None) => DEFAULT_WORKERS,
        (Flavor::MultiThread, Some((n, span))) if n > MAX_WORKERS as i128 => {
            return Err(src
                .error(
                    span,
                    format!("`workers = {n}` is too many: at most {MAX_WORKERS}"),
                )
                .with_help(format!(
                    "a multi_thread runtime has 1 to {MAX_WORKERS} workers, like workers = 4"
                )));
        }
        (Flavor::MultiThread, Some((n, _))) => n as usize,
    };
    Ok(RuntimeSpec { flavor, workers })
}

/// One entry of `[functions]`: a name and a list of steps.
fn function(
    src: &Source,
    name: &str,
    key_span: Span,
    value: &Value<'_>,
) -> Result<(Function, FunctionSpans), Diagnostic> {
    if !is_name(name) {
        return Err(src
            .error(key_span, format!("\"{name}\" is not a valid function name"))
            .with_help(NAME_HELP));
    }
    let Some(items) = value.get_ref().as_array() else {
        let help = format!(
            "write the steps in [ ], one {{ }} per step:\n{name} = [\n  {{ sleep = \"1s\" }},\n]"
        );
        return Err(src
            .error(
                value.span(),
                format!(
                    "function `{name}` must be a list of steps, not {}",
                    describe(value)
                ),
            )
            .with_help(help));
    };
    let mut steps = Vec::new();
    let mut spans = Vec::new();
    for item in items.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            let help = match item.get_ref().as_str() {
                Some(text) if is_name(text) => format!("to call it, write {{ call = \"{text}\" }}"),
                _ => "for example: { sleep = \"1s\", label = \"GET /weather\" }".to_string(),
            };
            return Err(src
                .error(
                    item.span(),
                    format!("a step is a table in {{ }}, not {}", describe(item)),
                )
                .with_help(help));
        };
        let (step, step_spans) = parse_step(src, table, item.span())?;
        steps.push(step);
        spans.push(step_spans);
    }
    name_spawns(src, &mut steps, &spans)?;
    let line = src.line(key_span.start);
    Ok((
        Function {
            name: name.to_string(),
            steps,
            line,
        },
        FunctionSpans { steps: spans },
    ))
}
