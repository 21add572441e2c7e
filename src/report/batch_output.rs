//! Streaming output of `lacuna batch`: results (CSV or Parquet, written chunk by chunk into a
//! temporary file that is renamed into place only when complete), rejects and aggregates.

use super::escape::spreadsheet_safe;
use super::table::{Table, TableError};
use crate::analysis::batch::{AggregateRow, CaseResult};
use crate::data::Reject;
use crate::model::Dataset;
use crate::model::Truth;
use crate::rules::Case;
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// The columns of the results file.
pub const RESULT_COLUMNS: [&str; 9] = [
    "row",
    "id",
    "offence",
    "offender_nationality",
    "victim_nationality",
    "verdict",
    "prosecuting_states",
    "possibly_prosecuting_states",
    "barriers",
];

/// The format of a results file, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultFormat {
    Csv,
    Parquet,
}

impl ResultFormat {
    /// Parquet for `.parquet`, CSV otherwise.
    pub fn of(path: &Path) -> ResultFormat {
        if path.extension().and_then(|e| e.to_str()) == Some("parquet") {
            ResultFormat::Parquet
        } else {
            ResultFormat::Csv
        }
    }
}

/// One text column of a chunk: the values end to end in one buffer (no allocation per row).
#[derive(Default)]
struct TextColumn {
    text: String,
    ends: Vec<usize>,
}

impl TextColumn {
    fn values(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start..end])
    }

    fn end_value(&mut self) {
        self.ends.push(self.text.len());
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }
}

/// A chunk of results encoded by a worker, ready for [`ResultWriter::write`].
pub enum EncodedChunk {
    Csv(Vec<u8>),
    Parquet(DataFrame),
}

/// Turns evaluated cases into a chunk of the results file. Each worker has its own and reuses
/// its buffers from chunk to chunk.
pub struct ResultEncoder<'d> {
    dataset: &'d Dataset,
    format: ResultFormat,
    rows: Vec<u64>,
    /// The text columns, in [`RESULT_COLUMNS`] order after `row`.
    columns: [TextColumn; 8],
}

impl<'d> ResultEncoder<'d> {
    pub fn new(dataset: &'d Dataset, format: ResultFormat) -> ResultEncoder<'d> {
        ResultEncoder {
            dataset,
            format,
            rows: Vec::new(),
            columns: Default::default(),
        }
    }

    /// Adds one evaluated case.
    pub fn push(&mut self, row: u64, id: Option<&str>, case: &Case, result: &CaseResult) {
        let dataset = self.dataset;
        let code = |j| dataset.jurisdiction(j).code.as_str();
        self.rows.push(row);
        let [id_column, offence, offender, victim, verdict, prosecuting, possibly, barriers] =
            &mut self.columns;
        id_column.text.push_str(id.unwrap_or(""));
        offence.text.push_str(&dataset.offence(case.offence).code);
        offender.text.push_str(code(case.offender_nationality));
        victim.text.push_str(code(case.victim_nationality));
        verdict.text.push_str(result.verdict.as_str());
        let states = result.states.as_slice();
        for (column, wanted) in [(prosecuting, Truth::Yes), (possibly, Truth::Unknown)] {
            let mut first = true;
            for state in states.iter().filter(|s| s.can_prosecute == wanted) {
                if !first {
                    column.text.push(';');
                }
                first = false;
                column.text.push_str(code(state.state));
            }
        }
        let mut first_state = true;
        for state in states
            .iter()
            .filter(|s| !s.certain.is_empty() || !s.possible.is_empty())
        {
            if !first_state {
                barriers.text.push(';');
            }
            first_state = false;
            barriers.text.push_str(code(state.state));
            barriers.text.push(':');
            let mut first_code = true;
            let codes = state
                .certain
                .iter()
                .map(|c| (c, ""))
                .chain(state.possible.iter().map(|c| (c, "?")));
            for (barrier, mark) in codes {
                if !first_code {
                    barriers.text.push(',');
                }
                first_code = false;
                barriers.text.push_str(barrier.as_str());
                barriers.text.push_str(mark);
            }
        }
        for column in &mut self.columns {
            column.end_value();
        }
    }

    /// The rows pushed since the last call, encoded; the buffers are emptied for the next chunk.
    pub fn take_chunk(&mut self) -> Result<EncodedChunk, PolarsError> {
        let chunk = match self.format {
            ResultFormat::Csv => {
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::with_capacity(self.rows.len() * 96));
                let mut values: Vec<_> = self.columns.iter().map(|c| c.values()).collect();
                let mut number = itoa::Buffer::new();
                for row in &self.rows {
                    writer
                        .write_field(number.format(*row))
                        .map_err(|e| PolarsError::ComputeError(e.to_string().into()))?;
                    for column in &mut values {
                        let cell = super::escape::spreadsheet_safe(column.next().unwrap_or(""));
                        writer
                            .write_field(cell.as_bytes())
                            .map_err(|e| PolarsError::ComputeError(e.to_string().into()))?;
                    }
                    writer
                        .write_record(None::<&[u8]>)
                        .map_err(|e| PolarsError::ComputeError(e.to_string().into()))?;
                }
                EncodedChunk::Csv(
                    writer
                        .into_inner()
                        .map_err(|e| PolarsError::ComputeError(e.to_string().into()))?,
                )
            }
            ResultFormat::Parquet => {
                let mut frame_columns = vec![Column::new("row".into(), &self.rows)];
                for (name, column) in RESULT_COLUMNS[1..].iter().zip(&self.columns) {
                    frame_columns.push(
                        StringChunked::from_iter_values((*name).into(), column.values())
                            .into_column(),
                    );
                }
                EncodedChunk::Parquet(DataFrame::new(self.rows.len(), frame_columns)?)
            }
        };
        self.rows.clear();
        for column in &mut self.columns {
            column.clear();
        }
        Ok(chunk)
    }
}

