//! The one keymap table: key dispatch, the footer and the `?` help all read [`BINDINGS`], so
//! they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

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
    /// Step mode: let one more scripted step start.
    NextStep,
    /// Show or hide the code pane (the scenario's listing, each task's line lit).
    Code,
    /// Switch the code pane's language (Rust, Python).
    Language,
    /// Menu: mark or unmark the selected scenario for a side-by-side comparison.
    Mark,
    /// Menu: start the next runs in step mode, or not.
    StepMode,
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
    /// Collapse finished tasks into a count, or show them.
    Collapse,
    /// Show or hide the scenario's lesson.
    Lesson,
    /// Show or hide the help.
    Help,
    /// Close an overlay; leave the run for the menu; clear the menu's filter.
    Back,
    /// Quit.
    Quit,
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Everywhere.
    Global,
    /// The scenario menu (other printable keys type into the filter).
    Menu,
    /// The run view.
    Run,
    /// Two runs on one time axis.
    Compare,
}

/// One key (a code and the modifiers that must be held; Shift is ignored for characters,
/// whose case already says it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held.
    pub mods: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
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
    /// The keys as the help writes them.
    pub keys_text: &'static str,
    /// What the help says it does.
    pub help: &'static str,
    /// The footer's short form (None: help only), shown in table order while room lasts.
    pub footer: Option<(&'static str, &'static str)>,
}

use Command as C;
use Context::{Compare, Global, Menu, Run};
use KeyCode as K;

/// The keymap. Order matters: the first match wins, and the footer lists in this order.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { context: Menu, keys: &[key(K::Up), ctrl('p')], command: C::Up, keys_text: "↑ ctrl-p", help: "previous scenario", footer: Some(("↑↓", "select")) },
    Binding { context: Menu, keys: &[key(K::Down), ctrl('n')], command: C::Down, keys_text: "↓ ctrl-n", help: "next scenario", footer: None },
    Binding { context: Menu, keys: &[key(K::PageUp)], command: C::PageUp, keys_text: "PgUp", help: "a page up", footer: None },
    Binding { context: Menu, keys: &[key(K::PageDown)], command: C::PageDown, keys_text: "PgDn", help: "a page down", footer: None },
    Binding { context: Menu, keys: &[key(K::Home)], command: C::Top, keys_text: "Home", help: "first scenario", footer: None },
    Binding { context: Menu, keys: &[key(K::End)], command: C::Bottom, keys_text: "End", help: "last scenario", footer: None },
    Binding { context: Menu, keys: &[key(K::Enter)], command: C::Run, keys_text: "Enter", help: "run the selected scenario (the two marked: compare them)", footer: Some(("⏎", "run")) },
    Binding { context: Menu, keys: &[key(K::Tab)], command: C::Mark, keys_text: "Tab", help: "mark for compare (two marked: Enter runs both)", footer: Some(("tab", "mark")) },
    Binding { context: Menu, keys: &[ctrl('t')], command: C::StepMode, keys_text: "ctrl-t", help: "step mode for the next runs: on / off", footer: Some(("^T", "step")) },
    Binding { context: Menu, keys: &[key(K::Esc)], command: C::Back, keys_text: "Esc", help: "clear the filter, or quit", footer: Some(("esc", "clear/quit")) },
    Binding { context: Run, keys: &[key(K::Up), ch('k')], command: C::Up, keys_text: "↑ k", help: "select the lane above", footer: Some(("↑↓", "lane")) },
    Binding { context: Run, keys: &[key(K::Down), ch('j')], command: C::Down, keys_text: "↓ j", help: "select the lane below", footer: None },
    Binding { context: Run, keys: &[key(K::PageUp)], command: C::PageUp, keys_text: "PgUp", help: "a page of lanes up", footer: None },
    Binding { context: Run, keys: &[key(K::PageDown)], command: C::PageDown, keys_text: "PgDn", help: "a page of lanes down", footer: None },
    Binding { context: Run, keys: &[key(K::Home), ch('g')], command: C::Top, keys_text: "Home g", help: "first lane", footer: None },
    Binding { context: Run, keys: &[key(K::End), ch('G')], command: C::Bottom, keys_text: "End G", help: "last lane", footer: None },
    Binding { context: Run, keys: &[key(K::Enter), key(K::Tab)], command: C::Details, keys_text: "Enter Tab", help: "show / hide task details", footer: Some(("⏎", "details")) },
    Binding { context: Run, keys: &[ch(' ')], command: C::Freeze, keys_text: "Space", help: "freeze the view; the run goes on", footer: Some(("␣", "freeze")) },
    Binding { context: Run, keys: &[key(K::Left), ch('h')], command: C::CursorLeft, keys_text: "← h", help: "time cursor left (lanes show it)", footer: Some(("←→", "cursor")) },
    Binding { context: Run, keys: &[key(K::Right), ch('l')], command: C::CursorRight, keys_text: "→ l", help: "time cursor right", footer: None },
    Binding { context: Run, keys: &[shift(K::Left)], command: C::CursorFarLeft, keys_text: "shift-←", help: "cursor ten columns left", footer: None },
    Binding { context: Run, keys: &[shift(K::Right)], command: C::CursorFarRight, keys_text: "shift-→", help: "cursor ten columns right", footer: None },
    Binding { context: Run, keys: &[ch('x'), key(K::Backspace)], command: C::CursorNow, keys_text: "x Bksp", help: "remove the cursor (show now)", footer: None },
    Binding { context: Run, keys: &[ch('n')], command: C::NextStep, keys_text: "n", help: "step mode: let one more step start", footer: Some(("n", "next step")) },
    Binding { context: Run, keys: &[ch('c')], command: C::Code, keys_text: "c", help: "show / hide the code pane", footer: Some(("c", "code")) },
    Binding { context: Run, keys: &[ch('p')], command: C::Language, keys_text: "p", help: "code pane: Rust / Python", footer: None },
    Binding { context: Run, keys: &[ch('+'), ch('=')], command: C::ZoomIn, keys_text: "+ =", help: "zoom in around the cursor", footer: Some(("+-", "zoom")) },
    Binding { context: Run, keys: &[ch('-'), ch('_')], command: C::ZoomOut, keys_text: "-", help: "zoom time out", footer: None },
    Binding { context: Run, keys: &[ch('0')], command: C::ZoomFit, keys_text: "0", help: "fit the whole run", footer: Some(("0", "fit")) },
    Binding { context: Run, keys: &[ch('r')], command: C::Rerun, keys_text: "r", help: "run the scenario again", footer: Some(("r", "rerun")) },
    Binding { context: Run, keys: &[ch('s')], command: C::Speed, keys_text: "s", help: "next run's speed: 1, ½, ¼, 2x", footer: Some(("s", "speed")) },
    Binding { context: Run, keys: &[ch('C')], command: C::Collapse, keys_text: "C", help: "collapse finished tasks", footer: None },
    Binding { context: Run, keys: &[ch('L')], command: C::Lesson, keys_text: "L", help: "show / hide the lesson", footer: Some(("L", "lesson")) },
    Binding { context: Run, keys: &[ch('?')], command: C::Help, keys_text: "?", help: "show / hide this help", footer: Some(("?", "help")) },
    Binding { context: Run, keys: &[key(K::Esc)], command: C::Back, keys_text: "Esc", help: "close popup; stop, back to menu", footer: Some(("esc", "menu")) },
    Binding { context: Run, keys: &[ch('q')], command: C::Quit, keys_text: "q", help: "quit", footer: Some(("q", "quit")) },
    Binding { context: Compare, keys: &[ch('r')], command: C::Rerun, keys_text: "r", help: "run both again", footer: Some(("r", "rerun")) },
    Binding { context: Compare, keys: &[ch('s')], command: C::Speed, keys_text: "s", help: "next runs' speed: 1, ½, ¼, 2x", footer: Some(("s", "speed")) },
    Binding { context: Compare, keys: &[ch('?')], command: C::Help, keys_text: "?", help: "show / hide this help", footer: Some(("?", "help")) },
    Binding { context: Compare, keys: &[key(K::Esc)], command: C::Back, keys_text: "Esc", help: "close popup; stop both, back to menu", footer: Some(("esc", "menu")) },
    Binding { context: Compare, keys: &[ch('q')], command: C::Quit, keys_text: "q", help: "quit", footer: Some(("q", "quit")) },
    Binding { context: Menu, keys: &[ch('?'), key(K::F(1))], command: C::Help, keys_text: "? F1", help: "show / hide this help", footer: Some(("?", "help")) },
    Binding { context: Global, keys: &[ctrl('c')], command: C::Quit, keys_text: "ctrl-c", help: "quit", footer: Some(("^C", "quit")) },
];

