//! Batch evaluation: a few hundred hand-written rows with malformed ones among them; rejects,
//! per-row results against the case engine, aggregates against the rows.

use crate::util::*;
use lacuna::data::CaseInput;
use lacuna::graph::CooperationGraph;
use lacuna::model::EvidenceLevel;
use lacuna::rules::{evaluate, Law};
use lacuna::snapshot::Snapshot;
use std::collections::HashMap;

const STATES: [&str; 6] = ["XAL", "XBO", "XCA", "XDU", "XES", "XA-N"];
const OFFENCES: [&str; 5] = [
    "csam_production",
    "csam_possession",
    "livestream_attending",
    "grooming_online_only",
    "csam_distribution",
];

/// 240 valid rows in a fixed pattern, and the malformed rows (row number, reason part).
fn case_file() -> (String, Vec<(u64, &'static str, &'static str)>) {
    let mut text = String::from("# hand-written batch test cases over the fictional example states\nid,offence,offender_nationality,offender_location,victim_nationality,victim_location,victim_age,facilitator_location,evidence_location,conduct_date,prosecution_date,notes\n");
    let mut row = 0u64;
    let mut bad = Vec::new();
    for i in 0..240usize {
        row += 1;
        let a = STATES[i % 5];
        let b = STATES[(i / 5 + 1) % 6];
        let offence = OFFENCES[i % OFFENCES.len()];
        let evidence = if i % 3 == 0 { STATES[(i + 2) % 5] } else { "" };
        let conduct = ["2009-06-01", "2016-01-15", "2019-12-31", "2021-03-01"][i % 4];
        let prosecution = if i % 7 == 0 { "2030-01-01" } else { "" };
        text.push_str(&format!(
            "C{i},{offence},{a},,{b},,{},,{evidence},{conduct},{prosecution},free text\n",
            10 + i % 8
        ));
        // Every 40 rows, a malformed one.
        if i % 40 == 39 {
            let malformed: [(&str, &'static str, &'static str); 6] = [
                (
                    "M1,csam_production,XE,,XBO,,14,,,2021-01-01,,x",
                    "offender_nationality",
                    "`XE` is not an alpha-3 code: use `XES` (Estmere)",
                ),
                (
                    "M2,csam_production,XAL,,XBO,,14,,,2021-02-30,,x",
                    "conduct_date",
                    "no such day",
                ),
                (
                    "M3,csam_production,XAL,,XBO,,14,,,2021-01-01,x",
                    "",
                    "fields but the header has 12",
                ),
                ("M4,,XAL,,XBO,,14,,,2021-01-01,,x", "offence", "required"),
                (
                    "M5,csam_production,XAL,,XBO,,200,,,2021-01-01,,x",
                    "victim_age",
                    "not an age",
                ),
                (
                    "M6,csam_production,XAL,,XBO,,14,,,2021-01-01,2020-01-01,x",
                    "prosecution_date",
                    "before conduct_date",
                ),
            ];
            let (line, column, reason) = malformed[(i / 40) % 6];
            row += 1;
            text.push_str(line);
            text.push('\n');
            bad.push((row, column, reason));
        }
    }
    (text, bad)
}

