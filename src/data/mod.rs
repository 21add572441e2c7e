//! Reading datasets: the folder format of `datasets/README.md`, validated as a whole.
//!
//! Owns every contact with CSV and JSON input. A load reports *all* problems at once, each
//! with file, line, column and a hint ([`Diagnostic`]); nothing is silently dropped.

mod case_input;
mod cases_file;
mod diagnostic;
mod diff;
mod embedded;
mod files;
mod load;
mod reform_file;
mod scenario_file;
mod table;
mod weights_file;
mod write;

pub use case_input::{locate_field, parse_day, CaseInput, CaseInputError};
pub use cases_file::{CaseFileError, CaseParser, CaseReader, RawChunk, Reject, CASE_COLUMNS};
pub use diagnostic::{shorten, Diagnostic, LoadError, Severity};
pub use diff::{fact_changes, FactChange};
pub use embedded::world_files;
pub use files::{check_regular_file, read_regular_file, DatasetFiles, FILE_NAMES};
pub use load::{load, Loaded};
pub use reform_file::{load_reforms, parse_reforms, plan_date, write_reforms, REFORM_HEADER};
pub use scenario_file::{
    built_in_scenarios, parse_scenarios, remote_scenario, scenario_named, ScenarioError,
};
pub use weights_file::{load_weights, parse_weights};
pub use write::{write_dataset, write_dataset_dir};

use std::path::Path;

/// Loads a dataset folder from disk.
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    load(&DatasetFiles::from_dir(dir))
}

/// Loads the world dataset compiled into this binary.
pub fn load_world() -> Result<Loaded, LoadError> {
    load(&world_files())
}
