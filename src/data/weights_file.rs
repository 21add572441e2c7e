//! Weight files: `code,weight` per jurisdiction (e.g. child population, CyberTipline reports),
//! for weighted exposure and reform gains.

use super::diagnostic::{Diagnostic, LoadError};
use super::table::{required, Column, Table};
use crate::analysis::weights::{WeightSide, Weights};
use crate::model::Dataset;
use std::collections::HashMap;

const COLUMNS: &[Column] = &[required("code"), required("weight")];

/// Parses a weight file; every problem is reported with its position.
pub fn parse_weights(
    file: &str,
    text: &str,
    dataset: &Dataset,
    side: WeightSide,
) -> Result<Weights, LoadError> {
    let mut diagnostics = Vec::new();
    let Some(table) = Table::parse(file, text, COLUMNS, &mut diagnostics) else {
        return Err(LoadError {
            subject: "the weights file",
            diagnostics,
        });
    };
    let mut values = HashMap::new();
    for row in &table.rows {
        let code = table.get(row, "code");
        let weight_text = table.get(row, "weight").replace(',', "");
        let Some(id) = dataset.jurisdiction_id(code) else {
            diagnostics.push(table.cell(row, "code").error(
                format!("unknown jurisdiction code `{code}`"),
                "use an ISO 3166-1 alpha-3 code from the dataset, or delete the row",
            ));
            continue;
        };
        match weight_text.parse::<f64>() {
            Ok(weight) if weight.is_finite() && weight >= 0.0 => {
                if values.insert(id, weight).is_some() {
                    diagnostics.push(table.cell(row, "code").error(
                        format!("duplicate weight for `{code}`"),
                        "keep one row per jurisdiction",
                    ));
                }
            }
            _ => diagnostics.push(table.cell(row, "weight").error(
                format!("`{}` is not a weight", table.get(row, "weight")),
                "give a non-negative number",
            )),
        }
    }
    if diagnostics.is_empty() {
        let name = std::path::Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(file);
        Ok(Weights::new(name, side, values))
    } else {
        Err(LoadError {
            subject: "the weights file",
            diagnostics,
        })
    }
}

/// Reads a weight file from disk.
pub fn load_weights(
    path: &std::path::Path,
    dataset: &Dataset,
    side: WeightSide,
) -> Result<Weights, LoadError> {
    let file = path.display().to_string();
    let failed = |diagnostic| LoadError {
        subject: "the weights file",
        diagnostics: vec![diagnostic],
    };
    let bytes = super::files::read_regular_file(path).map_err(|error| {
        failed(Diagnostic::error(
            &file,
            format!("cannot read the weight file: {error}"),
            "give the path of a CSV with columns code,weight",
        ))
    })?;
    let text = super::files::decode_utf8(&file, bytes).map_err(|d| failed(*d))?;
    parse_weights(&file, &text, dataset, side)
}
