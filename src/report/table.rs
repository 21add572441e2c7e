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
    /// Text held as an index per row into its distinct values: a column of codes (states,
    /// verdicts, barrier lists) repeats few values, and a million rows then cost 4 bytes each.
    Coded {
        labels: Vec<String>,
        codes: Vec<u32>,
    },
    /// The same text on every row (the scenario, the day, the dataset of a table).
    Repeated {
        value: String,
        rows: usize,
    },
}

/// Builds a [`Values::Coded`] column: rows are pushed by a key (a jurisdiction, a set of
/// barriers), and each distinct key's label is made and stored once.
pub struct CodedColumn<K> {
    labels: Vec<String>,
    index: rustc_hash::FxHashMap<K, u32>,
    codes: Vec<u32>,
}

impl<K: std::hash::Hash + Eq> CodedColumn<K> {
    pub fn with_capacity(rows: usize) -> Self {
        CodedColumn {
            labels: Vec::new(),
            index: rustc_hash::FxHashMap::default(),
            codes: Vec::with_capacity(rows),
        }
    }

    /// Appends a row for `key`; `label` makes its text the first time the key is seen.
    pub fn push(&mut self, key: K, label: impl FnOnce(&K) -> String) {
        let next = self.labels.len() as u32;
        let code = *self.index.entry(key).or_insert_with_key(|key| {
            self.labels.push(label(key));
            next
        });
        self.codes.push(code);
    }

    pub fn into_values(self) -> Values {
        Values::Coded {
            labels: self.labels,
            codes: self.codes,
        }
    }
}

/// Appends one CSV cell as polars writes it (quote style "necessary"): an empty cell is
/// `""` (so it is not read as null); a cell with a comma or a line break is quoted; quotes
/// are doubled, and a cell holding one is quoted.
fn csv_cell(cell: &str, out: &mut Vec<u8>) {
    if cell.is_empty() {
        out.extend_from_slice(b"\"\"");
        return;
    }
    let quoted = cell
        .bytes()
        .any(|b| matches!(b, b',' | b'\n' | b'\r' | b'"'));
    if quoted {
        out.push(b'"');
    }
    for byte in cell.bytes() {
        if byte == b'"' {
            out.push(b'"');
        }
        out.push(byte);
    }
    if quoted {
        out.push(b'"');
    }
}

