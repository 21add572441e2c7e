//! `lacuna timeline --offence O|all --from Y1 --to Y2`: the yearly series of impunity pairs
//! and exposure.

use super::common::{offences, progress, DatasetArg, OutputFolder, ScenarioArgs, WhenArgs};
use anyhow::{bail, Context};
use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope};
use lacuna::analysis::time::year_points;
use lacuna::graph::CooperationGraph;
use lacuna::report::time_table::{timeline_table, timeline_text};
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
    /// Offence code, or `all`
    #[arg(long)]
    offence: String,
    /// First year
    #[arg(long)]
    from: i32,
    /// Last year
    #[arg(long)]
    to: i32,
    /// Day of each year the law is read as of (MM-DD)
    #[arg(long, default_value = "12-31")]
    day: String,
    /// Folder for timeline_<offence>_<from>_<to>.csv/.parquet
    #[arg(long, value_name = "DIR", default_value = "lacuna-out")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.from > args.to || args.from < 1900 || args.to > 2100 {
        bail!(
            "--from {} --to {}: give two years from 1900 to 2100, the first not after the second",
            args.from,
            args.to
        );
    }
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let offences = offences(dataset, &args.offence)?;
    let states = scope_members(dataset, Scope::States);
    let bar = progress((args.to - args.from + 1) as usize, "timeline");
    let mut points = Vec::new();
    for year in args.from..=args.to {
        let day =
            super::common::parse_day(&format!("{year}-{}", args.day)).with_context(|| "--day")?;
        let snapshot = args.when.snapshot(dataset, day)?;
        let graph = CooperationGraph::build(&snapshot);
        let law = Law::on(&snapshot, &graph);
        let matrix = gap_matrix(&law, &question, &offences, &states);
        points.extend(year_points(dataset, year, &matrix));
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut outputs = OutputFolder::create(&args.out)?;
    outputs.table(
        &format!(
            "timeline_{}_{}_{}_{}",
            args.offence,
            args.from,
            args.to,
            super::common::question_label(dataset, &question)
        ),
        &timeline_table(&points),
    )?;
    outputs.commit()?;
    println!(
        "Timeline of {} in {} {} ({} states, as of {} each year)",
        args.offence,
        dataset.manifest.name,
        dataset.manifest.version,
        states.len(),
        args.day
    );
    print!("{}", timeline_text(&points));
    Ok(ExitCode::SUCCESS)
}
