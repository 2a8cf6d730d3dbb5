//! Code listings tied to steps. `[code]` names a Rust and a Python file; a marker comment
//! at the end of a listing line (`// step: main.1`, `# step: main.1`) says which step that
//! line performs. Markers are resolved to line numbers and removed from the shown text, so
//! the numbers never drift and the code pane shows clean code.

use toml::de::DeTable;

use super::diagnostic::Diagnostic;
use super::model::{Code, Listing};
use super::read::NotUtf8;
use super::source::{Source, Span, in_file_order};
use super::spans::{CodeRefs, Parsed};
use super::suggest;

/// Reads a listing by the path written in `[code]`: the name to use in messages and the
/// text, or why it cannot be read.
pub(crate) type Loader<'a> = &'a dyn Fn(&str) -> Result<(String, String), ListingError>;

/// Why a listing could not be used.
pub(crate) enum ListingError {
    /// It could not be read: why, for the help line under the `[code]` entry.
    Unreadable(String),
    /// It is not UTF-8: shown at its bad byte, in the listing named `origin`.
    NotUtf8 {
        /// The listing's name in messages.
        origin: String,
        /// Where the bad byte is.
        bad: NotUtf8,
    },
}

/// A listing language: its key in `[code]`, file extension and line comment.
struct Lang {
    key: &'static str,
    name: &'static str,
    extension: &'static str,
    comment: &'static str,
}

const RUST: Lang = Lang {
    key: "rust",
    name: "Rust",
    extension: ".rs",
    comment: "//",
};

const PYTHON: Lang = Lang {
    key: "python",
    name: "Python",
    extension: ".py",
    comment: "#",
};

/// The `[code]` table, if the file has one.
pub(crate) fn parse_table(src: &Source, doc: &DeTable<'_>) -> Result<CodeRefs, Diagnostic> {
    let Some(value) = doc.get("code") else {
        return Ok(CodeRefs::default());
    };
    let example =
        "[code]\nrust = \"listings/my-scenario.rs\"\npython = \"listings/my-scenario.py\"";
    let Some(table) = value.get_ref().as_table() else {
        return Err(src.wrong_type("code", value, "a table", example));
    };
    src.check_keys(table, "in [code]", &[RUST.key, PYTHON.key])?;
    let mut refs = CodeRefs::default();
    for (key, value) in in_file_order(table) {
        let lang = if key.get_ref() == RUST.key {
            &RUST
        } else {
            &PYTHON
        };
        let path = src.string(lang.key, value, example)?;
        if !path.ends_with(lang.extension) {
            return Err(src
                .error(
                    value.span(),
                    format!("a {} listing is a `{}` file", lang.name, lang.extension),
                )
                .with_help(format!("for example:\n{example}")));
        }
        let found = Some((path.to_string(), value.span()));
        match lang.key {
            "rust" => refs.rust = found,
            _ => refs.python = found,
        }
    }
    Ok(refs)
}

/// Reads the listings, resolves their markers to steps, and checks that every step has a
/// line in each listing.
pub(crate) fn attach(
    src: &Source,
    parsed: &mut Parsed,
    refs: &CodeRefs,
    load: Loader,
) -> Result<(), Diagnostic> {
    if refs.rust.is_none() && refs.python.is_none() {
        return Ok(());
    }
    let mut code = Code::default();
    for (lang, reference) in [(&RUST, &refs.rust), (&PYTHON, &refs.python)] {
        let Some((path, span)) = reference else {
            continue;
        };
        let (origin, raw) = load(path).map_err(|error| match error {
            ListingError::Unreadable(why) => src
                .error(
                    span.clone(),
                    format!("cannot read the {} listing `{path}`", lang.name),
                )
                .with_help(why),
            ListingError::NotUtf8 { origin, bad } => bad.diagnostic(&origin),
        })?;
        let listing = Source::new(&origin, &raw);
        let (text, lines) = resolve(&listing, lang, parsed)?;
        check_complete(src, parsed, lang, path, &lines)?;
        let steps = parsed
            .scenario
            .functions
            .iter_mut()
            .flat_map(|f| &mut f.steps);
        for (step, line) in steps.zip(lines) {
            match lang.key {
                "rust" => step.code.rust = line,
                _ => step.code.python = line,
            }
        }
        let listing = Some(Listing {
            path: path.clone(),
            text,
        });
        match lang.key {
            "rust" => code.rust = listing,
            _ => code.python = listing,
        }
    }
    parsed.scenario.code = Some(code);
    Ok(())
}

