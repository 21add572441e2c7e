//! Command-line interface: parses arguments with clap and calls the library. One file per
//! command; nothing here knows legal rules.
//!
//! **Invariant:** only this module knows clap; errors get their context here (anyhow).

mod batch;
mod brief;
mod case;
mod chart;
mod common;
mod compare;
mod diff;
mod gaps;
mod graph;
mod info;
mod priorities;
mod reforms;
mod site;
mod synth;
mod timeline;
mod validate;
mod zones;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Finds where the law lets cross-border child sexual exploitation fall through the cracks
/// between countries.
#[derive(Parser)]
#[command(name = "lacuna", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a dataset and report every problem with file, line and column
    Validate(validate::Args),
    /// Counts and coverage: how much of the legal picture is known
    Info(info::Args),
    /// The cooperation graph for a date: who can ask whom, through which channel
    Graph(graph::Args),
    /// One cross-border case: which state can prosecute, and why the others cannot
    Case(Box<case::Args>),
    /// Two states side by side: their law, the channels both ways, and the verdict on the
    /// pair with its explanation for every offence and scenario, both directions
    Compare(Box<compare::Args>),
    /// The gap matrix: a scenario's case over every ordered pair of states
    Gaps(gaps::Args),
    /// Weak zones: exposure per state and region, and the connected groups of impunity
    Zones(zones::Args),
    /// Every single reform ranked by impunity pairs closed, and a greedy plan
    Reforms(reforms::Args),
    /// Research priorities: every unknown fact ranked by the unknown verdicts answering it
    /// would settle
    Priorities(priorities::Args),
    /// The yearly series of impunity pairs and exposure
    Timeline(timeline::Args),
    /// The pairs whose verdict changed between two days, and why
    Diff(diff::Args),
    /// Charts: map, heatmap, reforms, timeline, network (PNG or SVG)
    Chart(Box<chart::Args>),
    /// Evaluate every case of a CSV or Parquet file (streaming), with rejects and aggregates
    Batch(Box<batch::Args>),
    /// Generate a synthetic case file (seeded) for batch runs and benchmarks
    Synth(synth::Args),
    /// A brief for advocacy documents: Markdown and self-contained HTML with citations
    Brief(Box<brief::Args>),
    /// The atlas: a static website of every state's law, pair and weak zone (works offline)
    Site(Box<site::Args>),
}

pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Info(args) => info::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Case(args) => case::run(*args),
        Command::Gaps(args) => gaps::run(args),
        Command::Zones(args) => zones::run(args),
        Command::Reforms(args) => reforms::run(args),
        Command::Priorities(args) => priorities::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Chart(args) => chart::run(*args),
        Command::Batch(args) => batch::run(*args),
        Command::Synth(args) => synth::run(args),
        Command::Brief(args) => brief::run(*args),
        Command::Site(args) => site::run(*args),
        Command::Compare(args) => compare::run(*args),
    }
}