enum Sink {
    Csv(std::io::BufWriter<std::fs::File>),
    Parquet(Box<polars::io::parquet::write::BatchedWriter<std::fs::File>>),
}

/// Writes results as they come.
pub struct ResultWriter {
    temp: tempfile::TempPath,
    target: PathBuf,
    format: ResultFormat,
    sink: Option<Sink>,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchOutputError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {message}")]
    Format { path: String, message: String },
    #[error(transparent)]
    Table(#[from] TableError),
}

impl ResultWriter {
    /// Starts writing to `path` (CSV, or Parquet by the `.parquet` extension).
    pub fn create(path: &Path) -> Result<ResultWriter, BatchOutputError> {
        let shown = path.display().to_string();
        let io = |source| BatchOutputError::Io {
            path: shown.clone(),
            source,
        };
        let (file, temp) = super::temp_file_beside(path).map_err(io)?;
        let format = ResultFormat::of(path);
        let sink = match format {
            ResultFormat::Parquet => {
                let schema = Schema::from_iter(RESULT_COLUMNS.iter().map(|name| {
                    let dtype = if *name == "row" {
                        DataType::UInt64
                    } else {
                        DataType::String
                    };
                    Field::new((*name).into(), dtype)
                }));
                let writer = ParquetWriter::new(file).batched(&schema).map_err(|e| {
                    BatchOutputError::Format {
                        path: shown.clone(),
                        message: e.to_string(),
                    }
                })?;
                Sink::Parquet(Box::new(writer))
            }
            ResultFormat::Csv => {
                let mut writer = std::io::BufWriter::with_capacity(1 << 20, file);
                std::io::Write::write_all(
                    &mut writer,
                    format!("{}\n", RESULT_COLUMNS.join(",")).as_bytes(),
                )
                .map_err(io)?;
                Sink::Csv(writer)
            }
        };
        Ok(ResultWriter {
            temp,
            target: path.to_path_buf(),
            format,
            sink: Some(sink),
        })
    }

    /// The format chunks must be encoded in for this file.
    pub fn format(&self) -> ResultFormat {
        self.format
    }

