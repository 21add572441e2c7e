//! Charts: every kind renders on the example dataset to PNG and SVG; SVG output is
//! deterministic (golden files, refreshed with UPDATE_EXPECT=1); the world map's ISO join
//! covers every state.

use crate::util::*;
use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope};
use lacuna::graph::CooperationGraph;
use lacuna::model::EvidenceLevel;
use lacuna::report::chart_data;
use lacuna::report::charts::{self, Shapes};
use lacuna::rules::Law;
use lacuna::snapshot::Snapshot;

fn chart_args(kind: &str) -> Vec<String> {
    let examples = examples_dir().to_str().unwrap().to_string();
    let mut args: Vec<String> = vec![
        "chart".into(),
        kind.into(),
        examples,
        "--as-of".into(),
        "2021-01-01".into(),
    ];
    match kind {
        "map" => args.extend([
            "--offence".into(),
            "livestream_attending".into(),
            "--shapes".into(),
            examples_dir()
                .join("shapes.txt")
                .to_str()
                .unwrap()
                .to_string(),
        ]),
        "heatmap" => args.extend(["--offence".into(), "livestream_attending".into()]),
        "reforms" | "priorities" => args.extend(["--offence".into(), "all".into()]),
        "timeline" => args.extend([
            "--offence".into(),
            "livestream_attending,csam_production".into(),
            "--from".into(),
            "2008".into(),
            "--to".into(),
            "2022".into(),
        ]),
        "network" => args.extend(["--region".into(), "North".into()]),
        _ => unreachable!(),
    }
    args
}

#[test]
fn every_chart_kind_renders_to_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    for kind in [
        "map",
        "heatmap",
        "reforms",
        "priorities",
        "timeline",
        "network",
    ] {
        for extension in ["png", "svg"] {
            let out = dir.path().join(format!("{kind}.{extension}"));
            let mut args = chart_args(kind);
            args.extend(["--out".into(), out.to_str().unwrap().to_string()]);
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = lacuna(&refs);
            assert!(
                output.status.success(),
                "{kind}.{extension}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let bytes = std::fs::read(&out).unwrap();
            match extension {
                "png" => assert!(
                    bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 5_000,
                    "{kind}.png"
                ),
                _ => {
                    let text = String::from_utf8(bytes).unwrap();
                    assert!(text.contains("<svg"), "{kind}.svg");
                    // Title and footer are there.
                    assert!(
                        text.contains("ILLUSTRATIVE (fictional states)"),
                        "{kind}.svg footer"
                    );
                    let day = if kind == "timeline" {
                        "as of 31 December of each year 2008–2022"
                    } else {
                        "as of 2021-01-01"
                    };
                    assert!(text.contains(day), "{kind}.svg footer lacks `{day}`");
                }
            }
        }
    }
    // Only the charts: no temporary files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 12);
}

#[test]
fn svg_charts_are_deterministic() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let day = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let snapshot = Snapshot::new(d, day, EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let states = scope_members(d, Scope::States);
    let attending = d.offence_id("livestream_attending").unwrap();
    let matrix = gap_matrix(
        &law,
        &lacuna::analysis::gaps::PairQuestion::remote(),
        &[attending],
        &states,
    );
    let heatmap = chart_data::heatmap(&snapshot, &matrix, attending);
    let first =
        charts::svg_string((900, 700), |root| charts::heatmap_chart(root, &heatmap)).unwrap();
    let second =
        charts::svg_string((900, 700), |root| charts::heatmap_chart(root, &heatmap)).unwrap();
    assert_eq!(first, second);
    golden("heatmap_examples.svg", &first);
    let network = chart_data::cooperation_network(&snapshot, &graph, &states, "all states");
    let svg = charts::svg_string((900, 700), |root| charts::network_chart(root, &network)).unwrap();
    golden("network_examples.svg", &svg);
}

#[test]
fn the_world_map_has_a_shape_for_every_state() {
    let loaded = lacuna::data::load_world().unwrap();
    let d = &loaded.dataset;
    let states = scope_members(d, Scope::States);
    let missing = Shapes::world().missing(states.iter().map(|s| d.jurisdiction(*s).code.as_str()));
    assert!(missing.is_empty(), "no shape for {missing:?}");
}

