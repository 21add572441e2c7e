//! Horizontal paired bars: the top reforms and the pairs each closes, and the top research
//! questions and the verdicts each answer would settle.

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

/// What the two halves of each bar, and the axis, stand for.
pub struct BarMeaning<'a> {
    /// The upper (blue) half and the first number.
    pub upper: &'a str,
    /// The lower (vermillion) half and the second number.
    pub lower: &'a str,
    pub axis: &'a str,
    /// Said when there is no bar at all.
    pub empty: &'a str,
}

/// Draws the reform bars on `root`, best first from the top.
pub fn reforms_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    bars: &[ReformBar],
    footer: &Footer,
) -> Result<(), ChartError> {
    let meaning = BarMeaning {
        upper: "pairs made certainly prosecutable (first number)",
        lower: "pairs taken out of certain impunity (second number)",
        axis: "ordered pairs of states",
        empty: "no reform changes any pair",
    };
    paired_bars_chart(root, title, subtitle, bars, &meaning, footer)
}

/// Draws paired bars on `root`, first bar at the top; `bars[i].made_prosecutable` is the
/// upper half, `bars[i].impunity_closed` the lower one.
pub fn paired_bars_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    bars: &[ReformBar],
    meaning: &BarMeaning<'_>,
    footer: &Footer,
) -> Result<(), ChartError> {
    // Bars with the same numbers are ties: say so, so the order is not read as a ranking.
    let tied = bars.windows(2).any(|w| {
        (w[0].made_prosecutable, w[0].impunity_closed)
            == (w[1].made_prosecutable, w[1].impunity_closed)
    });
    let subtitle = if tied {
        format!("{subtitle}; equal bars are tied (listed alphabetically, not ranked)")
    } else {
        subtitle.to_string()
    };
    let body = frame(root, title, &subtitle, footer)?;
    if bars.is_empty() {
        body.draw_text(
            meaning.empty,
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
        // Wide enough for the longest label (about 6.5 px a character at size 12).
        .y_label_area_size(
            (labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u32 * 13 / 2 + 16)
                .clamp(200, 640),
        )
        .build_cartesian_2d(
            0usize..x_max,
            // k segments; a single bar gets a second, empty row (a one-segment range is
            // degenerate and drew the bar outside the plot).
            (0usize..k.max(2) - 1).into_segmented(),
        )
        .map_err(draw_error)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(k.max(2))
        .y_label_formatter(&y_label)
        .y_label_style((FONT, 12))
        .x_label_style((FONT, 12))
        .x_desc(meaning.axis)
        .axis_desc_style((FONT, 14))
        .draw()
        .map_err(draw_error)?;
    let at = SegmentValue::Exact;
    // Each row is split in two halves, whatever the number of bars.
    let rows = k.max(2) as i32;
    let half = ((chart.plotting_area().dim_in_pixel().1 as i32) / rows / 2).max(4);
    for (index, bar) in bars.iter().enumerate() {
        let row = k - 1 - index;
        // The upper half of the row: pairs made prosecutable; the lower half: impunity closed.
        let mut upper = Rectangle::new(
            [(0, at(row + 1)), (bar.made_prosecutable, at(row))],
            BLUE.filled(),
        );
        upper.set_margin(3, half as u32, 0, 0);
        let mut lower = Rectangle::new(
            [(0, at(row + 1)), (bar.impunity_closed, at(row))],
            VERMILLION.filled(),
        );
        lower.set_margin(half as u32, 3, 0, 0);
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
    legend_entry(&legend, (16, 8), &BLUE, false, meaning.upper)?;
    legend_entry(&legend, (420, 8), &VERMILLION, false, meaning.lower)?;
    Ok(())
}
