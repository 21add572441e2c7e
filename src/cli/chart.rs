//! `lacuna chart KIND --out FILE.png|FILE.svg`: the charts researchers publish.

use super::common::{offences, progress, DatasetArg, ScenarioArgs, WeightArgs, WhenArgs};
use anyhow::{bail, Context};
use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope};
use lacuna::analysis::reforms::{rank, Scope as ReformScope, Workspace};
use lacuna::analysis::time::year_points;
use lacuna::analysis::zones::zones;
use lacuna::graph::CooperationGraph;
use lacuna::model::{Dataset, JurisdictionId};
use lacuna::report::chart_data::{self, ExposureBound, MapSide};
use lacuna::report::charts::{self, write_chart};
use lacuna::rules::Law;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    /// World choropleth of exposure
    Map,
    /// Offender × victim verdicts for an offence
    Heatmap,
    /// Bars of the top reforms
    Reforms,
    /// Bars of the research questions whose answers would settle the most unknown verdicts
    Priorities,
    /// Impunity pairs per year
    Timeline,
    /// Cooperation (or impunity) graph of a region
    Network,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Bound {
    Lower,
    Upper,
    Classes,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Side {
    Victim,
    Offender,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum GraphKind {
    Cooperation,
    Impunity,
}

#[derive(clap::Args)]
pub struct Args {
    /// Which chart
    #[arg(value_enum)]
    kind: Kind,
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    #[command(flatten)]
    scenario: ScenarioArgs,
    /// reforms: rank as `lacuna reforms` does with the same weights
    #[command(flatten)]
    weights: WeightArgs,
    /// The file to write: .png or .svg
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Offence code (`all` for map, reforms and timeline)
    #[arg(long, default_value = "all")]
    offence: String,
    /// Only the states of this M49 region or sub-region (heatmap, network)
    #[arg(long)]
    region: Option<String>,
    /// map: three classes side by side (certainly prosecutable with every partner; some pairs
    /// unknown; some pairs certainly in impunity), or the certain (lower) or possible (upper)
    /// share of partner states
    #[arg(long, value_enum, default_value = "classes")]
    bound: Bound,
    /// map: a shapes file (datasets/maps format) instead of the built-in world shapes
    #[arg(long, value_name = "FILE")]
    shapes: Option<PathBuf>,
    /// map: exposure of each state's children (victim) or impunity of its offenders (offender)
    #[arg(long, value_enum, default_value = "victim")]
    side: Side,
    /// reforms, priorities: how many bars
    #[arg(long, default_value_t = 15)]
    top: usize,
    /// timeline: first year
    #[arg(long, default_value_t = 2000)]
    from: i32,
    /// timeline: last year
    #[arg(long, default_value_t = 2026)]
    to: i32,
    /// network: the cooperation graph or the impunity graph
    #[arg(long, value_enum, default_value = "cooperation")]
    graph: GraphKind,
    /// Width and height in pixels
    #[arg(long, default_value_t = 1400)]
    width: u32,
    #[arg(long, default_value_t = 860)]
    height: u32,
}

fn region_states(
    dataset: &Dataset,
    states: Vec<JurisdictionId>,
    region: &Option<String>,
) -> anyhow::Result<(Vec<JurisdictionId>, String)> {
    match region {
        None => Ok((states, "all states".to_string())),
        Some(name) => {
            let wanted = name.to_lowercase();
            let kept: Vec<JurisdictionId> = states
                .into_iter()
                .filter(|s| {
                    let j = dataset.jurisdiction(*s);
                    j.region.to_lowercase() == wanted || j.sub_region.to_lowercase() == wanted
                })
                .collect();
            if kept.is_empty() {
                let mut names: Vec<&str> = dataset
                    .jurisdictions
                    .iter()
                    .flat_map(|j| [j.region.as_str(), j.sub_region.as_str()])
                    .collect();
                names.sort();
                names.dedup();
                bail!(
                    "--region: no state in `{name}`; use an M49 region or sub-region: {}",
                    names.join(", ")
                );
            }
            Ok((kept, name.clone()))
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let offences = offences(dataset, &args.offence)?;
    let day = args.when.day()?;
    let snapshot = args.when.snapshot(dataset, day)?;
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let all_states = scope_members(dataset, Scope::States);
    let size = (args.width, args.height);
    let out = &args.out;
    match args.kind {
        Kind::Map => {
            let custom;
            let shapes = match &args.shapes {
                Some(path) => {
                    let text = lacuna::data::read_regular_file(path)
                        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    custom = charts::Shapes::parse(&text);
                    &custom
                }
                None => charts::Shapes::world(),
            };
            let missing = shapes.missing(
                all_states
                    .iter()
                    .map(|s| dataset.jurisdiction(*s).code.as_str()),
            );
            if !missing.is_empty() {
                bail!("the map has no shape for {}: add it to the shapes file (see datasets/maps/build_shapes.py), or give one with --shapes", missing.join(", "));
            }
            let matrix = gap_matrix(&law, &question, &offences, &all_states);
            let zones = zones(dataset, &matrix, None);
            let bound = match args.bound {
                Bound::Lower => ExposureBound::Lower,
                Bound::Upper => ExposureBound::Upper,
                Bound::Classes => ExposureBound::Classes,
            };
            let side = match args.side {
                Side::Victim => MapSide::Victim,
                Side::Offender => MapSide::Offender,
            };
            let mut input = chart_data::exposure_map(&snapshot, &zones, &args.offence, bound, side);
            input.footer.scenario = Some(chart_data::scenario_words(dataset, &question));
            write_chart(
                out,
                size,
                |root| charts::map_chart(root, &input, shapes),
                |root| charts::map_chart(root, &input, shapes),
            )?;
        }
        Kind::Heatmap => {
            if offences.len() != 1 {
                bail!("--offence: the heatmap shows one offence; give its code");
            }
            let (states, _) = region_states(dataset, all_states, &args.region)?;
            let matrix = gap_matrix(&law, &question, &offences, &states);
            let input = chart_data::heatmap(&snapshot, &matrix, offences[0]);
            write_chart(
                out,
                size,
                |root| charts::heatmap_chart(root, &input),
                |root| charts::heatmap_chart(root, &input),
            )?;
        }
        Kind::Reforms => {
            let scope = ReformScope {
                question: question.clone(),
                offences: offences.clone(),
                states: all_states,
            };
            let weights = args.weights.load(dataset)?;
            let mut workspace = Workspace::new(snapshot.clone());
            let (_, effects) = rank(&mut workspace, &scope, weights.as_ref(), |_, _| {});
            let bars = chart_data::reform_bars(&effects, args.top);
            let mut footer = chart_data::footer(&snapshot);
            footer.scenario = Some(chart_data::scenario_words(dataset, &question));
            let title = format!("Which reforms close the most gaps: {}", args.offence);
            let ties = match &args.weights.weights {
                Some(path) => format!(
                    "; ties ordered by weight ({})",
                    path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned()
                    )
                ),
                None => String::new(),
            };
            let subtitle = format!("top {} single reforms by ordered pairs of states they make prosecutable, as of {day}{ties}", bars.len());
            write_chart(
                out,
                size,
                |root| charts::reforms_chart(root, &title, &subtitle, &bars, &footer),
                |root| charts::reforms_chart(root, &title, &subtitle, &bars, &footer),
            )?;
        }
        Kind::Priorities => {
            let scope = ReformScope {
                question: question.clone(),
                offences: offences.clone(),
                states: all_states,
            };
            let weights = args.weights.load(dataset)?;
            let mut workspace = Workspace::new(snapshot.clone());
            let ranked = super::common::ranked_priorities(&mut workspace, &scope, weights.as_ref());
            let bars = chart_data::priority_bars(dataset, &ranked, args.top);
            let mut footer = chart_data::footer(&snapshot);
            footer.scenario = Some(chart_data::scenario_words(dataset, &question));
            let title = format!(
                "What is not known, and where it matters most: {}",
                args.offence
            );
            let subtitle = format!(
                "top {} questions by unknown verdicts (pairs) an answer would settle, as of {day}; one bar per question and effect",
                bars.len()
            );
            let meaning = charts::BarMeaning {
                upper: "verdicts settled if the answer is yes (first number)",
                lower: "verdicts settled if the answer is no (second number)",
                axis: "unknown verdicts settled (ordered pairs of states)",
                empty: "no unknown fact decides any verdict",
            };
            write_chart(
                out,
                size,
                |root| charts::paired_bars_chart(root, &title, &subtitle, &bars, &meaning, &footer),
                |root| charts::paired_bars_chart(root, &title, &subtitle, &bars, &meaning, &footer),
            )?;
        }
        Kind::Timeline => {
            if args.from > args.to {
                bail!("--from {} is after --to {}", args.from, args.to);
            }
            let bar = progress((args.to - args.from + 1) as usize, "timeline");
            let mut points = Vec::new();
            for year in args.from..=args.to {
                let year_day =
                    super::common::parse_day(&format!("{year}-12-31")).context("year")?;
                let year_snapshot = args.when.snapshot(dataset, year_day)?;
                let year_graph = CooperationGraph::build(&year_snapshot);
                let matrix = gap_matrix(
                    &Law::on(&year_snapshot, &year_graph),
                    &question,
                    &offences,
                    &all_states,
                );
                points.extend(year_points(dataset, year, &matrix));
                bar.inc(1);
            }
            bar.finish_and_clear();
            let mut input = chart_data::timeline(&snapshot, &points, "31 December");
            input.footer.scenario = Some(chart_data::scenario_words(dataset, &question));
            write_chart(
                out,
                size,
                |root| charts::timeline_chart(root, &input),
                |root| charts::timeline_chart(root, &input),
            )?;
        }
        Kind::Network => {
            let (mut states, label) = region_states(dataset, all_states, &args.region)?;
            states.sort_by_key(|s| {
                let j = dataset.jurisdiction(*s);
                (j.sub_region.clone(), j.code.clone())
            });
            let input = match args.graph {
                GraphKind::Cooperation => {
                    chart_data::cooperation_network(&snapshot, &graph, &states, &label)
                }
                GraphKind::Impunity => {
                    if offences.len() != 1 {
                        bail!("--offence: the impunity graph shows one offence; give its code");
                    }
                    let matrix = gap_matrix(&law, &question, &offences, &states);
                    let mut input = chart_data::impunity_network(
                        &snapshot,
                        &matrix,
                        &states,
                        offences[0],
                        &label,
                    );
                    input.footer.scenario = Some(chart_data::scenario_words(dataset, &question));
                    input
                }
            };
            write_chart(
                out,
                size,
                |root| charts::network_chart(root, &input),
                |root| charts::network_chart(root, &input),
            )?;
        }
    }
    eprintln!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}
