//! The keymap's queries: key dispatch, the footer and the `?` help all read the one table
//! of `bindings.rs`, so they cannot disagree; the keys' text comes from the keys themselves
//! (see `keys.rs`).

use crossterm::event::{KeyEvent, KeyEventKind};

pub use super::actions::{Command, Context};
pub use super::bindings::{BINDINGS, Binding, Hint};
use super::keys::Key;
use Context::{Filter, Global, LaneFilter};

/// The bindings in effect in `context`, in table order: its own, then its parent's, then
/// the global ones; a binding whose keys are all taken by an earlier one is left out.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    let own = BINDINGS.iter().filter(move |b| b.context == context);
    let parent = context.parent();
    let inherited = BINDINGS
        .iter()
        .filter(move |b| Some(b.context) == parent || b.context == Global);
    let mut taken: Vec<Key> = Vec::new();
    own.chain(inherited).filter(move |b| {
        let shadowed = b.keys.iter().all(|k| taken.contains(k));
        taken.extend(b.keys);
        !shadowed
    })
}

/// The command bound to `event` in `context` (inherited and global bindings included), if
/// any. Key releases are ignored (terminals that report them would otherwise act twice).
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    bindings(context)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// The footer hints for `context`, in table order: the keys as the footer writes them, what
/// they do, and the command, so the footer can leave out what is not available now. The
/// global ones (ctrl-c) are hinted only while a filter is typed, where `q` types.
pub fn footer(context: Context) -> impl Iterator<Item = (String, &'static str, Command)> {
    let typing = matches!(context, Filter | LaneFilter);
    let shown = move |b: &&Binding| b.context != Global || typing;
    bindings(context).filter(shown).filter_map(move |b| {
        let hint = b.footer?;
        if let Some(keys) = hint.keys {
            return Some((keys.to_string(), hint.what, b.command));
        }
        let mut keys = b.keys.first()?.short();
        if let Some(partner) = hint.with {
            let with = bindings(context).find(|p| p.command == partner);
            keys.extend(with.and_then(|p| p.keys.first()).map(Key::short));
        }
        Some((keys, hint.what, b.command))
    })
}

/// The bindings the help lists for `context` (global ones last), with their keys as the
/// help writes them (a range of keys as its hint writes it: `1-9`).
pub fn help(context: Context) -> impl Iterator<Item = (String, &'static Binding)> {
    let mut sorted: Vec<&'static Binding> = bindings(context).collect();
    sorted.sort_by_key(|b| b.context == Global);
    sorted.into_iter().map(|b| {
        if let Some(range) = b.footer.and_then(|h| h.keys) {
            return (range.to_string(), b);
        }
        let keys: Vec<String> = b.keys.iter().map(Key::long).collect();
        (keys.join(" "), b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_by_context() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Run, &q), Some(Command::Quit));
        assert_eq!(lookup(Context::Menu, &q), Some(Command::Quit));
        // While a filter is typed, letters type into it.
        assert_eq!(lookup(Context::Filter, &q), None);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Menu, &ctrl_c), Some(Command::Quit));
        assert_eq!(lookup(Context::Run, &ctrl_c), Some(Command::Quit));
    }

    #[test]
    fn shifted_characters_match_with_or_without_the_flag() {
        let plus = press(KeyCode::Char('+'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Run, &plus), Some(Command::ZoomIn));
        let big_l = press(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Run, &big_l), Some(Command::Lesson));
        let shift_left = press(KeyCode::Left, KeyModifiers::SHIFT);
        assert_eq!(
            lookup(Context::Run, &shift_left),
            Some(Command::CursorFarLeft)
        );
        assert_eq!(
            lookup(Context::Run, &press(KeyCode::Left, KeyModifiers::NONE)),
            Some(Command::CursorLeft)
        );
    }

    #[test]
    fn releases_do_nothing() {
        let mut q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        q.kind = KeyEventKind::Release;
        assert_eq!(lookup(Context::Run, &q), None);
    }

    #[test]
    fn the_footer_and_the_help_write_the_keys_of_the_bindings() {
        let hints: Vec<(String, &str)> = footer(Context::Run)
            .map(|(keys, what, _)| (keys, what))
            .collect();
        let first: Vec<(&str, &str)> = hints
            .iter()
            .take(4)
            .map(|(k, w)| (k.as_str(), *w))
            .collect();
        assert_eq!(
            first,
            [
                ("↑↓", "lane"),
                ("n", "next step"),
                ("⏎", "details"),
                ("␣", "freeze"),
            ]
        );
        assert!(hints.iter().any(|(k, w)| k == "+-" && *w == "zoom"));
        let menu: Vec<String> = help(Context::Menu).map(|(keys, _)| keys).collect();
        assert_eq!(menu.first().map(String::as_str), Some("↑ k ctrl-p"));
        assert_eq!(
            menu.last().map(String::as_str),
            Some("ctrl-c"),
            "global keys last"
        );
    }

    #[test]
    fn the_attach_view_has_the_run_views_keys_and_its_own_esc() {
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(lookup(Context::Attach, &esc), Some(Command::Back));
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Attach, &j), Some(Command::Down));
        let listed = help(Context::Attach)
            .filter(|(keys, _)| keys == "Esc")
            .count();
        assert_eq!(listed, 1, "the run view's Esc is shadowed");
    }

    #[test]
    fn every_binding_has_keys_and_help_and_no_key_is_bound_twice() {
        for (i, a) in BINDINGS.iter().enumerate() {
            assert!(!a.keys.is_empty() && !a.help.is_empty());
            for b in &BINDINGS[i + 1..] {
                let same_place = a.context == b.context;
                let shared = a.keys.iter().any(|k| b.keys.contains(k));
                assert!(
                    !(same_place && shared),
                    "{:?} and {:?}",
                    a.command,
                    b.command
                );
            }
        }
    }
}
