//! The advocacy brief: a golden Markdown brief on the example dataset, and HTML escaping of
//! hostile strings in the data.

use crate::util::*;

#[test]
fn brief_on_the_example_dataset_matches_its_golden_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = lacuna(&[
        "brief",
        examples_dir().to_str().unwrap(),
        "--offence",
        "livestream_attending",
        "--as-of",
        "2021-01-01",
        "--out",
        dir.path().to_str().unwrap(),
        "--no-charts",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let markdown = std::fs::read_to_string(dir.path().join("brief.md")).unwrap();
    // Every finding carries its citation, and the caveat and provenance are there.
    for line in markdown
        .lines()
        .filter(|l| l.starts_with("- ") && !l.starts_with("- \\["))
    {
        assert!(
            line.trim_end().ends_with(']'),
            "a finding without citation: {line}"
        );
    }
    assert!(markdown.contains("ILLUSTRATIVE DATASET"));
    assert!(markdown.contains("law as of 2021-01-01"));
    assert!(markdown.contains("## How much is known"));
    assert!(markdown.contains("\\[ex\\_dunmark\\_act\\] Dunmark Child Protection Act (fictional)"));
    golden("brief_examples.md", &markdown);
    let html = std::fs::read_to_string(dir.path().join("brief.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h2>Pairs that fail, and why</h2>"));
}

#[test]
fn hostile_strings_in_the_data_are_escaped_in_html_and_markdown() {
    // A source address that is a script, markup in a source title and in a state name.
    let scratch = Scratch::hostile();
    let dir = tempfile::tempdir().unwrap();
    let output = lacuna(&[
        "brief",
        scratch.path().to_str().unwrap(),
        "--offence",
        "livestream_attending",
        "--as-of",
        "2021-01-01",
        "--out",
        dir.path().to_str().unwrap(),
        "--no-charts",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("brief.html")).unwrap();
    assert!(!html.contains("<script>"), "raw script tag in the brief");
    assert!(!html.contains("<img src=x"), "raw img tag in the brief");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Act&quot;"),
        "escaped title missing"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "escaped name missing"
    );
    assert!(
        !html.contains("href=\"javascript"),
        "live javascript: link in the brief"
    );
    assert!(
        html.contains("javascript:alert(document.cookie)"),
        "the address is still shown as text"
    );
    let markdown = std::fs::read_to_string(dir.path().join("brief.md")).unwrap();
    assert!(
        !markdown.contains("<script>"),
        "raw script tag in the Markdown brief"
    );
    assert!(
        !markdown.contains("<img src=x"),
        "raw img tag in the Markdown brief"
    );
    assert!(
        !markdown.contains("<javascript:"),
        "javascript: autolink in the Markdown brief"
    );
}

/// With case-volume weights, the pairs that fail are ordered by the weight of the pairs they
/// concern, not by state code; without weights, equal findings are said to be ties.
#[test]
fn failing_pairs_in_the_brief_are_ordered_by_case_volume() {
    let dir = tempfile::tempdir().unwrap();
    let weights = dir.path().join("weights.csv");
    // Dunmark's offenders weigh most, then Caledra's, then Aldoria's.
    std::fs::write(&weights, "code,weight\nXDU,300\nXCA,20\nXAL,1\n").unwrap();
    let brief = |extra: &[&str]| {
        let out = dir.path().join(format!("out{}", extra.len()));
        let examples = examples_dir();
        let mut args = vec![
            "brief",
            examples.to_str().unwrap(),
            "--offence",
            "all",
            "--as-of",
            "2021-01-01",
            "--no-charts",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let output = lacuna(&args);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let markdown = std::fs::read_to_string(out.join("brief.md")).unwrap();
        let section = markdown
            .split("## Pairs that fail, and why")
            .nth(1)
            .unwrap()
            .split("\n## ")
            .next()
            .unwrap()
            .to_string();
        section
    };
    let order = |section: &str| -> Vec<String> {
        section
            .lines()
            .filter_map(|l| l.split("by a national of ").nth(1))
            .map(|rest| rest.split(' ').next().unwrap().to_string())
            .collect()
    };
    let unweighted = brief(&[]);
    assert_eq!(order(&unweighted), ["Aldoria", "Caledra", "Dunmark"]);
    assert!(unweighted.contains("concerns as many pairs as the finding before: a tie, not a rank"));
    let weighted = brief(&[
        "--weights",
        weights.to_str().unwrap(),
        "--weight-side",
        "offender",
    ]);
    assert_eq!(
        order(&weighted),
        ["Dunmark", "Caledra", "Aldoria"],
        "{weighted}"
    );
    assert!(
        weighted.contains("Case volume: XDU weighs 300 in weights"),
        "{weighted}"
    );
    assert!(!weighted.contains("a tie, not a rank"));
}
