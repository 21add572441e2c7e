//! The atlas (`lacuna site`) and `lacuna compare`: every page's links resolve and no page
//! loads anything from another site; the pair view gives `lacuna case`'s verdict and
//! explanation; and, with `LACUNA_BROWSER_TESTS=1` (set by `.ci/run`, which installs Debian's
//! chromium), the world atlas is opened in headless Chromium with networking disabled.

use crate::util::*;
use std::path::{Path, PathBuf};

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            files.push(path);
        }
    }
    files
}

/// Every `href="…"` and `src="…"` value of a page, with the tag that carries it.
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for attribute in ["href", "src"] {
        let marker = format!(" {attribute}=\"");
        let mut offset = 0;
        while let Some(at) = html[offset..].find(&marker) {
            let start = offset + at + marker.len();
            let end = start + html[start..].find('"').unwrap();
            let tag_start = html[..start].rfind('<').unwrap();
            let tag: String = html[tag_start + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            found.push((tag, html[start..end].replace("&amp;", "&")));
            offset = end;
        }
    }
    found
}

/// Checks a built site: local links resolve; nothing but plain links leaves the site; every
/// page states the dataset and the day.
fn check_site(dir: &Path, dataset: &str, day: &str) {
    let pages = html_files(dir);
    assert!(pages.len() > 5, "{} pages", pages.len());
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(
            html.contains(dataset),
            "{} does not name {dataset}",
            page.display()
        );
        assert!(
            html.contains(day),
            "{} does not give the day",
            page.display()
        );
        assert!(!html.contains("<script>alert"), "{}", page.display());
        for (tag, value) in attributes(&html) {
            if value.starts_with("http://") || value.starts_with("https://") {
                // Only links a reader follows: an <a href>, never a script, image or style.
                assert_eq!(tag, "a", "{} loads {value} in a <{tag}>", page.display());
                continue;
            }
            assert!(
                !value.starts_with("//") && !value.contains(':'),
                "{}: {value}",
                page.display()
            );
            let target = value.split('#').next().unwrap();
            if target.is_empty() {
                continue;
            }
            let resolved = page.parent().unwrap().join(target);
            assert!(resolved.exists(), "{}: broken link {value}", page.display());
        }
    }
}

