//! The cooperation graph (or the impunity graph) of a region: states on a circle, grouped by
//! sub-region, edges coloured by channel.

use super::style::{
    frame, legend_entry, Footer, BLUE, FONT, GREEN, INK, PURPLE, UNKNOWN, VERMILLION,
};
use super::{draw_error, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One directed edge, with a category (a channel, or a verdict) and whether it is certain.
pub struct NetworkEdge {
    pub from: usize,
    pub to: usize,
    pub category: usize,
    pub certain: bool,
}

pub struct NetworkInput {
    pub title: String,
    pub subtitle: String,
    /// Node labels (state codes), in circle order.
    pub nodes: Vec<String>,
    pub edges: Vec<NetworkEdge>,
    /// Category names and colours, for the legend (index = `NetworkEdge::category`).
    pub categories: Vec<(String, RGBColor)>,
    pub footer: Footer,
}

/// Colours for the four channels, in `Channel::ALL` order.
pub const CHANNEL_COLOURS: [RGBColor; 4] = [BLUE, VERMILLION, GREEN, PURPLE];
/// Colours for impunity edges: certain, possible.
pub const IMPUNITY_COLOURS: [RGBColor; 2] = [VERMILLION, UNKNOWN];

/// Draws the network on `root`.
pub fn network_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &NetworkInput,
) -> Result<(), ChartError> {
    let body = frame(root, &input.title, &input.subtitle, &input.footer)?;
    let (width, height) = body.dim_in_pixel();
    let (graph_area, legend) = body.split_horizontally(width - 250);
    let (gw, gh) = graph_area.dim_in_pixel();
    let centre = (gw as f64 / 2.0, gh as f64 / 2.0);
    let radius = (gw.min(gh) as f64 / 2.0) - 40.0;
    let n = input.nodes.len().max(1);
    let position = |i: usize| -> (f64, f64) {
        let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        (
            centre.0 + radius * angle.cos(),
            centre.1 + radius * angle.sin(),
        )
    };
    let categories = input.categories.len().max(1) as f64;
    for edge in &input.edges {
        let (a, b) = (position(edge.from), position(edge.to));
        // Parallel offset per category so that channels between one pair stay apart, and
        // per direction (left of travel).
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let length = (dx * dx + dy * dy).sqrt().max(1.0);
        let shift = 2.0 + 3.0 * (edge.category as f64 - (categories - 1.0) / 2.0);
        let (ox, oy) = (-dy / length * shift, dx / length * shift);
        let colour = input.categories.get(edge.category).map_or(INK, |c| c.1);
        let style = if edge.certain {
            colour.mix(0.9).stroke_width(2)
        } else {
            colour.mix(0.3).stroke_width(1)
        };
        let points = vec![
            ((a.0 + ox) as i32, (a.1 + oy) as i32),
            ((b.0 + ox) as i32, (b.1 + oy) as i32),
        ];
        graph_area
            .draw(&PathElement::new(points, style))
            .map_err(draw_error)?;
    }
    let label_size = if n > 60 { 10 } else { 12 };
    for (i, label) in input.nodes.iter().enumerate() {
        let (x, y) = position(i);
        graph_area
            .draw(&Circle::new((x as i32, y as i32), 4, INK.filled()))
            .map_err(draw_error)?;
        let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        let (lx, ly) = (
            centre.0 + (radius + 18.0) * angle.cos() - 12.0,
            centre.1 + (radius + 18.0) * angle.sin() - 6.0,
        );
        graph_area
            .draw_text(
                label,
                &TextStyle::from((FONT, label_size)).color(&INK),
                (lx as i32, ly as i32),
            )
            .map_err(draw_error)?;
    }
    let text = TextStyle::from((FONT, 12)).color(&INK);
    legend
        .draw_text("edges (A → B: A can ask B)", &text, (6, 20))
        .map_err(draw_error)?;
    for (index, (name, colour)) in input.categories.iter().enumerate() {
        legend_entry(&legend, (6, 44 + 24 * index as i32), colour, false, name)?;
    }
    let y = 56 + 24 * input.categories.len() as i32;
    legend
        .draw_text(
            &format!("{} states, {} edges", input.nodes.len(), input.edges.len()),
            &TextStyle::from((FONT, 12)).color(&INK),
            (6, y),
        )
        .map_err(draw_error)?;
    legend
        .draw_text(
            "faint: depends on unknown facts",
            &TextStyle::from((FONT, 12)).color(&INK),
            (6, y + 18),
        )
        .map_err(draw_error)?;
    let _ = height;
    Ok(())
}
