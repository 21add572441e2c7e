//! What a user sees from the `lacuna` binary.

use crate::util::*;

#[test]
fn validate_reports_a_seeded_bad_file_with_positions() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "parties.csv",
        "ex_pact,TN,,2019-10-15,accession,,,ex_treaty_office,",
    );
    let output = lacuna(&["validate", scratch.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let expected =
        format!("parties.csv:{line}:2 (column `jurisdiction`): unknown jurisdiction code `TN`");
    assert!(text.contains(&expected), "{text}");
    assert!(text.starts_with("the dataset has 1 error\n"), "{text}");
}

#[test]
fn validate_accepts_the_world_dataset_from_any_directory() {
    let output = lacuna(&["validate"]);
    assert!(output.status.success(), "{}", stdout(&output));
    // Contested facts are listed as warnings first; the last line is the verdict.
    let text = stdout(&output);
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("world ") && last.contains(": valid"),
        "{text}"
    );
}

#[test]
fn graph_as_csv_lists_channels_with_instruments() {
    let examples = examples_dir();
    let output = lacuna(&[
        "graph",
        examples.to_str().unwrap(),
        "--as-of",
        "2012-01-01",
        "--format",
        "csv",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("from,to,channel,status,via,condition\n"));
    assert!(text.contains("XAL,XBO,mla,yes,ex_pact,\n"), "{text}");
    assert!(!text.contains("XCA,XAL"), "{text}");
}

#[test]
fn graph_dot_and_graphml_are_well_formed() {
    let examples = examples_dir();
    let dot = stdout(&lacuna(&[
        "graph",
        examples.to_str().unwrap(),
        "--as-of",
        "2021-01-01",
        "--format",
        "dot",
    ]));
    assert!(dot.starts_with("digraph cooperation {"));
    assert!(dot.contains("\"XAL\" -> \"XCA\" [label=\"mla\""));
    assert!(dot.trim_end().ends_with('}'));
    let graphml = stdout(&lacuna(&[
        "graph",
        examples.to_str().unwrap(),
        "--as-of",
        "2021-01-01",
        "--format",
        "graphml",
    ]));
    assert!(
        graphml.contains("<edge source=\"XAL\" target=\"XCA\"><data key=\"channel\">mla</data>")
    );
    assert!(graphml.trim_end().ends_with("</graphml>"));
}

#[test]
fn graph_refuses_a_date_that_is_not_a_day() {
    let output = lacuna(&["graph", "--as-of", "2012"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`2012` is not a single day: write YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn graph_writes_its_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("edges.csv");
    let examples = examples_dir();
    let output = lacuna(&[
        "graph",
        examples.to_str().unwrap(),
        "--as-of",
        "2021-01-01",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("from,to,channel,status,via,condition\n"));
    // Only the output file is left: no temporary files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn info_reports_counts_and_coverage() {
    let examples = examples_dir();
    let output = lacuna(&["info", examples.to_str().unwrap(), "--as-of", "2021-01-01"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("| jurisdictions | 6 |"), "{text}");
    assert!(text.contains("| ex_pact | 3 | 0 |"), "{text}");
    // Possession: Aldoria and Caledra by the Pact, Dunmark by statute (partial), Estmere
    // contested (unknown), Borovia reserved (unknown): 3 of 5 known.
    assert!(
        text.contains("| csam_possession | 3 / 5 | 60.0% | 1 | 0 | 2 |"),
        "{text}"
    );
}

#[test]
fn tunisia_has_lanzarote_channels_only_after_its_accession() {
    // Tunisia deposited in October 2019; in force for it on 1 February 2020.
    let before = stdout(&lacuna(&[
        "graph",
        "--as-of",
        "2012-01-01",
        "--jurisdiction",
        "TUN",
    ]));
    let after = stdout(&lacuna(&[
        "graph",
        "--as-of",
        "2021-01-01",
        "--jurisdiction",
        "TUN",
    ]));
    assert!(before.lines().count() > 1, "OPSC channels exist in 2012");
    assert!(!before.contains("lanzarote"), "{before}");
    assert!(after.contains("FRA,TUN,mla,yes,opsc;lanzarote"), "{after}");
}

/// A FIFO given as any input used to block forever (issue 15): every reader refuses what is
/// not a regular file, at once. The command is killed after 20 s so a regression fails
/// instead of hanging CI.
#[test]
fn a_fifo_is_refused_as_every_kind_of_input() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("input.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo_json = dir.path().join("case.json");
    std::process::Command::new("mkfifo")
        .arg(&fifo_json)
        .status()
        .unwrap();
    let data = Scratch::new();
    std::fs::remove_file(data.path().join("offences.csv")).unwrap();
    std::process::Command::new("mkfifo")
        .arg(data.path().join("offences.csv"))
        .status()
        .unwrap();
    let out = dir.path().join("out.csv");
    let examples = examples_dir();
    let runs: Vec<Vec<&str>> = vec![
        vec![
            "batch",
            fifo.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        vec!["case", "--case", fifo_json.to_str().unwrap()],
        vec![
            "gaps",
            examples.to_str().unwrap(),
            "--offence",
            "csam_possession",
            "--reform",
            fifo.to_str().unwrap(),
        ],
        vec!["validate", data.path().to_str().unwrap()],
    ];
    for args in runs {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lacuna"))
            .args(&args)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("lacuna {args:?} blocked on a FIFO");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let output = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&output.stderr).to_string()
            + &String::from_utf8_lossy(&output.stdout);
        assert!(!status.success(), "{args:?}: {text}");
        assert!(text.contains("not a regular file"), "{args:?}: {text}");
    }
}

/// `batch c.csv --out c.csv` used to overwrite its own input, and `validate D --write D` to
/// drop D's comments (issue 15): both are refused, and the input is left as it was.
#[test]
fn outputs_never_overwrite_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("c.csv");
    let text = "offence,offender_nationality,victim_nationality\ncsam_possession,XAL,XBO\n";
    std::fs::write(&cases, text).unwrap();
    let examples = examples_dir();
    let output = lacuna(&[
        "batch",
        cases.to_str().unwrap(),
        "--dataset",
        examples.to_str().unwrap(),
        "--out",
        cases.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("would overwrite the case file"));
    assert_eq!(std::fs::read_to_string(&cases).unwrap(), text);

    let scratch = Scratch::new();
    let before = scratch.read("criminalisation.csv");
    let output = lacuna(&[
        "validate",
        scratch.path().to_str().unwrap(),
        "--write",
        scratch.path().to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("would drop its comments"));
    assert_eq!(scratch.read("criminalisation.csv"), before);
}

/// Codes a newcomer types (issue 15): `UK`, lower case, a country name, a typo, each with the
/// code to use instead.
#[test]
fn jurisdiction_codes_get_a_hint_for_what_to_type() {
    for (typed, hint) in [
        (
            "UK",
            "`UK` is not an alpha-3 code: use `GBR` (United Kingdom)",
        ),
        ("aus", "codes are upper case: use `AUS` (Australia)"),
        ("Philippines", "use the code `PHL` for Philippines"),
        ("AUZ", "did you mean `AUS`?"),
    ] {
        let output = lacuna(&[
            "case",
            "--offence",
            "csam_possession",
            "--offender-nationality",
            typed,
            "--victim-nationality",
            "PHL",
        ]);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(hint), "{typed}: {stderr}");
    }
}

/// A case JSON without a required field says which one; a bad value points at its line and
/// column.
#[test]
fn case_json_errors_name_the_missing_field_and_locate_bad_values() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    std::fs::write(
        &missing,
        r#"{"offence": "csam_possession", "offender_nationality": "XAL"}"#,
    )
    .unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"offence\": \"csam_possession\",\n  \"offender_nationality\": \"XAL\",\n  \"victim_nationality\": \"XQQ\"\n}\n",
    )
    .unwrap();
    let examples = examples_dir();
    let output = lacuna(&[
        "case",
        examples.to_str().unwrap(),
        "--case",
        missing.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the case is missing `victim_nationality`"),
        "{stderr}"
    );
    assert!(!stderr.contains("not valid JSON"), "{stderr}");
    let output = lacuna(&[
        "case",
        examples.to_str().unwrap(),
        "--case",
        bad.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.json:4:3: victim_nationality: unknown jurisdiction code `XQQ`"),
        "{stderr}"
    );
}

/// The example inputs the README uses (docs/examples/) run as documented.
#[test]
fn the_shipped_example_inputs_run() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = root.join("docs/examples");
    let dir = tempfile::tempdir().unwrap();
    let case = lacuna(&[
        "case",
        "--case",
        examples.join("aus_viewer_phl_child.json").to_str().unwrap(),
    ]);
    assert!(
        case.status.success(),
        "{}",
        String::from_utf8_lossy(&case.stderr)
    );
    assert!(stdout(&case).contains("Verdict:"));
    let results = dir.path().join("results.csv");
    let batch = lacuna(&[
        "batch",
        examples.join("cases.csv").to_str().unwrap(),
        "--out",
        results.to_str().unwrap(),
    ]);
    assert!(
        batch.status.success(),
        "{}",
        String::from_utf8_lossy(&batch.stderr)
    );
    assert!(
        stdout(&batch).contains("5 cases evaluated"),
        "{}",
        stdout(&batch)
    );
    let gaps = lacuna(&[
        "gaps",
        "--offence",
        "livestream_attending",
        "--as-of",
        "2024-06-01",
        "--reform",
        examples.join("reforms.csv").to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        gaps.status.success(),
        "{}",
        String::from_utf8_lossy(&gaps.stderr)
    );
}

/// `--reform FILE` (issue 15): a plan is applied as of the day it was made for, and every
/// output says that reforms were applied: file names, the dataset column, the summary.
#[test]
fn reformed_outputs_say_so_and_keep_the_plans_date() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.reforms.csv");
    std::fs::write(
        &plan,
        "# as-of: 2021-01-01\nreform,jurisdiction,offence,instrument,other,rule,value,label\ncriminalise,XES,livestream_attending,,,,,\n",
    )
    .unwrap();
    let examples = examples_dir();
    let output = lacuna(&[
        "gaps",
        examples.to_str().unwrap(),
        "--offence",
        "livestream_attending",
        "--reform",
        plan.to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = dir
        .path()
        .join("gaps_livestream_attending_2021-01-01_remote_with-plan.reforms.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    assert!(
        text.contains("with reforms from plan.reforms.csv (1 reform)"),
        "{}",
        &text[..400]
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("the day the plan"));
}

/// `diff --vs-dataset`: two versions of a dataset, the facts that changed and the verdicts
/// that moved because of them (issue 14).
#[test]
fn diff_between_dataset_versions_lists_facts_and_moved_verdicts() {
    let newer = Scratch::new();
    // Dunmark now criminalises attending a live performance.
    newer.replace(
        "criminalisation.csv",
        "XDU,livestream_attending,not_criminalised,",
        "XDU,livestream_attending,criminalised,",
    );
    // A change that cannot move an attending verdict: another offence.
    newer.replace(
        "criminalisation.csv",
        "XAL,grooming_online_only,not_criminalised,",
        "XAL,grooming_online_only,criminalised,",
    );
    let examples = examples_dir();
    let out = tempfile::tempdir().unwrap();
    let facts_csv = out.path().join("facts.csv");
    let output = lacuna(&[
        "diff",
        examples.to_str().unwrap(),
        "--vs-dataset",
        newer.path().to_str().unwrap(),
        "--offence",
        "livestream_attending",
        "--as-of",
        "2021-06-01",
        "--out",
        facts_csv.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    assert!(
        text.contains("criminalisation.csv          0 added     0 removed     2 changed"),
        "{text}"
    );
    // Dunmark's offenders were left in impunity against its four partners.
    assert!(
        text.contains("impunity     -> prosecutable       4"),
        "{text}"
    );
    // Each moved verdict names the fact that moved it, and only that one.
    assert!(
        text.contains(
            "livestream_attending XDU -> XAL: impunity -> prosecutable, with criminalisation XDU,livestream_attending changed"
        ),
        "{text}"
    );
    let moved = std::fs::read_to_string(out.path().join("facts_verdicts.csv")).unwrap();
    let rows: Vec<&str> = moved.lines().skip(1).collect();
    assert_eq!(rows.len(), 4, "{moved}");
    for row in rows {
        assert!(row.starts_with("livestream_attending,XDU,"), "{row}");
        assert!(
            row.ends_with(
                ",impunity,prosecutable,\"criminalisation XDU,livestream_attending changed\""
            ),
            "{row}"
        );
    }
}

/// `--evidence-in` names the evidence state of a scenario that has one; given to a scenario
/// that places the evidence itself, it is refused rather than silently ignored.
#[test]
fn evidence_in_is_refused_where_the_scenario_places_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let examples = examples_dir();
    let refused = lacuna(&[
        "gaps",
        examples.to_str().unwrap(),
        "--offence",
        "csam_production",
        "--scenario",
        "travelling",
        "--evidence-in",
        "XDU",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("places the evidence itself"));
    let remote = lacuna(&[
        "gaps",
        examples.to_str().unwrap(),
        "--offence",
        "csam_production",
        "--scenario",
        "remote",
        "--evidence-in",
        "XDU",
        "--as-of",
        "2021-06-01",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        remote.status.success(),
        "{}",
        String::from_utf8_lossy(&remote.stderr)
    );
    assert!(dir
        .path()
        .join("gaps_csam_production_2021-06-01_remote-evidence-XDU.csv")
        .exists());
}
