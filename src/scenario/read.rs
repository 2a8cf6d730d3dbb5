//! Reading a scenario or a listing from disk without surprises: only a regular file (a
//! directory, a named pipe, a device such as `/dev/zero` behind a symlink are refused from
//! their metadata, before anything is opened), only up to a size limit, never a blocking
//! open, and text that is not UTF-8 reported at the line and column of its first bad byte.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use super::diagnostic::Diagnostic;

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// It could not be found, opened or read.
    Io(std::io::Error),
    /// It is not a regular file: what it is ("a directory", "a named pipe (FIFO)", ...).
    NotAFile(&'static str),
    /// It is larger than the limit, in bytes.
    TooLarge {
        /// Its size (at least; a file still growing may be larger).
        bytes: u64,
        /// The limit it is over.
        limit: u64,
    },
    /// It is not UTF-8 text.
    NotUtf8(NotUtf8),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(error) => write!(f, "{error}"),
            ReadError::NotAFile(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge { bytes, limit } => write!(
                f,
                "it is {bytes} bytes, more than the limit of {limit} bytes ({})",
                in_mib(*limit)
            ),
            ReadError::NotUtf8(bad) => write!(f, "byte {} is not UTF-8", bad.offset + 1),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(error: std::io::Error) -> Self {
        ReadError::Io(error)
    }
}

/// Text with a byte that is not UTF-8: enough to point at it.
#[derive(Debug)]
pub(crate) struct NotUtf8 {
    /// The text with every bad sequence shown as `�`; the same as the bytes up to `offset`.
    pub text: String,
    /// Where the first bad byte is.
    pub offset: usize,
    /// The first bad byte.
    pub byte: u8,
}

impl NotUtf8 {
    /// "the file is not UTF-8 text", at the line and column of the bad byte.
    pub fn diagnostic(&self, origin: &str) -> Diagnostic {
        let span = self.offset..self.offset + '\u{FFFD}'.len_utf8();
        Diagnostic::at(
            origin,
            &self.text,
            span,
            format!(
                "the file is not UTF-8 text: byte 0x{:02X} cannot start or continue a character",
                self.byte
            ),
        )
        .with_help("save the file as UTF-8 (the bad bytes are shown as �)")
    }
}

/// The text of the file at `path`, if it is a regular file of at most `limit` bytes and
/// UTF-8. Its metadata is read before it is opened; it is opened without blocking and its
/// metadata read again, so a file swapped meanwhile is refused too.
pub(crate) fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    check(&std::fs::metadata(path)?, limit)?;
    let file = open(path)?;
    check(&file.metadata()?, limit)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(ReadError::TooLarge { bytes: read, limit });
    }
    decode(bytes).map_err(ReadError::NotUtf8)
}

/// The bytes as text, or where the first byte that is not UTF-8 is.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        NotUtf8 {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            offset,
            byte: bytes[offset],
        }
    })
}

/// "10 MiB": a limit in the unit people think in.
pub(crate) fn in_mib(bytes: u64) -> String {
    match bytes % (1024 * 1024) {
        0 => format!("{} MiB", bytes / (1024 * 1024)),
        _ => format!("{bytes} bytes"),
    }
}

/// A regular file within the limit, or why not.
fn check(metadata: &Metadata, limit: u64) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotAFile(kind(metadata)));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            bytes: metadata.len(),
            limit,
        });
    }
    Ok(())
}

/// What a path that is not a regular file is, for the message.
fn kind(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Opens for reading without waiting: opening a named pipe with no writer would block.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bad_byte_is_found() {
        let bad = decode(b"ok\n\xC3\xA9 \xFF rest".to_vec()).unwrap_err();
        assert_eq!((bad.offset, bad.byte), (6, 0xFF));
        let d = bad.diagnostic("x.toml");
        assert_eq!((d.line, d.column), (2, 3));
        assert_eq!(decode(b"fine".to_vec()).unwrap(), "fine");
    }

    #[test]
    fn what_is_not_a_file_is_named_before_it_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_text(dir.path(), 100).unwrap_err();
        assert_eq!(error.to_string(), "it is a directory, not a regular file");
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; 101]).unwrap();
        let error = read_text(&big, 100).unwrap_err();
        assert!(error.to_string().starts_with("it is 101 bytes"), "{error}");
        assert_eq!(in_mib(10 * 1024 * 1024), "10 MiB");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.py");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let error = read_text(&link, 100).unwrap_err();
        assert_eq!(error.to_string(), "it is a device, not a regular file");
        let fifo = dir.path().join("fifo.py");
        let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the file.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        let error = read_text(&fifo, 100).unwrap_err();
        assert_eq!(
            error.to_string(),
            "it is a named pipe (FIFO), not a regular file"
        );
    }
}
