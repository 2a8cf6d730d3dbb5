//! The one keymap table: key dispatch, the footer and the `?` help all read [`BINDINGS`], so
//! they cannot disagree; the keys' text comes from the keys themselves (see `keys.rs`).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::keys::{Key, ch, ctrl, key, shift};

/// What a key asks for. [`crate::ui::update()`] gives each its meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Select the previous lane or menu entry.
    Up,
    /// Select the next lane or menu entry.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// The first lane or entry.
    Top,
    /// The last lane or entry.
    Bottom,
    /// Run the selected menu entry.
    Run,
    /// Show or hide the selected task's details.
    Details,
    /// Freeze the view (the run goes on) or unfreeze it.
    Freeze,
    /// Move the time cursor one column left.
    CursorLeft,
    /// Move the time cursor one column right.
    CursorRight,
    /// Move the time cursor ten columns left.
    CursorFarLeft,
    /// Move the time cursor ten columns right.
    CursorFarRight,
    /// Remove the time cursor: lanes show their state now.
    CursorNow,
    /// Step mode: hold the view at the next step start (after the last: show the rest).
    NextStep,
    /// Show or hide the code pane (the scenario's listing, each task's line lit).
    Code,
    /// Switch the code pane's language (Rust, Python).
    Language,
    /// Menu: mark or unmark the selected scenario for a side-by-side comparison.
    Mark,
    /// Step mode on or off: for the runs shown, and the next ones.
    StepMode,
    /// Start typing a filter (the menu's entries, the run view's lanes).
    Filter,
    /// Keep the filter typed and stop typing.
    KeepFilter,
    /// Zoom time in (twice as much detail).
    ZoomIn,
    /// Zoom time out.
    ZoomOut,
    /// Fit the whole run.
    ZoomFit,
    /// Run the scenario again.
    Rerun,
    /// Cycle the speed of the next run (1x, 0.5x, 0.25x, 2x).
    Speed,
    /// Switch the runtime of the next runs: tokio or asyncio.
    Runtime,
    /// Compare the menu's selected scenario on tokio and on asyncio.
    CompareRuntimes,
    /// Collapse finished tasks into a count, or show them.
    Collapse,
    /// Fold the selected task (its children and branches behind a count), or unfold it; on
    /// a lane with nothing under it, fold its parent.
    Fold,
    /// Unfold every folded task.
    UnfoldAll,
    /// Show or hide the scenario's lesson.
    Lesson,
    /// Show or hide the help.
    Help,
    /// Close an overlay; leave the run for the menu; clear the menu's filter or marks.
    Back,
    /// Quit.
    Quit,
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Everywhere.
    Global,
    /// The scenario menu.
    Menu,
    /// The scenario menu while a filter is typed (other printable keys type into it).
    Filter,
    /// The run view.
    Run,
    /// The run view while a filter of its lanes is typed (other printable keys type into it).
    LaneFilter,
    /// The run view of an attached process: its own bindings first, then the run view's.
    Attach,
    /// Two runs on one time axis.
    Compare,
}

impl Context {
    /// The context whose bindings this one also has, after its own.
    fn parent(self) -> Option<Context> {
        match self {
            Context::Attach => Some(Context::Run),
            _ => None,
        }
    }
}

/// One row of the keymap.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// What it does.
    pub command: Command,
    /// What the help says it does.
    pub help: &'static str,
    /// The footer's hint (None: help only), shown in table order while room lasts.
    pub footer: Option<Hint>,
}

/// A footer hint: the binding's first key, then the first key of `with`'s binding (`↑↓`),
/// and what they do.
#[derive(Clone, Copy, Debug)]
pub struct Hint {
    /// The partner command whose key is written after this one's (Down after Up).
    pub with: Option<Command>,
    /// What the keys do, in a word or two.
    pub what: &'static str,
}

const fn hint(what: &'static str) -> Option<Hint> {
    Some(Hint { with: None, what })
}

const fn pair(with: Command, what: &'static str) -> Option<Hint> {
    Some(Hint {
        with: Some(with),
        what,
    })
}

use Command as C;
use Context::{Attach, Compare, Filter, Global, LaneFilter, Menu, Run};
use KeyCode as K;

