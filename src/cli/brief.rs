//! `lacuna brief --offence O|all --as-of D --out DIR`: a brief for advocacy documents, as
//! Markdown and self-contained HTML, with charts.

use super::common::{offences, DatasetArg, OutputFolder, ScenarioArgs, WeightArgs, WhenArgs};
use anyhow::Context;
use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope};
use lacuna::analysis::reforms::{rank, Scope as ReformScope, Workspace};
use lacuna::analysis::zones::zones;
use lacuna::graph::CooperationGraph;
use lacuna::report::brief::{build_brief, BriefInput};
use lacuna::report::chart_data::{self, ExposureBound, MapSide};
use lacuna::report::charts::{self, write_chart};
use lacuna::report::coverage::coverage;
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
    /// Case-volume weights: findings, zones, reforms and questions are ordered by the weight
    /// of the pairs they concern (e.g. datasets/weights/ncmec_cybertipline_2022.csv with
    /// --weight-side offender)
    #[command(flatten)]
    weights: WeightArgs,
    /// Offence code(s), or `all`
    #[arg(long)]
    offence: String,
    /// Folder for brief.md, brief.html and the charts
    #[arg(long, value_name = "DIR", default_value = "lacuna-brief")]
    out: PathBuf,
    /// Leave the charts out (e.g. for a dataset without map shapes)
    #[arg(long)]
    no_charts: bool,
}

/// Renders one chart to a path.
type ChartMaker<'a> = Box<dyn Fn(&std::path::Path) -> Result<(), charts::ChartError> + 'a>;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let offences = offences(dataset, &args.offence)?;
    let day = args.when.day()?;
    let snapshot = args.when.snapshot(dataset, day)?;
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let states = scope_members(dataset, Scope::States);
    let matrix = gap_matrix(&law, &question, &offences, &states);
    let weights = args.weights.load(dataset)?;
    let zones = zones(dataset, &matrix, weights.as_ref());
    let mut workspace = Workspace::new(snapshot.clone());
    let reform_scope = ReformScope {
        question: question.clone(),
        offences: offences.clone(),
        states: states.clone(),
    };
    let (_, effects) = rank(&mut workspace, &reform_scope, weights.as_ref(), |_, _| {});
    let unknowns = lacuna::analysis::priorities::priorities(
        &mut workspace,
        &reform_scope,
        weights.as_ref(),
        |_, _| {},
    );
    let coverage = coverage(&snapshot);
    let brief = build_brief(&BriefInput {
        law: &law,
        offences: &offences,
        matrix: &matrix,
        zones: &zones,
        effects: &effects,
        priorities: &unknowns,
        coverage: &coverage,
        weights: weights.as_ref(),
    });
    let mut outputs = OutputFolder::create(&args.out)?;
    let mut chart_files: Vec<(String, String)> = Vec::new();
    let mut chart_bytes: Vec<(String, Vec<u8>)> = Vec::new();
    if !args.no_charts {
        let size = (1400, 860);
        let mut charts_to_make: Vec<(String, String, ChartMaker<'_>)> = Vec::new();
        if charts::Shapes::world()
            .missing(
                states
                    .iter()
                    .map(|s| dataset.jurisdiction(*s).code.as_str()),
            )
            .is_empty()
        {
            // Three-valued: certain findings and unknowns side by side, never a bound alone;
            // by offender state, which names the states whose offenders certainly escape (on
            // the victim side one such state colours every partner).
            let mut map = chart_data::exposure_map(
                &snapshot,
                &zones,
                &args.offence,
                ExposureBound::Classes,
                MapSide::Offender,
            );
            map.footer.scenario = Some(chart_data::scenario_words(dataset, &question));
            charts_to_make.push((
                "Where each state's offenders can be prosecuted: certain and unknown".to_string(),
                "map.png".to_string(),
                Box::new(move |path| {
                    write_chart(
                        path,
                        size,
                        |root| charts::map_chart(root, &map, charts::Shapes::world()),
                        |root| charts::map_chart(root, &map, charts::Shapes::world()),
                    )
                }),
            ));
        }
        let bars = chart_data::reform_bars(&effects, 10);
        let footer = chart_data::footer(&snapshot);
        let title = format!("Which reforms close the most gaps: {}", args.offence);
        let subtitle = format!(
            "top single reforms by ordered pairs of states they make prosecutable, as of {day}"
        );
        charts_to_make.push((
            "The reforms that close most gaps".to_string(),
            "reforms.png".to_string(),
            Box::new(move |path| {
                write_chart(
                    path,
                    size,
                    |root| charts::reforms_chart(root, &title, &subtitle, &bars, &footer),
                    |root| charts::reforms_chart(root, &title, &subtitle, &bars, &footer),
                )
            }),
        ));
        // Charts are drawn in a scratch folder and staged with the brief, so the brief and
        // its charts reach their names together (or, on failure, none of them).
        let scratch = tempfile::Builder::new()
            .prefix(".brief-charts.partial-")
            .tempdir_in(&args.out)
            .context("cannot create a scratch folder for the charts")?;
        for (title, file, make) in charts_to_make {
            let path = scratch.path().join(&file);
            make(&path)?;
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            outputs.file(&file, &bytes)?;
            chart_bytes.push((title.clone(), bytes));
            chart_files.push((title, file));
        }
    }
    let markdown = brief.to_markdown(&chart_files);
    let html = brief.to_html(&chart_bytes);
    outputs.file("brief.md", markdown.as_bytes())?;
    outputs.file("brief.html", html.as_bytes())?;
    outputs.commit()?;
    eprintln!(
        "wrote {} and {}",
        args.out.join("brief.md").display(),
        args.out.join("brief.html").display()
    );
    print!("{markdown}");
    Ok(ExitCode::SUCCESS)
}
