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
    let scratch = Scratch::new();
    // A source address that is a script, and a citation that is a Markdown link to one.
    scratch.replace(
        "sources.csv",
        "https://example.org/dunmark/act",
        "javascript:alert(document.cookie)",
    );
    scratch.replace(
        "sources.csv",
        "Dunmark Child Protection Act (fictional)",
        "<script>alert('x')</script> & \"Act\"",
    );
    scratch.replace(
        "jurisdictions.csv",
        "XDU,Dunmark,",
        "XDU,<img src=x onerror=alert(1)>,",
    );
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
