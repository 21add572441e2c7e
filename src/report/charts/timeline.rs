//! Impunity pairs per year for one or several offences, with bounds and treaty milestones.

use super::style::{frame, Footer, FONT, INK, SERIES};
use super::{draw_error, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One offence's yearly series: (year, certain impunity pairs, certain + possible).
pub struct TimelineSeries {
    pub offence: String,
    pub points: Vec<(i32, usize, usize)>,
}

/// A treaty milestone to mark on the time axis.
pub struct Milestone {
    pub year: i32,
    pub label: String,
}

pub struct TimelineInput {
    pub title: String,
    pub subtitle: String,
    pub series: Vec<TimelineSeries>,
    pub milestones: Vec<Milestone>,
    pub footer: Footer,
}

/// Draws the timeline on `root`.
pub fn timeline_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &TimelineInput,
) -> Result<(), ChartError> {
    let body = frame(root, &input.title, &input.subtitle, &input.footer)?;
    let years: Vec<i32> = input
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Err(ChartError::Input("the timeline has no years".to_string()));
    };
    let max = input
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.2))
        .max()
        .unwrap_or(1)
        .max(1);
    let mut chart = ChartBuilder::on(&body)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(70)
        .build_cartesian_2d(first..last.max(first + 1), 0..(max + max / 8 + 1))
        .map_err(draw_error)?;
    chart
        .configure_mesh()
        .x_desc("year (law as of the day shown in the subtitle)")
        .y_desc("ordered pairs of states in impunity")
        .x_label_formatter(&|y| y.to_string())
        .axis_desc_style((FONT, 14))
        .label_style((FONT, 12))
        .light_line_style(INK.mix(0.06))
        .draw()
        .map_err(draw_error)?;
    // Milestones: a vertical line each, labelled upwards from the foot of the chart; labels of
    // the same year are set side by side.
    let mut per_year: std::collections::HashMap<i32, i32> = std::collections::HashMap::new();
    for milestone in &input.milestones {
        if milestone.year >= first && milestone.year <= last {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(milestone.year, 0), (milestone.year, max)],
                    INK.mix(0.35),
                )))
                .map_err(draw_error)?;
            let slot = per_year.entry(milestone.year).or_default();
            let (x, y) = chart.backend_coord(&(milestone.year, max / 40));
            let (base_x, base_y) = body.get_base_pixel();
            body.draw_text(
                &milestone.label,
                &TextStyle::from((FONT, 12))
                    .color(&INK)
                    .transform(FontTransform::Rotate270),
                (x - base_x + 3 + 13 * *slot, y - base_y),
            )
            .map_err(draw_error)?;
            *slot += 1;
        }
    }
    for (index, series) in input.series.iter().enumerate() {
        let colour = SERIES[index % SERIES.len()];
        chart
            .draw_series(LineSeries::new(
                series.points.iter().map(|p| (p.0, p.2)),
                colour.stroke_width(2),
            ))
            .map_err(draw_error)?
            .label(format!("{}: certain or possible", series.offence))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
            });
        chart
            .draw_series(DashedLineSeries::new(
                series.points.iter().map(|p| (p.0, p.1)),
                6,
                4,
                colour.stroke_width(2),
            ))
            .map_err(draw_error)?
            .label(format!("{}: certain", series.offence))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 8, y)], colour.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(INK.mix(0.4))
        .label_font((FONT, 12))
        .draw()
        .map_err(draw_error)?;
    Ok(())
}
