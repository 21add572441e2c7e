//! `lacuna zones --offence O|all --as-of D`: weak zones per state, per region, and the
//! connected groups of the impunity graph.

use super::common::{
    offences, warn_if_illustrative, DatasetArg, OutputFolder, ScenarioArgs, WeightArgs, WhenArgs,
};
use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope};
use lacuna::analysis::zones::zones;
use lacuna::graph::CooperationGraph;
use lacuna::report::zones_table::{components_table, regions_table, states_table, zones_text};
use lacuna::rules::Law;
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
    /// Offence code, or `all` (pairs of every offence pooled)
    #[arg(long)]
    offence: String,
    /// How many states to list on the terminal
    #[arg(long, default_value_t = 15)]
    top: usize,
    /// Folder for zones_<offence>_<date>[_regions|_components].csv/.parquet
    #[arg(long, value_name = "DIR", default_value = "lacuna-out")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let offences = offences(dataset, &args.offence)?;
    let weights = args.weights.load(dataset)?;
    let day = args.when.day()?;
    let snapshot = args.when.snapshot(dataset, day)?;
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let states = scope_members(dataset, Scope::States);
    let matrix = gap_matrix(&law, &question, &offences, &states);
    let zones = zones(dataset, &matrix, weights.as_ref());
    let mut outputs = OutputFolder::create(&args.out)?;
    let stem = args
        .when
        .output_stem("zones", &args.offence, day, dataset, &question);
    outputs.table(&stem, &states_table(dataset, &zones))?;
    outputs.table(&format!("{stem}_regions"), &regions_table(&zones))?;
    outputs.table(
        &format!("{stem}_components"),
        &components_table(dataset, &zones),
    )?;
    outputs.commit()?;
    println!(
        "Weak zones of {} {} for {} as of {} (evidence: {} and stronger; scenario {} over {} states)",
        dataset.manifest.name, dataset.manifest.version, args.offence, day, snapshot.min_evidence, super::common::question_label(dataset, &question), states.len()
    );
    warn_if_illustrative(dataset);
    print!("{}", zones_text(dataset, &zones, args.top));
    Ok(ExitCode::SUCCESS)
}
