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
    assert!(text.starts_with("from,to,channel,status,via\n"));
    assert!(text.contains("XAL,XBO,mla,yes,ex_pact\n"), "{text}");
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
    assert!(written.starts_with("from,to,channel,status,via\n"));
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
