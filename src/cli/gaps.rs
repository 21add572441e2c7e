//! `lacuna gaps --offence O|all --as-of D`: the gap matrix as CSV and Parquet, and a summary.

use super::common::{load, DatasetArg, WhenArgs};
use anyhow::{bail, Context};
use lacuna::analysis::gaps::{gap_matrix, scope_members, summarise, Scope};
use lacuna::graph::CooperationGraph;
use lacuna::report::gaps_table::{pairs_table, summary_table, summary_text};
use lacuna::rules::Law;
use lacuna::snapshot::Snapshot;
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
    let loaded = load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let offences = if args.offence == "all" {
        dataset.offence_ids().collect()
    } else {
        match dataset.offence_id(&args.offence) {
            Some(id) => vec![id],
            None => bail!(
                "--offence: unknown offence `{}`; use `all` or one of: {}",
                args.offence,
                dataset
                    .offences
                    .iter()
                    .map(|o| o.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    };
    let day = args.when.day()?;
    let snapshot = Snapshot::new(dataset, day, args.when.evidence()?);
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

    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let stem = format!("gaps_{}_{}", args.offence, day);
    let pairs = pairs_table(dataset, &matrix);
    let written = [
        (args.out.join(format!("{stem}.csv")), &pairs),
        (args.out.join(format!("{stem}.parquet")), &pairs),
    ];
    for (path, table) in written {
        table.write(&path)?;
        eprintln!("wrote {} ({} rows)", path.display(), table.height());
    }
    let summary_rows = summary_table(&summary);
    for extension in ["csv", "parquet"] {
        let path = args.out.join(format!("{stem}_summary.{extension}"));
        summary_rows.write(&path)?;
        eprintln!("wrote {}", path.display());
    }
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
    print!("{}", summary_text(&summary));
    Ok(ExitCode::SUCCESS)
}
