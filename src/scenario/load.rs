//! The ways into a scenario: text, bytes, a file, a built-in, or a command-line argument that
//! names one of them. Each runs the same checks, in order: the size, the TOML and its values,
//! names, joins and the call graph, resources, then the listings.

use std::path::Path;

use super::builtin::{self, builtins};
use super::code::{self, ListingError, Loader};
use super::diagnostic::Diagnostic;
use super::model::Scenario;
use super::parse::parse_document;
use super::quiz_names;
use super::read::{self, ReadError, in_mib};
use super::resource_use;
use super::source::Source;
use super::suggest;
use super::validate;
use crate::limits::{MAX_LISTING_BYTES, MAX_SCENARIO_BYTES};

/// Parses and validates a scenario. `origin` names the text in messages: a file path, or
/// `builtin:NAME`. The listings of `[code]` are read relative to a file path's folder, or
/// from the embedded files for a built-in.
pub fn parse(source: &str, origin: &str) -> Result<Scenario, Diagnostic> {
    match origin.strip_prefix("builtin:") {
        Some(_) => parse_with(source, origin, &|path: &str| {
            builtin::listing(path)
                .map(|text| (format!("builtin:{path}"), text.to_string()))
                .ok_or_else(|| {
                    ListingError::Unreadable(format!("no built-in listing has the path `{path}`"))
                })
        }),
        None => {
            let folder = Path::new(origin).parent().unwrap_or(Path::new(""));
            parse_with(source, origin, &|path: &str| {
                let file = folder.join(path);
                let origin = file.display().to_string();
                match read::read_text(&file, MAX_LISTING_BYTES) {
                    Ok(text) => Ok((origin, text)),
                    Err(ReadError::NotUtf8(bad)) => Err(ListingError::NotUtf8 { origin, bad }),
                    Err(ReadError::Io(error)) => Err(ListingError::Unreadable(format!(
                        "{origin}: {error}; the path is relative to the scenario file's folder"
                    ))),
                    Err(error) => Err(ListingError::Unreadable(format!("{origin}: {error}"))),
                }
            })
        }
    }
}

/// [`parse`] of bytes that may not be UTF-8: a byte that is not is reported at its line and
/// column.
pub fn parse_bytes(bytes: &[u8], origin: &str) -> Result<Scenario, Diagnostic> {
    let too_large = bytes.len() as u64 > MAX_SCENARIO_BYTES;
    if too_large {
        return Err(size_error(origin, bytes.len() as u64));
    }
    match read::decode(bytes.to_vec()) {
        Ok(text) => parse(&text, origin),
        Err(bad) => Err(bad.diagnostic(origin)),
    }
}

/// [`parse`] with the listings read by `load`.
pub(crate) fn parse_with(source: &str, origin: &str, load: Loader) -> Result<Scenario, Diagnostic> {
    if source.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(size_error(origin, source.len() as u64));
    }
    let src = Source::new(origin, source);
    let mut parsed = parse_document(&src)?;
    let graph = validate::validate(&src, &parsed)?;
    resource_use::check(&src, &parsed, &graph)?;
    quiz_names::check(&src, &parsed.scenario, &parsed.quiz, &parsed.asyncio_quiz)?;
    let refs = std::mem::take(&mut parsed.code);
    code::attach(&src, &mut parsed, &refs, load)?;
    Ok(parsed.scenario)
}

/// "the scenario is N bytes, more than the limit", before any of it is parsed.
fn size_error(origin: &str, bytes: u64) -> Diagnostic {
    let limit = in_mib(MAX_SCENARIO_BYTES);
    Diagnostic::at_top(
        origin,
        format!("the scenario is {bytes} bytes, more than the limit of {limit}"),
    )
    .with_help(format!(
        "a scenario file is at most {limit}; split a long story into several scenarios"
    ))
}

/// What a scenario path that names no file is told, by every command.
const NO_SUCH_FILE: &str = "no such scenario file";

/// Reads and parses a scenario file; a file that cannot be read (missing, not a regular
/// file, over [`MAX_SCENARIO_BYTES`]) is a diagnostic about the whole file, and one that is
/// not UTF-8 a diagnostic at its first bad byte.
pub fn load_file(path: &Path) -> Result<Scenario, Diagnostic> {
    let origin = path.display().to_string();
    match read::read_text(path, MAX_SCENARIO_BYTES) {
        Ok(text) => parse(&text, &origin),
        Err(ReadError::NotUtf8(bad)) => Err(bad.diagnostic(&origin)),
        // The words `resolve` uses for a path that is not there, so `check` and `run` agree.
        Err(ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(Diagnostic::new(&origin, NO_SUCH_FILE))
        }
        Err(error) => Err(Diagnostic::new(
            &origin,
            format!("cannot read the scenario file: {error}"),
        )),
    }
}

/// The built-in scenario `name`, parsed; None when there is no such built-in.
pub fn builtin(name: &str) -> Option<Scenario> {
    let found = builtin::find(name)?;
    let origin = format!("builtin:{}", found.name);
    match parse(found.source, &origin) {
        Ok(scenario) => Some(scenario),
        // The unit tests parse every built-in, so this is a bug in a shipped file.
        Err(diagnostic) => panic!("the built-in scenario is invalid:\n{diagnostic}"),
    }
}

/// What a command-line argument names: a built-in scenario (`await-chain`, or an origin
/// like `builtin:await-chain`), else a file path.
pub fn resolve(arg: &str) -> Result<Scenario, Diagnostic> {
    if let Some(scenario) = builtin(arg.strip_prefix("builtin:").unwrap_or(arg)) {
        return Ok(scenario);
    }
    let path = Path::new(arg);
    if path.exists() {
        return load_file(path);
    }
    let names = builtins().iter().map(|b| b.name);
    let list = names.clone().collect::<Vec<_>>().join(", ");
    let help = match suggest::closest(arg, names) {
        Some(near) => format!("did you mean `{near}`? the built-in scenarios are: {list}"),
        None => format!("the built-in scenarios are: {list}"),
    };
    let looks_like_a_path = arg.contains(std::path::MAIN_SEPARATOR) || arg.ends_with(".toml");
    let diagnostic = if arg.trim().is_empty() {
        Diagnostic::new("taskscope", "no scenario name or file was given")
    } else if looks_like_a_path {
        Diagnostic::new(arg, NO_SUCH_FILE)
    } else {
        Diagnostic::new(arg, "no built-in scenario and no file has this name")
    };
    Err(diagnostic.with_help(help))
}
