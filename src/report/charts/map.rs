//! World choropleth of a per-state measure (e.g. exposure), equirectangular projection, with
//! `unknown` hatched grey and said so in the legend. Shapes: Natural Earth via world-atlas
//! (datasets/maps/countries_50m.txt, built by datasets/maps/build_shapes.py).

use super::style::{frame, legend_entry, Footer, FONT, INK, UNKNOWN};
use super::{draw_error, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::colors::colormaps::ViridisRGB;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The shapes file compiled into the binary.
pub const WORLD_SHAPES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/datasets/maps/countries_50m.txt"
));

struct Shape {
    code: String,
    centroid: (f64, f64),
    rings: Vec<Vec<(f64, f64)>>,
}

/// Country shapes: code, centroid and rings (the format of datasets/maps/countries_50m.txt).
pub struct Shapes(Vec<Shape>);

impl Shapes {
    /// Parses a shapes file; lines that do not parse are skipped (and their states then
    /// reported as missing by [`Shapes::missing`]).
    pub fn parse(text: &str) -> Shapes {
        Shapes(
            text.lines()
                .filter(|line| !line.starts_with('#') && !line.is_empty())
                .filter_map(|line| {
                    let mut fields = line.split('\t');
                    let code = fields.next()?.to_string();
                    let x: f64 = fields.next()?.parse().ok()?;
                    let y: f64 = fields.next()?.parse().ok()?;
                    let rings = fields
                        .next()?
                        .split(';')
                        .map(|ring| {
                            ring.split(' ')
                                .filter_map(|point| {
                                    let (px, py) = point.split_once(',')?;
                                    Some((px.parse().ok()?, py.parse().ok()?))
                                })
                                .collect::<Vec<(f64, f64)>>()
                        })
                        .filter(|ring| ring.len() >= 3)
                        .collect();
                    Some(Shape {
                        code,
                        centroid: (x, y),
                        rings,
                    })
                })
                .collect(),
        )
    }

    /// The world's shapes, compiled into the binary.
    pub fn world() -> &'static Shapes {
        static SHAPES: OnceLock<Shapes> = OnceLock::new();
        SHAPES.get_or_init(|| Shapes::parse(WORLD_SHAPES))
    }

    /// The codes among `codes` that have no shape (to report as an error).
    pub fn missing<'a>(&self, codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let have: std::collections::HashSet<&str> =
            self.0.iter().map(|s| s.code.as_str()).collect();
        codes
            .into_iter()
            .filter(|c| !have.contains(c))
            .map(String::from)
            .collect()
    }
}

/// What the map shows.
pub struct MapInput {
    pub title: String,
    pub subtitle: String,
    /// Values in [0, 1] per jurisdiction code; `None` = unknown.
    pub values: Vec<(String, Option<f64>)>,
    /// What the colour scale means, e.g. "possible exposure (share of partner states)".
    pub measure: String,
    /// For a map of classes: each class's label and colour, and `values` hold class indices.
    pub classes: Option<Vec<(String, RGBColor)>>,
    pub footer: Footer,
}

