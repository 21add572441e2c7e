//! The reform-file reader on arbitrary text against the example dataset: reforms or
//! diagnostics, never a panic; reforms that parse must apply.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::reform_file(data));
