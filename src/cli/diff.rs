//! `lacuna diff --as-of D1 --vs D2 --offence O|all`: the pairs whose verdict changed, and the
//! barriers that went or appeared.

use super::common::{offences, parse_day, DatasetArg, ScenarioArgs, WhenArgs};
use anyhow::Context;
use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope};
use lacuna::analysis::time::diff;
use lacuna::graph::CooperationGraph;
use lacuna::report::time_table::diff_table;
use lacuna::rules::{Law, Verdict};
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
    /// The later day to compare with --as-of
    #[arg(long, value_name = "DATE")]
    vs: String,
    /// Offence code, or `all`
    #[arg(long, default_value = "all")]
    offence: String,
    /// Write the changed pairs to this CSV or Parquet file
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let offences = offences(dataset, &args.offence)?;
    let states = scope_members(dataset, Scope::States);
    let first = args.when.day()?;
    let second = parse_day(&args.vs).context("--vs")?;
    let matrix_on = |day| -> anyhow::Result<_> {
        let snapshot = args.when.snapshot(dataset, day)?;
        let graph = CooperationGraph::build(&snapshot);
        let law = Law::on(&snapshot, &graph);
        Ok(gap_matrix(&law, &question, &offences, &states))
    };
    let before = matrix_on(first)?;
    let after = matrix_on(second)?;
    let changes = diff(&before, &after);
    let table = diff_table(dataset, &changes);
    if let Some(path) = &args.out {
        table.write(path)?;
        eprintln!("wrote {} ({} rows)", path.display(), table.height());
    }
    let count = |from: Verdict, to: Verdict| {
        changes
            .iter()
            .filter(|c| c.before.verdict == from && c.after.verdict == to)
            .count()
    };
    println!(
        "Pairs whose verdict changed for {} between {first} and {second}: {}",
        args.offence,
        changes.len()
    );
    for from in [Verdict::Impunity, Verdict::Unknown, Verdict::Prosecutable] {
        for to in [Verdict::Impunity, Verdict::Unknown, Verdict::Prosecutable] {
            let n = count(from, to);
            if n > 0 {
                println!("  {:<12} -> {:<12} {n:>7}", from.as_str(), to.as_str());
            }
        }
    }
    for change in changes.iter().take(20) {
        let a = &dataset.jurisdiction(change.before.offender_state).code;
        let b = &dataset.jurisdiction(change.before.victim_state).code;
        let (gone_a, gone_b) = change.removed();
        let (new_a, new_b) = change.added();
        let mut reasons = Vec::new();
        for (state, set, verb) in [
            (a, gone_a, "lost"),
            (b, gone_b, "lost"),
            (a, new_a, "gained"),
            (b, new_b, "gained"),
        ] {
            if !set.is_empty() {
                reasons.push(format!(
                    "{state} {verb} {}",
                    set.iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        println!(
            "  {} {a} -> {b}: {} -> {} ({})",
            dataset.offence(change.before.offence).code,
            change.before.verdict,
            change.after.verdict,
            reasons.join("; ")
        );
    }
    if changes.len() > 20 {
        println!(
            "  ... {} more (use --out to write them all)",
            changes.len() - 20
        );
    }
    Ok(ExitCode::SUCCESS)
}
