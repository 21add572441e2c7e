//! A small column-oriented table that every tabular output goes through, written as CSV or
//! Parquet with polars (so both formats always hold the same columns and values).

use polars::prelude::*;
use std::borrow::Cow;
use std::path::Path;

/// The values of one column.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Text(Vec<String>),
    Integer(Vec<i64>),
    Real(Vec<f64>),
}

/// Named columns of equal length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<(String, Values)>,
}

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("cannot build the table: {0}")]
    Polars(#[from] PolarsError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Table {
    pub fn text(&mut self, name: &str, values: Vec<String>) {
        self.columns.push((name.to_string(), Values::Text(values)));
    }

    pub fn integer(&mut self, name: &str, values: Vec<i64>) {
        self.columns
            .push((name.to_string(), Values::Integer(values)));
    }

    pub fn real(&mut self, name: &str, values: Vec<f64>) {
        self.columns.push((name.to_string(), Values::Real(values)));
    }

    pub fn height(&self) -> usize {
        match self.columns.first() {
            Some((_, Values::Text(v))) => v.len(),
            Some((_, Values::Integer(v))) => v.len(),
            Some((_, Values::Real(v))) => v.len(),
            None => 0,
        }
    }

    /// The table as a polars frame; with `for_spreadsheets`, text cells that a spreadsheet
    /// would take for a formula are neutralised ([`super::escape::spreadsheet_safe`]). Only a
    /// column that has such a cell is copied to do so.
    fn data_frame(&self, for_spreadsheets: bool) -> PolarsResult<DataFrame> {
        let columns = self
            .columns
            .iter()
            .map(|(name, values)| match values {
                Values::Text(v)
                    if for_spreadsheets
                        && v.iter().any(|c| {
                            matches!(super::escape::spreadsheet_safe(c), Cow::Owned(_))
                        }) =>
                {
                    let safe: Vec<Cow<'_, str>> = v
                        .iter()
                        .map(|c| super::escape::spreadsheet_safe(c))
                        .collect();
                    let safe: Vec<&str> = safe.iter().map(|c| c.as_ref()).collect();
                    Column::new(name.as_str().into(), safe)
                }
                Values::Text(v) => Column::new(name.as_str().into(), v),
                Values::Integer(v) => Column::new(name.as_str().into(), v),
                Values::Real(v) => Column::new(name.as_str().into(), v),
            })
            .collect();
        DataFrame::new(self.height(), columns)
    }

    /// The table as CSV. A text cell that a spreadsheet would take for a formula is
    /// neutralised ([`super::escape::spreadsheet_safe`]); Parquet keeps the values as they are.
    pub fn to_csv(&self) -> Result<Vec<u8>, TableError> {
        let mut frame = self.data_frame(true)?;
        let mut bytes = Vec::new();
        CsvWriter::new(&mut bytes).finish(&mut frame)?;
        Ok(bytes)
    }

    pub fn to_parquet(&self) -> Result<Vec<u8>, TableError> {
        let mut frame = self.data_frame(false)?;
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes).finish(&mut frame)?;
        Ok(bytes)
    }

    /// The table as CSV or Parquet, chosen by the file extension of `path`.
    pub fn encode_for(&self, path: &Path) -> Result<Vec<u8>, TableError> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("parquet") => self.to_parquet(),
            _ => self.to_csv(),
        }
    }

    /// Writes the table atomically as CSV or Parquet, chosen by the file extension.
    pub fn write(&self, path: &Path) -> Result<(), TableError> {
        let bytes = self.encode_for(path)?;
        super::write_atomic(path, &bytes).map_err(|source| TableError::Io {
            path: path.display().to_string(),
            source,
        })
    }
}
