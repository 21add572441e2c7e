//! The dataset loader on arbitrary file contents: the first byte picks which file of the
//! example dataset is replaced, the rest is its text. Loading must return a dataset or
//! diagnostics, never panic; a dataset that loads must also resolve and build its graph.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::dataset_loader(data));
