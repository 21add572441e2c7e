//! `lacuna batch CASES.csv|parquet --out RESULTS.parquet|csv`: evaluates every case of a file,
//! streaming, with rejects and aggregates.

use super::common::{load, progress, DatasetArg, WhenArgs};
use anyhow::Context;
use lacuna::analysis::batch::{Aggregate, BatchCache, CaseResult, Laws};
use lacuna::data::{CaseParser, CaseReader, Reject};
use lacuna::report::batch_output::{aggregate_table, rejects_table, ResultRow, ResultWriter};
use lacuna::rules::{Case, Verdict};
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
    #[arg(long, default_value_t = 200_000)]
    chunk: usize,
    /// Worker threads
    #[arg(long, default_value_t = 2)]
    threads: usize,
}

fn sibling(path: &std::path::Path, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("results");
    path.with_file_name(format!("{stem}_{suffix}"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let loaded = load(&DatasetArg {
        dataset: args.dataset.clone(),
    })?;
    let dataset = &loaded.dataset;
    let day = args.when.day()?;
    let evidence = args.when.evidence()?;
    let reforms = args.when.reforms(dataset)?;
    let parser = CaseParser::new(dataset, day);
    let mut reader = CaseReader::open(&args.cases)?;
    if !reader.ignored_columns.is_empty() {
        eprintln!(
            "note: columns not used by lacuna are ignored: {}",
            reader.ignored_columns.join(", ")
        );
    }
    let threads = args.threads.max(1);
    let mut laws = Laws::new(dataset, evidence, reforms);
    let mut caches: Vec<BatchCache> = (0..threads).map(|_| BatchCache::default()).collect();
    let mut writer = ResultWriter::create(&args.out)?;
    let mut aggregate = Aggregate::default();
    let mut rejects: Vec<Reject> = Vec::new();
    let mut rows = Vec::new();
    let bar = progress(0, "evaluating cases");
    let chunk = args.chunk.max(1);
    while reader.next_chunk(chunk, &parser, &mut rows)? {
        let (done, total) = reader.progress();
        bar.set_length(total);
        bar.set_position(done);
        let mut cases: Vec<(u64, Option<String>, Case)> = Vec::with_capacity(rows.len());
        for (row, parsed) in rows.drain(..) {
            match parsed {
                Ok((id, case)) => cases.push((row, id, case)),
                Err(reject) => rejects.push(reject),
            }
        }
        for (_, _, case) in &cases {
            laws.prepare_case(case);
        }
        let laws = &laws;
        let parts = cases.len().div_ceil(threads).max(1);
        let results: Vec<(Vec<CaseResult>, Aggregate)> = std::thread::scope(|scope| {
            let handles: Vec<_> = caches
                .iter_mut()
                .zip(cases.chunks(parts))
                .map(|(cache, part)| {
                    scope.spawn(move || {
                        let mut aggregate = Aggregate::default();
                        let results: Vec<CaseResult> = part
                            .iter()
                            .map(|(_, _, case)| {
                                let result = cache.evaluate(laws, case);
                                aggregate.add(case, &result);
                                result
                            })
                            .collect();
                        (results, aggregate)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("worker thread"))
                .collect()
        });
        let mut flat = Vec::with_capacity(cases.len());
        for (part, part_aggregate) in results {
            flat.extend(part);
            aggregate.merge(part_aggregate);
        }
        let out: Vec<ResultRow> = cases
            .iter()
            .zip(&flat)
            .map(|((row, id, case), result)| ResultRow {
                row: *row,
                id: id.as_deref(),
                case,
                result,
            })
            .collect();
        writer.write(dataset, &out)?;
    }
    bar.finish_and_clear();
    writer.finish()?;
    aggregate.rejected = rejects.len() as u64;
    let rejects_path = sibling(&args.out, "rejects.csv");
    rejects_table(&rejects)
        .write(&rejects_path)
        .with_context(|| "rejects")?;
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
    aggregate_table(dataset, &aggregate.rows()).write(&aggregate_path)?;
    eprintln!(
        "{} epochs of the law resolved; {} cases evaluated in full, the rest from the cache",
        laws.len(),
        caches.iter().map(|c| c.evaluated).sum::<u64>()
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
        rejects.len(),
        rejects_path.display(),
        args.out.display(),
        aggregate_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The process's peak resident memory (Linux), for the batch benchmark.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
