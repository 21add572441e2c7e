//! `lacuna gaps --offence O|all --as-of D [--scenario NAME|all]`: the gap matrix of a scenario
//! as CSV and Parquet, and a summary.

use super::common::{
    offences, warn_if_illustrative, DatasetArg, OutputFolder, ScenarioArgs, WhenArgs,
};
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
    /// The scenario (see datasets/scenarios.csv), or `all` for every scenario in turn
    #[command(flatten)]
    scenario: ScenarioArgs,
    /// Offence code, or `all`
    #[arg(long)]
    offence: String,
    /// Also include territories (ISO entries that are not UN member or observer states)
    #[arg(long)]
    include_territories: bool,
    /// Folder to write gaps_<offence>_<date>_<scenario>.csv/.parquet and the summary into
    #[arg(long, value_name = "DIR", default_value = "lacuna-out")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
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
    let names: Vec<String> = if args.scenario.scenario == "all" {
        lacuna::data::built_in_scenarios()
            .into_iter()
            .map(|s| s.name)
            .collect()
    } else {
        vec![args.scenario.scenario.clone()]
    };
    let mut outputs = OutputFolder::create(&args.out)?;
    let mut texts = Vec::new();
    let mut tables = Vec::new();
    for name in names {
        // With `all`, --evidence-in goes to the scenarios that have a chosen evidence state.
        let takes_evidence = lacuna::data::scenario_named(&name)
            .is_ok_and(|s| s.evidence_location == lacuna::model::Role::E);
        let question = ScenarioArgs {
            scenario: name,
            evidence_in: args
                .scenario
                .evidence_in
                .clone()
                .filter(|_| takes_evidence || args.scenario.scenario != "all"),
        }
        .question(dataset)?;
        let matrix = gap_matrix(&law, &question, &offences, &states);
        let summary = summarise(dataset, &matrix);
        let stem = args
            .when
            .output_stem("gaps", &args.offence, day, dataset, &question);
        tables.push((stem.clone(), pairs_table(dataset, &matrix)));
        tables.push((format!("{stem}_summary"), summary_table(&summary)));
        let evidence = match question.evidence_in {
            Some(state) if question.scenario.evidence_location == lacuna::model::Role::E => {
                format!(" (E = {})", dataset.jurisdiction(state).code)
            }
            _ => String::new(),
        };
        texts.push(format!(
            "Scenario `{}`{evidence}: {}; the child is 14.\n{}",
            question.scenario.name,
            question.scenario.description,
            summary_text(&summary)
        ));
    }
    let tables: Vec<_> = tables
        .iter()
        .map(|(stem, table)| (stem.clone(), table))
        .collect();
    outputs.tables(&tables)?;
    outputs.commit()?;
    println!(
        "Gap matrix of {} {} as of {} (evidence: {} and stronger; {} states; every ordered pair (A, B) of states)",
        dataset.manifest.name,
        dataset.manifest.version,
        day,
        snapshot.min_evidence,
        states.len()
    );
    warn_if_illustrative(dataset);
    if !snapshot.reforms().is_empty() {
        println!(
            "With {} hypothetical reform(s) applied.",
            snapshot.reforms().len()
        );
    }
    for text in texts {
        print!("\n{text}");
    }
    Ok(ExitCode::SUCCESS)
}
