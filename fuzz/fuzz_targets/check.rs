//! Any bytes through the scenario parser and checker, as `taskscope check` reads a file: a
//! scenario that also compiles into a program, or a diagnostic with a line and a column.
//! Never a panic, a hang, or memory without bound.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A built-in's origin: `[code]` paths resolve to the embedded listings, not to files.
    match taskscope::scenario::parse_bytes(data, "builtin:fuzz") {
        Ok(scenario) => {
            if let Err(error) = scenario.program() {
                panic!("a checked scenario does not compile: {error}");
            }
        }
        Err(d) => assert!(d.line >= 1 && d.column >= 1, "no position: {d}"),
    }
});