#[test]
fn the_example_atlas_has_a_page_per_state_and_its_links_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let examples = examples_dir();
    let output = lacuna(&[
        "site",
        examples.to_str().unwrap(),
        "--as-of",
        "2021-01-01",
        "--no-maps",
        "--pair",
        "XDU-XAL",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let states = std::fs::read_dir(out.join("states")).unwrap().count();
    assert_eq!(states, 5, "one page per state of the example dataset");
    check_site(&out, "examples", "2021-01-01");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("ILLUSTRATIVE DATASET"));
    // Dunmark's offenders: certain impunity for attending against its four partners (as the
    // hand-checked analysis test finds).
    let dunmark = std::fs::read_to_string(out.join("states/XDU.html")).unwrap();
    assert!(
        dunmark.contains("livestream_attending</th><td class=\"impunity\">not_criminalised"),
        "{dunmark}"
    );
    // Nothing is left beside the site.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A second run replaces the site whole.
    let again = lacuna(&[
        "site",
        examples.to_str().unwrap(),
        "--as-of",
        "2021-01-01",
        "--no-maps",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    assert!(
        !out.join("pairs/XDU-XAL.html").exists(),
        "the old site's files were left"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_bad_pair_is_refused_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let examples = examples_dir();
    let output = lacuna(&[
        "site",
        examples.to_str().unwrap(),
        "--no-maps",
        "--pair",
        "XDU-XDU",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--pair `XDU-XDU`"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The pair view and `lacuna compare` give, for AUS -> PHL, livestream_attending, scenario
/// remote, exactly the verdict and explanation `lacuna case` gives for that case.
#[test]
fn the_pair_view_gives_the_explanation_of_lacuna_case() {
    let case = lacuna(&[
        "case",
        "--offence",
        "livestream_attending",
        "--offender-nationality",
        "AUS",
        "--victim-nationality",
        "PHL",
        "--facilitator-location",
        "PHL",
        "--evidence-location",
        "AUS",
        "--as-of",
        "2024-06-01",
    ]);
    assert!(case.status.success());
    let case_text = stdout(&case);
    assert!(case_text.contains("Verdict: PROSECUTABLE"), "{case_text}");
    let compared = lacuna(&[
        "compare",
        "AUS",
        "PHL",
        "--as-of",
        "2024-06-01",
        "--scenario",
        "remote",
    ]);
    assert!(
        compared.status.success(),
        "{}",
        String::from_utf8_lossy(&compared.stderr)
    );
    let text = stdout(&compared);
    assert!(
        text.contains(&format!(
            "=== remote livestream_attending, AUS -> PHL ===\n{case_text}"
        )),
        "compare does not carry the case's explanation"
    );
    let html = lacuna(&[
        "compare",
        "AUS",
        "PHL",
        "--as-of",
        "2024-06-01",
        "--scenario",
        "remote",
        "--format",
        "html",
    ]);
    let html = stdout(&html);
    // The explanation itself, then its sources, listed once at the end of the page.
    let (explanation, sources) = case_text.split_once("\nSources:\n").unwrap();
    assert!(html.contains(&lacuna::report::escape::escape_html(explanation)));
    for line in sources.lines() {
        let id = line
            .trim()
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap();
        assert!(
            html.contains(&format!("[{id}]")),
            "source {id} missing from the pair page"
        );
    }
    assert!(!html.contains("<script"), "the pair page needs no script");
    let json = lacuna(&[
        "compare",
        "AUS",
        "PHL",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["schema"], "lacuna.compare/1");
    // Three scenarios × nine offences × both directions.
    assert_eq!(value["cases"].as_array().unwrap().len(), 54);
    let refused = lacuna(&["compare", "AUS", "ZZZ"]);
    assert!(!refused.status.success());
}

fn chromium() -> Option<PathBuf> {
    if std::env::var("LACUNA_BROWSER_TESTS").is_err() {
        eprintln!(
            "skipped: set LACUNA_BROWSER_TESTS=1 with Debian's chromium installed (.ci/run does)"
        );
        return None;
    }
    let path = PathBuf::from("/usr/bin/chromium");
    assert!(
        path.exists(),
        "LACUNA_BROWSER_TESTS is set but /usr/bin/chromium is missing: apt-get install chromium"
    );
    Some(path)
}

/// Runs headless Chromium on a page with networking disabled; returns the DOM after load and
/// the requests the page itself made (from Chromium's net log).
fn open(chromium: &Path, scratch: &Path, url: &str) -> (String, Vec<String>) {
    let net_log = scratch.join("netlog.json");
    let profile = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=http://127.0.0.1:9",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(["--dump-dom", url])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&net_log).unwrap()).unwrap();
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_i64()
        .unwrap();
    // Requests the page made carry its origin as initiator; Chromium's own carry none.
    let requests = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_i64() == Some(start))
        .filter(|e| {
            e["params"]["initiator"]
                .as_str()
                .is_some_and(|i| i != "not an origin")
        })
        .map(|e| e["params"]["url"].as_str().unwrap_or_default().to_string())
        .collect();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        requests,
    )
}

#[test]
fn the_world_atlas_renders_offline_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = lacuna(&[
        "site",
        "--as-of",
        "2024-06-01",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{}", stdout(&output).trim());
    check_site(&out, "world", "2024-06-01");
    let size: u64 = html_files(&out)
        .iter()
        .map(|p| p.metadata().unwrap().len())
        .sum::<u64>();
    assert!(size > 0);
    let total = std::process::Command::new("du")
        .args(["-sb"])
        .arg(&out)
        .output()
        .unwrap();
    let bytes: u64 = String::from_utf8_lossy(&total.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        bytes < 30_000_000,
        "the world atlas is {bytes} bytes (limit 30 MB)"
    );
    let url = |page: &str| format!("file://{}/{page}", out.display());
    // The home page renders its map from the local file.
    let (home, requests) = open(&chromium, dir.path(), &url("index.html"));
    assert!(requests.is_empty(), "index.html requested {requests:?}");
    assert!(
        home.contains("id=\"map\"") && home.contains("data-loaded=\"yes\""),
        "the map did not load"
    );
    // The pair picker shows the verdict of the gap matrix for AUS -> PHL.
    let (pair, requests) = open(
        &chromium,
        dir.path(),
        &url("pair.html#AUS-PHL-livestream_attending-remote"),
    );
    assert!(requests.is_empty(), "pair.html requested {requests:?}");
    assert!(pair.contains("offender from AUS, child of PHL"), "{pair}");
    assert!(pair.contains("Verdict: PROSECUTABLE"), "{pair}");
    assert!(pair.contains("pairs/AUS-PHL.html"));
    // And the picker agrees with `lacuna gaps` for a certain-impunity cell of the world.
    for page in [
        "states/PHL.html",
        "pairs/AUS-PHL.html",
        "downloads/index.html",
        "sources.html",
    ] {
        let (_, requests) = open(&chromium, dir.path(), &url(page));
        assert!(requests.is_empty(), "{page} requested {requests:?}");
    }
}

/// Hostile strings in a dataset (a script in a source title, markup in a state's name, a
/// `javascript:` address, a formula-looking cell) are text on every page of the atlas and
/// in `compare`'s HTML, never markup or a live link.
#[test]
fn hostile_strings_in_the_data_are_text_in_the_atlas() {
    let scratch = Scratch::hostile();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = lacuna(&[
        "site",
        scratch.path().to_str().unwrap(),
        "--as-of",
        "2021-01-01",
        "--no-maps",
        "--pair",
        "XDU-XAL",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut pages = html_files(&out);
    pages.push(out.join("data/verdicts.js"));
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        assert!(
            !text.contains("<script>alert"),
            "{}: raw script",
            page.display()
        );
        assert!(!text.contains("<img src=x"), "{}: raw img", page.display());
        assert!(
            !text.contains("href=\"javascript"),
            "{}: live javascript link",
            page.display()
        );
    }
    let sources = std::fs::read_to_string(out.join("sources.html")).unwrap();
    assert!(
        sources.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Act&quot;")
    );
    assert!(
        sources.contains("javascript:alert(document.cookie)"),
        "the address is shown as text"
    );
    let state = std::fs::read_to_string(out.join("states/XDU.html")).unwrap();
    assert!(state.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // The picker's data cannot close its script element.
    let data = std::fs::read_to_string(out.join("data/verdicts.js")).unwrap();
    assert!(
        !data.contains("</script"),
        "verdicts.js can close a script element"
    );
}
