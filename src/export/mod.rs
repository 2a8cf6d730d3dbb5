//! Everything that leaves the process: JSON, text swimlanes, images and recordings. All of
//! it is read from a [`crate::timeline::Timeline`] or from drawn frames.

pub mod animated_svg;
pub mod cast;
pub mod cell_shapes;
pub mod chrome;
pub mod colors;
pub mod file;
pub mod font;
pub mod frame;
pub mod frames;
pub mod gif;
pub mod json;
pub mod markers;
pub mod media;
pub mod palette;
pub mod quiz;
pub mod raster;
pub mod svg_cells;
pub mod svg_geometry;
pub mod text;
mod text_legend;

pub use json::{to_json, to_json_string};
pub use text::to_text;
