//! Charts researchers publish (PNG and SVG, with plotters): a world map of a per-state
//! measure, the verdict heatmap, reform bars, the timeline and the cooperation/impunity
//! network. Every chart has a title, labelled axes or a legend, and a footer with the dataset,
//! its version, the as-of date, the evidence level and the sources.
//!
//! Fonts are embedded (DejaVu Sans, free licence): charts render on a machine with no fonts.
//! Colours are the Okabe–Ito palette and viridis, both colour-blind safe. Files are written
//! atomically.

mod bars;
mod heatmap;
mod map;
mod network;
mod style;
mod timeline;

pub use bars::{paired_bars_chart, reforms_chart, BarMeaning, ReformBar};
pub use heatmap::{heatmap_chart, HeatmapInput};
pub use map::{map_chart, MapInput, Shapes, WORLD_SHAPES};
pub use network::{network_chart, NetworkEdge, NetworkInput, CHANNEL_COLOURS, IMPUNITY_COLOURS};
pub use style::{Footer, BLUE, VERMILLION};
pub use timeline::{timeline_chart, Milestone, TimelineInput, TimelineSeries};

use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// Why a chart could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    #[error("{0}")]
    Input(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("unsupported chart file `{0}`: use a .png or .svg file name")]
    Format(String),
}

pub(crate) fn draw_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

/// Renders a chart with `draw` and writes it to `path` (PNG or SVG, by extension), atomically.
pub fn write_chart(
    path: &Path,
    size: (u32, u32),
    draw: impl Fn(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
    draw_png: impl Fn(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<(), ChartError>,
) -> Result<(), ChartError> {
    style::register_fonts();
    let io = |source| ChartError::Io {
        path: path.display().to_string(),
        source,
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some("svg") => {
            let mut text = String::new();
            {
                let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
                draw(&root)?;
                root.present().map_err(draw_error)?;
            }
            super::write_atomic(path, text.as_bytes()).map_err(io)
        }
        Some("png") => {
            // The temporary file is made like every output (named after its target, mode
            // 0666 less the umask); the bitmap backend writes over it.
            let (file, temp) = super::temp_file_beside_ending(path, ".png").map_err(io)?;
            drop(file);
            {
                let root = BitMapBackend::new(&temp, size).into_drawing_area();
                draw_png(&root)?;
                root.present().map_err(draw_error)?;
            }
            temp.persist(path).map_err(|e| io(e.error))?;
            Ok(())
        }
        _ => Err(ChartError::Format(path.display().to_string())),
    }
}

/// Renders a chart to an SVG string (for tests and embedding).
pub fn svg_string(
    size: (u32, u32),
    draw: impl Fn(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    style::register_fonts();
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw(&root)?;
        root.present().map_err(draw_error)?;
    }
    Ok(text)
}