/// The listing without its markers, and the line of each step (by step id).
fn resolve(
    listing: &Source,
    lang: &Lang,
    parsed: &Parsed,
) -> Result<(String, Vec<Option<u32>>), Diagnostic> {
    let scenario = &parsed.scenario;
    let mut lines = vec![None; scenario.steps().count()];
    let mut text = String::with_capacity(listing.text.len());
    let marker = format!("{} step:", lang.comment);
    let mut offset = 0;
    for (number, line) in listing.text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        match body.rfind(&marker) {
            None => text.push_str(body),
            Some(at) => {
                text.push_str(body[..at].trim_end());
                let refs_start = offset + at + marker.len();
                let refs = words(&body[at + marker.len()..], refs_start);
                if refs.is_empty() {
                    let span = offset + at..refs_start;
                    return Err(listing.error(span, "this marker names no step").with_help(
                        format!("name the step this line does, like `{marker} main.1`"),
                    ));
                }
                for (reference, span) in refs {
                    let id = step_id(listing, parsed, reference, span.clone())?;
                    if let Some(first) = lines[id] {
                        return Err(listing
                            .error(span, format!("step {reference} is already on line {first}"))
                            .with_help("a step has one line in each listing; remove one marker"));
                    }
                    lines[id] = Some(number as u32 + 1);
                }
            }
        }
        if line.ends_with('\n') {
            text.push('\n');
        }
        offset += line.len();
    }
    Ok((text, lines))
}

/// The references after a marker (`main.1 main.2` or `main.1, main.2`), with their spans.
fn words(text: &str, start: usize) -> Vec<(&str, Span)> {
    let mut found = Vec::new();
    let mut at = 0;
    for piece in text.split([' ', ',', '\t']) {
        if !piece.is_empty() {
            found.push((piece, start + at..start + at + piece.len()));
        }
        at += piece.len() + 1;
    }
    found
}

/// The id of the step `function.N` (N counted from 1 in the function's list).
fn step_id(
    listing: &Source,
    parsed: &Parsed,
    reference: &str,
    span: Span,
) -> Result<usize, Diagnostic> {
    let scenario = &parsed.scenario;
    let form = "a marker names steps as FUNCTION.N, the N-th step of FUNCTION, like `main.1`";
    let Some((name, n)) = reference.rsplit_once('.') else {
        return Err(listing
            .error(span, format!("`{reference}` is not a step"))
            .with_help(form));
    };
    let Some(function) = parsed.function_index(name).map(|i| &scenario.functions[i]) else {
        let names = scenario.functions.iter().map(|f| f.name.as_str());
        return Err(listing
            .error(span, format!("the scenario has no function `{name}`"))
            .with_help(suggest::help_for_unknown(name, "functions", names)));
    };
    let count = function.steps.len();
    match n.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok(function.steps[n - 1].id as usize),
        Ok(_) => Err(listing
            .error(span, format!("`{name}` has no step {n}"))
            .with_help(format!(
                "`{name}` has {count} step(s): {name}.1 to {name}.{count}"
            ))),
        Err(_) => Err(listing
            .error(span, format!("`{reference}` is not a step"))
            .with_help(form)),
    }
}

/// Every step must have a line in the listing: a step added to the scenario and not to
/// the listing is reported here, not drawn on the wrong line.
fn check_complete(
    src: &Source,
    parsed: &Parsed,
    lang: &Lang,
    path: &str,
    lines: &[Option<u32>],
) -> Result<(), Diagnostic> {
    let spans = parsed.functions.iter().flat_map(|f| &f.steps);
    for ((function, step), spans) in parsed.scenario.steps().zip(spans) {
        if lines[step.id as usize].is_some() {
            continue;
        }
        let index = function
            .steps
            .iter()
            .position(|s| s.id == step.id)
            .unwrap_or(0)
            + 1;
        let reference = format!("{}.{index}", function.name);
        return Err(src
            .error(
                spans.whole.clone(),
                format!("step {reference} has no line in the {} listing `{path}`", lang.name),
            )
            .with_help(format!(
                "end the line of `{path}` that does this step with the marker `{} step: {reference}`",
                lang.comment
            )));
    }
    Ok(())
}