fn inside(point: (f64, f64), ring: &[(f64, f64)]) -> bool {
    let (x, y) = point;
    let mut inside = false;
    let mut j = ring.len() - 1;
    for i in 0..ring.len() {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Diagonal hatch segments inside a ring, in map coordinates.
fn hatch(ring: &[(f64, f64)]) -> Vec<[(f64, f64); 2]> {
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in ring {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    let mut segments = Vec::new();
    let step = 0.25;
    let mut c = (min_y - max_x).floor();
    while c <= max_y - min_x {
        if (c as i64).rem_euclid(3) == 0 {
            let mut start: Option<(f64, f64)> = None;
            let mut x = min_x;
            while x <= max_x {
                let point = (x, x + c);
                let is_in = point.1 >= min_y && point.1 <= max_y && inside(point, ring);
                match (is_in, start) {
                    (true, None) => start = Some(point),
                    (false, Some(s)) => {
                        segments.push([s, (x - step, x - step + c)]);
                        start = None;
                    }
                    _ => {}
                }
                x += step;
            }
            if let Some(s) = start {
                segments.push([s, (max_x, max_x + c)]);
            }
        }
        c += 1.0;
    }
    segments
}

fn colour(value: f64) -> RGBColor {
    ViridisRGB::get_color(value.clamp(0.0, 1.0))
}

/// Draws the map on `root`.
pub fn map_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &MapInput,
    shapes: &Shapes,
) -> Result<(), ChartError> {
    let body = frame(root, &input.title, &input.subtitle, &input.footer)?;
    let (width, height) = body.dim_in_pixel();
    let (map_area, legend) = body.split_vertically(height - 56);
    let values: HashMap<&str, Option<f64>> =
        input.values.iter().map(|(c, v)| (c.as_str(), *v)).collect();
    let mut chart = ChartBuilder::on(&map_area)
        .margin(8)
        .build_cartesian_2d(-180.0..180.0, -60.0..85.0)
        .map_err(draw_error)?;
    chart
        .plotting_area()
        .fill(&RGBColor(0xF4, 0xF8, 0xFB))
        .map_err(draw_error)?;
    let mut dots = Vec::new();
    for shape in &shapes.0 {
        let value = values.get(shape.code.as_str()).copied().flatten();
        let fill = match (&input.classes, value) {
            (_, None) => UNKNOWN,
            (Some(classes), Some(index)) => classes
                .get(index as usize)
                .map_or(UNKNOWN, |(_, colour)| *colour),
            (None, Some(value)) => colour(value),
        };
        let mut span = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for ring in &shape.rings {
            for &(x, y) in ring {
                span = (span.0.min(x), span.1.max(x), span.2.min(y), span.3.max(y));
            }
            chart
                .draw_series(std::iter::once(Polygon::new(ring.clone(), fill.filled())))
                .map_err(draw_error)?;
            if value.is_none() {
                chart
                    .draw_series(
                        hatch(ring)
                            .into_iter()
                            .map(|segment| PathElement::new(segment.to_vec(), INK.mix(0.35))),
                    )
                    .map_err(draw_error)?;
            }
            let mut outline = ring.clone();
            outline.push(ring[0]);
            chart
                .draw_series(std::iter::once(PathElement::new(
                    outline,
                    WHITE.stroke_width(1),
                )))
                .map_err(draw_error)?;
        }
        // Micro-states would vanish at this scale: mark them with a dot.
        if span.1 - span.0 < 1.5 && span.3 - span.2 < 1.5 {
            dots.push((shape.centroid, fill));
        }
    }
    for (centre, fill) in dots {
        chart
            .draw_series(std::iter::once(Circle::new(centre, 3, fill.filled())))
            .map_err(draw_error)?;
        chart
            .draw_series(std::iter::once(Circle::new(centre, 3, INK.mix(0.6))))
            .map_err(draw_error)?;
    }
    // Legend: the colour scale, and what grey means.
    let text = TextStyle::from((FONT, 12)).color(&INK);
    legend
        .draw_text(&input.measure, &text, (16, 4))
        .map_err(draw_error)?;
    let (bar_x, bar_y, bar_w) = (16, 24, 300);
    if let Some(classes) = &input.classes {
        let mut x = bar_x;
        for (label, colour) in classes {
            legend_entry(&legend, (x, bar_y - 2), colour, false, label)?;
            x += 30 + 7 * label.chars().count() as i32;
        }
        legend_entry(
            &legend,
            (x, bar_y - 2),
            &UNKNOWN,
            true,
            "not assessed (hatched grey)",
        )?;
        return Ok(());
    }
    for step in 0..bar_w {
        let value = step as f64 / bar_w as f64;
        legend
            .draw(&Rectangle::new(
                [(bar_x + step, bar_y), (bar_x + step + 1, bar_y + 14)],
                colour(value).filled(),
            ))
            .map_err(draw_error)?;
    }
    for (share, label) in [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")] {
        let x = bar_x + (share * bar_w as f64) as i32;
        legend
            .draw_text(
                label,
                &TextStyle::from((FONT, 12)).color(&INK),
                (x - 8, bar_y + 16),
            )
            .map_err(draw_error)?;
    }
    legend_entry(
        &legend,
        (bar_x + bar_w + 40, bar_y - 2),
        &UNKNOWN,
        true,
        "unknown or not assessed (hatched grey)",
    )?;
    legend
        .draw_text(
            "dots mark states too small to see",
            &TextStyle::from((FONT, 12)).color(&INK),
            (width as i32 - 230, bar_y + 2),
        )
        .map_err(draw_error)?;
    Ok(())
}
