//! The recording formats by file name: `--out run.cast`, `run.svg` or `run.gif`, and the
//! encoder each one gets.

use std::path::Path;

use super::animated_svg::AnimatedSvg;
use super::cast::{Cast, CastVersion};
use super::colors::Canvas;
use super::file::check_writable;
use super::frames::FrameEncoder;
use super::gif::Gif;

/// What a recording is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MediaFormat {
    /// An asciicast, for asciinema's players.
    Cast(CastVersion),
    /// An animated SVG, for a README or a browser.
    Svg,
    /// An animated GIF, for slides and chat.
    Gif,
}

impl MediaFormat {
    /// The format `path`'s extension names (`.cast`, `.svg`, `.gif`, in any case); casts are
    /// written in `cast_version`. The error says what the extensions are.
    pub fn from_path(path: &Path, cast_version: CastVersion) -> Result<MediaFormat, String> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("cast") => Ok(MediaFormat::Cast(cast_version)),
            Some("svg") => Ok(MediaFormat::Svg),
            Some("gif") => Ok(MediaFormat::Gif),
            _ => Err(format!(
                "{}: the file name must end in .cast (asciicast), .svg (animated SVG) or .gif",
                path.display()
            )),
        }
    }
}

/// The format of `--out` and whether it can be written, checked before anything runs: the
/// extension names a format, the folder exists, the path is not a folder, and a file can
/// be made there. Errors name the path and what is wrong.
pub fn check_out(path: &Path, cast_version: CastVersion) -> Result<MediaFormat, String> {
    let format = MediaFormat::from_path(path, cast_version)?;
    check_writable(path)?;
    Ok(format)
}

/// What every encoder is told before the first frame.
#[derive(Clone, Debug)]
pub struct MediaSetup {
    /// Columns of the frames.
    pub width: u16,
    /// Rows of the frames.
    pub height: u16,
    /// The title (a cast's header carries it).
    pub title: String,
    /// What the terminal's default colours stand for in the pictures.
    pub canvas: Canvas,
}

/// The encoder of `format`, ready for frames.
pub fn encoder(format: MediaFormat, setup: &MediaSetup) -> Box<dyn FrameEncoder> {
    match format {
        MediaFormat::Cast(version) => Box::new(
            Cast::new(setup.width, setup.height, version)
                .title(setup.title.clone())
                .theme(setup.canvas),
        ),
        MediaFormat::Svg => Box::new(AnimatedSvg::new(setup.width, setup.height, setup.canvas)),
        MediaFormat::Gif => Box::new(Gif::new(setup.width, setup.height, setup.canvas)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format() {
        let pick = |name: &str| MediaFormat::from_path(Path::new(name), CastVersion::V2);
        assert_eq!(pick("a/run.cast"), Ok(MediaFormat::Cast(CastVersion::V2)));
        assert_eq!(pick("run.SVG"), Ok(MediaFormat::Svg));
        assert_eq!(pick("run.gif"), Ok(MediaFormat::Gif));
        let error = pick("run.mp4").unwrap_err();
        assert!(
            error.contains("run.mp4") && error.contains(".gif"),
            "{error}"
        );
        assert!(pick("run").is_err());
    }

    #[test]
    fn an_out_that_cannot_be_written_is_refused_before_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let check = |p: &Path| check_out(p, CastVersion::V3);
        assert_eq!(check(&dir.path().join("run.gif")), Ok(MediaFormat::Gif));
        let missing = dir.path().join("nowhere").join("run.svg");
        let error = check(&missing).unwrap_err();
        assert!(
            error.contains("nowhere/run.svg") && error.contains("no folder"),
            "{error}"
        );
        let folder = dir.path().join("run.cast");
        std::fs::create_dir(&folder).unwrap();
        assert!(check(&folder).unwrap_err().contains("is a folder"));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "nothing left behind"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.path().join("locked");
            std::fs::create_dir(&locked).unwrap();
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
            // Root may write anyway: then there is nothing to refuse.
            if let Err(error) = check(&locked.join("run.gif")) {
                assert!(
                    error.contains("locked/run.gif") && !error.contains(".taskscope-"),
                    "{error}"
                );
            }
        }
    }
}
