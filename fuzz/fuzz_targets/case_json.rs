//! The case JSON reader on arbitrary text: it must return a case or an error, never panic;
//! a case that resolves against the example dataset must evaluate.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::case_json(data));
