//! `lacuna priorities --offence O|all --as-of D [--scenario S]`: every unknown fact ranked by
//! the unknown verdicts a source answering it would settle.

use super::common::{
    ranked_priorities, reform_scope, warn_if_illustrative, DatasetArg, OutputFolder, ScenarioArgs,
    WeightArgs, WhenArgs,
};
use lacuna::analysis::reforms::Workspace;
use lacuna::report::priorities_table::{priorities_table, priorities_text};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    #[command(flatten)]
    scenario: ScenarioArgs,
    #[command(flatten)]
    weights: WeightArgs,
    /// Offence code, or `all`
    #[arg(long)]
    offence: String,
    /// How many questions to list on the terminal
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Folder for priorities_<offence>_<date>_<scenario>.csv/.parquet
    #[arg(long, value_name = "DIR", default_value = "lacuna-out")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let scope = reform_scope(dataset, &args.offence, &question)?;
    let weights = args.weights.load(dataset)?;
    let day = args.when.day()?;
    let mut workspace = Workspace::new(args.when.snapshot(dataset, day)?);
    let ranked = ranked_priorities(&mut workspace, &scope, weights.as_ref());
    let mut outputs = OutputFolder::create(&args.out)?;
    let stem = args
        .when
        .output_stem("priorities", &args.offence, day, dataset, &question);
    outputs.table(&stem, &priorities_table(dataset, &ranked))?;
    outputs.commit()?;
    println!(
        "Research priorities for {} in {} {} as of {} (evidence: {} and stronger; scenario {}: {})",
        args.offence,
        dataset.manifest.name,
        dataset.manifest.version,
        day,
        workspace.snapshot.min_evidence,
        question.scenario.name,
        question.scenario.description
    );
    warn_if_illustrative(dataset);
    print!("{}", priorities_text(&ranked, args.top));
    Ok(ExitCode::SUCCESS)
}
