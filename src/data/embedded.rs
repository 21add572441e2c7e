//! The shipped world dataset, compiled into the binary so `lacuna` works from any directory.

use super::files::DatasetFiles;

macro_rules! world_file {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/datasets/world/",
                $name
            )),
        )
    };
}

/// The files of `datasets/world` as they were when this binary was built.
pub fn world_files() -> DatasetFiles {
    DatasetFiles::from_texts(
        "datasets/world",
        &[
            world_file!("manifest.json"),
            world_file!("sources.csv"),
            world_file!("jurisdictions.csv"),
            world_file!("offences.csv"),
            world_file!("instruments.csv"),
            world_file!("obligations.csv"),
            world_file!("parties.csv"),
            world_file!("reservations.csv"),
            world_file!("criminalisation.csv"),
            world_file!("jurisdiction_rules.csv"),
        ],
    )
}