fn read_csv(path: &std::path::Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn batch_rejects_bad_rows_and_matches_the_case_engine_row_by_row() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.csv");
    let (text, bad) = case_file();
    std::fs::write(&cases, &text).unwrap();
    let out = dir.path().join("results.csv");
    let output = lacuna(&[
        "batch",
        cases.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--dataset",
        examples_dir().to_str().unwrap(),
        "--as-of",
        "2021-06-01",
        "--chunk",
        "37",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = stdout(&output);
    assert!(stdout.starts_with("240 cases evaluated"), "{stdout}");
    assert!(stdout.contains(", 6 rejected"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("columns not used by lacuna are ignored: notes"),
        "{stderr}"
    );

    // Rejects: exactly the malformed rows, with column and reason.
    let rejects = read_csv(&dir.path().join("results_rejects.csv"));
    assert_eq!(rejects.len(), bad.len());
    for (reject, (row, column, reason)) in rejects.iter().zip(&bad) {
        assert_eq!(reject["row"], row.to_string());
        assert_eq!(reject["column"], *column);
        assert!(reject["reason"].contains(reason), "{reject:?}");
    }

    // Results: one per valid row, in order, each equal to the case engine's verdict.
    let results = read_csv(&out);
    assert_eq!(results.len(), 240);
    let loaded = load_examples();
    let d = &loaded.dataset;
    let inputs: Vec<CaseInput> = {
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        reader
            .records()
            .filter_map(|r| r.ok())
            .filter(|r| r.len() == 12 && r.get(0).is_some_and(|id| id.starts_with('C')))
            .map(|r| {
                let get = |name: &str| {
                    r.get(headers.iter().position(|h| h == name).unwrap())
                        .unwrap()
                        .to_string()
                };
                let optional = |name: &str| Some(get(name)).filter(|v| !v.is_empty());
                CaseInput {
                    offence: get("offence"),
                    offender_nationality: get("offender_nationality"),
                    offender_location: optional("offender_location"),
                    custody_location: None,
                    offender_residence: None,
                    victim_nationality: get("victim_nationality"),
                    victim_location: optional("victim_location"),
                    victim_age: Some(get("victim_age").parse().unwrap()),
                    facilitator_location: optional("facilitator_location"),
                    evidence_location: optional("evidence_location"),
                    conduct_date: optional("conduct_date"),
                    prosecution_date: optional("prosecution_date"),
                }
            })
            .collect()
    };
    assert_eq!(inputs.len(), 240);
    let mut verdict_counts: HashMap<String, u64> = HashMap::new();
    for (input, result) in inputs.iter().zip(&results) {
        let case = input
            .resolve(d, chrono::NaiveDate::from_ymd_opt(2021, 6, 1).unwrap())
            .unwrap();
        let conduct = Snapshot::new(d, case.conduct_date, EvidenceLevel::TreatyObligation);
        let prosecution = Snapshot::new(d, case.prosecution_date, EvidenceLevel::TreatyObligation);
        let graph = CooperationGraph::build(&prosecution);
        let evaluation = evaluate(&Law::new(&conduct, &prosecution, &graph), &case);
        assert_eq!(
            result["verdict"],
            evaluation.verdict.to_string(),
            "row {}: {input:?}",
            result["row"]
        );
        let prosecuting: Vec<&str> = evaluation
            .prosecuting()
            .map(|j| d.jurisdiction(j).code.as_str())
            .collect();
        assert_eq!(
            result["prosecuting_states"],
            prosecuting.join(";"),
            "row {}",
            result["row"]
        );
        *verdict_counts.entry(result["verdict"].clone()).or_default() += 1;
    }

    // Aggregates: per offence, victim state and verdict, the "none" rows plus the barrier rows
    // account for every case; and the verdict totals match the rows.
    let aggregate = read_csv(&dir.path().join("results_aggregate.csv"));
    let mut from_rows: HashMap<(String, String, String, String), u64> = HashMap::new();
    for result in &results {
        let barriers: Vec<String> = result["barriers"]
            .split(';')
            .filter(|s| !s.is_empty())
            .flat_map(|s| {
                s.split_once(':')
                    .unwrap()
                    .1
                    .split(',')
                    .map(|c| c.trim_end_matches('?').to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut codes = barriers;
        codes.sort();
        codes.dedup();
        if codes.is_empty() {
            codes.push("none".to_string());
        }
        for code in codes {
            *from_rows
                .entry((
                    result["offence"].clone(),
                    result["victim_nationality"].clone(),
                    result["verdict"].clone(),
                    code,
                ))
                .or_default() += 1;
        }
    }
    let from_aggregate: HashMap<(String, String, String, String), u64> = aggregate
        .iter()
        .map(|r| {
            (
                (
                    r["offence"].clone(),
                    r["victim_state"].clone(),
                    r["verdict"].clone(),
                    r["barrier"].clone(),
                ),
                r["cases"].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(from_aggregate, from_rows);
    assert!(verdict_counts.len() >= 2, "{verdict_counts:?}");
}

#[test]
fn batch_reads_parquet_too_and_refuses_a_file_without_required_columns() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.csv");
    std::fs::write(
        &cases,
        "offence,offender_nationality\ncsam_production,XAL\n",
    )
    .unwrap();
    let output = lacuna(&[
        "batch",
        cases.to_str().unwrap(),
        "--out",
        dir.path().join("r.csv").to_str().unwrap(),
        "--dataset",
        examples_dir().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("the required column `victim_nationality` is missing"));
    // No result file is left behind by a failed run.
    assert!(!dir.path().join("r.csv").exists());

    // A Parquet case file (made from a gap matrix run's own output is not a case file, so
    // write one with polars-compatible CSV -> batch -> parquet results, then read them back).
    let (text, _) = case_file();
    std::fs::write(&cases, text).unwrap();
    let parquet_out = dir.path().join("results.parquet");
    let output = lacuna(&[
        "batch",
        cases.to_str().unwrap(),
        "--out",
        parquet_out.to_str().unwrap(),
        "--dataset",
        examples_dir().to_str().unwrap(),
        "--as-of",
        "2021-06-01",
    ]);
    assert!(output.status.success());
    let bytes = std::fs::read(&parquet_out).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

#[test]
fn batch_output_does_not_depend_on_chunk_size_or_thread_count() {
    // Rows travel through a reader thread, workers and an ordered writer: tiny chunks on many
    // workers must give byte-for-byte the files of one chunk on one worker.
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("cases.csv");
    std::fs::write(&cases, case_file().0).unwrap();
    let run = |name: &str, chunk: &str, threads: &str| -> Vec<Vec<u8>> {
        let out = dir.path().join(format!("{name}.csv"));
        let output = lacuna(&[
            "batch",
            cases.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--dataset",
            examples_dir().to_str().unwrap(),
            "--as-of",
            "2021-06-01",
            "--chunk",
            chunk,
            "--threads",
            threads,
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        ["", "_rejects", "_aggregate"]
            .iter()
            .map(|suffix| std::fs::read(dir.path().join(format!("{name}{suffix}.csv"))).unwrap())
            .collect()
    };
    let whole = run("whole", "100000", "1");
    let cut = run("cut", "3", "5");
    assert_eq!(whole.len(), 3);
    for (a, b) in whole.iter().zip(&cut) {
        assert_eq!(String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    }
    // The rejects are in row order even though different workers met them.
    let rejects = read_csv(&dir.path().join("cut_rejects.csv"));
    let rows: Vec<u64> = rejects.iter().map(|r| r["row"].parse().unwrap()).collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}");
}

/// The batch cache keys on epochs of the law; whatever order the cases come in, every row must
/// be exactly what the case engine gives with the snapshots of the case's own days. Random
/// world cases, with days drawn mostly from the days on which some fact's truth changes (and
/// the days just before), in random order. See issue 15: a VEN offender, a FRA victim, conduct
/// on 2023-01-30 then 2023-01-22 (VEN's `extradites_nationals = no` holds from `..2023-01-30`).
#[test]
fn batch_equals_the_case_engine_in_any_row_order_on_the_world_dataset() {
    use lacuna::analysis::batch::{BatchCache, Laws};
    use lacuna::rules::Case;
    use lacuna::snapshot::epoch_boundaries;

    let world = lacuna::data::load_world().unwrap().dataset;
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move |n: usize| -> usize {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let boundaries: Vec<chrono::NaiveDate> = epoch_boundaries(&world)
        .into_iter()
        .filter(|d| *d >= chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap())
        .collect();
    // A snapshot per distinct day is what the reference costs, so the days are a sample of
    // 150 boundaries and the day before each.
    let mut days = Vec::new();
    for _ in 0..150 {
        let day = boundaries[next(boundaries.len())];
        days.push(day);
        days.extend(day.pred_opt());
    }
    // Jurisdictions with direct facts are the ones whose windows matter; mix in the rest.
    let with_facts: Vec<_> = world
        .rules
        .iter()
        .map(|f| f.jurisdiction)
        .chain(world.criminalisation.iter().map(|f| f.jurisdiction))
        .collect();
    let all: Vec<_> = (0..world.jurisdictions.len() as u32)
        .map(lacuna::model::JurisdictionId)
        .collect();
    let pick = |next: &mut dyn FnMut(usize) -> usize| {
        if next(3) > 0 {
            with_facts[next(with_facts.len())]
        } else {
            all[next(all.len())]
        }
    };
    // 400 case shapes (who, where, what), each met on many days: the cache serves a shape
    // again whenever its jurisdictions' epochs match, which is where row order could leak.
    let mut shapes = Vec::with_capacity(400);
    for _ in 0..400 {
        let offender_nationality = pick(&mut next);
        let victim_nationality = pick(&mut next);
        let offender_location = if next(2) == 0 {
            offender_nationality
        } else {
            pick(&mut next)
        };
        shapes.push(Case {
            offence: lacuna::model::OffenceId(next(world.offences.len()) as u32),
            offender_nationality,
            offender_location,
            // Mostly found where he acted; sometimes back home, sometimes elsewhere.
            custody_location: match next(4) {
                0 => offender_nationality,
                1 => pick(&mut next),
                _ => offender_location,
            },
            offender_residence: (next(4) == 0).then(|| pick(&mut next)),
            victim_nationality,
            victim_location: if next(2) == 0 {
                victim_nationality
            } else {
                pick(&mut next)
            },
            victim_age: 3 + next(15) as u8,
            facilitator_location: (next(3) == 0).then(|| pick(&mut next)),
            evidence_location: (next(2) == 0).then(|| pick(&mut next)),
            conduct_date: days[0],
            prosecution_date: days[0],
        });
    }
    let n_cases = 10_000;
    let mut cases = Vec::with_capacity(n_cases);
    for _ in 0..n_cases {
        let conduct = days[next(days.len())];
        let prosecution = match next(2) {
            0 => conduct,
            _ => days[next(days.len())].max(conduct),
        };
        cases.push(Case {
            conduct_date: conduct,
            prosecution_date: prosecution,
            ..shapes[next(shapes.len())].clone()
        });
    }
    let evidence = EvidenceLevel::TreatyObligation;
    let mut snapshots: HashMap<chrono::NaiveDate, (Snapshot, CooperationGraph)> = HashMap::new();
    let mut expected = Vec::with_capacity(n_cases);
    for case in &cases {
        for day in [case.conduct_date, case.prosecution_date] {
            snapshots.entry(day).or_insert_with(|| {
                let snapshot = Snapshot::new(&world, day, evidence);
                let graph = CooperationGraph::build_matrix(&snapshot);
                (snapshot, graph)
            });
        }
        let (conduct, _) = &snapshots[&case.conduct_date];
        let (prosecution, graph) = &snapshots[&case.prosecution_date];
        let evaluation = evaluate(&Law::new(conduct, prosecution, graph), case);
        let states: Vec<_> = evaluation
            .states
            .iter()
            .map(|s| {
                (
                    s.state,
                    s.can_prosecute,
                    s.certain_barriers(),
                    s.possible_barriers(),
                )
            })
            .collect();
        expected.push((evaluation.verdict, states));
    }
    // Two orders: as generated, and shuffled; one cache each, so earlier rows fill it.
    let mut order: Vec<usize> = (0..n_cases).collect();
    for shuffled in [false, true] {
        if shuffled {
            for i in (1..order.len()).rev() {
                order.swap(i, next(i + 1));
            }
        }
        let laws = Laws::new(&world, evidence, Vec::new());
        let mut cache = BatchCache::default();
        let mut differing = Vec::new();
        for &index in &order {
            let result = cache.evaluate(&laws, &cases[index]);
            let states: Vec<_> = result
                .states
                .as_slice()
                .iter()
                .map(|s| (s.state, s.can_prosecute, s.certain, s.possible))
                .collect();
            if (result.verdict, states) != expected[index] {
                differing.push(index);
            }
        }
        assert!(
            differing.is_empty(),
            "{} of {n_cases} rows differ from the case engine (shuffled: {shuffled}); first: {:?}",
            differing.len(),
            cases[differing[0]]
        );
        assert!(cache.evaluated < n_cases as u64, "the cache was never used");
    }
}

/// Spreadsheet formula injection (OWASP CSV injection): a case id or a rejected value that
/// starts with `=`, `+`, `-` or `@` is written with a leading quote, never as a formula.
#[test]
fn formula_cells_are_neutralised_in_batch_results_and_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("cases.csv");
    std::fs::write(
        &input,
        "id,offence,offender_nationality,victim_nationality\n\
         =HYPERLINK(\"http://x\"),csam_possession,XAL,XBO\n\
         ok,csam_possession,@SUM(A1),XBO\n",
    )
    .unwrap();
    let out = dir.path().join("results.csv");
    let output = lacuna(&[
        "batch",
        input.to_str().unwrap(),
        "--dataset",
        examples_dir().to_str().unwrap(),
        "--as-of",
        "2021-01-01",
        "--out",
        out.to_str().unwrap(),
        "--max-rejected",
        "100",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results = std::fs::read_to_string(&out).unwrap();
    assert!(
        results.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{results}"
    );
    let rejects = std::fs::read_to_string(dir.path().join("results_rejects.csv")).unwrap();
    assert!(rejects.contains("'@SUM(A1)"), "{rejects}");
    assert!(!rejects.contains(",@SUM"), "{rejects}");
}
