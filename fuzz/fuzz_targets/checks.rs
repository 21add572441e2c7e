#![allow(dead_code)] // each fuzz target uses one of these
//! What each fuzz target checks, as plain functions: the cargo-fuzz targets call them on
//! generated inputs, and `tests/fuzz_corpus.rs` replays the committed corpus
//! (`fuzz/corpus/TARGET/`) through them under stable Rust in CI. Each must return, never panic.

#[path = "examples.rs"]
mod examples;

/// The dataset loader on arbitrary file contents: the first byte picks which file of the
/// example dataset is replaced, the rest is its text. Loading must return a dataset or
/// diagnostics; a dataset that loads must also resolve, build its graph, and write out and
/// load back equal.
pub fn dataset_loader(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut files = examples::FILES;
    files[usize::from(pick) % files.len()].1 = text;
    let files: Vec<(&'static str, &str)> = files.to_vec();
    if let Ok(loaded) = lacuna::data::load(&lacuna::data::DatasetFiles::from_texts("fuzz", &files))
    {
        let day = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).expect("a day");
        let snapshot = lacuna::snapshot::Snapshot::new(
            &loaded.dataset,
            day,
            lacuna::model::EvidenceLevel::TreatyObligation,
        );
        let _ = lacuna::graph::CooperationGraph::build(&snapshot);
        let written = lacuna::data::write_dataset(&loaded.dataset);
        let files: Vec<(&'static str, &str)> =
            written.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let again = lacuna::data::load(&lacuna::data::DatasetFiles::from_texts("fuzz", &files))
            .expect("a written dataset loads");
        assert!(
            again.dataset == loaded.dataset,
            "the dataset did not round-trip"
        );
    }
}

/// The case JSON reader on arbitrary text: a case or an error; a case that resolves against
/// the example dataset must evaluate.
pub fn case_json(data: &[u8]) {
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
}

/// The reform-file reader on arbitrary text against the example dataset: reforms or
/// diagnostics; reforms that parse must apply.
pub fn reform_file(data: &[u8]) {
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
}
