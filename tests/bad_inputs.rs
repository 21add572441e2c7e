//! The corpus of bad inputs in `tests/bad_inputs/` (see its README): every file is run through
//! the command that reads it, and must give its expected exit code and messages, never a
//! panic, and never a partial output file. Huge inputs are generated here rather than stored.

use crate::util::*;
use std::path::{Path, PathBuf};
use std::process::Output;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

/// What an `.expect` file (or a dataset case's `expect.txt`) asks for.
#[derive(Debug, Default)]
struct Expect {
    exit: i32,
    contains: Vec<String>,
    rejects: Vec<String>,
}

fn read_expect(path: &Path) -> Expect {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut expect = Expect {
        exit: -1,
        ..Expect::default()
    };
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        if let Some(code) = line.strip_prefix("exit ") {
            expect.exit = code.parse().expect("exit code");
        } else if let Some(text) = line.strip_prefix("contains: ") {
            expect.contains.push(text.to_string());
        } else if let Some(text) = line.strip_prefix("reject: ") {
            expect.rejects.push(text.to_string());
        } else {
            panic!("{}: cannot read `{line}`", path.display());
        }
    }
    assert!(expect.exit >= 0, "{}: no `exit` line", path.display());
    assert!(
        !expect.contains.is_empty(),
        "{}: no `contains:` line: an expectation must say what the user is told",
        path.display()
    );
    expect
}

fn check(name: &str, output: &Output, expect: &Expect) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let all = format!("{stdout}{stderr}");
    assert!(
        !stderr.contains("panicked"),
        "{name}: lacuna panicked:\n{stderr}"
    );
    assert_eq!(
        output.status.code(),
        Some(expect.exit),
        "{name}: exit code\n{all}"
    );
    for text in &expect.contains {
        assert!(
            all.contains(text.as_str()),
            "{name}: expected `{text}` in\n{all}"
        );
    }
    all
}

/// The corpus entries of one kind: (name, input, expectation).
fn entries(kind: &str, extension: &str) -> Vec<(String, PathBuf, Expect)> {
    let dir = corpus().join(kind);
    let mut entries = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e == extension => {
                let expect = path.with_extension("expect");
                assert!(
                    expect.exists(),
                    "{} has no {}",
                    path.display(),
                    expect.display()
                );
                let name = format!("{kind}/{}", path.file_name().unwrap().to_string_lossy());
                entries.push((name, path.clone(), read_expect(&expect)));
            }
            Some("expect") => {
                assert!(
                    path.with_extension(extension).exists(),
                    "{} has no input file",
                    path.display()
                );
            }
            _ => panic!("{}: not part of the corpus format", path.display()),
        }
    }
    assert!(entries.len() >= 5, "{kind}: the corpus is missing");
    entries
}

#[test]
fn bad_datasets_are_refused_with_file_line_and_column() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus().join("dataset"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10);
    for case in cases {
        let name = format!("dataset/{}", case.file_name().unwrap().to_string_lossy());
        let expect = read_expect(&case.join("expect.txt"));
        let scratch = Scratch::new();
        for file in std::fs::read_dir(&case).unwrap() {
            let file = file.unwrap().path();
            if file.file_name().unwrap() != "expect.txt" {
                std::fs::copy(&file, scratch.path().join(file.file_name().unwrap())).unwrap();
            }
        }
        let output = lacuna(&["validate", scratch.path().to_str().unwrap()]);
        check(&name, &output, &expect);
    }
}

#[test]
fn bad_case_json_files_are_refused_with_the_field_and_the_fix() {
    for (name, path, expect) in entries("case_json", "json") {
        let output = lacuna(&[
            "case",
            examples_dir().to_str().unwrap(),
            "--case",
            path.to_str().unwrap(),
            "--as-of",
            "2021-06-01",
        ]);
        check(&name, &output, &expect);
    }
}

