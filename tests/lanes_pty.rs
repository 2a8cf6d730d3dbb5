//! End to end, the run view's task tree and lane filter: the real binary in a
//! pseudo-terminal, driven by keys. hedged-requests has one task, `main`, and the two
//! branches of its race drawn as sub-lanes under it.

#[path = "support/pty.rs"]
mod pty;

use pty::Session;

#[test]
fn slash_filters_the_lanes_and_o_folds_a_task_with_its_branches() {
    let mut s = Session::start(&["run", "hedged-requests", "--no-quiz"], 100, 30);
    s.wait_text("↳hedge");
    s.wait_text("tasks: 1 · branches: 2");
    // `/` types a filter: the lanes it matches stay, with their task.
    s.send(b"/ask");
    // (A screen is read whole only by waiting for all of it: a frame may be half drawn.)
    s.wait_for(
        "the primary's lane alone, and the filter's keys",
        |screen| {
            screen.contains("/ask▏ 1 of 3 match (Enter keeps, Esc clears)")
                && screen.contains("↳ask_primary")
                && !screen.contains("↳hedge")
                && screen.contains("⏎ keep  esc clear")
        },
    );
    // `q` types while a filter is typed; Backspace erases it.
    s.send(b"q");
    s.wait_text("/askq▏ 0 of 3 match");
    s.send(b"\x7f");
    s.wait_text("/ask▏ 1 of 3 match");
    s.send(b"\r");
    s.wait_text("/ask 1 of 3 match (Esc clears)");
    // Esc clears the filter and stays in the run.
    s.send(b"\x1b");
    s.wait_for("every lane back", |screen| {
        screen.contains("↳hedge") && !screen.contains("match")
    });
    // `o` folds main with its branches behind a count, and unfolds it.
    s.send(b"o");
    s.wait_for("main folded with its branches", |screen| {
        screen.contains("▸main +2")
            && screen.contains("2 folded away (O unfolds)")
            && !screen.contains("↳hedge")
    });
    s.send(b"o");
    s.wait_text("↳hedge");
    s.quit(b"q");
}
