//! `lacuna batch CASES.csv|parquet --out RESULTS.parquet|csv`: evaluates every case of a file,
//! streaming, with rejects and aggregates.

use super::common::{load, progress, DatasetArg, WhenArgs};
use anyhow::Context;
use lacuna::analysis::batch::Laws;
use lacuna::batch_job::{run_batch, BatchOptions};
use lacuna::data::{CaseParser, CaseReader};
use lacuna::report::batch_output::{aggregate_table, RejectWriter, ResultWriter};
use lacuna::rules::Verdict;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The case file (.csv or .parquet; columns in docs/batch.md)
    #[arg(value_name = "CASES")]
    cases: PathBuf,
    /// The results file (.parquet or .csv)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Dataset folder; defaults to the built-in world dataset
    #[arg(long, value_name = "DIR")]
    dataset: Option<PathBuf>,
    #[command(flatten)]
    when: WhenArgs,
    /// Rows per chunk (memory grows with it, not with the file)
    #[arg(long, default_value_t = 100_000)]
    chunk: usize,
    /// Worker threads
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Exit with an error (code 3) when more than this share of the rows is rejected, in
    /// percent; the results are still written
    #[arg(long, value_name = "PERCENT", default_value_t = 10.0)]
    max_rejected: f64,
}

fn sibling(path: &std::path::Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("results");
    path.with_file_name(format!("{stem}_{suffix}"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut loaded = load(&DatasetArg {
        dataset: args.dataset.clone(),
    })?;
    args.when.label_reforms(&mut loaded)?;
    let dataset = &loaded.dataset;
    let day = args.when.day()?;
    let evidence = args.when.evidence()?;
    let reforms = args.when.reforms(dataset)?;
    let parser = CaseParser::new(dataset, day);
    let reader = CaseReader::open(&args.cases)?;
    if !reader.ignored_columns.is_empty() {
        eprintln!(
            "note: columns not used by lacuna are ignored: {}",
            reader.ignored_columns.join(", ")
        );
    }
    let laws = Laws::new(dataset, evidence, reforms);
    let rejects_path = sibling(&args.out, "rejects.csv");
    let aggregate_path = sibling(
        &args.out,
        &format!(
            "aggregate.{}",
            args.out
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("csv")
        ),
    );
    // Never overwrite the input with one of the outputs.
    for output in [&args.out, &rejects_path, &aggregate_path] {
        if same_file(output, &args.cases) {
            anyhow::bail!(
                "{} would overwrite the case file {}: write the results elsewhere (--out)",
                output.display(),
                args.cases.display()
            );
        }
    }
    let results = ResultWriter::create(&args.out)?;
    let rejects = RejectWriter::create(&rejects_path)?;
    let bar = progress(0, "evaluating cases");
    let summary = run_batch(
        dataset,
        &laws,
        &parser,
        reader,
        results,
        rejects,
        BatchOptions {
            chunk_rows: args.chunk,
            threads: args.threads,
        },
        |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
    )?;
    bar.finish_and_clear();
    let aggregate = &summary.aggregate;
    aggregate_table(dataset, &aggregate.rows())
        .write(&aggregate_path)
        .context("aggregates")?;
    eprintln!(
        "{} epochs of the law resolved; {} cases evaluated in full, the rest from the cache",
        summary.epochs, summary.evaluated_in_full
    );
    if let Some(peak) = peak_memory_mib() {
        eprintln!("peak resident memory: {peak} MiB");
    }
    println!(
        "{} cases evaluated ({} prosecutable, {} impunity, {} unknown), {} rejected (see {}); results in {}, aggregates in {}",
        aggregate.cases,
        aggregate.verdict_count(Verdict::Prosecutable),
        aggregate.verdict_count(Verdict::Impunity),
        aggregate.verdict_count(Verdict::Unknown),
        aggregate.rejected,
        rejects_path.display(),
        args.out.display(),
        aggregate_path.display()
    );
    let rows = aggregate.cases + aggregate.rejected;
    let rejected_share = if rows == 0 {
        0.0
    } else {
        100.0 * aggregate.rejected as f64 / rows as f64
    };
    if rows > 0 && (aggregate.cases == 0 || rejected_share > args.max_rejected) {
        eprintln!(
            "error: {} of {} rows ({rejected_share:.1}%) were rejected, more than --max-rejected {}%: check the case file against docs/batch.md (reasons in {})",
            aggregate.rejected,
            rows,
            args.max_rejected,
            rejects_path.display()
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether two paths name the same file (the second exists; the first may not yet).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(b), a.parent()) {
        (Ok(b), Some(parent)) => {
            let parent = if parent.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                parent
            };
            match (std::fs::canonicalize(parent), a.file_name()) {
                (Ok(parent), Some(name)) => parent.join(name) == b,
                _ => false,
            }
        }
        _ => false,
    }
}

/// The process's peak resident memory (Linux), for the batch benchmark.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