#[test]
fn bad_case_file_rows_are_rejected_one_by_one_and_bad_files_write_nothing() {
    for (name, path, expect) in entries("case_file", "csv") {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results.csv");
        let output = lacuna(&[
            "batch",
            path.to_str().unwrap(),
            "--dataset",
            examples_dir().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            "2021-06-01",
        ]);
        check(&name, &output, &expect);
        // Exit 3: the run completed but rejected more rows than --max-rejected allows; its
        // results and rejects are written.
        if expect.exit == 0 || expect.exit == 3 {
            let rejects = std::fs::read_to_string(dir.path().join("results_rejects.csv")).unwrap();
            let rows: Vec<&str> = rejects.lines().skip(1).collect();
            assert_eq!(rows, expect.rejects, "{name}: rejects file");
        } else {
            let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
            assert!(left.is_empty(), "{name}: a failed run left {left:?}");
        }
    }
}

#[test]
fn bad_reform_files_are_refused_before_any_output() {
    for (name, path, expect) in entries("reform_file", "csv") {
        let dir = tempfile::tempdir().unwrap();
        let output = lacuna(&[
            "gaps",
            examples_dir().to_str().unwrap(),
            "--offence",
            "csam_possession",
            "--reform",
            path.to_str().unwrap(),
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        check(&name, &output, &expect);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{name}: a refused run left {left:?}");
    }
}

#[test]
fn huge_fields_give_short_messages_quickly() {
    // Generated, not stored: a 3 MB jurisdiction code in a dataset, a 5 MB offence in a case
    // JSON, a 2 MB field in a case file. Messages quote the value shortened.
    let huge = |n: usize| "Q".repeat(n);
    let scratch = Scratch::new();
    scratch.append(
        "parties.csv",
        &format!("ex_pact,{},,2011,,2012,,ex_treaty_office,", huge(3_000_000)),
    );
    let output = lacuna(&["validate", scratch.path().to_str().unwrap()]);
    let all = check(
        "generated: 3 MB code in parties.csv",
        &output,
        &Expect {
            exit: 1,
            contains: vec![
                "unknown jurisdiction code `QQQQ".to_string(),
                "characters left out".to_string(),
            ],
            rejects: vec![],
        },
    );
    assert!(all.len() < 5_000, "{} bytes of messages", all.len());

    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.json");
    std::fs::write(
        &case,
        format!(
            r#"{{"offence": "{}", "offender_nationality": "XAL", "victim_nationality": "XBO"}}"#,
            huge(5_000_000)
        ),
    )
    .unwrap();
    let output = lacuna(&[
        "case",
        examples_dir().to_str().unwrap(),
        "--case",
        case.to_str().unwrap(),
    ]);
    let all = check(
        "generated: 5 MB offence in a case JSON",
        &output,
        &Expect {
            exit: 2,
            contains: vec!["unknown offence `QQQQ".to_string()],
            rejects: vec![],
        },
    );
    assert!(all.len() < 5_000, "{} bytes of messages", all.len());

    let cases = dir.path().join("cases.csv");
    std::fs::write(
        &cases,
        format!(
            "id,offence,offender_nationality,victim_nationality\nA,csam_production,{},XBO\n",
            huge(2_000_000)
        ),
    )
    .unwrap();
    let out = dir.path().join("r.csv");
    let output = lacuna(&[
        "batch",
        cases.to_str().unwrap(),
        "--dataset",
        examples_dir().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    check(
        "generated: 2 MB field in a case file",
        &output,
        &Expect {
            // The only row is rejected: past --max-rejected, so exit code 3.
            exit: 3,
            contains: vec!["1 rejected".to_string()],
            rejects: vec![],
        },
    );
    let rejects = std::fs::read_to_string(dir.path().join("r_rejects.csv")).unwrap();
    assert!(
        rejects.contains("characters left out"),
        "{}",
        &rejects[..200]
    );
    assert!(rejects.len() < 2_000, "{} bytes of rejects", rejects.len());
}