    /// Appends a chunk of results.
    pub fn write(&mut self, chunk: &EncodedChunk) -> Result<(), BatchOutputError> {
        let shown = self.target.display().to_string();
        match (self.sink.as_mut().expect("not finished"), chunk) {
            (Sink::Csv(writer), EncodedChunk::Csv(bytes)) => {
                std::io::Write::write_all(writer, bytes).map_err(|source| {
                    BatchOutputError::Io {
                        path: shown,
                        source,
                    }
                })?;
            }
            (Sink::Parquet(writer), EncodedChunk::Parquet(frame)) => {
                writer
                    .write_batch(frame)
                    .map_err(|e| BatchOutputError::Format {
                        path: shown,
                        message: e.to_string(),
                    })?;
            }
            _ => {
                return Err(BatchOutputError::Format {
                    path: shown,
                    message: "a chunk was encoded for the other format (a bug in lacuna)"
                        .to_string(),
                })
            }
        }
        Ok(())
    }

    /// Completes the file and moves it into place.
    pub fn finish(mut self) -> Result<(), BatchOutputError> {
        let shown = self.target.display().to_string();
        match self.sink.take().expect("not finished") {
            Sink::Csv(mut writer) => {
                std::io::Write::flush(&mut writer).map_err(|source| BatchOutputError::Io {
                    path: shown.clone(),
                    source,
                })?;
            }
            Sink::Parquet(writer) => {
                writer.finish().map_err(|e| BatchOutputError::Format {
                    path: shown.clone(),
                    message: e.to_string(),
                })?;
            }
        }
        self.temp
            .persist(&self.target)
            .map_err(|e| BatchOutputError::Io {
                path: shown,
                source: e.error,
            })?;
        Ok(())
    }
}

/// The rejects file (CSV: row, column, value, reason), written as rejects come so that a
/// file of bad rows does not fill memory.
pub struct RejectWriter {
    temp: tempfile::TempPath,
    target: PathBuf,
    writer: csv::Writer<std::io::BufWriter<std::fs::File>>,
    /// Rejects written so far.
    pub count: u64,
}

impl RejectWriter {
    pub fn create(path: &Path) -> Result<RejectWriter, BatchOutputError> {
        let (file, temp) =
            super::temp_file_beside(path).map_err(|source| BatchOutputError::Io {
                path: path.display().to_string(),
                source,
            })?;
        let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(file));
        writer
            .write_record(["row", "column", "value", "reason"])
            .map_err(|e| BatchOutputError::Format {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
        Ok(RejectWriter {
            temp,
            target: path.to_path_buf(),
            writer,
            count: 0,
        })
    }

    fn format(&self, error: csv::Error) -> BatchOutputError {
        BatchOutputError::Format {
            path: self.target.display().to_string(),
            message: error.to_string(),
        }
    }

    pub fn write(&mut self, rejects: &[Reject]) -> Result<(), BatchOutputError> {
        for reject in rejects {
            let row = reject.row.to_string();
            self.writer
                .write_record([
                    row.as_str(),
                    &spreadsheet_safe(&reject.column),
                    &spreadsheet_safe(&reject.value),
                    &spreadsheet_safe(&reject.reason),
                ])
                .map_err(|e| self.format(e))?;
            self.count += 1;
        }
        Ok(())
    }

    /// Completes the file and moves it into place.
    pub fn finish(mut self) -> Result<(), BatchOutputError> {
        self.writer.flush().map_err(|source| BatchOutputError::Io {
            path: self.target.display().to_string(),
            source,
        })?;
        self.temp
            .persist(&self.target)
            .map_err(|e| BatchOutputError::Io {
                path: self.target.display().to_string(),
                source: e.error,
            })?;
        Ok(())
    }
}

/// The aggregate table: cases per offence, victim state, verdict and barrier.
pub fn aggregate_table(dataset: &Dataset, rows: &[AggregateRow]) -> Table {
    let mut t = Table::default();
    t.text(
        "offence",
        rows.iter()
            .map(|r| dataset.offence(r.offence).code.clone())
            .collect(),
    );
    t.text(
        "victim_state",
        rows.iter()
            .map(|r| dataset.jurisdiction(r.victim_state).code.clone())
            .collect(),
    );
    t.text(
        "verdict",
        rows.iter().map(|r| r.verdict.to_string()).collect(),
    );
    t.text(
        "barrier",
        rows.iter()
            .map(|r| r.barrier.map_or("none".to_string(), |b| b.to_string()))
            .collect(),
    );
    t.integer("cases", rows.iter().map(|r| r.cases as i64).collect());
    t
}