/// The keymap. Order matters: the first match wins, and the footer lists in this order.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { context: Menu, keys: &[key(K::Up), ch('k'), ctrl('p')], command: C::Up, help: "previous scenario", footer: pair(C::Down, "select") },
    Binding { context: Menu, keys: &[key(K::Down), ch('j'), ctrl('n')], command: C::Down, help: "next scenario", footer: None },
    Binding { context: Menu, keys: &[key(K::PageUp)], command: C::PageUp, help: "a page up", footer: None },
    Binding { context: Menu, keys: &[key(K::PageDown)], command: C::PageDown, help: "a page down", footer: None },
    Binding { context: Menu, keys: &[key(K::Home), ch('g')], command: C::Top, help: "first scenario", footer: None },
    Binding { context: Menu, keys: &[key(K::End), ch('G')], command: C::Bottom, help: "last scenario", footer: None },
    Binding { context: Menu, keys: &[key(K::Enter)], command: C::Run, help: "run it (two marked: compare them)", footer: hint("run") },
    Binding { context: Menu, keys: &[ch('/')], command: C::Filter, help: "filter: type; Enter keeps it, Esc clears it", footer: hint("filter") },
    Binding { context: Menu, keys: &[key(K::Tab)], command: C::Mark, help: "mark for compare (up to two)", footer: hint("mark") },
    Binding { context: Menu, keys: &[ctrl('t')], command: C::StepMode, help: "step mode for the next runs: on / off", footer: hint("step") },
    Binding { context: Menu, keys: &[ctrl('r')], command: C::Runtime, help: "runtime of the next runs: tokio / asyncio", footer: hint("runtime") },
    Binding { context: Menu, keys: &[ctrl('b')], command: C::CompareRuntimes, help: "compare it on tokio and on asyncio", footer: hint("both") },
    Binding { context: Menu, keys: &[key(K::Esc)], command: C::Back, help: "clear the filter, then the marks", footer: hint("clear") },
    Binding { context: Menu, keys: &[ch('?'), key(K::F(1))], command: C::Help, help: "show / hide this help", footer: hint("help") },
    Binding { context: Menu, keys: &[ch('q')], command: C::Quit, help: "quit", footer: hint("quit") },
    Binding { context: Filter, keys: &[key(K::Enter)], command: C::KeepFilter, help: "keep the filter, stop typing", footer: hint("keep") },
    Binding { context: Filter, keys: &[key(K::Esc)], command: C::Back, help: "clear the filter, stop typing", footer: hint("clear") },
    Binding { context: Filter, keys: &[key(K::Up)], command: C::Up, help: "previous scenario", footer: pair(C::Down, "select") },
    Binding { context: Filter, keys: &[key(K::Down)], command: C::Down, help: "next scenario", footer: None },
    Binding { context: LaneFilter, keys: &[key(K::Enter)], command: C::KeepFilter, help: "keep the filter, stop typing", footer: hint("keep") },
    Binding { context: LaneFilter, keys: &[key(K::Esc)], command: C::Back, help: "clear the filter, stop typing", footer: hint("clear") },
    Binding { context: LaneFilter, keys: &[key(K::Up)], command: C::Up, help: "select the lane above", footer: pair(C::Down, "lane") },
    Binding { context: LaneFilter, keys: &[key(K::Down)], command: C::Down, help: "select the lane below", footer: None },
    Binding { context: Attach, keys: &[key(K::Esc)], command: C::Back, help: "close popup, filter; quit (app goes on)", footer: None },
    Binding { context: Run, keys: &[key(K::Up), ch('k')], command: C::Up, help: "select the lane above", footer: pair(C::Down, "lane") },
    Binding { context: Run, keys: &[key(K::Down), ch('j')], command: C::Down, help: "select the lane below", footer: None },
    Binding { context: Run, keys: &[key(K::PageUp)], command: C::PageUp, help: "a page of lanes up", footer: None },
    Binding { context: Run, keys: &[key(K::PageDown)], command: C::PageDown, help: "a page of lanes down", footer: None },
    Binding { context: Run, keys: &[key(K::Home), ch('g')], command: C::Top, help: "first lane", footer: None },
    Binding { context: Run, keys: &[key(K::End), ch('G')], command: C::Bottom, help: "last lane", footer: None },
    Binding { context: Run, keys: &[ch('n')], command: C::NextStep, help: "step mode: next step start, then the rest", footer: hint("next step") },
    Binding { context: Run, keys: &[key(K::Enter), key(K::Tab)], command: C::Details, help: "show / hide task details", footer: hint("details") },
    Binding { context: Run, keys: &[ch(' ')], command: C::Freeze, help: "freeze the view (the run goes on)", footer: hint("freeze") },
    Binding { context: Run, keys: &[key(K::Left), ch('h')], command: C::CursorLeft, help: "time cursor a column left", footer: pair(C::CursorRight, "cursor") },
    Binding { context: Run, keys: &[key(K::Right), ch('l')], command: C::CursorRight, help: "time cursor a column right", footer: None },
    Binding { context: Run, keys: &[shift(K::Left)], command: C::CursorFarLeft, help: "time cursor ten columns left", footer: None },
    Binding { context: Run, keys: &[shift(K::Right)], command: C::CursorFarRight, help: "time cursor ten columns right", footer: None },
    Binding { context: Run, keys: &[ch('x'), key(K::Backspace)], command: C::CursorNow, help: "remove the cursor (show now)", footer: None },
    Binding { context: Run, keys: &[ch('c')], command: C::Code, help: "show / hide the code pane", footer: hint("code") },
    Binding { context: Run, keys: &[ch('p')], command: C::Language, help: "code pane: Rust / Python", footer: None },
    Binding { context: Run, keys: &[ch('+'), ch('=')], command: C::ZoomIn, help: "zoom in around the cursor", footer: pair(C::ZoomOut, "zoom") },
    Binding { context: Run, keys: &[ch('-'), ch('_')], command: C::ZoomOut, help: "zoom time out", footer: None },
    Binding { context: Run, keys: &[ch('0')], command: C::ZoomFit, help: "fit the whole run", footer: hint("fit") },
    Binding { context: Run, keys: &[ctrl('t')], command: C::StepMode, help: "step mode: on / off", footer: None },
    Binding { context: Run, keys: &[ch('r')], command: C::Rerun, help: "run the scenario again", footer: hint("rerun") },
    Binding { context: Run, keys: &[ch('s')], command: C::Speed, help: "next run's speed: 1, ½, ¼, 2x", footer: hint("speed") },
    Binding { context: Run, keys: &[ch('C')], command: C::Collapse, help: "collapse finished tasks", footer: None },
    Binding { context: Run, keys: &[ch('/')], command: C::Filter, help: "filter lanes: type, Enter keeps, Esc clears", footer: hint("filter") },
    Binding { context: Run, keys: &[ch('o')], command: C::Fold, help: "fold / unfold the selected task", footer: None },
    Binding { context: Run, keys: &[ch('O')], command: C::UnfoldAll, help: "unfold every task", footer: None },
    Binding { context: Run, keys: &[ch('L')], command: C::Lesson, help: "show / hide the lesson", footer: hint("lesson") },
    Binding { context: Run, keys: &[ch('?')], command: C::Help, help: "show / hide this help", footer: hint("help") },
    Binding { context: Run, keys: &[key(K::Esc)], command: C::Back, help: "close popup; clear filter; back to menu", footer: hint("menu") },
    Binding { context: Run, keys: &[ch('q')], command: C::Quit, help: "quit", footer: hint("quit") },
    Binding { context: Compare, keys: &[ch('n')], command: C::NextStep, help: "step mode: next step start, then the rest", footer: hint("next step") },
    Binding { context: Compare, keys: &[key(K::Left), ch('h')], command: C::CursorLeft, help: "time cursor a column left (both runs)", footer: pair(C::CursorRight, "cursor") },
    Binding { context: Compare, keys: &[key(K::Right), ch('l')], command: C::CursorRight, help: "time cursor a column right", footer: None },
    Binding { context: Compare, keys: &[shift(K::Left)], command: C::CursorFarLeft, help: "time cursor ten columns left", footer: None },
    Binding { context: Compare, keys: &[shift(K::Right)], command: C::CursorFarRight, help: "time cursor ten columns right", footer: None },
    Binding { context: Compare, keys: &[ch('x'), key(K::Backspace)], command: C::CursorNow, help: "remove the cursor (show now)", footer: None },
    Binding { context: Compare, keys: &[ch('+'), ch('=')], command: C::ZoomIn, help: "zoom in around the cursor", footer: pair(C::ZoomOut, "zoom") },
    Binding { context: Compare, keys: &[ch('-'), ch('_')], command: C::ZoomOut, help: "zoom time out", footer: None },
    Binding { context: Compare, keys: &[ch('0')], command: C::ZoomFit, help: "fit both runs", footer: hint("fit") },
    Binding { context: Compare, keys: &[ctrl('t')], command: C::StepMode, help: "step mode: on / off", footer: None },
    Binding { context: Compare, keys: &[ch('r')], command: C::Rerun, help: "run both again", footer: hint("rerun") },
    Binding { context: Compare, keys: &[ch('s')], command: C::Speed, help: "next runs' speed: 1, ½, ¼, 2x", footer: hint("speed") },
    Binding { context: Compare, keys: &[ch('?')], command: C::Help, help: "show / hide this help", footer: hint("help") },
    Binding { context: Compare, keys: &[key(K::Esc)], command: C::Back, help: "close popup; back to the menu", footer: hint("menu") },
    Binding { context: Compare, keys: &[ch('q')], command: C::Quit, help: "quit", footer: hint("quit") },
    Binding { context: Global, keys: &[ctrl('c')], command: C::Quit, help: "quit", footer: hint("quit") },
];

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
        let mut keys = b.keys.first()?.short();
        if let Some(partner) = hint.with {
            let with = bindings(context).find(|p| p.command == partner);
            keys.extend(with.and_then(|p| p.keys.first()).map(Key::short));
        }
        Some((keys, hint.what, b.command))
    })
}

/// The bindings the help lists for `context` (global ones last), with their keys as the
/// help writes them.
pub fn help(context: Context) -> impl Iterator<Item = (String, &'static Binding)> {
    let mut sorted: Vec<&'static Binding> = bindings(context).collect();
    sorted.sort_by_key(|b| b.context == Global);
    sorted.into_iter().map(|b| {
        let keys: Vec<String> = b.keys.iter().map(Key::long).collect();
        (keys.join(" "), b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

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
