//! Writing an export to disk without ever leaving half a file behind.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` through a temporary file in the same folder, renamed into
/// place once complete: a failure leaves no file (or the previous one) behind. The error
/// names the path and what went wrong.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), String> {
    let fail =
        |what: &str, e: &dyn std::fmt::Display| format!("cannot {what} {}: {e}", path.display());
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".taskscope-")
        .tempfile_in(folder)
        .map_err(|e| fail("write", &e))?;
    file.write_all(contents).map_err(|e| fail("write", &e))?;
    // A temporary file is private (0600); the export is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let readable = std::fs::Permissions::from_mode(0o644);
        file.as_file()
            .set_permissions(readable)
            .map_err(|e| fail("write", &e))?;
    }
    file.flush().map_err(|e| fail("write", &e))?;
    file.persist(path).map_err(|e| fail("write", &e.error))?;
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
        assert!(!path.exists());
    }
}
