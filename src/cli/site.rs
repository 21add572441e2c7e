//! `lacuna site --out DIR`: the atlas, a static website of every state's law, pair and weak
//! zone, written to a staging folder and moved into place when complete.

use super::common::{DatasetArg, WhenArgs};
use anyhow::{bail, Context};
use lacuna::analysis::gaps::{gap_matrix, scope_members, PairQuestion, Scope};
use lacuna::analysis::reforms::{rank, Scope as ReformScope, Workspace};
use lacuna::analysis::zones::zones;
use lacuna::graph::CooperationGraph;
use lacuna::report::chart_data::{self, ExposureBound, MapSide};
use lacuna::report::charts;
use lacuna::report::site::{write_site, SiteInput};
use lacuna::rules::Law;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

/// Pairs given a full pair page unless `--pair` says otherwise: the live-streaming demand
/// the advocates' reviews describe (viewers in these states, children in the Philippines).
/// A presentation choice, not a legal fact.
const DEFAULT_PAIRS: [&str; 8] = [
    "AUS-PHL", "USA-PHL", "GBR-PHL", "CAN-PHL", "DEU-PHL", "SWE-PHL", "NOR-PHL", "NLD-PHL",
];

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    /// A pair (A-B, e.g. AUS-PHL) to give a full pair page with every explanation;
    /// repeatable (default: a few live-streaming pairs, those of the dataset)
    #[arg(long = "pair", value_name = "A-B")]
    pairs: Vec<String>,
    /// Leave the maps out (e.g. for a dataset without map shapes)
    #[arg(long)]
    no_maps: bool,
    /// The folder to write (replaced as a whole when the new site is complete)
    #[arg(long, value_name = "DIR", default_value = "lacuna-site")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let day = args.when.day()?;
    let snapshot = args.when.snapshot(dataset, day)?;
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let states = scope_members(dataset, Scope::States);
    let questions: Vec<PairQuestion> = lacuna::data::built_in_scenarios()
        .into_iter()
        .map(|s| PairQuestion::new(s, None))
        .collect();
    let offences: Vec<_> = dataset.offence_ids().collect();
    let given = !args.pairs.is_empty();
    let wanted: Vec<String> = if given {
        args.pairs.clone()
    } else {
        DEFAULT_PAIRS.iter().map(|p| p.to_string()).collect()
    };
    let mut featured = Vec::new();
    for pair in &wanted {
        let ids = pair
            .split_once('-')
            .and_then(|(a, b)| Some((dataset.jurisdiction_id(a)?, dataset.jurisdiction_id(b)?)));
        match ids {
            Some((a, b)) if a != b => featured.push((a, b)),
            _ if given => bail!("--pair `{pair}`: write two different jurisdiction codes of {} as A-B, e.g. AUS-PHL", dataset.manifest.name),
            _ => eprintln!(
                "note: the default pair {pair} is not in {}: no full page for it (give --pair A-B)",
                dataset.manifest.name
            ),
        }
    }
    let bar = super::common::progress(questions.len() * 3, "atlas");
    let mut matrices = Vec::new();
    let mut effects = Vec::new();
    let mut priorities = Vec::new();
    let mut maps = BTreeMap::new();
    let mut map_inputs = Vec::new();
    for question in &questions {
        let per_offence: Vec<_> = offences
            .iter()
            .map(|o| gap_matrix(&law, question, &[*o], &states))
            .collect();
        bar.inc(1);
        let scope = ReformScope {
            question: question.clone(),
            offences: offences.clone(),
            states: states.clone(),
        };
        let mut workspace = Workspace::new(snapshot.clone());
        effects.push(rank(&mut workspace, &scope, None, |_, _| {}).1);
        bar.inc(1);
        priorities.push(lacuna::analysis::priorities::priorities(
            &mut workspace,
            &scope,
            None,
            |_, _| {},
        ));
        bar.inc(1);
        if !args.no_maps {
            let all = gap_matrix(&law, question, &offences, &states);
            let mut targets: Vec<(String, String, lacuna::analysis::zones::Zones)> = vec![(
                format!("all_{}", question.scenario.name),
                "all".to_string(),
                zones(dataset, &all, None),
            )];
            for (o, matrix) in per_offence.iter().enumerate() {
                let code = dataset.offence(offences[o]).code.clone();
                targets.push((
                    format!("{code}_{}", question.scenario.name),
                    code,
                    zones(dataset, matrix, None),
                ));
            }
            for (name, label, zones) in targets {
                let mut input = chart_data::exposure_map(
                    &snapshot,
                    &zones,
                    &label,
                    ExposureBound::Classes,
                    MapSide::Offender,
                );
                input.footer.scenario = Some(chart_data::scenario_words(dataset, question));
                map_inputs.push((name, input));
            }
        }
        matrices.push(per_offence);
    }
    bar.finish_and_clear();
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let staging = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.partial-",
            args.out
                .file_name()
                .map_or("site".into(), |n| n.to_string_lossy())
        ))
        .tempdir_in(
            args.out
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new(".")),
        )
        .context("cannot create a staging folder beside --out")?;
    if !map_inputs.is_empty() {
        let shapes = charts::Shapes::world();
        let missing = shapes.missing(
            states
                .iter()
                .map(|s| dataset.jurisdiction(*s).code.as_str()),
        );
        if !missing.is_empty() {
            bail!(
                "the map has no shape for {}: give --no-maps for a dataset without map shapes",
                missing.join(", ")
            );
        }
        // Maps are drawn on every core, each to a PNG in the staging folder, then read back.
        let dir = staging.path().join("map-render");
        std::fs::create_dir_all(&dir)?;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<anyhow::Result<(String, Vec<u8>)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some((name, input)) = map_inputs.get(i) else {
                                break;
                            };
                            let path = dir.join(format!("{name}.png"));
                            let drawn = charts::write_chart(
                                &path,
                                (1400, 860),
                                |root| charts::map_chart(root, input, shapes),
                                |root| charts::map_chart(root, input, shapes),
                            )
                            .map_err(anyhow::Error::from)
                            .and_then(|()| Ok((name.clone(), std::fs::read(&path)?)));
                            mine.push(drawn);
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a map worker panicked"))
                .collect()
        });
        for result in results {
            let (name, bytes) = result?;
            maps.insert(name, bytes);
        }
        std::fs::remove_dir_all(&dir)?;
    }
    let coverage = lacuna::report::coverage::coverage(&snapshot);
    let summary = write_site(
        &SiteInput {
            law: &law,
            graph: &graph,
            questions: &questions,
            matrices: &matrices,
            effects: &effects,
            priorities: &priorities,
            coverage: &coverage,
            states: &states,
            featured: &featured,
            maps: &maps,
        },
        staging.path(),
    )?;
    // Swap the finished site into place: the old one (if any) is moved aside first and
    // removed after, so a failed run leaves the previous site whole.
    let staged = staging.keep();
    let old = args.out.with_file_name(format!(
        ".{}.old-{}",
        args.out
            .file_name()
            .map_or("site".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    if args.out.exists() {
        if !args.out.is_dir() {
            bail!("--out {} exists and is not a folder", args.out.display());
        }
        std::fs::rename(&args.out, &old)
            .with_context(|| format!("cannot move the previous {} aside", args.out.display()))?;
    }
    if let Err(error) = std::fs::rename(&staged, &args.out) {
        // Put the previous site back rather than leave none.
        if old.exists() {
            let _ = std::fs::rename(&old, &args.out);
        }
        return Err(error).with_context(|| {
            format!(
                "cannot move the new site to {} (it is left in {})",
                args.out.display(),
                staged.display()
            )
        });
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).ok();
    }
    println!(
        "Atlas of {} {} as of {day} written to {}: {} files, {:.1} MB; {} state pages, {} full pair pages; open {}/index.html",
        dataset.manifest.name,
        dataset.manifest.version,
        args.out.display(),
        summary.files,
        summary.bytes as f64 / 1e6,
        summary.state_pages,
        summary.pair_pages,
        args.out.display()
    );
    super::common::warn_if_illustrative(dataset);
    Ok(ExitCode::SUCCESS)
}
