//! Case files for `lacuna batch`: CSV or Parquet, one case per row, read in chunks so that
//! memory does not grow with the file. A bad row becomes a [`Reject`] naming the row, the
//! column and the reason; the file goes on.

use super::diagnostic::shorten;
use crate::model::{Dataset, JurisdictionId, OffenceId, YEARS};
use crate::rules::Case;
use chrono::NaiveDate;
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// The columns of a case file, in this order in [`CaseFields`]. `offence`,
/// `offender_nationality` and `victim_nationality` are required; the others may be absent or
/// empty (defaults as in docs/case-json.md).
pub const CASE_COLUMNS: [&str; N_COLUMNS] = [
    "id",
    "offence",
    "offender_nationality",
    "offender_location",
    "offender_residence",
    "victim_nationality",
    "victim_location",
    "victim_age",
    "facilitator_location",
    "evidence_location",
    "conduct_date",
    "prosecution_date",
    "custody_location",
];
/// How many columns a case file may have.
pub const N_COLUMNS: usize = 13;
const REQUIRED: [usize; 3] = [1, 2, 5];

/// A row that could not be read as a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    /// 1-based data row (the header is row 0).
    pub row: u64,
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// Why a case file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CaseFileError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: the required column `{column}` is missing; case files need offence, offender_nationality and victim_nationality (see docs/batch.md)")]
    MissingColumn { path: String, column: String },
    #[error("{path}: the file is empty; a case file starts with a header line naming its columns (at least offence, offender_nationality, victim_nationality; see docs/batch.md)")]
    Empty { path: String },
    #[error("{path}: use a .csv or .parquet case file")]
    Format { path: String },
    #[error("{path}: the column `{column}` appears twice in the header; keep one")]
    DuplicateColumn { path: String, column: String },
    #[error("{path}:{line}: a quoted cell is not closed on this line, so it would swallow the rows after it; close the quote on the same line (a quote inside a quoted cell is written twice: \"\")")]
    OpenQuote { path: String, line: u64 },
}

/// Turns the fields of a row into a case.
pub struct CaseParser<'d> {
    dataset: &'d Dataset,
    offences: rustc_hash::FxHashMap<&'d str, OffenceId>,
    jurisdictions: rustc_hash::FxHashMap<&'d str, JurisdictionId>,
    default_day: NaiveDate,
}

/// A day written YYYY-MM-DD (a fast path for millions of rows), or why it is not one.
fn parse_day(text: &str) -> Result<NaiveDate, &'static str> {
    const SYNTAX: &str = "not a day: write YYYY-MM-DD";
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(SYNTAX);
    }
    let number = |range: std::ops::Range<usize>| -> Result<u32, &'static str> {
        text.get(range)
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse().ok())
            .ok_or(SYNTAX)
    };
    let year = number(0..4)? as i32;
    if !YEARS.contains(&year) {
        return Err("out of range: lacuna accepts years 1800 to 2200");
    }
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
        .ok_or("no such day (check the month and the day of the month)")
}

