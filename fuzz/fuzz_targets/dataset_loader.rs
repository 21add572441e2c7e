//! The dataset loader on arbitrary file contents: the first byte picks which file of the
//! example dataset is replaced, the rest is its text. Loading must return a dataset or
//! diagnostics, never panic; a dataset that loads must also resolve and build its graph.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "examples.rs"]
mod examples;

fuzz_target!(|data: &[u8]| {
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
        // What loads must write out and load again.
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
});
