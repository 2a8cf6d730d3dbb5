//! The check that makes a saved run trustworthy: its lanes, findings and figures are exactly
//! what its tape folds into. A document that was edited, or saved by a taskscope that folds
//! events differently, is refused with the first difference named.

use serde_json::Value;

use super::Saved;
use crate::export::json::{RunJson, VERSION, to_document};

/// Ok when the document is what its tape (and its scenario, for the narration) make.
pub(super) fn same_lanes(saved: &Saved) -> Result<(), String> {
    let attach = saved.document.attach.clone();
    let mut again = to_document(&saved.run, saved.scenario_pair(), attach);
    again.script = saved.document.script.clone();
    if saved.document.version < VERSION {
        // An older version counted `concurrency` another way: opening counts it again.
        again.version = saved.document.version;
        again.concurrency = saved.document.concurrency;
        let said = |doc: &RunJson| {
            let summary = doc.findings.iter().find(|f| f.kind == "concurrency");
            summary.map(|f| f.message.clone())
        };
        if let (Some(message), Some(summary)) = (
            said(&saved.document),
            again.findings.iter_mut().find(|f| f.kind == "concurrency"),
        ) {
            summary.message = message;
        }
    }
    if again == saved.document {
        return Ok(());
    }
    let to_value = |doc| serde_json::to_value(doc).unwrap_or(Value::Null);
    let (file, folded) = (to_value(&saved.document), to_value(&again));
    let (path, file, folded) = first_difference(&file, &folded, String::new()).unwrap_or_default();
    Err(format!(
        "its lanes are not what its events fold into (at `{path}`: {file} in the file, \
         {folded} from the events): it was edited, or saved by a taskscope that folds \
         events differently"
    ))
}

/// Where two values first differ: the path (`tasks[3].segments[2].end_ns`) and both values,
/// shortened.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<(String, String, String)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            for key in keys {
                let (u, v) = (x.get(key), y.get(key));
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match (u, v) {
                    (Some(u), Some(v)) => {
                        if let Some(found) = first_difference(u, v, here) {
                            return Some(found);
                        }
                    }
                    _ => return Some((here, short(u), short(v))),
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let here = format!("{path}[{i}]");
                match (x.get(i), y.get(i)) {
                    (Some(u), Some(v)) => {
                        if let Some(found) = first_difference(u, v, here) {
                            return Some(found);
                        }
                    }
                    (u, v) => return Some((here, short(u), short(v))),
                }
            }
            None
        }
        _ if a == b => None,
        _ => Some((path, short(Some(a)), short(Some(b)))),
    }
}

/// A value as a message shows it: nothing, or its JSON cut to 60 characters.
fn short(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "nothing".into();
    };
    let text = v.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}
