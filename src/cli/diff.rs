//! `lacuna diff --as-of D1 --vs D2 --offence O|all`: the pairs whose verdict changed, and the
//! barriers that went or appeared; `--vs-dataset DIR` compares two versions of a dataset
//! instead (facts added, removed and changed, and the verdicts that moved).

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
    #[arg(long, value_name = "DATE", required_unless_present = "vs_dataset")]
    vs: Option<String>,
    /// Compare the dataset with another version of it (a folder), both as of --as-of: the
    /// facts added, removed and changed, and the verdicts that moved because of them
    #[arg(long, value_name = "DIR", conflicts_with = "vs")]
    vs_dataset: Option<PathBuf>,
    /// Offence code, or `all`
    #[arg(long, default_value = "all")]
    offence: String,
    /// Write the changed pairs to this CSV or Parquet file
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(other) = &args.vs_dataset {
        return versions(&args, other);
    }
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let offences = offences(dataset, &args.offence)?;
    let states = scope_members(dataset, Scope::States);
    let first = args.when.day()?;
    let second = parse_day(args.vs.as_deref().unwrap_or_default()).context("--vs")?;
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

/// `--vs-dataset`: two versions of a dataset as of one day.
fn versions(args: &Args, other: &std::path::Path) -> anyhow::Result<ExitCode> {
    let old = args.when.load(&args.dataset)?;
    let new = args.when.load(&DatasetArg {
        dataset: Some(other.to_path_buf()),
    })?;
    let (old, new) = (&old.dataset, &new.dataset);
    let day = args.when.day()?;
    let facts = lacuna::data::fact_changes(old, new);
    // Verdicts: both gap matrices, paired by codes (the versions may number states apart).
    let verdicts = |dataset: &lacuna::model::Dataset| -> anyhow::Result<_> {
        let question = args.scenario.question(dataset)?;
        let offences = offences(dataset, &args.offence)?;
        let states = scope_members(dataset, Scope::States);
        let snapshot = args.when.snapshot(dataset, day)?;
        let graph = CooperationGraph::build(&snapshot);
        let matrix = gap_matrix(&Law::on(&snapshot, &graph), &question, &offences, &states);
        Ok(matrix
            .pairs
            .iter()
            .map(|p| {
                (
                    (
                        dataset.offence(p.offence).code.clone(),
                        dataset.jurisdiction(p.offender_state).code.clone(),
                        dataset.jurisdiction(p.victim_state).code.clone(),
                    ),
                    p.verdict,
                )
            })
            .collect::<std::collections::BTreeMap<_, _>>())
    };
    let before = verdicts(old)?;
    let after = verdicts(new)?;
    let evidence_state = args
        .scenario
        .question(new)?
        .evidence_in
        .map(|j| new.jurisdiction(j).code.clone());
    let mut moved: std::collections::BTreeMap<(Verdict, Verdict), usize> = Default::default();
    let mut moved_rows: Vec<[String; 6]> = Vec::new();
    for (key, from) in &before {
        if let Some(to) = after.get(key).filter(|to| *to != from) {
            *moved.entry((*from, *to)).or_default() += 1;
            let (offence, a, b) = key;
            let mut states = vec![a.as_str(), b.as_str()];
            states.extend(evidence_state.as_deref());
            let causes = facts_behind(&facts, offence, &states);
            moved_rows.push([
                offence.clone(),
                a.clone(),
                b.clone(),
                from.to_string(),
                to.to_string(),
                causes.join("; "),
            ]);
        }
    }
    if let Some(path) = &args.out {
        let mut table = lacuna::report::table::Table::default();
        table.text("file", facts.iter().map(|c| c.file.to_string()).collect());
        table.text("change", facts.iter().map(|c| c.kind.to_string()).collect());
        table.text("key", facts.iter().map(|c| c.key.clone()).collect());
        table.text("before", facts.iter().map(|c| c.before.clone()).collect());
        table.text("after", facts.iter().map(|c| c.after.clone()).collect());
        table.write(path)?;
        eprintln!("wrote {} ({} fact changes)", path.display(), facts.len());
        let mut table = lacuna::report::table::Table::default();
        for (i, name) in [
            "offence",
            "offender_state",
            "victim_state",
            "verdict_before",
            "verdict_after",
            "changed_facts",
        ]
        .iter()
        .enumerate()
        {
            table.text(name, moved_rows.iter().map(|r| r[i].clone()).collect());
        }
        let stem = path
            .file_stem()
            .map_or_else(|| "diff".to_string(), |s| s.to_string_lossy().into_owned());
        let extension = path
            .extension()
            .map_or_else(|| "csv".to_string(), |e| e.to_string_lossy().into_owned());
        let verdicts_path = path.with_file_name(format!("{stem}_verdicts.{extension}"));
        table.write(&verdicts_path)?;
        eprintln!(
            "wrote {} ({} verdicts that moved, each with the changed facts about its states)",
            verdicts_path.display(),
            moved_rows.len()
        );
    }
    println!(
        "{} {} -> {} {}, as of {day}, scenario {}:",
        old.manifest.name,
        old.manifest.version,
        new.manifest.name,
        new.manifest.version,
        args.scenario.scenario
    );
    for file in [
        "criminalisation.csv",
        "jurisdiction_rules.csv",
        "parties.csv",
        "instruments.csv",
        "reservations.csv",
    ] {
        let count = |kind: &str| {
            facts
                .iter()
                .filter(|c| c.file == file && c.kind == kind)
                .count()
        };
        println!(
            "  {file:<24} {:>5} added {:>5} removed {:>5} changed",
            count("added"),
            count("removed"),
            count("changed")
        );
    }
    println!("Verdicts that moved ({} pairs compared):", before.len());
    for ((from, to), n) in &moved {
        println!("  {:<12} -> {:<12} {n:>7}", from.as_str(), to.as_str());
    }
    for row in moved_rows.iter().take(10) {
        println!(
            "  {} {} -> {}: {} -> {}, with {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            if row[5].is_empty() {
                "no changed fact about these states (a change to an instrument)".to_string()
            } else {
                row[5].clone()
            }
        );
    }
    if moved_rows.len() > 10 {
        println!(
            "  ... {} more (use --out to write them all, each with its facts)",
            moved_rows.len() - 10
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The changed facts about a pair's states that its verdict can rest on: the criminalisation
/// of the offence and the rules (for every offence or this one) of the pair's states (and the
/// evidence state), and their party and reservation rows; when none changed, the instrument
/// rows that did (a channel can also move with another state's row, e.g. a scheme's hub).
fn facts_behind(facts: &[lacuna::data::FactChange], offence: &str, states: &[&str]) -> Vec<String> {
    let about = |change: &lacuna::data::FactChange| {
        let parts: Vec<&str> = change.key.split(',').collect();
        match change.file {
            "criminalisation.csv" => {
                parts.len() >= 2 && states.contains(&parts[0]) && parts[1] == offence
            }
            "jurisdiction_rules.csv" => {
                parts.len() >= 2
                    && states.contains(&parts[0])
                    && (parts[1].is_empty() || parts[1] == offence)
            }
            "parties.csv" | "reservations.csv" => parts.len() >= 2 && states.contains(&parts[1]),
            _ => false,
        }
    };
    let describe = |change: &lacuna::data::FactChange| {
        format!(
            "{} {} {}",
            change.file.trim_end_matches(".csv"),
            change.key.trim_end_matches(','),
            change.kind
        )
    };
    let mut found: Vec<String> = facts.iter().filter(|c| about(c)).map(describe).collect();
    if found.is_empty() {
        found = facts
            .iter()
            .filter(|c| c.file == "instruments.csv")
            .map(describe)
            .collect();
    }
    found
}
