//! The case JSON reader on arbitrary text: it must return a case or an error, never panic;
//! a case that resolves against the example dataset must evaluate.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "examples.rs"]
mod examples;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(input) = lacuna::data::CaseInput::from_json(text) else {
        return;
    };
    let dataset = examples::dataset();
    let day = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).expect("a day");
    let Ok(case) = input.resolve(dataset, day) else {
        return;
    };
    let evidence = lacuna::model::EvidenceLevel::TreatyObligation;
    let conduct = lacuna::snapshot::Snapshot::new(dataset, case.conduct_date, evidence);
    let prosecution = lacuna::snapshot::Snapshot::new(dataset, case.prosecution_date, evidence);
    let graph = lacuna::graph::CooperationGraph::build(&prosecution);
    let law = lacuna::rules::Law::new(&conduct, &prosecution, &graph);
    let _ = lacuna::rules::evaluate(&law, &case);
});
