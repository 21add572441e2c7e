//! `lacuna compare A B`: two states side by side, the channels both ways, and the verdict on
//! the pair with its explanation for every offence and scenario, both directions.

use super::common::{emit, DatasetArg, WhenArgs};
use anyhow::bail;
use lacuna::analysis::gaps::PairQuestion;
use lacuna::graph::CooperationGraph;
use lacuna::report::compare::compare;
use lacuna::rules::Law;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Html,
}

#[derive(clap::Args)]
pub struct Args {
    /// The first state (ISO alpha-3)
    a: String,
    /// The second state
    b: String,
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    /// The scenario (see datasets/scenarios.csv), or `all`
    #[arg(long, default_value = "all")]
    scenario: String,
    /// text, json (schema lacuna.compare/1) or html (one self-contained page)
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let state = |code: &str| -> anyhow::Result<_> {
        match dataset.jurisdiction_id(code) {
            Some(id) => Ok(id),
            None => bail!("`{code}` is not a jurisdiction of {}: use an ISO 3166-1 alpha-3 code (see `lacuna info`)", dataset.manifest.name),
        }
    };
    let (a, b) = (state(&args.a)?, state(&args.b)?);
    if a == b {
        bail!("compare needs two different states");
    }
    let scenarios = if args.scenario == "all" {
        lacuna::data::built_in_scenarios()
    } else {
        vec![lacuna::data::scenario_named(&args.scenario)?]
    };
    let questions: Vec<PairQuestion> = scenarios
        .into_iter()
        .map(|s| PairQuestion::new(s, None))
        .collect();
    let day = args.when.day()?;
    let snapshot = args.when.snapshot(dataset, day)?;
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let comparison = compare(&law, &graph, &questions, a, b);
    let bytes = match args.format {
        Format::Text => comparison.to_text().into_bytes(),
        Format::Json => {
            let mut json = serde_json::to_vec_pretty(&comparison)?;
            json.push(b'\n');
            json
        }
        Format::Html => comparison.to_html(None).into_bytes(),
    };
    emit(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
