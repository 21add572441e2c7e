//! The example dataset's files, compiled in: targets replace one of them with fuzz input.

pub const FILES: [(&str, &str); 10] = [
    (
        "manifest.json",
        include_str!("../../datasets/examples/manifest.json"),
    ),
    (
        "sources.csv",
        include_str!("../../datasets/examples/sources.csv"),
    ),
    (
        "jurisdictions.csv",
        include_str!("../../datasets/examples/jurisdictions.csv"),
    ),
    (
        "offences.csv",
        include_str!("../../datasets/examples/offences.csv"),
    ),
    (
        "instruments.csv",
        include_str!("../../datasets/examples/instruments.csv"),
    ),
    (
        "obligations.csv",
        include_str!("../../datasets/examples/obligations.csv"),
    ),
    (
        "parties.csv",
        include_str!("../../datasets/examples/parties.csv"),
    ),
    (
        "reservations.csv",
        include_str!("../../datasets/examples/reservations.csv"),
    ),
    (
        "criminalisation.csv",
        include_str!("../../datasets/examples/criminalisation.csv"),
    ),
    (
        "jurisdiction_rules.csv",
        include_str!("../../datasets/examples/jurisdiction_rules.csv"),
    ),
];

/// The example dataset, loaded once.
pub fn dataset() -> &'static lacuna::model::Dataset {
    static LOADED: std::sync::OnceLock<lacuna::data::Loaded> = std::sync::OnceLock::new();
    &LOADED
        .get_or_init(|| {
            lacuna::data::load(&lacuna::data::DatasetFiles::from_texts("examples", &FILES))
                .expect("the example dataset loads")
        })
        .dataset
}
