//! "Did you mean ...?": the closest known name to a misspelt one, for help lines.

/// The candidate closest to `wrong` by edit distance, if it is close enough to be a typo
/// (about a third of its letters differ at most).
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = wrong.chars().count().div_ceil(3);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(wrong, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// The help line for a name that does not exist: a suggestion when one is close, then the
/// names that do exist. `kind` is plural ("functions", "keys").
pub fn help_for_unknown<'a>(
    wrong: &str,
    kind: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let list = name_list(known.clone());
    match closest(wrong, known) {
        Some(name) => format!("did you mean `{name}`? the {kind} are: {list}"),
        None if list.is_empty() => format!("there are no {kind}"),
        None => format!("the {kind} are: {list}"),
    }
}

/// `a, b, c`: names joined for a help line.
pub fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().collect::<Vec<_>>().join(", ")
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let names = ["main", "fetch_weather", "fetch_news"];
        assert_eq!(closest("fetch_wether", names), Some("fetch_weather"));
        assert_eq!(closest("fetch_new", names), Some("fetch_news"));
        assert_eq!(closest("mian", names), Some("main"));
        assert_eq!(closest("upload", names), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn help_suggests_then_lists() {
        let names = ["main", "fetch_weather"];
        assert_eq!(
            help_for_unknown("fetch_wether", "functions", names),
            "did you mean `fetch_weather`? the functions are: main, fetch_weather"
        );
        assert_eq!(help_for_unknown("x", "tasks", []), "there are no tasks");
    }
}
