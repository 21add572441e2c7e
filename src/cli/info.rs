//! `lacuna info [DATASET] [--as-of DATE] [--coverage]`: counts and coverage.

use super::common::{emit, DatasetArg, WhenArgs};
use lacuna::report::coverage::coverage;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    /// Print the full coverage report (Markdown) with the verification date of every source
    #[arg(long)]
    coverage: bool,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let snapshot = args.when.snapshot(&loaded.dataset, args.when.day()?)?;
    let report = coverage(&snapshot);
    let mut text = report.to_markdown(args.coverage);
    if !args.coverage {
        // The short form stops before the per-region table.
        if let Some(cut) = text.find("\n## Criminalisation known, per region") {
            text.truncate(cut + 1);
        }
    }
    emit(args.out.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
