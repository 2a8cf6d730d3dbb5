//! A bounded fuzzer in `cargo test`: random bytes, and every built-in mutated (bytes
//! flipped, cut, repeated, hostile tokens spliced in), go through the parser and checker.
//! Each gets a scenario or a diagnostic with a line and a column, never a panic; a scenario
//! that passes also compiles. The long runs are the cargo-fuzz target in fuzz/.

use proptest::prelude::*;
use taskscope::scenario::{self, builtins};

/// Pieces a mutation splices in: TOML syntax, keys, verbs, names, numbers at and beyond
/// their bounds, and bytes that are not UTF-8.
const TOKENS: &[&[u8]] = &[
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b"'''",
    b"=",
    b",",
    b"\n",
    b"#",
    b".",
    b"[[functions.main]]\n",
    b"[functions]\n",
    b"[resources]\nm = { mutex = true }\n",
    b"[code]\npython = \"listings/await-chain.py\"\n",
    b"[quiz]\nask = \"?\"\nkind = \"first\"\n",
    b"kind = \"polls\"\n",
    b"of = \"main\"\n",
    b"choices = [\"main\", \"main\"]\n",
    b"main",
    b"call = \"main\"",
    b"{ call = \"main\" }, ",
    b"{ lock = \"m\", call = \"main\" }, ",
    b"{ spawn = \"main\", as = \"main\" }, ",
    b"{ join = \"x\" }, ",
    b"{ group = [\"main\", \"main as main\"] }, ",
    b"0",
    b"-1",
    b"1e400",
    b"99999999999999999999999",
    b"\"99999999999s\"",
    b"\"60m\"",
    b"\"61m\"",
    b"\"0.5ns\"",
    b"100001",
    b"1000001",
    b"true",
    b"\xFF",
    b"\xC3",
    b"\xE2\x82",
    b"\t",
    b"\r\n",
    b"\x00",
];

/// One change to a file.
#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the byte at (a fraction of) the length.
    Flip(f64, u8),
    /// Remove up to N bytes there.
    Cut(f64, usize),
    /// Insert a token there.
    Splice(f64, usize),
    /// Repeat up to N bytes from there, in place.
    Repeat(f64, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip(at, byte)),
        (at.clone(), 1..200usize).prop_map(|(at, n)| Mutation::Cut(at, n)),
        (at.clone(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Splice(at, t)),
        (at, 1..120usize).prop_map(|(at, n)| Mutation::Repeat(at, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let position = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
    match *mutation {
        Mutation::Flip(at, byte) => {
            if !bytes.is_empty() {
                let i = position(at, bytes.len() - 1);
                bytes[i] = byte;
            }
        }
        Mutation::Cut(at, n) => {
            let start = position(at, bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Splice(at, token) => {
            let i = position(at, bytes.len());
            bytes.splice(i..i, TOKENS[token].iter().copied());
        }
        Mutation::Repeat(at, n) => {
            let start = position(at, bytes.len());
            let piece: Vec<u8> = bytes[start..(start + n).min(bytes.len())].to_vec();
            bytes.splice(start..start, piece);
        }
    }
}

/// Parses `bytes` as the built-in `origin` would be (its listings are the embedded ones):
/// a scenario that compiles, or a diagnostic at a real place.
fn check(bytes: &[u8], origin: &str) -> Result<(), TestCaseError> {
    match scenario::parse_bytes(bytes, origin) {
        Ok(scenario) => {
            prop_assert!(scenario.program().is_ok(), "{:?}", scenario.program());
        }
        Err(d) => {
            prop_assert!(d.line >= 1 && d.column >= 1, "no position: {d}");
            prop_assert!(!d.to_string().is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    /// Any bytes at all.
    #[test]
    fn random_bytes_get_an_answer(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes, "builtin:random")?;
    }

    /// Every built-in, damaged a few times over.
    #[test]
    fn mutated_builtins_get_an_answer(
        which in 0..64usize,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let builtin = &builtins()[which % builtins().len()];
        let mut bytes = builtin.source.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&bytes, &format!("builtin:{}", builtin.name))?;
    }
}

#[test]
fn every_builtin_unmutated_compiles() {
    for builtin in builtins() {
        let origin = format!("builtin:{}", builtin.name);
        let scenario = scenario::parse_bytes(builtin.source.as_bytes(), &origin);
        assert!(scenario.unwrap().program().is_ok(), "{}", builtin.name);
    }
}