impl<'d> CaseParser<'d> {
    pub fn new(dataset: &'d Dataset, default_day: NaiveDate) -> CaseParser<'d> {
        CaseParser {
            dataset,
            offences: dataset
                .offences
                .iter()
                .enumerate()
                .map(|(i, o)| (o.code.as_str(), OffenceId(i as u32)))
                .collect(),
            jurisdictions: dataset
                .jurisdictions
                .iter()
                .enumerate()
                .map(|(i, j)| (j.code.as_str(), JurisdictionId(i as u32)))
                .collect(),
            default_day,
        }
    }

    /// Parses one row's fields (in [`CASE_COLUMNS`] order; absent columns are empty).
    pub fn parse<'f>(
        &self,
        row: u64,
        fields: &[&'f str; N_COLUMNS],
    ) -> Result<(Option<&'f str>, Case), Reject> {
        let reject = |column: usize, reason: String| Reject {
            row,
            column: CASE_COLUMNS[column].to_string(),
            value: shorten(fields[column], 200).into_owned(),
            reason,
        };
        for &column in &REQUIRED {
            if fields[column].is_empty() {
                return Err(reject(
                    column,
                    "is empty; this column is required".to_string(),
                ));
            }
        }
        let offence = *self
            .offences
            .get(fields[1])
            .ok_or_else(|| reject(1, "unknown offence code".to_string()))?;
        let jurisdiction = |column: usize| -> Result<Option<JurisdictionId>, Reject> {
            let text = fields[column];
            if text.is_empty() {
                return Ok(None);
            }
            match self.jurisdictions.get(text) {
                Some(id) => Ok(Some(*id)),
                None => {
                    let hint = super::table::jurisdiction_hint(
                        text,
                        super::case_input::known_jurisdictions(self.dataset),
                    );
                    Err(reject(column, format!("unknown jurisdiction code: {hint}")))
                }
            }
        };
        let offender_nationality = jurisdiction(2)?.expect("required");
        let victim_nationality = jurisdiction(5)?.expect("required");
        let victim_age = if fields[7].is_empty() {
            14
        } else {
            match fields[7].parse::<f64>() {
                Ok(age) if age.fract() == 0.0 && (0.0..=120.0).contains(&age) => age as u8,
                _ => {
                    return Err(reject(
                        7,
                        "not an age: give whole years from 0 to 120".to_string(),
                    ))
                }
            }
        };
        let day = |column: usize, default: NaiveDate| -> Result<NaiveDate, Reject> {
            if fields[column].is_empty() {
                Ok(default)
            } else {
                parse_day(fields[column]).map_err(|reason| reject(column, reason.to_string()))
            }
        };
        let conduct_date = day(10, self.default_day)?;
        let prosecution_date = day(11, conduct_date)?;
        if prosecution_date < conduct_date {
            return Err(reject(11, "is before conduct_date".to_string()));
        }
        let offender_location = jurisdiction(3)?.unwrap_or(offender_nationality);
        let case = Case {
            offence,
            offender_nationality,
            offender_location,
            offender_residence: jurisdiction(4)?,
            victim_nationality,
            victim_location: jurisdiction(6)?.unwrap_or(victim_nationality),
            victim_age,
            facilitator_location: jurisdiction(8)?,
            evidence_location: jurisdiction(9)?,
            conduct_date,
            prosecution_date,
            // Found, by default, where he acted.
            custody_location: jurisdiction(12)?.unwrap_or(offender_location),
        };
        let id = (!fields[0].is_empty()).then_some(fields[0]);
        Ok((id, case))
    }
}

/// The rows of one chunk of a case file, read but not yet parsed: the reader thread fills
/// it, a worker parses it with [`RawChunk::parse_each`]. Its buffers are reused from chunk to
/// chunk, so reading allocates nothing once the first chunks are in.
#[derive(Default)]
pub struct RawChunk {
    /// The data row number of the first row.
    first_row: u64,
    len: usize,
    rows: RawRows,
}

#[derive(Default)]
enum RawRows {
    #[default]
    Empty,
    Csv {
        records: Vec<csv::ByteRecord>,
        /// Rows that could not be read as CSV: (index in the chunk, the reader's error).
        broken: Vec<(usize, String)>,
        /// The index of a short last row of a file that does not end with a line break.
        cut_short: Option<usize>,
        /// Where each case column is in a record (boxed: the enum stays small).
        positions: Box<[Option<usize>; N_COLUMNS]>,
        width: usize,
    },
    Parquet {
        /// The case columns, cast to text (`None`: not in the file).
        columns: Vec<Option<Column>>,
    },
}

impl RawChunk {
    /// Rows in the chunk.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Parses every row in order, calling `f` with its row number and the case (and its id)
    /// or why it was rejected.
    pub fn parse_each<'c>(
        &'c self,
        parser: &CaseParser<'_>,
        mut f: impl FnMut(u64, Result<(Option<&'c str>, Case), Reject>),
    ) {
        match &self.rows {
            RawRows::Empty => {}
            RawRows::Csv {
                records,
                broken,
                cut_short,
                positions,
                width,
            } => {
                let mut broken = broken.iter().peekable();
                for (index, record) in records[..self.len].iter().enumerate() {
                    let row = self.first_row + index as u64;
                    let whole_row = |reason: String| Reject {
                        row,
                        column: String::new(),
                        value: String::new(),
                        reason,
                    };
                    if let Some((_, error)) = broken.next_if(|(i, _)| *i == index) {
                        f(
                            row,
                            Err(whole_row(format!("cannot be read as CSV: {error}"))),
                        );
                        continue;
                    }
                    if record.len() != *width {
                        let cut = if *cut_short == Some(index) {
                            "; the file ends in the middle of this row: it looks cut short"
                        } else {
                            ""
                        };
                        f(
                            row,
                            Err(whole_row(format!(
                                "has {} fields but the header has {width}{cut}",
                                record.len()
                            ))),
                        );
                        continue;
                    }
                    let mut fields = [""; N_COLUMNS];
                    let mut bad = None;
                    for (index, position) in positions.iter().enumerate() {
                        if let Some(position) = position {
                            match std::str::from_utf8(&record[*position]) {
                                Ok(text) => fields[index] = text.trim(),
                                Err(_) => bad = Some((index, *position)),
                            }
                        }
                    }
                    match bad {
                        Some((index, position)) => f(
                            row,
                            Err(Reject {
                                row,
                                column: CASE_COLUMNS[index].to_string(),
                                value: shorten(&String::from_utf8_lossy(&record[position]), 200)
                                    .into_owned(),
                                reason: "is not valid UTF-8 (save the file as UTF-8)".to_string(),
                            }),
                        ),
                        None => f(row, parser.parse(row, &fields)),
                    }
                }
            }
            RawRows::Parquet { columns } => {
                let strings: Vec<Option<&StringChunked>> = columns
                    .iter()
                    .map(|c| c.as_ref().and_then(|c| c.str().ok()))
                    .collect();
                for i in 0..self.len {
                    let row = self.first_row + i as u64;
                    let mut fields = [""; N_COLUMNS];
                    for (index, column) in strings.iter().enumerate() {
                        if let Some(column) = column {
                            fields[index] = column.get(i).unwrap_or("").trim();
                        }
                    }
                    f(row, parser.parse(row, &fields));
                }
            }
        }
    }
}

enum Source {
    Csv {
        reader: Box<csv::Reader<std::io::BufReader<std::fs::File>>>,
        positions: [Option<usize>; N_COLUMNS],
        width: usize,
        bytes: u64,
        ends_with_newline: bool,
    },
    Parquet {
        path: PathBuf,
        offset: usize,
        total: usize,
        columns: Vec<String>,
    },
}

/// Reads a case file in chunks.
pub struct CaseReader {
    source: Source,
    path: String,
    next_row: u64,
    /// Columns of the file that lacuna does not use (reported, then ignored).
    pub ignored_columns: Vec<String>,
}

impl CaseReader {
    pub fn open(path: &Path) -> Result<CaseReader, CaseFileError> {
        let shown = path.display().to_string();
        let read_error = |message: String| CaseFileError::Read {
            path: shown.clone(),
            message,
        };
        let (source, names) = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => {
                let mut file = super::files::check_regular_file(path)
                    .and_then(std::fs::File::open)
                    .map_err(|e| read_error(e.to_string()))?;
                let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
                if bytes == 0 {
                    return Err(CaseFileError::Empty { path: shown });
                }
                let ends_with_newline = {
                    use std::io::{Read, Seek, SeekFrom};
                    let mut last = [0u8; 1];
                    file.seek(SeekFrom::End(-1))
                        .and_then(|_| file.read_exact(&mut last))
                        .and_then(|_| file.rewind())
                        .map_err(|e| read_error(e.to_string()))?;
                    last[0] == b'\n'
                };
                let mut reader = csv::ReaderBuilder::new()
                    .flexible(true)
                    .comment(Some(b'#'))
                    .from_reader(std::io::BufReader::with_capacity(1 << 20, file));
                let header = reader
                    .byte_headers()
                    .map_err(|e| read_error(e.to_string()))?
                    .clone();
                let names: Vec<String> = header
                    .iter()
                    .map(|h| {
                        String::from_utf8_lossy(h)
                            .trim()
                            .trim_start_matches('\u{feff}')
                            .to_string()
                    })
                    .collect();
                let mut positions = [None; N_COLUMNS];
                for (index, column) in CASE_COLUMNS.iter().enumerate() {
                    positions[index] = names.iter().position(|n| n == column);
                }
                (
                    Source::Csv {
                        reader: Box::new(reader),
                        positions,
                        width: names.len(),
                        bytes,
                        ends_with_newline,
                    },
                    names,
                )
            }
            Some("parquet") => {
                let file = super::files::check_regular_file(path)
                    .and_then(std::fs::File::open)
                    .map_err(|e| read_error(e.to_string()))?;
                let mut reader = ParquetReader::new(file);
                let total = reader.num_rows().map_err(|e| read_error(e.to_string()))?;
                let schema = reader.schema().map_err(|e| read_error(e.to_string()))?;
                let names: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
                let columns = names
                    .iter()
                    .filter(|n| CASE_COLUMNS.contains(&n.as_str()))
                    .cloned()
                    .collect();
                (
                    Source::Parquet {
                        path: path.to_path_buf(),
                        offset: 0,
                        total,
                        columns,
                    },
                    names,
                )
            }
            _ => return Err(CaseFileError::Format { path: shown }),
        };
        for (index, name) in names.iter().enumerate() {
            if CASE_COLUMNS.contains(&name.as_str()) && names[..index].contains(name) {
                return Err(CaseFileError::DuplicateColumn {
                    path: shown,
                    column: name.clone(),
                });
            }
        }
        for &column in &REQUIRED {
            if !names.iter().any(|n| n == CASE_COLUMNS[column]) {
                return Err(CaseFileError::MissingColumn {
                    path: shown,
                    column: CASE_COLUMNS[column].to_string(),
                });
            }
        }
        Ok(CaseReader {
            source,
            path: shown,
            next_row: 1,
            ignored_columns: names
                .into_iter()
                .filter(|n| !CASE_COLUMNS.contains(&n.as_str()))
                .collect(),
        })
    }

