//! `lacuna synth --rows N --out FILE.csv|parquet`: a seeded synthetic case file with a
//! realistic country mix (weighted by NCMEC CyberTipline reports per country, 2022).
//! SYNTHETIC: no row is a real case.

use super::common::{load, progress, DatasetArg};
use anyhow::{bail, Context};
use chrono::NaiveDate;
use lacuna::model::{Dataset, JurisdictionId};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const REPORT_WEIGHTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/datasets/weights/ncmec_cybertipline_2022.csv"
));

/// Offence mix of the synthetic cases (illustrative proportions, not statistics).
const OFFENCE_MIX: [(&str, u32); 9] = [
    ("csam_possession", 40),
    ("csam_distribution", 25),
    ("csam_access", 10),
    ("csam_production", 5),
    ("livestream_attending", 8),
    ("livestream_facilitation", 4),
    ("grooming_offline_meeting", 4),
    ("grooming_online_only", 2),
    ("sexual_extortion", 2),
];

#[derive(clap::Args)]
pub struct Args {
    /// How many cases
    #[arg(long)]
    rows: u64,
    /// Random seed (same seed, same file)
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// First and last year of the conduct dates
    #[arg(long, default_value_t = 2019)]
    from: i32,
    #[arg(long, default_value_t = 2024)]
    to: i32,
    /// The file to write (.csv)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    dataset: DatasetArg,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A weighted choice by cumulative weights.
struct Choice<T: Copy> {
    items: Vec<(u64, T)>,
    total: u64,
}

impl<T: Copy> Choice<T> {
    fn new(weights: impl IntoIterator<Item = (u64, T)>) -> Choice<T> {
        let mut total = 0;
        let items = weights
            .into_iter()
            .filter(|(w, _)| *w > 0)
            .map(|(w, item)| {
                total += w;
                (total, item)
            })
            .collect();
        Choice { items, total }
    }

    fn pick(&self, rng: &mut Rng) -> T {
        let target = rng.below(self.total);
        let index = self
            .items
            .partition_point(|(cumulative, _)| *cumulative <= target);
        self.items[index.min(self.items.len() - 1)].1
    }
}

fn countries(dataset: &Dataset) -> anyhow::Result<Choice<JurisdictionId>> {
    let mut weights = Vec::new();
    for line in REPORT_WEIGHTS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("code,"))
    {
        let Some((code, weight)) = line.split_once(',') else {
            continue;
        };
        if let (Some(id), Ok(weight)) =
            (dataset.jurisdiction_id(code), weight.trim().parse::<u64>())
        {
            if dataset.jurisdiction(id).parent.is_none() {
                weights.push((weight, id));
            }
        }
    }
    if weights.is_empty() {
        bail!("no country of the report weights is in this dataset: synth needs the world dataset (or ISO codes)");
    }
    Ok(Choice::new(weights))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.from > args.to {
        bail!("--from {} is after --to {}", args.from, args.to);
    }
    if args.out.extension().and_then(|e| e.to_str()) != Some("csv") {
        bail!("--out: synth writes CSV; give a .csv file name (batch reads CSV and Parquet)");
    }
    let loaded = load(&args.dataset)?;
    let dataset = &loaded.dataset;
    let countries = countries(dataset)?;
    let offences = Choice::new(
        OFFENCE_MIX
            .iter()
            .filter_map(|(code, w)| dataset.offence_id(code).map(|id| (u64::from(*w), id))),
    );
    let usa = dataset.jurisdiction_id("USA");
    let start = NaiveDate::from_ymd_opt(args.from, 1, 1).context("--from")?;
    let end = NaiveDate::from_ymd_opt(args.to, 12, 31).context("--to")?;
    let span = (end - start).num_days().max(1) as u64;
    let codes: Vec<&str> = dataset
        .jurisdictions
        .iter()
        .map(|j| j.code.as_str())
        .collect();
    let offence_codes: Vec<&str> = dataset.offences.iter().map(|o| o.code.as_str()).collect();
    let dir = match args.out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = tempfile::NamedTempFile::new_in(&dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 22, temp.as_file());
    writeln!(
        out,
        "# SYNTHETIC cases made by `lacuna synth --rows {} --seed {}`: not real cases.",
        args.rows, args.seed
    )?;
    writeln!(out, "id,offence,offender_nationality,offender_location,victim_nationality,victim_location,victim_age,facilitator_location,evidence_location,conduct_date,prosecution_date")?;
    let mut rng = Rng(args.seed);
    let bar = progress(args.rows as usize, "synthesising cases");
    for n in 0..args.rows {
        let offence = offences.pick(&mut rng);
        let offender_location = countries.pick(&mut rng);
        let offender_nationality = if rng.below(10) == 0 {
            countries.pick(&mut rng)
        } else {
            offender_location
        };
        let victim_nationality = countries.pick(&mut rng);
        let victim_location = if rng.below(20) == 0 {
            countries.pick(&mut rng)
        } else {
            victim_nationality
        };
        let age = 6 + rng.below(12);
        let live = offence_codes[offence.index()].starts_with("livestream");
        let facilitator = if live {
            codes[victim_location.index()]
        } else {
            ""
        };
        let evidence = match usa {
            Some(usa) if rng.below(10) < 6 => codes[usa.index()],
            _ => codes[offender_location.index()],
        };
        let conduct = start + chrono::Days::new(rng.below(span));
        let prosecution = conduct + chrono::Days::new(rng.below(1500));
        writeln!(
            out,
            "S{n},{},{},{},{},{},{age},{facilitator},{evidence},{},{}",
            offence_codes[offence.index()],
            codes[offender_nationality.index()],
            codes[offender_location.index()],
            codes[victim_nationality.index()],
            codes[victim_location.index()],
            conduct.format("%Y-%m-%d"),
            prosecution.format("%Y-%m-%d"),
        )?;
        if n % 100_000 == 0 {
            bar.set_position(n);
        }
    }
    bar.finish_and_clear();
    out.flush()?;
    drop(out);
    temp.persist(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "wrote {} synthetic cases to {}",
        args.rows,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
