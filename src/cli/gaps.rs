//! `lacuna gaps --offence O|all --as-of D`: the gap matrix as CSV and Parquet, and a summary.

use super::common::{commit_outputs, load, offences, out_dir, write_table, DatasetArg, WhenArgs};
use lacuna::analysis::gaps::{gap_matrix, scope_members, summarise, Scope};
use lacuna::graph::CooperationGraph;
use lacuna::report::gaps_table::{pairs_table, summary_table, summary_text};
use lacuna::rules::Law;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    /// Offence code, or `all`
    #[arg(long)]
    offence: String,
    /// Also include territories (ISO entries that are not UN member or observer states)
    #[arg(long)]
    include_territories: bool,
    /// Folder to write gaps_<offence>_<date>.csv/.parquet and the summary into
    #[arg(long, value_name = "DIR", default_value = "lacuna-out")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut loaded = load(&args.dataset)?;
    args.when.label_reforms(&mut loaded)?;
    let dataset = &loaded.dataset;
    let offences = offences(dataset, &args.offence)?;
    let day = args.when.day()?;
    let snapshot = args.when.snapshot(dataset, day)?;
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let scope = if args.include_territories {
        Scope::StatesAndTerritories
    } else {
        Scope::States
    };
    let states = scope_members(dataset, scope);
    let matrix = gap_matrix(&law, &offences, &states);
    let summary = summarise(dataset, &matrix);

    out_dir(&args.out)?;
    let mut outputs = lacuna::report::OutputSet::default();
    let stem = format!("gaps_{}_{}{}", args.offence, day, args.when.reform_suffix());
    write_table(
        &mut outputs,
        &args.out,
        &stem,
        &pairs_table(dataset, &matrix),
    )?;
    write_table(
        &mut outputs,
        &args.out,
        &format!("{stem}_summary"),
        &summary_table(&summary),
    )?;
    commit_outputs(outputs)?;
    println!(
        "Gap matrix of {} {} as of {} (evidence: {} and stronger; {} states, standard case: offender national of A in A, victim national of B in B aged 14, evidence in A)",
        dataset.manifest.name,
        dataset.manifest.version,
        day,
        snapshot.min_evidence,
        states.len()
    );
    if dataset.manifest.illustrative {
        println!("ILLUSTRATIVE DATASET: fictional states, not real law.");
    }
    if !snapshot.reforms().is_empty() {
        println!(
            "With {} hypothetical reform(s) applied.",
            snapshot.reforms().len()
        );
    }
    print!("{}", summary_text(&summary));
    Ok(ExitCode::SUCCESS)
}
