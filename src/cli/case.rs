//! `lacuna case`: one cross-border case, its verdict and why, in words or as JSON.

use super::common::{emit, DatasetArg, WhenArgs};
use anyhow::Context;
use lacuna::data::CaseInput;
use lacuna::graph::CooperationGraph;
use lacuna::rules::{evaluate, explain, Law};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    dataset: DatasetArg,
    #[command(flatten)]
    when: WhenArgs,
    /// Read the case from a JSON file (docs/case-json.md) instead of the flags below
    #[arg(long, value_name = "FILE", conflicts_with_all = ["offence", "offender_nationality", "victim_nationality"])]
    case: Option<PathBuf>,
    /// Offence code (see `lacuna info`), e.g. livestream_attending
    #[arg(long, required_unless_present = "case")]
    offence: Option<String>,
    /// The offender's nationality (ISO alpha-3)
    #[arg(long, value_name = "CODE", required_unless_present = "case")]
    offender_nationality: Option<String>,
    /// Where the offender acted; defaults to his nationality
    #[arg(long, value_name = "CODE")]
    offender_location: Option<String>,
    /// Where the offender is found when prosecution starts (extradition is asked of it; it
    /// may try him under universal jurisdiction); defaults to where he acted
    #[arg(long, value_name = "CODE")]
    custody_location: Option<String>,
    /// Where the offender habitually resides (enables the residence basis)
    #[arg(long, value_name = "CODE")]
    offender_residence: Option<String>,
    /// The victim's nationality
    #[arg(long, value_name = "CODE", required_unless_present = "case")]
    victim_nationality: Option<String>,
    /// Where the victim was; defaults to her nationality
    #[arg(long, value_name = "CODE")]
    victim_location: Option<String>,
    /// The victim's age in years
    #[arg(long, default_value_t = 14)]
    victim_age: u8,
    /// Where a facilitator acted (e.g. the one streaming)
    #[arg(long, value_name = "CODE")]
    facilitator_location: Option<String>,
    /// Where the evidence is held (platform, payment provider)
    #[arg(long, value_name = "CODE")]
    evidence_location: Option<String>,
    /// Day of the conduct; defaults to --as-of
    #[arg(long, value_name = "DATE")]
    conduct_date: Option<String>,
    /// Day of the prosecution; defaults to the conduct date
    #[arg(long, value_name = "DATE")]
    prosecution_date: Option<String>,
    /// text (a human explanation) or json (schema lacuna.case/1)
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = args.when.load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let input = match &args.case {
        Some(path) => CaseInput::read(path).with_context(|| path.display().to_string())?,
        None => CaseInput {
            offence: args.offence.clone().unwrap_or_default(),
            offender_nationality: args.offender_nationality.clone().unwrap_or_default(),
            offender_location: args.offender_location.clone(),
            custody_location: args.custody_location.clone(),
            offender_residence: args.offender_residence.clone(),
            victim_nationality: args.victim_nationality.clone().unwrap_or_default(),
            victim_location: args.victim_location.clone(),
            victim_age: Some(args.victim_age),
            facilitator_location: args.facilitator_location.clone(),
            evidence_location: args.evidence_location.clone(),
            conduct_date: args.conduct_date.clone(),
            prosecution_date: args.prosecution_date.clone(),
        },
    };
    let case = input.resolve(dataset, args.when.day()?).map_err(|error| {
        let place = match &args.case {
            Some(path) => {
                // Point at the field in the file: path:line:column.
                let located = error.field().and_then(|field| {
                    let text = std::fs::read_to_string(path).ok()?;
                    lacuna::data::locate_field(&text, field)
                });
                match located {
                    Some((line, column)) => format!("{}:{line}:{column}", path.display()),
                    None => path.display().to_string(),
                }
            }
            None => "the case given by flags".to_string(),
        };
        anyhow::Error::new(error).context(place)
    })?;
    let conduct = args.when.snapshot(dataset, case.conduct_date)?;
    let prosecution = args.when.snapshot(dataset, case.prosecution_date)?;
    let graph = CooperationGraph::build(&prosecution);
    let law = Law::new(&conduct, &prosecution, &graph);
    let evaluation = evaluate(&law, &case);
    let explanation = explain(&law, &case, &evaluation);
    let bytes = match args.format {
        Format::Text => explanation.to_text().into_bytes(),
        Format::Json => {
            let mut json = serde_json::to_vec_pretty(&explanation)?;
            json.push(b'\n');
            json
        }
    };
    emit(args.out.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
