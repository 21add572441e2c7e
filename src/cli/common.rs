//! Arguments and steps shared by several commands: which dataset, which day, which evidence.

use anyhow::{bail, Context};
use chrono::NaiveDate;
use lacuna::data::{self, Loaded};
use lacuna::model::{EvidenceLevel, LegalDate, Precision};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The dataset to work on.
#[derive(clap::Args, Clone)]
pub struct DatasetArg {
    /// Dataset folder; defaults to the world dataset built into lacuna
    #[arg(value_name = "DATASET")]
    pub dataset: Option<PathBuf>,
}

/// The day and the evidence to analyse with.
#[derive(clap::Args, Clone)]
pub struct WhenArgs {
    /// The day the law is read as of (YYYY-MM-DD); defaults to today
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Weakest evidence to use: treaty_obligation (all), assessment, or statute
    #[arg(long, value_name = "LEVEL", default_value = "treaty_obligation")]
    pub min_evidence: String,
}

impl WhenArgs {
    pub fn day(&self) -> anyhow::Result<NaiveDate> {
        match &self.as_of {
            None => Ok(chrono::Local::now().date_naive()),
            Some(text) => parse_day(text).context("--as-of"),
        }
    }

    pub fn evidence(&self) -> anyhow::Result<EvidenceLevel> {
        EvidenceLevel::parse(&self.min_evidence).with_context(|| {
            format!(
                "--min-evidence: `{}` is not an evidence level; use one of {}",
                self.min_evidence,
                EvidenceLevel::NAMES
            )
        })
    }
}

/// Parses a full day (analyses need a day, not a year).
pub fn parse_day(text: &str) -> anyhow::Result<NaiveDate> {
    let date = LegalDate::parse(text)?;
    if date.precision() != Precision::Day {
        bail!(
            "`{text}` is not a single day: write YYYY-MM-DD (e.g. {}-01-01)",
            date.year()
        );
    }
    Ok(date.earliest())
}

/// Loads the chosen dataset, printing warnings to stderr; fails with every error listed.
pub fn load(arg: &DatasetArg) -> anyhow::Result<Loaded> {
    let result = match &arg.dataset {
        Some(dir) => data::load_dir(dir),
        None => data::load_world(),
    };
    match result {
        Ok(loaded) => {
            let warnings = loaded.warnings.len();
            if warnings > 0 {
                eprintln!(
                    "note: the dataset has {warnings} warning{} (e.g. contested facts, treated as unknown); `lacuna validate` lists them",
                    if warnings == 1 { "" } else { "s" }
                );
            }
            Ok(loaded)
        }
        Err(error) => bail!("{error}run `lacuna validate` on the dataset for the same list"),
    }
}

/// Writes output to a file (atomically) or to stdout.
pub fn emit(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => lacuna::report::write_atomic(path, bytes)
            .with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
            Ok(())
        }
    }
}
