//! "Did you mean ...?": the closest known name to a misspelt one, for help lines.

/// Names longer than this get no suggestion: comparing two of them costs the product of
/// their lengths, and nobody misspells a name of a thousand letters.
const LONGEST_COMPARED: usize = 64;

/// How many names a help line lists before it says how many more there are.
const NAMES_LISTED: usize = 20;

/// The candidate closest to `wrong` by edit distance, if it is close enough to be a typo
/// (about a third of its letters differ at most). Candidates whose length alone differs by
/// more than that are skipped without comparing them.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wrong.chars().count();
    if length > LONGEST_COMPARED {
        return None;
    }
    let limit = length.div_ceil(3);
    candidates
        .into_iter()
        .filter(|candidate| candidate.len() <= 4 * (length + limit))
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
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

/// `a, b, c`: names joined for a help line; after [`NAMES_LISTED`] of them, how many more.
pub fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut names = names.into_iter();
    let shown: Vec<&str> = names.by_ref().take(NAMES_LISTED).collect();
    match names.count() {
        0 => shown.join(", "),
        more => format!("{}, and {more} more", shown.join(", ")),
    }
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
    fn long_lists_and_long_names_stay_short() {
        let many: Vec<String> = (0..25).map(|i| format!("f{i}")).collect();
        let list = name_list(many.iter().map(String::as_str));
        assert!(list.ends_with("f19, and 5 more"), "{list}");
        let long = "x".repeat(1000);
        assert_eq!(closest(&long, [long.as_str()]), None);
        assert_eq!(closest("fetch", ["fetch_weather_now_please"]), None);
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
