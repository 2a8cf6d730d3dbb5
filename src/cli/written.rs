//! Writing a command's file (`record --out`, `export --out`) and saying what was written.

use std::path::Path;
use std::process::ExitCode;

use super::EXIT_BAD_INPUT;
use crate::export::file::write_atomically;
use crate::output::errln;

/// Writes `bytes` to `path` (whole, or not at all) and reports it on stderr with its size
/// and `what` it is: `taskscope: wrote run.gif: 176,412 bytes (176 kB), a 100x30 GIF`.
pub fn write(path: &Path, bytes: &[u8], what: &str) -> Result<(), ExitCode> {
    if let Err(message) = write_atomically(path, bytes) {
        errln!("taskscope: {message}");
        return Err(ExitCode::from(EXIT_BAD_INPUT));
    }
    errln!(
        "taskscope: wrote {}: {}, {what}",
        path.display(),
        size_text(bytes.len())
    );
    Ok(())
}

/// `176,412 bytes (176 kB)`: exact, and at a glance (kB of 1,000 bytes, MB of 1,000,000).
pub fn size_text(bytes: usize) -> String {
    let mut digits = bytes.to_string();
    let mut at = digits.len();
    while at > 3 {
        at -= 3;
        digits.insert(at, ',');
    }
    let glance = match bytes {
        0..1_000 => return format!("{digits} bytes"),
        1_000..999_500 => format!("{} kB", (bytes as f64 / 1e3).round()),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    };
    format!("{digits} bytes ({glance})")
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_read_exactly_and_at_a_glance() {
        assert_eq!(size_text(0), "0 bytes");
        assert_eq!(size_text(999), "999 bytes");
        assert_eq!(size_text(176_412), "176,412 bytes (176 kB)");
        assert_eq!(size_text(999_499), "999,499 bytes (999 kB)");
        assert_eq!(size_text(999_500), "999,500 bytes (1.0 MB)");
        assert_eq!(size_text(3_450_000), "3,450,000 bytes (3.5 MB)");
    }
}
