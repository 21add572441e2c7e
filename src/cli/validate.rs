//! `lacuna validate [DATASET]`: load a dataset and list every problem found.

use super::common::DatasetArg;
use lacuna::data;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let result = match &args.dataset.dataset {
        Some(dir) => data::load_dir(dir),
        None => data::load_world(),
    };
    match result {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                println!("{warning}");
            }
            let d = &loaded.dataset;
            println!(
                "{} {}: valid ({} jurisdictions, {} offences, {} instruments, {} party rows, {} reservations, {} criminalisation facts, {} rule facts, {} sources; {} warning{})",
                d.manifest.name,
                d.manifest.version,
                d.jurisdictions.len(),
                d.offences.len(),
                d.instruments.len(),
                d.parties.len(),
                d.reservations.len(),
                d.criminalisation.len(),
                d.rules.len(),
                d.sources.len(),
                loaded.warnings.len(),
                if loaded.warnings.len() == 1 { "" } else { "s" }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            print!("{error}");
            Ok(ExitCode::FAILURE)
        }
    }
}
