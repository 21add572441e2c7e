//! `lacuna graph [DATASET] --as-of DATE --format csv|dot|graphml`: the cooperation graph.

use super::common::{emit, DatasetArg, WhenArgs};
use anyhow::Context;
use lacuna::graph::CooperationGraph;
use lacuna::report::graph_export;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Dot,
    Graphml,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    /// Output format
    #[arg(long, value_enum, default_value = "csv")]
    format: Format,
    /// Also list channels that are only possibly open (unknown party status or rule)
    #[arg(long)]
    include_unknown: bool,
    /// Only edges touching this jurisdiction (code)
    #[arg(long, value_name = "CODE")]
    jurisdiction: Option<String>,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    if let Some(code) = &args.jurisdiction {
        dataset
            .jurisdiction_id(code)
            .with_context(|| format!("--jurisdiction: unknown code `{code}`; codes are ISO 3166-1 alpha-3 as listed by `lacuna info`"))?;
    }
    let snapshot = args.when.snapshot(dataset, args.when.day()?)?;
    let graph = CooperationGraph::build(&snapshot);
    let mut rows = graph_export::channel_rows(&snapshot, &graph, args.include_unknown);
    if let Some(code) = &args.jurisdiction {
        rows.retain(|row| &row.from == code || &row.to == code);
    }
    let bytes = match args.format {
        Format::Csv => graph_export::to_csv(&rows)?,
        Format::Dot => graph_export::to_dot(&snapshot, &rows).into_bytes(),
        Format::Graphml => graph_export::to_graphml(&snapshot, &rows).into_bytes(),
    };
    emit(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
