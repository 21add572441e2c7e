//! Streaming output of `lacuna batch`: results (CSV or Parquet, written chunk by chunk into a
//! temporary file that is renamed into place only when complete), rejects and aggregates.

use super::table::{Table, TableError};
use crate::analysis::batch::{AggregateRow, CaseResult};
use crate::data::Reject;
use crate::model::Dataset;
use crate::rules::Case;
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// One evaluated row, ready to write.
pub struct ResultRow<'a> {
    pub row: u64,
    pub id: Option<&'a str>,
    pub case: &'a Case,
    pub result: &'a CaseResult,
}

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

fn text_columns(dataset: &Dataset, rows: &[ResultRow<'_>]) -> Vec<Vec<String>> {
    let code = |j| dataset.jurisdiction(j).code.clone();
    let mut columns: Vec<Vec<String>> = (0..8).map(|_| Vec::with_capacity(rows.len())).collect();
    for r in rows {
        columns[0].push(r.id.unwrap_or("").to_string());
        columns[1].push(dataset.offence(r.case.offence).code.clone());
        columns[2].push(code(r.case.offender_nationality));
        columns[3].push(code(r.case.victim_nationality));
        columns[4].push(r.result.verdict.to_string());
        columns[5].push(
            r.result
                .states
                .as_slice()
                .iter()
                .filter(|s| s.can_prosecute.is_yes())
                .map(|s| code(s.state))
                .collect::<Vec<_>>()
                .join(";"),
        );
        columns[6].push(
            r.result
                .states
                .as_slice()
                .iter()
                .filter(|s| s.can_prosecute.is_unknown())
                .map(|s| code(s.state))
                .collect::<Vec<_>>()
                .join(";"),
        );
        columns[7].push(
            r.result
                .states
                .as_slice()
                .iter()
                .filter(|s| !s.certain.is_empty() || !s.possible.is_empty())
                .map(|s| {
                    let codes: Vec<String> = s
                        .certain
                        .iter()
                        .map(|c| c.to_string())
                        .chain(s.possible.iter().map(|c| format!("{c}?")))
                        .collect();
                    format!("{}:{}", code(s.state), codes.join(","))
                })
                .collect::<Vec<_>>()
                .join(";"),
        );
    }
    columns
}

enum Sink {
    Csv(Box<csv::Writer<std::io::BufWriter<std::fs::File>>>),
    Parquet(Box<polars::io::parquet::write::BatchedWriter<std::fs::File>>),
}

/// Writes results as they come.
pub struct ResultWriter {
    temp: tempfile::TempPath,
    target: PathBuf,
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
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::NamedTempFile::new_in(&dir).map_err(io)?;
        let (file, temp) = temp.into_parts();
        let parquet = path.extension().and_then(|e| e.to_str()) == Some("parquet");
        let sink = if parquet {
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
        } else {
            let mut writer =
                csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
            writer
                .write_record(RESULT_COLUMNS)
                .map_err(|e| BatchOutputError::Format {
                    path: shown.clone(),
                    message: e.to_string(),
                })?;
            Sink::Csv(Box::new(writer))
        };
        Ok(ResultWriter {
            temp,
            target: path.to_path_buf(),
            sink: Some(sink),
        })
    }

    /// Appends a chunk of results.
    pub fn write(
        &mut self,
        dataset: &Dataset,
        rows: &[ResultRow<'_>],
    ) -> Result<(), BatchOutputError> {
        let shown = self.target.display().to_string();
        let format = |message: String| BatchOutputError::Format {
            path: shown.clone(),
            message,
        };
        let columns = text_columns(dataset, rows);
        match self.sink.as_mut().expect("not finished") {
            Sink::Csv(writer) => {
                for (i, r) in rows.iter().enumerate() {
                    writer
                        .write_field(r.row.to_string())
                        .map_err(|e| format(e.to_string()))?;
                    for column in &columns {
                        writer
                            .write_field(&column[i])
                            .map_err(|e| format(e.to_string()))?;
                    }
                    writer
                        .write_record(None::<&[u8]>)
                        .map_err(|e| format(e.to_string()))?;
                }
            }
            Sink::Parquet(writer) => {
                let mut frame_columns = vec![Column::new(
                    "row".into(),
                    rows.iter().map(|r| r.row).collect::<Vec<u64>>(),
                )];
                for (name, values) in RESULT_COLUMNS[1..].iter().zip(columns) {
                    frame_columns.push(Column::new((*name).into(), values));
                }
                let frame =
                    DataFrame::new(rows.len(), frame_columns).map_err(|e| format(e.to_string()))?;
                writer
                    .write_batch(&frame)
                    .map_err(|e| format(e.to_string()))?;
            }
        }
        Ok(())
    }

    /// Completes the file and moves it into place.
    pub fn finish(mut self) -> Result<(), BatchOutputError> {
        let shown = self.target.display().to_string();
        match self.sink.take().expect("not finished") {
            Sink::Csv(writer) => {
                let mut inner = (*writer)
                    .into_inner()
                    .map_err(|e| BatchOutputError::Format {
                        path: shown.clone(),
                        message: e.to_string(),
                    })?;
                std::io::Write::flush(&mut inner).map_err(|source| BatchOutputError::Io {
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

/// The rejects file: one row per rejected input row.
pub fn rejects_table(rejects: &[Reject]) -> Table {
    let mut t = Table::default();
    t.integer("row", rejects.iter().map(|r| r.row as i64).collect());
    t.text("column", rejects.iter().map(|r| r.column.clone()).collect());
    t.text("value", rejects.iter().map(|r| r.value.clone()).collect());
    t.text("reason", rejects.iter().map(|r| r.reason.clone()).collect());
    t
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
