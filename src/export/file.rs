//! Writing an export to disk without ever leaving half a file behind.

use std::io::{self, Write};
use std::path::Path;

/// Whether `path` can be written, checked before the work that fills it (a run, a
/// recording): the folder exists, the path is not a folder, and a file can be made there.
/// The error names the path and what is wrong, never the temporary file tried.
pub fn check_writable(path: &Path) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!("{} is a folder: name a file in it", path.display()));
    }
    let folder = folder(path);
    if !folder.is_dir() {
        return Err(format!(
            "cannot write {}: there is no folder {}",
            path.display(),
            folder.display()
        ));
    }
    // The file is written through a temporary file in the same folder: try making one.
    temporary_in(folder)
        .map(drop)
        .map_err(|e| format!("cannot write {}: {}", path.display(), without_path(&e)))
}

/// The folder `path` is in (`.` for a bare file name).
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn temporary_in(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".taskscope-")
        .tempfile_in(folder)
}

/// What went wrong, without the temporary file's name that tempfile's errors carry.
fn without_path(error: &io::Error) -> String {
    match error.get_ref() {
        // A wrapped error (tempfile's own, with the path): its kind says enough.
        Some(_) => error.kind().to_string(),
        None => error.to_string(),
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder, renamed into
/// place once complete: a failure leaves no file (or the previous one) behind. The error
/// names the path and what went wrong.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), String> {
    let fail = |e: &io::Error| format!("cannot write {}: {}", path.display(), without_path(e));
    let mut file = temporary_in(folder(path)).map_err(|e| fail(&e))?;
    // Through the plain file: its errors do not name the temporary file.
    file.as_file_mut()
        .write_all(contents)
        .map_err(|e| fail(&e))?;
    // A temporary file is private (0600); the export is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let readable = std::fs::Permissions::from_mode(0o644);
        file.as_file()
            .set_permissions(readable)
            .map_err(|e| fail(&e))?;
    }
    file.as_file_mut().flush().map_err(|e| fail(&e))?;
    file.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_whole_file_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_atomically(&path, b"{}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
    }

    #[test]
    fn an_unwritable_path_is_a_clear_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("out.svg");
        let error = write_atomically(&path, b"x").unwrap_err();
        assert!(error.contains("no-such-folder/out.svg"), "{error}");
        assert!(!error.contains(".taskscope-"), "{error}");
        assert!(!path.exists());
    }

    #[test]
    fn a_path_that_cannot_be_written_is_found_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(check_writable(&dir.path().join("run.json")), Ok(()));
        let missing = check_writable(&dir.path().join("nowhere").join("x")).unwrap_err();
        assert!(
            missing.contains("nowhere/x") && missing.contains("no folder"),
            "{missing}"
        );
        let folder = check_writable(dir.path()).unwrap_err();
        assert!(folder.contains("is a folder"), "{folder}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
