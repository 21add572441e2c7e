//! Offender state × victim state verdicts for one offence, ordered by region.

use super::style::{frame, legend_entry, Footer, BLUE, FONT, INK, UNKNOWN, VERMILLION};
use super::{draw_error, ChartError};
use crate::rules::Verdict;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the heatmap shows.
pub struct HeatmapInput {
    pub title: String,
    pub subtitle: String,
    /// Row/column states in order: code and region.
    pub states: Vec<(String, String)>,
    /// `verdicts[offender][victim]`; `None` on the diagonal.
    pub verdicts: Vec<Vec<Option<Verdict>>>,
    pub footer: Footer,
}

fn colour(verdict: Verdict) -> RGBColor {
    match verdict {
        Verdict::Prosecutable => BLUE,
        Verdict::Impunity => VERMILLION,
        Verdict::Unknown => UNKNOWN,
    }
}

/// Draws the heatmap on `root`.
pub fn heatmap_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    input: &HeatmapInput,
) -> Result<(), ChartError> {
    let body = frame(root, &input.title, &input.subtitle, &input.footer)?;
    let (width, _) = body.dim_in_pixel();
    let (grid, legend) = body.split_horizontally(width - 230);
    let n = input.states.len();
    let labelled = n <= 60;
    let label_size = if labelled { 44 } else { 70 };
    let codes: Vec<String> = input.states.iter().map(|(c, _)| c.clone()).collect();
    let regions: Vec<String> = input.states.iter().map(|(_, r)| r.clone()).collect();
    // Unlabelled (large) heatmaps name each region once, at the middle of its block.
    let mut middles = std::collections::HashMap::new();
    let mut start = 0;
    for index in 1..=n {
        if index == n || regions[index] != regions[start] {
            middles.insert((start + index - 1) / 2, regions[start].clone());
            start = index;
        }
    }
    let axis_label = |index: &usize| -> String {
        if labelled {
            codes.get(*index).cloned().unwrap_or_default()
        } else {
            middles.get(index).cloned().unwrap_or_default()
        }
    };
    let mut chart = ChartBuilder::on(&grid)
        .margin(10)
        .x_label_area_size(label_size)
        .y_label_area_size(label_size)
        // A discrete integer range includes its end: 0..n-1 gives n segments.
        .build_cartesian_2d(
            (0..n.saturating_sub(1)).into_segmented(),
            (0..n.saturating_sub(1)).into_segmented(),
        )
        .map_err(draw_error)?;
    // Rows run top-down: offender state `a` is drawn at y = n - 1 - a. Labels sit at the
    // centre of their cell.
    let x_formatter = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) => axis_label(i),
        _ => String::new(),
    };
    let y_formatter = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) if *i < n => axis_label(&(n - 1 - i)),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("victim state (national, located there)")
        .y_desc("offender state (national, acting there)")
        .x_labels(n)
        .y_labels(n)
        .x_label_formatter(&x_formatter)
        .y_label_formatter(&y_formatter)
        .x_label_style(if labelled && n > 30 {
            TextStyle::from((FONT, 10))
                .transform(FontTransform::Rotate90)
                .pos(Pos::new(HPos::Left, VPos::Center))
        } else {
            TextStyle::from((FONT, 10)).pos(Pos::new(HPos::Center, VPos::Top))
        })
        .y_label_style((FONT, if labelled { 10 } else { 12 }))
        .axis_desc_style((FONT, 14))
        .draw()
        .map_err(draw_error)?;
    let mut cells = Vec::with_capacity(n * n);
    for (a, row) in input.verdicts.iter().enumerate() {
        for (b, verdict) in row.iter().enumerate() {
            let fill = match verdict {
                Some(v) => colour(*v).filled(),
                None => WHITE.filled(),
            };
            let y = n - 1 - a;
            cells.push(Rectangle::new(
                [
                    (SegmentValue::Exact(b), SegmentValue::Exact(y)),
                    (SegmentValue::Exact(b + 1), SegmentValue::Exact(y + 1)),
                ],
                fill,
            ));
        }
    }
    chart.draw_series(cells).map_err(draw_error)?;
    // Region boundaries.
    for index in 1..n {
        if regions[index] != regions[index - 1] {
            let at = SegmentValue::Exact;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(at(index), at(0)), (at(index), at(n))],
                    INK.stroke_width(1),
                )))
                .map_err(draw_error)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(at(0), at(n - index)), (at(n), at(n - index))],
                    INK.stroke_width(1),
                )))
                .map_err(draw_error)?;
        }
    }
    let count = |wanted: Verdict| {
        input
            .verdicts
            .iter()
            .flatten()
            .filter(|v| **v == Some(wanted))
            .count()
    };
    let text = TextStyle::from((FONT, 12)).color(&INK);
    legend
        .draw_text("verdict of each pair's case", &text, (6, 20))
        .map_err(draw_error)?;
    legend_entry(
        &legend,
        (6, 44),
        &BLUE,
        false,
        &format!("prosecutable ({})", count(Verdict::Prosecutable)),
    )?;
    legend_entry(
        &legend,
        (6, 68),
        &UNKNOWN,
        false,
        &format!("unknown ({})", count(Verdict::Unknown)),
    )?;
    legend_entry(
        &legend,
        (6, 92),
        &VERMILLION,
        false,
        &format!("impunity ({})", count(Verdict::Impunity)),
    )?;
    legend
        .draw_text(
            "child aged 14; who is where:",
            &TextStyle::from((FONT, 12)).color(&INK),
            (6, 124),
        )
        .map_err(draw_error)?;
    legend
        .draw_text(
            "see the scenario in the footer",
            &TextStyle::from((FONT, 12)).color(&INK),
            (6, 138),
        )
        .map_err(draw_error)?;
    Ok(())
}
