//! Streams that do not follow the format: an error naming the offset, never a panic.

use proptest::prelude::*;

use super::super::*;
use super::records::full_run;
use super::stream::*;

#[test]
fn a_stream_must_start_with_a_hello_of_this_version() {
    let mut s = Stream::default();
    s.at(POLL_END, 0, 0, 1);
    assert_eq!(
        error_of(&s.0),
        (0, "a HELLO record first, found a record of kind 5".into())
    );
    let mut s = Stream::default();
    s.head(HELLO, 2, 0).word(0).word(1);
    assert_eq!(
        error_of(&s.0),
        (0, "format version 1, found version 2".into())
    );
    assert_eq!(
        error_of(&[]).1,
        "a HELLO record, found the end of the stream"
    );
}

#[test]
fn garbage_is_an_error_at_its_offset() {
    let bad: [(Write, &str); 10] = [
        (
            &|s| {
                s.word(u64::MAX).word(0);
            },
            "a record head (bit 63 clear)",
        ),
        (
            &|s| {
                s.head(99, 0, 0).word(0);
            },
            "a record kind from 1 to 18, found 99",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 0).word(5000);
            },
            "a text of at most 4096 bytes, found 5000",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 9).word(0);
            },
            "a text kind from 0 to 7, found 9",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 0).word(2).word(0xFFFF);
            },
            "a text in UTF-8",
        ),
        (
            &|s| {
                s.head(TEXT, 0, 0).word(1).word(0x4141);
            },
            "a text padded with zero bytes",
        ),
        (
            &|s| {
                s.spawn(3, 0, None, 1);
            },
            "a TEXT name for task 3 first",
        ),
        (
            &|s| {
                s.spawn(3, 8, None, 1);
            },
            "a task kind from 0 to 7, found 8",
        ),
        (
            &|s| {
                s.at(END, 0, 7, 1);
            },
            "an outcome from 0 to 3, found 7",
        ),
        (
            &|s| {
                s.at(POSITION, 0, 1, 1).word(5);
            },
            "a FILE text for file 5 first",
        ),
    ];
    for (write, expected) in bad {
        let mut s = Stream::default();
        s.hello().at(POLL_END, 0, 0, 1);
        write(&mut s);
        let (offset, found) = error_of(&s.0);
        assert_eq!(offset, 40, "{expected}");
        assert!(found.starts_with(expected), "{found} / {expected}");
    }
}

#[test]
fn an_error_sticks_and_a_cut_record_is_reported_at_the_end() {
    let mut s = Stream::default();
    s.hello().head(99, 0, 0).word(0);
    let mut decoder = Decoder::new();
    let mut items = Vec::new();
    let first = decoder.feed(&s.0, &mut items).unwrap_err();
    assert_eq!(decoder.feed(&[0; 16], &mut items), Err(first.clone()));
    assert_eq!(decoder.finish(&mut items), Err(first));

    let mut s = Stream::default();
    s.hello().at(POLL_END, 0, 0, 1);
    let cut = &s.0[..s.0.len() - 3];
    let mut decoder = Decoder::new();
    decoder.feed(cut, &mut items).unwrap();
    let error = decoder.finish(&mut items).unwrap_err();
    assert_eq!(error.offset, cut.len() as u64);
    assert_eq!(
        error.expected,
        "the rest of a record, found the end of the stream"
    );
    assert!(error.to_string().contains(&format!("byte {}", cut.len())));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random bytes, after a valid start or not, in random chunks: an error or items, never
    /// a panic.
    #[test]
    fn garbage_never_panics(
        valid_start in any::<bool>(),
        garbage in proptest::collection::vec(any::<u8>(), 0..600),
        chunk in 1usize..64,
    ) {
        let mut bytes = if valid_start { full_run() } else { Vec::new() };
        bytes.extend_from_slice(&garbage);
        let mut decoder = Decoder::new();
        let mut items = Vec::new();
        for part in bytes.chunks(chunk) {
            if decoder.feed(part, &mut items).is_err() {
                break;
            }
        }
        let _ = decoder.finish(&mut items);
    }

    /// Records whose fields are random but whose heads are well formed.
    #[test]
    fn random_records_never_panic(words in proptest::collection::vec((1u8..16, any::<u32>(), any::<u64>()), 0..40)) {
        let mut s = Stream::default();
        s.hello();
        for (kind, fields, word) in words {
            s.head(kind, u64::from(fields & 0x7FF_FFFF), u64::from(fields >> 5)).word(word).word(word);
        }
        let _ = decode(&s.0);
    }
}
