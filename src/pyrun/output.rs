//! What a `python3` child prints: kept in an [`OutputLog`] (the dashboard must not be written
//! over, and a failure quotes the last lines), or passed straight through to taskscope's
//! stderr (headless `taskscope python`). Kept, its stdout and its stderr are one pipe, as a
//! terminal is one screen: two pipes read by two threads cannot keep the order in which the
//! program wrote to the one and the other.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

/// Lines kept at most: older ones are counted, not kept.
pub const MAX_LINES: usize = 10_000;
/// The longest line kept, in bytes (a longer one is cut at a character boundary).
pub const MAX_LINE_BYTES: usize = 4_096;

/// One line the child printed (on its stdout or its stderr: they share one pipe, in the
/// order it wrote them), without its newline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputLine {
    /// The text (invalid UTF-8 replaced).
    pub text: String,
}

/// The lines a child printed, in the order it wrote them, the last [`MAX_LINES`] of them; shared between the threads that read the child's pipes
/// and whoever shows them.
#[derive(Debug, Default)]
pub struct OutputLog {
    inner: Mutex<Kept>,
}

#[derive(Debug, Default)]
struct Kept {
    lines: VecDeque<OutputLine>,
    /// Lines read and no longer kept.
    forgotten: u64,
    /// How the child's run ended: its exit status and why (its EXIT record).
    exit: Option<(u32, Option<String>)>,
    /// Why the run failed (no suitable python3, a crash, bad output), if it did.
    failure: Option<String>,
}

impl OutputLog {
    /// An empty log, to share.
    pub fn new() -> Arc<OutputLog> {
        Arc::new(OutputLog::default())
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets every line (a new run begins).
    pub fn clear(&self) {
        *self.kept() = Kept::default();
    }

    /// Keeps a line.
    pub fn push(&self, text: String) {
        let mut kept = self.kept();
        if kept.lines.len() >= MAX_LINES {
            kept.lines.pop_front();
            kept.forgotten += 1;
        }
        kept.lines.push_back(OutputLine { text });
    }

    /// The lines kept, oldest first, and how many older ones were not kept.
    pub fn lines(&self) -> (Vec<OutputLine>, u64) {
        let kept = self.kept();
        (kept.lines.iter().cloned().collect(), kept.forgotten)
    }

    /// How many lines were printed in all, and the last one (to say so on screen).
    pub fn summary(&self) -> (u64, Option<OutputLine>) {
        let kept = self.kept();
        let total = kept.forgotten + kept.lines.len() as u64;
        (total, kept.lines.back().cloned())
    }

    /// Says how the child's run ended: the status it exits with, and why when not 0.
    pub fn set_exit(&self, status: u32, message: Option<String>) {
        self.kept().exit = Some((status, message));
    }

    /// How the child's run ended, once it has: its exit status and why.
    pub fn exit(&self) -> Option<(u32, Option<String>)> {
        self.kept().exit.clone()
    }

    /// Says why the child's run failed.
    pub fn set_failure(&self, reason: String) {
        self.kept().failure = Some(reason);
    }

    /// Why the child's run failed, if it did.
    pub fn failure(&self) -> Option<String> {
        self.kept().failure.clone()
    }

    /// The last `n` lines kept, oldest first.
    pub fn tail(&self, n: usize) -> Vec<String> {
        let kept = self.kept();
        let skip = kept.lines.len().saturating_sub(n);
        kept.lines
            .iter()
            .skip(skip)
            .map(|l| l.text.clone())
            .collect()
    }
}

/// Reads `pipe` line by line into `log` on a thread of its own, until the pipe closes.
pub fn keep(pipe: impl Read + Send + 'static, log: Arc<OutputLog>) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("taskscope python output".into())
        .spawn(move || {
            let mut reader = BufReader::new(pipe);
            let mut line = Vec::new();
            loop {
                line.clear();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => log.push(text_of(&line)),
                }
            }
        })
        .expect("spawn a thread to read the child's output")
}

/// A line as kept: without its line ending, valid UTF-8, at most [`MAX_LINE_BYTES`].
fn text_of(bytes: &[u8]) -> String {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let mut text = String::from_utf8_lossy(bytes).into_owned();
    if text.len() > MAX_LINE_BYTES {
        let mut cut = MAX_LINE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_last_lines_and_counts_the_others() {
        let log = OutputLog::new();
        for i in 0..MAX_LINES + 2 {
            log.push(format!("line {i}"));
        }
        let (lines, forgotten) = log.lines();
        assert_eq!((lines.len(), forgotten), (MAX_LINES, 2));
        assert_eq!(lines[0].text, "line 2");
        let (total, last) = log.summary();
        assert_eq!(total, MAX_LINES as u64 + 2);
        assert_eq!(last.unwrap().text, format!("line {}", MAX_LINES + 1));
        assert_eq!(
            log.tail(2),
            [
                format!("line {}", MAX_LINES),
                format!("line {}", MAX_LINES + 1)
            ]
        );
        log.set_exit(1, Some("ValueError: boom".into()));
        assert_eq!(log.exit(), Some((1, Some("ValueError: boom".into()))));
        log.clear();
        assert_eq!((log.summary(), log.exit()), ((0, None), None));
    }

    #[test]
    fn a_line_is_kept_without_its_ending_and_within_its_bound() {
        assert_eq!(text_of(b"hello\r\n"), "hello");
        assert_eq!(text_of(b"no newline"), "no newline");
        assert_eq!(text_of(b"caf\xc3"), "caf\u{fffd}");
        let long = "é".repeat(MAX_LINE_BYTES);
        let kept = text_of(long.as_bytes());
        assert!(kept.len() <= MAX_LINE_BYTES + '…'.len_utf8());
        assert!(kept.ends_with('…'));
    }
}
