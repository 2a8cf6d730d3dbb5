//! The keymap table, [`BINDINGS`]: every key of every screen, with what the help and the
//! footer say about it. Read only through `keymap.rs`'s queries.

use crossterm::event::KeyCode;

use super::actions::{Command, Context};
use super::keys::{Key, ch, ctrl, key, shift};

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
    /// The keys as the footer writes them, when one key stands for a range (`1-9`).
    pub keys: Option<&'static str>,
}

const fn hint(what: &'static str) -> Option<Hint> {
    Some(Hint {
        with: None,
        what,
        keys: None,
    })
}

const fn pair(with: Command, what: &'static str) -> Option<Hint> {
    Some(Hint {
        with: Some(with),
        what,
        keys: None,
    })
}

/// The digits that answer a question: 1 is the first choice.
const DIGITS: &[Key] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
];

/// The hint of the digits.
const fn digits(what: &'static str) -> Option<Hint> {
    Some(Hint {
        with: None,
        what,
        keys: Some("1-9"),
    })
}

use Command as C;
use Context::{Ask, AskSet, AskTyped, Attach, Compare, Filter, Global, LaneFilter, Menu, Run};
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
    Binding { context: Menu, keys: &[ctrl('a')], command: C::Quiz, help: "ask the room before runs: on / off", footer: hint("quiz") },
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
    Binding { context: Run, keys: &[ch('n')], command: C::NextStep, help: "step mode: next step start", footer: hint("next step") },
    Binding { context: Run, keys: &[key(K::Enter), key(K::Tab)], command: C::Details, help: "show / hide task details", footer: hint("details") },
    Binding { context: Run, keys: &[ch(' ')], command: C::Freeze, help: "freeze view (run goes on)", footer: hint("freeze") },
    Binding { context: Run, keys: &[key(K::Left), ch('h')], command: C::CursorLeft, help: "time cursor a column left", footer: pair(C::CursorRight, "cursor") },
    Binding { context: Run, keys: &[key(K::Right), ch('l')], command: C::CursorRight, help: "time cursor a column right", footer: None },
    Binding { context: Run, keys: &[shift(K::Left)], command: C::CursorFarLeft, help: "cursor ten columns left", footer: None },
    Binding { context: Run, keys: &[shift(K::Right)], command: C::CursorFarRight, help: "cursor ten columns right", footer: None },
    Binding { context: Run, keys: &[ch('x'), key(K::Backspace)], command: C::CursorNow, help: "remove cursor (show now)", footer: None },
    Binding { context: Run, keys: &[ch('c')], command: C::Code, help: "show / hide the code pane", footer: hint("code") },
    Binding { context: Run, keys: &[ch('p')], command: C::Language, help: "code pane: Rust / Python", footer: None },
    Binding { context: Run, keys: &[ch('+'), ch('=')], command: C::ZoomIn, help: "zoom in around the cursor", footer: pair(C::ZoomOut, "zoom") },
    Binding { context: Run, keys: &[ch('-'), ch('_')], command: C::ZoomOut, help: "zoom time out", footer: None },
    Binding { context: Run, keys: &[ch('0')], command: C::ZoomFit, help: "fit the whole run", footer: hint("fit") },
    Binding { context: Run, keys: &[ctrl('t')], command: C::StepMode, help: "step mode: on / off", footer: None },
    Binding { context: Run, keys: &[ch('r')], command: C::Rerun, help: "run the scenario again", footer: hint("rerun") },
    Binding { context: Run, keys: &[ch('s')], command: C::Speed, help: "next run's speed: 1, ½, ¼, 2x", footer: hint("speed") },
    Binding { context: Run, keys: &[ch('C')], command: C::Collapse, help: "collapse finished tasks", footer: None },
    Binding { context: Run, keys: &[ch('/')], command: C::Filter, help: "filter lanes by name", footer: hint("filter") },
    Binding { context: Run, keys: &[ch('o')], command: C::Fold, help: "fold / unfold selected task", footer: None },
    Binding { context: Run, keys: &[ch('O')], command: C::UnfoldAll, help: "unfold every task", footer: None },
    Binding { context: Run, keys: &[ch('L')], command: C::Lesson, help: "show / hide the lesson", footer: hint("lesson") },
    Binding { context: Run, keys: &[ch('?')], command: C::Help, help: "show / hide this help", footer: hint("help") },
    Binding { context: Run, keys: &[key(K::Esc)], command: C::Back, help: "close popup / filter, or menu", footer: hint("menu") },
    Binding { context: Run, keys: &[ch('q')], command: C::Quit, help: "quit", footer: hint("quit") },
    Binding { context: Compare, keys: &[ch('n')], command: C::NextStep, help: "step mode: next step start", footer: hint("next step") },
    Binding { context: Compare, keys: &[key(K::Left), ch('h')], command: C::CursorLeft, help: "time cursor a column left (both runs)", footer: pair(C::CursorRight, "cursor") },
    Binding { context: Compare, keys: &[key(K::Right), ch('l')], command: C::CursorRight, help: "time cursor a column right", footer: None },
    Binding { context: Compare, keys: &[shift(K::Left)], command: C::CursorFarLeft, help: "cursor ten columns left", footer: None },
    Binding { context: Compare, keys: &[shift(K::Right)], command: C::CursorFarRight, help: "cursor ten columns right", footer: None },
    Binding { context: Compare, keys: &[ch('x'), key(K::Backspace)], command: C::CursorNow, help: "remove cursor (show now)", footer: None },
    Binding { context: Compare, keys: &[ch('+'), ch('=')], command: C::ZoomIn, help: "zoom in around the cursor", footer: pair(C::ZoomOut, "zoom") },
    Binding { context: Compare, keys: &[ch('-'), ch('_')], command: C::ZoomOut, help: "zoom time out", footer: None },
    Binding { context: Compare, keys: &[ch('0')], command: C::ZoomFit, help: "fit both runs", footer: hint("fit") },
    Binding { context: Compare, keys: &[ctrl('t')], command: C::StepMode, help: "step mode: on / off", footer: None },
    Binding { context: Compare, keys: &[ch('r')], command: C::Rerun, help: "run both again", footer: hint("rerun") },
    Binding { context: Compare, keys: &[ch('s')], command: C::Speed, help: "next runs' speed: 1, ½, ¼, 2x", footer: hint("speed") },
    Binding { context: Compare, keys: &[ch('?')], command: C::Help, help: "show / hide this help", footer: hint("help") },
    Binding { context: Compare, keys: &[key(K::Esc)], command: C::Back, help: "close popup; back to the menu", footer: hint("menu") },
    Binding { context: Compare, keys: &[ch('q')], command: C::Quit, help: "quit", footer: hint("quit") },
    Binding { context: AskSet, keys: DIGITS, command: C::Choose, help: "tick this choice, or untick it", footer: digits("tick") },
    Binding { context: AskSet, keys: &[key(K::Enter)], command: C::Confirm, help: "run with the choices ticked (none: none of them)", footer: hint("run") },
    Binding { context: Ask, keys: DIGITS, command: C::Choose, help: "answer with this choice, and run", footer: digits("answer") },
    Binding { context: Ask, keys: &[key(K::Tab)], command: C::Skip, help: "run without asking", footer: hint("skip") },
    Binding { context: Ask, keys: &[ch('?'), key(K::F(1))], command: C::Help, help: "show / hide this help", footer: hint("help") },
    Binding { context: Ask, keys: &[key(K::Esc)], command: C::Back, help: "back to the menu, no run", footer: hint("menu") },
    Binding { context: Ask, keys: &[ch('q')], command: C::Quit, help: "quit", footer: hint("quit") },
    Binding { context: AskTyped, keys: &[key(K::Enter)], command: C::Confirm, help: "run with the number typed", footer: hint("run") },
    Binding { context: AskTyped, keys: &[key(K::Tab)], command: C::Skip, help: "run without asking", footer: hint("skip") },
    Binding { context: AskTyped, keys: &[ch('?'), key(K::F(1))], command: C::Help, help: "show / hide this help", footer: hint("help") },
    Binding { context: AskTyped, keys: &[key(K::Esc)], command: C::Back, help: "back to the menu, no run", footer: hint("menu") },
    Binding { context: AskTyped, keys: &[ch('q')], command: C::Quit, help: "quit", footer: hint("quit") },
    Binding { context: Global, keys: &[ctrl('c')], command: C::Quit, help: "quit", footer: hint("quit") },
];
