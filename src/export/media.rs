//! The recording formats by file name: `--out run.cast`, `run.svg` or `run.gif`, and the
//! encoder each one gets.

use std::path::Path;

use super::animated_svg::AnimatedSvg;
use super::cast::{Cast, CastVersion};
use super::colors::Canvas;
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
}
