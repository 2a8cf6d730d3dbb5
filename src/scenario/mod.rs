//! What a scenario is: the model, the TOML parser with diagnostics, validation, the code
//! listings tied to its steps, and the built-in library. No tokio here.
//!
//! The file format is documented in the README ("Writing a scenario").

mod args;
mod builtin;
mod code;
mod diagnostic;
mod duration;
mod embedded;
mod model;
mod parse;
mod resources;
mod source;
mod step;
mod suggest;
mod validate;

use std::path::Path;

pub use builtin::{Builtin, builtin, builtins};
pub use diagnostic::Diagnostic;
pub use duration::{DURATION_EXPECTED, DurationError, format_duration, parse_duration};
pub use embedded::ScenarioFile;
pub use model::*;
pub use parse::DEFAULT_WORKERS;
pub use step::{MODIFIERS, VERBS};

/// Parses and validates a scenario. `origin` names the text in messages: a file path, or
/// `builtin:NAME`. The listings of `[code]` are read relative to a file path's folder, or
/// from the embedded files for a built-in.
pub fn parse(source: &str, origin: &str) -> Result<Scenario, Diagnostic> {
    match origin.strip_prefix("builtin:") {
        Some(_) => parse_with(source, origin, &|path: &str| {
            builtin::listing(path)
                .map(|text| (format!("builtin:{path}"), text.to_string()))
                .ok_or_else(|| format!("no built-in listing has the path `{path}`"))
        }),
        None => {
            let folder = Path::new(origin).parent().unwrap_or(Path::new(""));
            parse_with(source, origin, &|path: &str| {
                let file = folder.join(path);
                match std::fs::read_to_string(&file) {
                    Ok(text) => Ok((file.display().to_string(), text)),
                    Err(error) => Err(format!(
                        "{}: {error}; the path is relative to the scenario file's folder",
                        file.display()
                    )),
                }
            })
        }
    }
}

/// [`parse`] with the listings read by `load`.
fn parse_with(source: &str, origin: &str, load: code::Loader) -> Result<Scenario, Diagnostic> {
    let src = source::Source {
        origin,
        text: source,
    };
    let mut parsed = parse::parse_document(&src)?;
    validate::validate(&src, &parsed)?;
    resources::check(&src, &parsed)?;
    let refs = std::mem::take(&mut parsed.code);
    code::attach(&src, &mut parsed, &refs, load)?;
    Ok(parsed.scenario)
}

/// Reads and parses a scenario file; a file that cannot be read is a diagnostic too.
pub fn load_file(path: &Path) -> Result<Scenario, Diagnostic> {
    let origin = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| {
        Diagnostic::new(&origin, format!("cannot read the scenario file: {error}"))
    })?;
    parse(&text, &origin)
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
        Diagnostic::new(arg, "no such scenario file")
    } else {
        Diagnostic::new(arg, "no built-in scenario and no file has this name")
    };
    Err(diagnostic.with_help(help))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod format_tests;
