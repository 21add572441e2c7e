//! `lacuna validate [DATASET] [--write DIR]`: load a dataset and list every problem found;
//! optionally write the valid dataset back out in normal form.

use super::common::DatasetArg;
use anyhow::Context;
use lacuna::data;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
    /// Also write the valid dataset, normalised (one spelling per value, comments dropped),
    /// into this folder: e.g. to start a new dataset from the built-in world one
    #[arg(long, value_name = "DIR")]
    write: Option<std::path::PathBuf>,
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
            if let Some(dir) = &args.write {
                let same = |a: &std::path::Path, b: &std::path::Path| matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b);
                if let Some(source) = args.dataset.dataset.as_deref().filter(|s| same(s, dir)) {
                    anyhow::bail!(
                        "--write {} is the dataset being read: writing it in normal form would drop its comments; write to another folder and compare",
                        source.display()
                    );
                }
                data::write_dataset_dir(d, dir)
                    .with_context(|| format!("cannot write the dataset into {}", dir.display()))?;
                println!("written to {}", dir.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            print!("{error}");
            Ok(ExitCode::FAILURE)
        }
    }
}
