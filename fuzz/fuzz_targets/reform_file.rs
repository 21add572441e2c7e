//! The reform-file reader on arbitrary text against the example dataset: reforms or
//! diagnostics, never a panic; reforms that parse must apply.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "examples.rs"]
mod examples;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dataset = examples::dataset();
    if let Ok(reforms) = lacuna::data::parse_reforms("fuzz.csv", text, dataset) {
        let day = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).expect("a day");
        let _ = lacuna::snapshot::Snapshot::with_reforms(
            dataset,
            day,
            lacuna::model::EvidenceLevel::TreatyObligation,
            reforms,
        );
    }
});