/// Rows per Parquet row group for large tables (the main job writes 337,000 rows a scenario).
pub const PARQUET_ROW_GROUP: usize = 65_536;

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

    /// A column of few distinct values (see [`CodedColumn`]).
    pub fn coded<K: std::hash::Hash + Eq>(&mut self, name: &str, column: CodedColumn<K>) {
        self.columns.push((name.to_string(), column.into_values()));
    }

    /// A column with the same value on each of `rows` rows.
    pub fn repeated(&mut self, name: &str, value: String, rows: usize) {
        self.columns
            .push((name.to_string(), Values::Repeated { value, rows }));
    }

    pub fn height(&self) -> usize {
        match self.columns.first() {
            Some((_, Values::Text(v))) => v.len(),
            Some((_, Values::Integer(v))) => v.len(),
            Some((_, Values::Real(v))) => v.len(),
            Some((_, Values::Coded { codes, .. })) => codes.len(),
            Some((_, Values::Repeated { rows, .. })) => *rows,
            None => 0,
        }
    }

    /// The table as a polars frame; with `for_spreadsheets`, text cells that a spreadsheet
    /// would take for a formula are neutralised ([`super::escape::spreadsheet_safe`]). Only a
    /// column that has such a cell is copied to do so.
    fn data_frame(&self, for_spreadsheets: bool) -> PolarsResult<DataFrame> {
        self.data_frame_rows(for_spreadsheets, 0..self.height())
    }

    /// [`Self::data_frame`] for the given rows only.
    fn data_frame_rows(
        &self,
        for_spreadsheets: bool,
        rows: std::ops::Range<usize>,
    ) -> PolarsResult<DataFrame> {
        fn neutralised(cell: &str, for_spreadsheets: bool) -> Cow<'_, str> {
            if for_spreadsheets {
                super::escape::spreadsheet_safe(cell)
            } else {
                Cow::Borrowed(cell)
            }
        }
        let safe = |cell| neutralised(cell, for_spreadsheets);
        let columns = self
            .columns
            .iter()
            .map(|(name, values)| match values {
                Values::Text(v)
                    if for_spreadsheets
                        && v[rows.clone()]
                            .iter()
                            .any(|c| matches!(safe(c), Cow::Owned(_))) =>
                {
                    let cells: Vec<Cow<'_, str>> =
                        v[rows.clone()].iter().map(|c| safe(c)).collect();
                    let cells: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
                    Column::new(name.as_str().into(), cells)
                }
                Values::Text(v) => Column::new(name.as_str().into(), &v[rows.clone()]),
                Values::Integer(v) => Column::new(name.as_str().into(), &v[rows.clone()]),
                Values::Real(v) => Column::new(name.as_str().into(), &v[rows.clone()]),
                Values::Coded { labels, codes } => {
                    let labels: Vec<Cow<'_, str>> = labels.iter().map(|l| safe(l)).collect();
                    let cells: Vec<&str> = codes[rows.clone()]
                        .iter()
                        .map(|code| labels[*code as usize].as_ref())
                        .collect();
                    Column::new(name.as_str().into(), cells)
                }
                Values::Repeated { value, .. } => {
                    let value = safe(value);
                    Column::new(name.as_str().into(), vec![value.as_ref(); rows.len()])
                }
            })
            .collect();
        DataFrame::new(rows.len(), columns)
    }

    /// Writes the table as CSV to `out` (cells neutralised as in [`Self::to_csv`]).
    ///
    /// Text and integer tables are written here, row by row, with each distinct value of a
    /// coded or repeated column encoded once: the main job writes a million rows, and going
    /// through a polars frame took most of its time. The bytes are those polars writes (a
    /// test compares them); a table with real numbers goes through polars, whose float
    /// formatting it keeps.
    pub fn write_csv(&self, mut out: impl std::io::Write) -> Result<(), TableError> {
        if self
            .columns
            .iter()
            .any(|(_, values)| matches!(values, Values::Real(_)))
        {
            let mut frame = self.data_frame(true)?;
            CsvWriter::new(out).finish(&mut frame)?;
            return Ok(());
        }
        enum Cells<'a> {
            Text(&'a [String]),
            Integer(&'a [i64]),
            Coded(Vec<Vec<u8>>, &'a [u32]),
            Repeated(Vec<u8>),
        }
        let encoded = |cell: &str| {
            let mut bytes = Vec::new();
            csv_cell(&super::escape::spreadsheet_safe(cell), &mut bytes);
            bytes
        };
        let columns: Vec<Cells<'_>> = self
            .columns
            .iter()
            .map(|(_, values)| match values {
                Values::Text(v) => Cells::Text(v),
                Values::Integer(v) => Cells::Integer(v),
                Values::Coded { labels, codes } => {
                    Cells::Coded(labels.iter().map(|l| encoded(l)).collect(), codes)
                }
                Values::Repeated { value, .. } => Cells::Repeated(encoded(value)),
                Values::Real(_) => unreachable!("tables with real numbers go through polars"),
            })
            .collect();
        let io = |source| TableError::Io {
            path: "CSV output".to_string(),
            source,
        };
        let mut line = Vec::with_capacity(1024);
        for (i, (name, _)) in self.columns.iter().enumerate() {
            if i > 0 {
                line.push(b',');
            }
            csv_cell(name, &mut line);
        }
        line.push(b'\n');
        out.write_all(&line).map_err(io)?;
        let mut number = itoa::Buffer::new();
        for row in 0..self.height() {
            line.clear();
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    line.push(b',');
                }
                match column {
                    Cells::Text(v) => {
                        csv_cell(&super::escape::spreadsheet_safe(&v[row]), &mut line)
                    }
                    Cells::Integer(v) => line.extend_from_slice(number.format(v[row]).as_bytes()),
                    Cells::Coded(labels, codes) => {
                        line.extend_from_slice(&labels[codes[row] as usize])
                    }
                    Cells::Repeated(value) => line.extend_from_slice(value),
                }
            }
            line.push(b'\n');
            out.write_all(&line).map_err(io)?;
        }
        Ok(())
    }

    /// Writes the table as Parquet to `out`. A large table is written in row groups of
    /// [`PARQUET_ROW_GROUP`] rows, each converted to a frame only when it is written.
    pub fn write_parquet(&self, out: impl std::io::Write) -> Result<(), TableError> {
        let height = self.height();
        if height <= PARQUET_ROW_GROUP {
            let mut frame = self.data_frame(false)?;
            ParquetWriter::new(out).finish(&mut frame)?;
            return Ok(());
        }
        let first = self.data_frame_rows(false, 0..PARQUET_ROW_GROUP)?;
        let mut writer = ParquetWriter::new(out).batched(first.schema())?;
        writer.write_batch(&first)?;
        drop(first);
        for start in (PARQUET_ROW_GROUP..height).step_by(PARQUET_ROW_GROUP) {
            let end = (start + PARQUET_ROW_GROUP).min(height);
            writer.write_batch(&self.data_frame_rows(false, start..end)?)?;
        }
        writer.finish()?;
        Ok(())
    }

    /// The table as CSV. A text cell that a spreadsheet would take for a formula is
    /// neutralised ([`super::escape::spreadsheet_safe`]); Parquet keeps the values as they are.
    pub fn to_csv(&self) -> Result<Vec<u8>, TableError> {
        let mut bytes = Vec::new();
        self.write_csv(&mut bytes)?;
        Ok(bytes)
    }

    pub fn to_parquet(&self) -> Result<Vec<u8>, TableError> {
        let mut bytes = Vec::new();
        self.write_parquet(&mut bytes)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Cells a CSV writer gets wrong: empty, separators, quotes, line breaks, formulas,
    /// non-ASCII, and the same values as text, coded and repeated columns.
    fn awkward_table() -> Table {
        let cells = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "two\nlines",
            "cr\r",
            "=1+1",
            "-3",
            "+x",
            "@sum",
            "\tTab",
            " lead",
            "trail ",
            "Côte d'Ivoire",
            "x;y",
            "''",
        ];
        let rows = cells.len();
        let mut table = Table::default();
        table.text("text", cells.iter().map(|c| c.to_string()).collect());
        let mut coded = CodedColumn::with_capacity(rows);
        for cell in cells.iter().rev() {
            coded.push(cell.to_string(), |c| c.clone());
        }
        table.coded("coded", coded);
        table.integer(
            "number",
            (0..rows as i64).map(|i| i * 7_919 - 50_000).collect(),
        );
        table.repeated("same, quoted", "=\"a\"".to_string(), rows);
        table
    }

    /// The hand-written CSV is byte for byte what polars writes for the same frame.
    #[test]
    fn hand_written_csv_matches_polars() {
        let table = awkward_table();
        let mut polars_bytes = Vec::new();
        CsvWriter::new(&mut polars_bytes)
            .finish(&mut table.data_frame(true).unwrap())
            .unwrap();
        let ours = table.to_csv().unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(polars_bytes).unwrap()
        );
    }

    /// Coded and repeated columns hold the same values as plain text in Parquet too.
    #[test]
    fn coded_columns_read_back_as_their_values() {
        let table = awkward_table();
        let frame = table.data_frame(false).unwrap();
        let coded = frame.column("coded").unwrap().str().unwrap();
        let text = frame.column("text").unwrap().str().unwrap();
        let n = table.height();
        for row in 0..n {
            assert_eq!(coded.get(row), text.get(n - 1 - row));
        }
        let same = frame.column("same, quoted").unwrap().str().unwrap();
        assert!((0..n).all(|row| same.get(row) == Some("=\"a\"")));
    }
}
