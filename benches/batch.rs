//! Benchmark: `lacuna batch` on a synthetic case file, against polars scanning the same file.
//! Rows from LACUNA_BENCH_ROWS (default 1,000,000; the README figure uses 30,000,000).
//!
//! Run: `LACUNA_BENCH_ROWS=30000000 cargo bench --bench batch`

use polars::prelude::*;
use std::process::Command;
use std::time::Instant;

fn main() {
    let rows: u64 = std::env::var("LACUNA_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let binary = env!("CARGO_BIN_EXE_lacuna");
    let dir =
        tempfile::tempdir_in(std::env::var("LACUNA_BENCH_DIR").unwrap_or_else(|_| ".".to_string()))
            .expect("temp dir");
    let cases = dir.path().join("cases.csv");
    let start = Instant::now();
    let status = Command::new(binary)
        .args([
            "synth",
            "--rows",
            &rows.to_string(),
            "--out",
            cases.to_str().unwrap(),
        ])
        .status()
        .expect("synth");
    assert!(status.success());
    let synth = start.elapsed();
    let size = std::fs::metadata(&cases).map(|m| m.len()).unwrap_or(0);

    let start = Instant::now();
    let scanned = LazyCsvReader::new(PlRefPath::new(cases.to_str().unwrap()))
        .with_comment_prefix(Some("#".into()))
        .with_infer_schema_length(Some(0))
        .finish()
        .expect("scan")
        .collect()
        .expect("collect");
    let polars = start.elapsed();
    assert_eq!(scanned.height() as u64, rows);
    drop(scanned);

    let results = dir.path().join("results.parquet");
    let start = Instant::now();
    let output = Command::new(binary)
        .args([
            "batch",
            cases.to_str().unwrap(),
            "--out",
            results.to_str().unwrap(),
            "--as-of",
            "2024-01-01",
        ])
        .output()
        .expect("batch");
    let batch = start.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak resident memory: "))
        .unwrap_or("?")
        .to_string();

    println!("| benchmark | figure |");
    println!("|---|---|");
    println!(
        "| synthesise {rows} cases (CSV, {:.2} GB) | {:.1} s |",
        size as f64 / 1e9,
        synth.as_secs_f64()
    );
    println!(
        "| polars alone: read the same CSV into a frame (all columns as text) | {:.1} s |",
        polars.as_secs_f64()
    );
    println!(
        "| lacuna batch, {rows} cases → Parquet results, rejects, aggregates | {:.1} s, {:.2} M rows/s, peak {peak}, {:.1}× polars' read time |",
        batch.as_secs_f64(),
        rows as f64 / batch.as_secs_f64() / 1e6,
        batch.as_secs_f64() / polars.as_secs_f64()
    );
}