#[test]
fn a_missing_shape_is_an_error_naming_the_state() {
    let output = lacuna(&[
        "chart",
        "map",
        examples_dir().to_str().unwrap(),
        "--out",
        "/tmp/never.png",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the map has no shape for XAL, XBO, XCA, XDU, XES"),
        "{stderr}"
    );
}

/// "Safe haven" is a finding about the `fled` scenario only (docs/model.md): no chart or
/// table of another scenario uses the words.
#[test]
fn no_output_of_a_non_fled_scenario_says_safe_haven() {
    let dir = tempfile::tempdir().unwrap();
    let examples = examples_dir();
    for scenario in ["remote", "travelling"] {
        for kind in ["map", "heatmap", "timeline"] {
            let out = dir.path().join(format!("{kind}_{scenario}.svg"));
            let mut args = vec![
                "chart",
                kind,
                examples.to_str().unwrap(),
                "--offence",
                "csam_production",
                "--scenario",
                scenario,
                "--as-of",
                "2021-06-01",
                "--out",
                out.to_str().unwrap(),
            ];
            let shapes = examples.join("shapes.txt");
            if kind == "timeline" {
                args.extend(["--from", "2019", "--to", "2021"]);
            }
            if kind == "map" {
                args.extend(["--shapes", shapes.to_str().unwrap()]);
            }
            let output = lacuna(&args);
            assert!(
                output.status.success(),
                "{kind}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let svg = std::fs::read_to_string(&out).unwrap().to_lowercase();
            assert!(
                !svg.contains("safe haven"),
                "{kind} ({scenario}) says safe haven"
            );
            assert!(
                svg.contains(&format!("scenario {scenario}")),
                "{kind} does not name {scenario}"
            );
            if kind == "map" {
                // The default map keeps the three values apart.
                for class in [
                    "certainly prosecutable with every partner",
                    "some pairs depend on unknown facts",
                    "some pairs certainly in impunity",
                ] {
                    assert!(svg.contains(class), "the map legend lacks `{class}`");
                }
            }
        }
        let gaps = lacuna(&[
            "gaps",
            examples.to_str().unwrap(),
            "--offence",
            "all",
            "--scenario",
            scenario,
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        assert!(gaps.status.success());
        assert!(!crate::util::stdout(&gaps)
            .to_lowercase()
            .contains("safe haven"));
    }
}

/// The priorities chart shows one bar per question and effect: on the world, every state
/// whose attending law is unknown settles the same verdicts, so they are one bar that names
/// how many states it stands for and carries their shared numbers.
#[test]
fn priority_bars_group_a_question_asked_of_many_states() {
    use lacuna::analysis::gaps::PairQuestion;
    use lacuna::analysis::reforms::{Scope as ReformScope, Workspace};
    let world = lacuna::data::load_world().unwrap().dataset;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let scope = ReformScope {
        question: PairQuestion::remote(),
        offences: vec![world.offence_id("livestream_attending").unwrap()],
        states: scope_members(&world, Scope::States),
    };
    let mut workspace = Workspace::new(Snapshot::new(&world, day, EvidenceLevel::TreatyObligation));
    let ranked = lacuna::analysis::priorities::priorities(&mut workspace, &scope, None, |_, _| {});
    let bars = chart_data::priority_bars(&world, &ranked, 15);
    let first = &ranked[0];
    let same = ranked
        .iter()
        .filter(|p| p.settled_if == first.settled_if && p.fact == first.fact)
        .count();
    assert!(same > 1, "the world has many tied questions");
    assert_eq!(bars[0].made_prosecutable, first.settled_if[0]);
    assert_eq!(bars[0].impunity_closed, first.settled_if[1]);
    assert!(
        bars[0].label.starts_with(&format!(
            "each of {same} states: is livestream_attending a crime?"
        )),
        "{}",
        bars[0].label
    );
    // No two bars are the same question with the same numbers.
    for pair in bars.windows(2) {
        assert_ne!(pair[0].label, pair[1].label);
    }
}
