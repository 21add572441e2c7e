//! Horizontal bars of the top reforms and the pairs each closes.

use super::style::{frame, legend_entry, Footer, BLUE, FONT, INK, VERMILLION};
use super::{draw_error, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One reform's bar.
pub struct ReformBar {
    pub label: String,
    pub impunity_closed: usize,
    pub made_prosecutable: usize,
}

/// Draws the reform bars on `root`, best first from the top.
pub fn reforms_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    bars: &[ReformBar],
    footer: &Footer,
) -> Result<(), ChartError> {
    let body = frame(root, title, subtitle, footer)?;
    if bars.is_empty() {
        body.draw_text(
            "no reform changes any pair",
            &TextStyle::from((FONT, 16)).color(&INK),
            (40, 40),
        )
        .map_err(draw_error)?;
        return Ok(());
    }
    let (_, height) = body.dim_in_pixel();
    let (plot, legend) = body.split_vertically(height - 34);
    let k = bars.len();
    let max = bars
        .iter()
        .map(|b| b.impunity_closed.max(b.made_prosecutable))
        .max()
        .unwrap_or(1)
        .max(1);
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    // Row `r` (from the bottom) holds bar `k - 1 - r`; labels sit at the centre of their row.
    let y_label = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) if *i < k => labels[k - 1 - i].clone(),
        _ => String::new(),
    };
    let x_max = max + max / 8 + 1;
    let mut chart = ChartBuilder::on(&plot)
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(430)
        .build_cartesian_2d(
            0usize..x_max,
            (0usize..k.saturating_sub(1)).into_segmented(),
        )
        .map_err(draw_error)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(k)
        .y_label_formatter(&y_label)
        .y_label_style((FONT, 12))
        .x_label_style((FONT, 12))
        .x_desc("ordered pairs of states")
        .axis_desc_style((FONT, 14))
        .draw()
        .map_err(draw_error)?;
    let at = SegmentValue::Exact;
    for (index, bar) in bars.iter().enumerate() {
        let row = k - 1 - index;
        // The upper half of the row: pairs made prosecutable; the lower half: impunity closed.
        let mut upper = Rectangle::new(
            [(0, at(row + 1)), (bar.made_prosecutable, at(row))],
            BLUE.filled(),
        );
        upper.set_margin(4, 14, 0, 0);
        let mut lower = Rectangle::new(
            [(0, at(row + 1)), (bar.impunity_closed, at(row))],
            VERMILLION.filled(),
        );
        lower.set_margin(14, 4, 0, 0);
        chart.draw_series([upper, lower]).map_err(draw_error)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{} / {}", bar.made_prosecutable, bar.impunity_closed),
                (
                    bar.made_prosecutable.max(bar.impunity_closed) + max / 100 + 1,
                    SegmentValue::CenterOf(row),
                ),
                TextStyle::from((FONT, 12)).color(&INK),
            )))
            .map_err(draw_error)?;
    }
    legend_entry(
        &legend,
        (16, 8),
        &BLUE,
        false,
        "pairs made certainly prosecutable (first number)",
    )?;
    legend_entry(
        &legend,
        (420, 8),
        &VERMILLION,
        false,
        "pairs taken out of certain impunity (second number)",
    )?;
    Ok(())
}