impl Key {
    fn matches(&self, event: &KeyEvent) -> bool {
        match (self.code, event.code) {
            // The character already carries Shift ('G', '+'); some terminals add the flag.
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                let mods = event.modifiers - KeyModifiers::SHIFT;
                a == b && mods == self.mods
            }
            // Tab with Shift arrives as BackTab; treat both as Tab.
            (KeyCode::Tab, KeyCode::BackTab) => true,
            (a, b) => a == b && event.modifiers == self.mods,
        }
    }
}

/// The command bound to `event` in `context` (global bindings included), if any. Key
/// releases are ignored (terminals that report them would otherwise act twice).
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Command> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    BINDINGS
        .iter()
        .filter(|b| b.context == context || b.context == Global)
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// The footer hints for `context`, in table order: (keys, what), and the command, so the
/// footer can leave out what does not apply at the moment.
pub fn footer(context: Context) -> impl Iterator<Item = ((&'static str, &'static str), Command)> {
    BINDINGS
        .iter()
        .filter(move |b| b.context == context || (b.context == Global && context == Menu))
        .filter_map(|b| Some((b.footer?, b.command)))
}

/// The bindings the help lists for `context` (global ones last).
pub fn help(context: Context) -> impl Iterator<Item = &'static Binding> {
    let own = BINDINGS.iter().filter(move |b| b.context == context);
    own.chain(BINDINGS.iter().filter(|b| b.context == Global))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_by_context() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Run, &q), Some(Command::Quit));
        // In the menu, letters type into the filter.
        assert_eq!(lookup(Context::Menu, &q), None);
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
