//! `lacuna reforms --offence O|all --as-of D [--top K] [--plan K]`: every single reform the
//! data makes meaningful, ranked by impunity pairs closed, and a greedy plan.

use super::common::{
    progress, reform_scope, warn_if_illustrative, DatasetArg, OutputFolder, ScenarioArgs,
    WeightArgs, WhenArgs,
};
use lacuna::analysis::reforms::{greedy_plan, rank, Workspace};
use lacuna::data::write_reforms;
use lacuna::report::reforms_table::{effects_table, plan_table, reforms_text};
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
    #[command(flatten)]
    weights: WeightArgs,
    /// Offence code, or `all`
    #[arg(long)]
    offence: String,
    /// How many ranked reforms to list on the terminal
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Build a greedy plan of this many reforms
    #[arg(long, value_name = "K", default_value_t = 0)]
    plan: usize,
    /// Folder for reforms_<offence>_<date>.csv/.parquet, the plan, and the plan as a reform file
    #[arg(long, value_name = "DIR", default_value = "lacuna-out")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let question = args.scenario.question(dataset)?;
    let scope = reform_scope(dataset, &args.offence, &question)?;
    let weights = args.weights.load(dataset)?;
    let day = args.when.day()?;
    let mut workspace = Workspace::new(args.when.snapshot(dataset, day)?);
    let bar = progress(0, "ranking reforms");
    let (baseline, effects) = rank(&mut workspace, &scope, weights.as_ref(), |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let plan = if args.plan > 0 {
        let bar = progress(args.plan, "greedy plan");
        let plan = greedy_plan(
            &mut workspace,
            &scope,
            weights.as_ref(),
            args.plan,
            |done, _| bar.set_position(done as u64),
        );
        bar.finish_and_clear();
        plan
    } else {
        Vec::new()
    };
    let mut outputs = OutputFolder::create(&args.out)?;
    let stem = args
        .when
        .output_stem("reforms", &args.offence, day, dataset, &question);
    outputs.table(&stem, &effects_table(dataset, &effects))?;
    if !plan.is_empty() {
        outputs.table(&format!("{stem}_plan"), &plan_table(dataset, &plan))?;
        let reforms: Vec<_> = plan.iter().map(|s| s.effect.reform.clone()).collect();
        let ties: String = plan
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                lacuna::report::reforms_table::plan_tie_note(step)
                    .map(|note| format!("# step {}: {}: {note}\n", i + 1, step.group.label(8)))
            })
            .collect();
        let text = format!(
            "# Greedy plan of {} reforms for {} made by lacuna on {} {}\n# as-of: {day}\n{ties}{}",
            reforms.len(),
            args.offence,
            dataset.manifest.name,
            dataset.manifest.version,
            write_reforms(dataset, &reforms)
        );
        let path = outputs.file(&format!("{stem}_plan.reforms.csv"), text.as_bytes())?;
        eprintln!("wrote {} (apply it with --reform)", path.display());
    }
    outputs.commit()?;
    println!(
        "Reforms for {} in {} {} as of {} (evidence: {} and stronger; {} candidate reforms over {} states)",
        args.offence,
        dataset.manifest.name,
        dataset.manifest.version,
        day,
        workspace.snapshot.min_evidence,
        effects.len(),
        scope.states.len()
    );
    warn_if_illustrative(dataset);
    print!(
        "{}",
        reforms_text(&effects, args.top, &plan, baseline.impunity_bounds())
    );
    Ok(ExitCode::SUCCESS)
}
