//! Shared look: fonts, colours, title and footer.

use super::{draw_error, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Once;

/// The font family every chart uses (DejaVu Sans, embedded).
///
/// **Use even font sizes only.** plotters' bitmap text places each glyph at
/// `(size / 2 + top) as i32`, truncating toward zero: with an odd size the half pixel rounds
/// one way for tall glyphs and the other for small ones, so a full stop is drawn a pixel high
/// ("0·2·0") and a comma looks like a full stop in PNG footers. Even sizes place every glyph
/// on the same baseline.
pub const FONT: &str = "sans-serif";

pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (style, bytes) in [
            (FontStyle::Normal, dejavu::sans::regular()),
            (FontStyle::Bold, dejavu::sans::bold()),
            (FontStyle::Italic, dejavu::sans::oblique()),
            (FontStyle::Oblique, dejavu::sans::oblique()),
        ] {
            // The embedded font is valid; a failure would leave plotters' own error later.
            let _ = plotters::style::register_font(FONT, style, bytes);
        }
    });
}

/// Okabe–Ito colours (colour-blind safe).
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const UNKNOWN: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);

/// A categorical palette for series.
pub const SERIES: [RGBColor; 7] = [BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, INK];

/// What every chart says at its foot.
#[derive(Clone, Debug, PartialEq)]
pub struct Footer {
    pub dataset: String,
    pub version: String,
    pub as_of: String,
    pub evidence: String,
    pub sources: String,
    pub illustrative: bool,
    /// True when some facts shown are inferred from treaty obligations.
    pub inferred: bool,
    /// The scenario the pairs were asked about, in words (pairwise charts only).
    pub scenario: Option<String>,
}

impl Footer {
    pub fn lines(&self) -> Vec<String> {
        let mut first = format!(
            "Data: lacuna dataset {} {} · as of {} · evidence: {} and stronger",
            self.dataset, self.version, self.as_of, self.evidence
        );
        if self.illustrative {
            first.push_str(" · ILLUSTRATIVE (fictional states)");
        }
        if let Some(scenario) = &self.scenario {
            first.push_str(" · scenario ");
            first.push_str(scenario);
        }
        let mut second = format!("Sources: {}", self.sources);
        if self.inferred {
            second.push_str(" · facts inferred from treaty obligations show obligation, not proof of implementation");
        }
        vec![first, second]
    }
}

pub const FOOTER_HEIGHT: u32 = 44;
pub const TITLE_HEIGHT: u32 = 54;

/// Fills the background, draws the title and footer, and returns the area between them.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    footer: &Footer,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    root.fill(&WHITE).map_err(draw_error)?;
    let (width, height) = root.dim_in_pixel();
    let (top, rest) = root.split_vertically(TITLE_HEIGHT);
    let (body, bottom) = rest.split_vertically(height - TITLE_HEIGHT - FOOTER_HEIGHT);
    top.draw_text(
        title,
        &TextStyle::from((FONT, 24).into_font().style(FontStyle::Bold)).color(&INK),
        (16, 8),
    )
    .map_err(draw_error)?;
    top.draw_text(subtitle, &TextStyle::from((FONT, 14)).color(&INK), (16, 34))
        .map_err(draw_error)?;
    bottom
        .draw(&PathElement::new(
            vec![(16, 2), (width as i32 - 16, 2)],
            INK.mix(0.3),
        ))
        .map_err(draw_error)?;
    for (index, line) in footer.lines().iter().enumerate() {
        bottom
            .draw_text(
                line,
                &TextStyle::from((FONT, 12)).color(&INK),
                (16, 8 + 16 * index as i32),
            )
            .map_err(draw_error)?;
    }
    Ok(body)
}

/// A small legend box: coloured square and label, drawn at a pixel position.
pub fn legend_entry<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    colour: &RGBColor,
    hatched: bool,
    label: &str,
) -> Result<(), ChartError> {
    let (x, y) = at;
    area.draw(&Rectangle::new([(x, y), (x + 16, y + 16)], colour.filled()))
        .map_err(draw_error)?;
    if hatched {
        for offset in (0..32).step_by(5) {
            let start = (x + offset.min(16), y + (offset - 16).max(0));
            let end = (x + (offset - 16).max(0), y + offset.min(16));
            area.draw(&PathElement::new(vec![start, end], INK.mix(0.6)))
                .map_err(draw_error)?;
        }
    }
    area.draw(&Rectangle::new([(x, y), (x + 16, y + 16)], INK.mix(0.5)))
        .map_err(draw_error)?;
    area.draw_text(
        label,
        &TextStyle::from((FONT, 12)).color(&INK),
        (x + 22, y + 1),
    )
    .map_err(draw_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lowest row with ink when `text` is drawn alone at `size` on a white bitmap.
    fn lowest_ink_row(text: &str, size: u32) -> usize {
        register_fonts();
        let (width, height) = (40u32, 40u32);
        let mut buffer = vec![255u8; (width * height * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buffer, (width, height)).into_drawing_area();
            root.draw_text(text, &TextStyle::from((FONT, size)).color(&BLACK), (4, 4))
                .unwrap();
            root.present().unwrap();
        }
        (0..height as usize)
            .rev()
            .find(|&row| {
                buffer[row * width as usize * 3..(row + 1) * width as usize * 3]
                    .iter()
                    .any(|&v| v < 128)
            })
            .unwrap()
    }

    /// A full stop sits on the same baseline as a letter at the sizes the charts use (issue
    /// 15: at an odd size the PNG footer showed "0·2·0").
    #[test]
    fn full_stops_sit_on_the_baseline_at_chart_sizes() {
        for size in [10, 12, 14, 16, 24] {
            assert_eq!(
                lowest_ink_row(".", size),
                lowest_ink_row("x", size),
                "size {size}"
            );
        }
        // The defect this guards against: at 11 the full stop is drawn a pixel high.
        assert_ne!(lowest_ink_row(".", 11), lowest_ink_row("x", 11));
    }
}