    /// (work done, total work) for a progress bar: bytes for CSV, rows for Parquet.
    pub fn progress(&self) -> (u64, u64) {
        match &self.source {
            Source::Csv { reader, bytes, .. } => (reader.position().byte(), *bytes),
            Source::Parquet { offset, total, .. } => (*offset as u64, *total as u64),
        }
    }

    /// Reads up to `max` rows into `chunk` (reusing its buffers); returns false, with the
    /// chunk empty, at the end of the file.
    pub fn next_raw(&mut self, max: usize, chunk: &mut RawChunk) -> Result<bool, CaseFileError> {
        chunk.first_row = self.next_row;
        chunk.len = 0;
        match &mut self.source {
            Source::Csv {
                reader,
                positions,
                width,
                bytes,
                ends_with_newline,
            } => {
                if !matches!(chunk.rows, RawRows::Csv { .. }) {
                    chunk.rows = RawRows::Csv {
                        records: Vec::new(),
                        broken: Vec::new(),
                        cut_short: None,
                        positions: Box::new(*positions),
                        width: *width,
                    };
                }
                let RawRows::Csv {
                    records,
                    broken,
                    cut_short,
                    ..
                } = &mut chunk.rows
                else {
                    unreachable!("set just above")
                };
                broken.clear();
                *cut_short = None;
                while chunk.len < max {
                    if records.len() <= chunk.len {
                        records.push(csv::ByteRecord::new());
                    }
                    match reader.read_byte_record(&mut records[chunk.len]) {
                        Ok(false) => break,
                        Ok(true) => {
                            let record = &records[chunk.len];
                            if record.iter().any(|field| field.contains(&b'\n')) {
                                return Err(CaseFileError::OpenQuote {
                                    path: self.path.clone(),
                                    line: record.position().map_or(0, |p| p.line()),
                                });
                            }
                            if !*ends_with_newline
                                && records[chunk.len].len() < *width
                                && reader.position().byte() >= *bytes
                            {
                                *cut_short = Some(chunk.len);
                            }
                        }
                        // A broken record (bad quoting): reject it and go on.
                        Err(error) => broken.push((chunk.len, error.to_string())),
                    }
                    chunk.len += 1;
                }
            }
            Source::Parquet {
                path: file_path,
                offset,
                total,
                columns,
            } => {
                if *offset < *total {
                    let length = max.min(*total - *offset);
                    let read_error = |message: String| CaseFileError::Read {
                        path: self.path.clone(),
                        message,
                    };
                    let file =
                        std::fs::File::open(&*file_path).map_err(|e| read_error(e.to_string()))?;
                    let frame = ParquetReader::new(file)
                        .with_columns(Some(columns.clone()))
                        .with_slice(Some((*offset, length)))
                        .finish()
                        .map_err(|e| read_error(e.to_string()))?;
                    let mut texts: Vec<Option<Column>> = Vec::with_capacity(N_COLUMNS);
                    for column in CASE_COLUMNS {
                        texts.push(match frame.column(column) {
                            Ok(c) => Some(
                                c.cast(&DataType::String)
                                    .map_err(|e| read_error(e.to_string()))?,
                            ),
                            Err(_) => None,
                        });
                    }
                    chunk.rows = RawRows::Parquet { columns: texts };
                    chunk.len = frame.height();
                    *offset += length;
                }
            }
        }
        self.next_row += chunk.len as u64;
        Ok(chunk.len > 0)
    }
}
