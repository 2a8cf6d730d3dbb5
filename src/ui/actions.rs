//! What a key can ask for ([`Command`]) and where a binding applies ([`Context`]): the
//! words the keymap table (`bindings.rs`), dispatch, the footer and the help share.

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
    /// The question screen: answer with the choice of the digit pressed (a set question:
    /// add it to the answer, or take it out).
    Choose,
    /// The question screen: run with the answer given (a set, or a typed number).
    Confirm,
    /// The question screen: run without asking.
    Skip,
    /// Menu: ask the room the scenarios' questions before their runs, or not (this session).
    Quiz,
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
    /// The question for the room before a run, answered with one choice (a digit).
    Ask,
    /// The question for the room, answered with a set of choices: digits toggle, Enter
    /// runs. Its own bindings, then the question screen's.
    AskSet,
    /// The question for the room, answered with a typed number (other printable keys type
    /// into it).
    AskTyped,
}

impl Context {
    /// The context whose bindings this one also has, after its own.
    pub fn parent(self) -> Option<Context> {
        match self {
            Context::Attach => Some(Context::Run),
            Context::AskSet => Some(Context::Ask),
            _ => None,
        }
    }
}
