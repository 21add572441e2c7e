//! Analyses on the example dataset: exposure checked by hand, a reform checked pair by pair,
//! the greedy plan, reform files, the incremental workspace against full rebuilds, timelines.

use crate::util::*;
use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope as StateScope};
use lacuna::analysis::reforms::{
    candidates, effect, greedy_plan, pair_verdict, rank, verdicts, Scope, Workspace,
};
use lacuna::analysis::zones::zones;
use lacuna::data::{parse_reforms, write_reforms};
use lacuna::graph::CooperationGraph;
use lacuna::model::*;
use lacuna::rules::{Law, Verdict};
use lacuna::snapshot::Snapshot;

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn code(d: &Dataset, j: JurisdictionId) -> &str {
    &d.jurisdiction(j).code
}

#[test]
fn exposure_to_attending_matches_the_hand_count() {
    // In 2021 only Dunmark fails to criminalise attending. A viewer in Dunmark cannot be tried
    // there, and no state can get him: extradition needs the act to be a crime in Dunmark.
    // So every other state is exposed to 1 of its 4 partners (25%); Dunmark to none.
    let loaded = load_examples();
    let d = &loaded.dataset;
    let snapshot = Snapshot::new(d, day("2021-01-01"), EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let states = scope_members(d, StateScope::States);
    let attending = d.offence_id("livestream_attending").unwrap();
    let matrix = gap_matrix(
        &law,
        &lacuna::analysis::gaps::PairQuestion::remote(),
        &[attending],
        &states,
    );
    let impunity: Vec<(&str, &str)> = matrix
        .pairs
        .iter()
        .filter(|p| p.verdict == Verdict::Impunity)
        .map(|p| (code(d, p.offender_state), code(d, p.victim_state)))
        .collect();
    assert_eq!(
        impunity,
        [
            ("XDU", "XAL"),
            ("XDU", "XBO"),
            ("XDU", "XCA"),
            ("XDU", "XES")
        ]
    );
    let zones = zones(d, &matrix, None);
    for e in &zones.exposure {
        let expected = if code(d, e.state) == "XDU" { 0.0 } else { 0.25 };
        assert_eq!(
            (e.lower, e.upper),
            (expected, expected),
            "{}",
            code(d, e.state)
        );
    }
    // The four impunity pairs all touch Dunmark: one connected group of five states.
    let certain: Vec<_> = zones
        .components
        .iter()
        .filter(|c| c.kind == "certain")
        .collect();
    assert_eq!(certain.len(), 1);
    assert_eq!(certain[0].states.len(), 5);
}

#[test]
fn dunmark_criminalising_attending_closes_its_four_pairs() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let attending = d.offence_id("livestream_attending").unwrap();
    let dunmark = d.jurisdiction_id("XDU").unwrap();
    let scope = Scope {
        question: lacuna::analysis::gaps::PairQuestion::remote(),
        offences: vec![attending],
        states: scope_members(d, StateScope::States),
    };
    let mut workspace = Workspace::new(Snapshot::new(
        d,
        day("2021-01-01"),
        EvidenceLevel::TreatyObligation,
    ));
    let baseline = verdicts(&Law::on(&workspace.snapshot, &workspace.graph), &scope);
    let reform = Reform::criminalise(d, dunmark, attending);
    let result = effect(&mut workspace, &scope, &baseline, &reform, None);
    assert_eq!((result.impunity_closed, result.made_prosecutable), (4, 4));
    // Pair by pair: with the reform, Dunmark prosecutes its own viewers (territorial).
    workspace.apply(reform);
    let law = Law::on(&workspace.snapshot, &workspace.graph);
    for &victim in &scope.states {
        if victim != dunmark {
            assert_eq!(
                pair_verdict(
                    &law,
                    &lacuna::analysis::gaps::PairQuestion::remote(),
                    attending,
                    dunmark,
                    victim
                ),
                Verdict::Prosecutable,
                "XDU -> {}",
                code(d, victim)
            );
        }
    }
    // Taking the reform back restores the baseline.
    workspace.undo();
    let law = Law::on(&workspace.snapshot, &workspace.graph);
    for &victim in &scope.states {
        if victim != dunmark {
            assert_eq!(
                pair_verdict(
                    &law,
                    &lacuna::analysis::gaps::PairQuestion::remote(),
                    attending,
                    dunmark,
                    victim
                ),
                Verdict::Impunity
            );
        }
    }
}

#[test]
fn the_workspace_agrees_with_a_full_rebuild_for_every_candidate_reform() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let scope = Scope {
        question: lacuna::analysis::gaps::PairQuestion::remote(),
        offences: d.offence_ids().collect(),
        states: scope_members(d, StateScope::States),
    };
    let when = day("2021-01-01");
    let mut workspace = Workspace::new(Snapshot::new(d, when, EvidenceLevel::TreatyObligation));
    let baseline = verdicts(&Law::on(&workspace.snapshot, &workspace.graph), &scope);
    let reforms = candidates(&workspace, &scope, &baseline);
    assert!(reforms.len() > 20);
    for reform in reforms {
        workspace.apply(reform.clone());
        let incremental = verdicts(&Law::on(&workspace.snapshot, &workspace.graph), &scope);
        workspace.undo();
        let rebuilt_snapshot = Snapshot::with_reforms(
            d,
            when,
            EvidenceLevel::TreatyObligation,
            vec![reform.clone()],
        );
        let rebuilt_graph = CooperationGraph::build(&rebuilt_snapshot);
        let rebuilt = verdicts(&Law::on(&rebuilt_snapshot, &rebuilt_graph), &scope);
        for &o in &scope.offences {
            for &a in &scope.states {
                for &b in &scope.states {
                    assert_eq!(
                        incremental.get(o, a, b),
                        rebuilt.get(o, a, b),
                        "{} for {} {}->{}",
                        reform.label,
                        d.offence(o).code,
                        code(d, a),
                        code(d, b)
                    );
                }
            }
        }
    }
    // And the workspace is back to the baseline.
    let after = verdicts(&Law::on(&workspace.snapshot, &workspace.graph), &scope);
    assert_eq!(after.impunity_bounds(), baseline.impunity_bounds());
}

#[test]
fn reforms_only_ever_help_and_are_ranked_best_first() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let scope = Scope {
        question: lacuna::analysis::gaps::PairQuestion::remote(),
        offences: d.offence_ids().collect(),
        states: scope_members(d, StateScope::States),
    };
    let mut workspace = Workspace::new(Snapshot::new(
        d,
        day("2021-01-01"),
        EvidenceLevel::TreatyObligation,
    ));
    let (_, effects) = rank(&mut workspace, &scope, None, |_, _| {});
    let keys: Vec<(usize, usize)> = effects
        .iter()
        .map(|e| (e.impunity_closed, e.made_prosecutable))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted);
    assert!(effects[0].impunity_closed > 0);
}

#[test]
fn the_greedy_plan_gains_do_not_increase_and_shrink_impunity() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let scope = Scope {
        question: lacuna::analysis::gaps::PairQuestion::remote(),
        offences: d.offence_ids().collect(),
        states: scope_members(d, StateScope::States),
    };
    let mut workspace = Workspace::new(Snapshot::new(
        d,
        day("2021-01-01"),
        EvidenceLevel::TreatyObligation,
    ));
    let start = verdicts(&Law::on(&workspace.snapshot, &workspace.graph), &scope).impunity_bounds();
    let plan = greedy_plan(&mut workspace, &scope, None, 4, |_, _| {});
    assert!(plan.len() >= 2, "{plan:?}");
    for pair in plan.windows(2) {
        assert!(
            pair[0].effect.impunity_closed >= pair[1].effect.impunity_closed,
            "{plan:?}"
        );
    }
    let mut previous = start.0;
    for step in &plan {
        assert_eq!(
            step.impunity_after.0,
            previous - step.effect.impunity_closed
        );
        previous = step.impunity_after.0;
    }
}

#[test]
fn reform_files_round_trip_and_report_errors_with_positions() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let reforms = vec![
        Reform::criminalise(
            d,
            d.jurisdiction_id("XDU").unwrap(),
            d.offence_id("livestream_attending").unwrap(),
        ),
        Reform::ratify(
            d,
            d.jurisdiction_id("XES").unwrap(),
            d.instrument_id("ex_pact").unwrap(),
        ),
        Reform::drop_double_criminality(d, d.jurisdiction_id("XAL").unwrap()),
        Reform::extradite_nationals(d, d.jurisdiction_id("XAL").unwrap()),
        Reform::bilateral_mla(
            d,
            d.jurisdiction_id("XBO").unwrap(),
            d.jurisdiction_id("XDU").unwrap(),
        ),
    ];
    let text = write_reforms(d, &reforms);
    assert_eq!(parse_reforms("plan.csv", &text, d).unwrap(), reforms);
    let bad = "reform,jurisdiction,offence,instrument,other,rule,value,label\ncriminalise,XDU,livestream_atending,,,,,\nratify,TN,,ex_pact,,,,\n";
    let error = parse_reforms("plan.csv", bad, d).unwrap_err();
    let places: Vec<String> = error.diagnostics.iter().map(|e| e.location()).collect();
    assert_eq!(places, ["plan.csv:2:3", "plan.csv:3:2"]);
}

#[test]
fn a_reform_file_changes_what_every_command_sees() {
    let scratch = tempfile::tempdir().unwrap();
    let reform = scratch.path().join("reform.csv");
    std::fs::write(&reform, "reform,jurisdiction,offence,instrument,other,rule,value,label\ncriminalise,XDU,livestream_attending,,,,,Dunmark reform\n").unwrap();
    let examples = examples_dir();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "case",
            examples.to_str().unwrap(),
            "--offence",
            "livestream_attending",
            "--offender-nationality",
            "XDU",
            "--victim-nationality",
            "XBO",
            "--as-of",
            "2021-01-01",
        ];
        args.extend_from_slice(extra);
        stdout(&lacuna(&args))
    };
    assert!(run(&[]).contains("Verdict: IMPUNITY"));
    let reformed = run(&["--reform", reform.to_str().unwrap()]);
    assert!(
        reformed.contains("Verdict: PROSECUTABLE: XDU can prosecute"),
        "{reformed}"
    );
    assert!(
        reformed.contains("hypothetical reform: Dunmark reform"),
        "{reformed}"
    );
}

#[test]
fn the_timeline_sees_borovias_reform_and_caledra_joining() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let states = scope_members(d, StateScope::States);
    let attending = d.offence_id("livestream_attending").unwrap();
    let impunity = |when: &str| {
        let snapshot = Snapshot::new(d, day(when), EvidenceLevel::TreatyObligation);
        let graph = CooperationGraph::build(&snapshot);
        let matrix = gap_matrix(
            &Law::on(&snapshot, &graph),
            &lacuna::analysis::gaps::PairQuestion::remote(),
            &[attending],
            &states,
        );
        let points = lacuna::analysis::time::year_points(d, 0, &matrix);
        (points[0].tally.impunity, points[0].tally.unknown)
    };
    let (before, _) = impunity("2018-12-31");
    let (after, _) = impunity("2021-12-31");
    assert!(before > after, "{before} -> {after}");
    assert_eq!(after, 4);
}

#[test]
fn diff_lists_the_pairs_that_changed_and_why() {
    let output = lacuna(&[
        "diff",
        examples_dir().to_str().unwrap(),
        "--as-of",
        "2018-12-31",
        "--vs",
        "2021-12-31",
        "--offence",
        "livestream_attending",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("  impunity     -> prosecutable       4\n"),
        "{text}"
    );
    // Borovia's viewers: prosecutable from the 2019 reform on.
    assert!(
        text.contains("livestream_attending XBO -> XAL: impunity -> prosecutable (XBO lost NOT_CRIMINALISED; XAL lost EXTRADITION_DOUBLE_CRIMINALITY, MLA_DOUBLE_CRIMINALITY)"),
        "{text}"
    );
}

#[test]
fn ratifying_an_instrument_brings_its_obligations() {
    // Regression: a state made a party by a reform must inherit the instrument's
    // obligations (Dunmark has no own fact on livestream_facilitation; the Pact obliges it).
    let loaded = load_examples();
    let d = &loaded.dataset;
    let dunmark = d.jurisdiction_id("XDU").unwrap();
    let facilitation = d.offence_id("livestream_facilitation").unwrap();
    let pact = d.instrument_id("ex_pact").unwrap();
    let before = Snapshot::new(d, day("2021-01-01"), EvidenceLevel::TreatyObligation);
    assert_eq!(
        before.criminalisation(dunmark, facilitation).value.status,
        CriminalisationStatus::Unknown
    );
    let after = Snapshot::with_reforms(
        d,
        day("2021-01-01"),
        EvidenceLevel::TreatyObligation,
        vec![Reform::ratify(d, dunmark, pact)],
    );
    let resolved = after.criminalisation(dunmark, facilitation);
    assert_eq!(resolved.value.status, CriminalisationStatus::Criminalised);
    assert!(
        resolved
            .basis
            .contains(&lacuna::snapshot::FactRef::Reform(0)),
        "{:?}",
        resolved.basis
    );
    // And its channels: the Pact now links Dunmark with Aldoria.
    let graph = CooperationGraph::build(&after);
    assert_eq!(
        graph.channel(
            d.jurisdiction_id("XAL").unwrap(),
            dunmark,
            Channel::Preservation
        ),
        Truth::Yes
    );
}

/// Scenarios make the pair matter (issue 14): cells of the example dataset, checked by hand,
/// where nationals not extradited, a missing extradition or assistance channel, and double
/// criminality for assistance decide the verdict, not the offender's state's law alone.
#[test]
fn scenario_cells_are_decided_by_the_pair() {
    use lacuna::analysis::gaps::{gap_matrix, PairQuestion};
    use lacuna::rules::BarrierCode::*;
    let loaded = load_examples();
    let d = &loaded.dataset;
    let snapshot = Snapshot::new(d, day("2021-06-01"), EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    let law = Law::on(&snapshot, &graph);
    let states: Vec<_> = ["XAL", "XBO", "XCA", "XDU", "XES"]
        .iter()
        .map(|c| d.jurisdiction_id(c).unwrap())
        .collect();
    let cell = |scenario: &str, offence: &str, a: &str, b: &str| {
        let question = PairQuestion::new(lacuna::data::scenario_named(scenario).unwrap(), None);
        let offence = d.offence_id(offence).unwrap();
        let matrix = gap_matrix(&law, &question, &[offence], &states);
        *matrix
            .pairs
            .iter()
            .find(|p| {
                p.offender_state == d.jurisdiction_id(a).unwrap()
                    && p.victim_state == d.jurisdiction_id(b).unwrap()
            })
            .unwrap()
    };
    // Travelling: an Aldorian produces material in Estmere and flies home. Aldoria could try
    // its national, but cannot get the evidence from Estmere (which assists only under a
    // treaty, and shares none with Aldoria); Estmere cannot get him (Aldoria extradites
    // nationals to no one, and no treaty links them).
    let pair = cell("travelling", "csam_production", "XAL", "XES");
    assert_eq!(pair.verdict, Verdict::Impunity);
    assert!(pair.offender_state_barriers.contains(NoMlaChannel));
    assert!(pair.victim_state_barriers.contains(NationalsNotExtradited));
    assert!(pair.victim_state_barriers.contains(NoExtraditionChannel));
    // Remote: a Caledran grooms a Borovian child online from Caledra, which does not
    // criminalise it; Borovia needs Caledra's evidence, and Caledra assists only where the
    // conduct is a crime there.
    let pair = cell("remote", "grooming_online_only", "XCA", "XBO");
    assert_eq!(pair.verdict, Verdict::Impunity);
    assert!(pair.victim_state_barriers.contains(MlaDoubleCriminality));
    // Fled: a Caledran abuses a Caledran child at home and is found in Aldoria; Caledra's
    // reservation cuts the Pact as a basis for extradition, so no channel brings him back.
    let pair = cell("fled", "csam_production", "XAL", "XCA");
    assert!(pair.victim_state_barriers.contains(NoExtraditionChannel));
    assert_ne!(pair.verdict, Verdict::Prosecutable);
    // The same pair in the remote scenario: Aldoria prosecutes its own national at home.
    assert_eq!(
        cell("remote", "csam_production", "XAL", "XCA").verdict,
        Verdict::Prosecutable
    );
}

/// Ties are groups (issue 14): reforms taking the same action with the same gains form one
/// group, labelled with its members; a different gain or action stays apart.
#[test]
fn reforms_with_the_same_effect_form_one_group() {
    use lacuna::analysis::reforms::{group_effects, Effect};
    let effect = |label: &str, kind: ReformKind, closed: usize, made: usize| Effect {
        reform: Reform {
            kind,
            label: label.to_string(),
            changes: Vec::new(),
        },
        impunity_closed: closed,
        made_prosecutable: made,
        weighted: 0.0,
    };
    let effects = vec![
        effect(
            "CHE criminalises grooming_online_only",
            ReformKind::Criminalise,
            194,
            194,
        ),
        effect(
            "ECU criminalises grooming_online_only",
            ReformKind::Criminalise,
            194,
            194,
        ),
        effect(
            "CHL criminalises livestream_attending",
            ReformKind::Criminalise,
            194,
            194,
        ),
        effect("BRB ratifies lanzarote", ReformKind::Ratify, 0, 1358),
        effect("KNA ratifies lanzarote", ReformKind::Ratify, 0, 1358),
        effect("LBR ratifies lanzarote", ReformKind::Ratify, 0, 1358),
        effect("SOM ratifies lanzarote", ReformKind::Ratify, 0, 1200),
    ];
    let groups = group_effects(&effects);
    let labels: Vec<String> = groups.iter().map(|g| g.label(2)).collect();
    assert_eq!(
        labels,
        [
            "any one of 2 states criminalises grooming_online_only (CHE, ECU)",
            "CHL criminalises livestream_attending",
            "any one of 3 states ratifies lanzarote (BRB, KNA, and 1 more)",
            "SOM ratifies lanzarote",
        ]
    );
}

/// Research priorities (issue 14): the top unknown fact, once answered in a reform file,
/// settles exactly as many unknown verdicts as the ranking said, either way.
#[test]
fn the_top_research_priority_settles_what_it_promises() {
    use lacuna::analysis::gaps::PairQuestion;
    use lacuna::analysis::priorities::priorities;
    let loaded = load_examples();
    let d = &loaded.dataset;
    let offence = d.offence_id("csam_access").unwrap();
    let scope = Scope {
        question: PairQuestion::remote(),
        offences: vec![offence],
        states: scope_members(d, StateScope::States),
    };
    let snapshot = Snapshot::new(d, day("2021-06-01"), EvidenceLevel::TreatyObligation);
    let unknown_count = |reforms: Vec<Reform>| {
        let snapshot = Snapshot::with_reforms(
            d,
            day("2021-06-01"),
            EvidenceLevel::TreatyObligation,
            reforms,
        );
        let graph = CooperationGraph::build(&snapshot);
        let law = Law::on(&snapshot, &graph);
        let matrix = gap_matrix(&law, &PairQuestion::remote(), &[offence], &scope.states);
        matrix
            .pairs
            .iter()
            .filter(|p| p.verdict == Verdict::Unknown)
            .count()
    };
    let before = unknown_count(Vec::new());
    let mut workspace = Workspace::new(snapshot);
    let ranked = priorities(&mut workspace, &scope, None, |_, _| {});
    let top = ranked.first().expect("some unknown fact matters");
    assert!(top.settled_either_way() > 0);
    // The answers written as a reform file and read back, as a user would apply them.
    for (side, answer) in top.answers.iter().enumerate() {
        let text = write_reforms(d, std::slice::from_ref(answer));
        let reforms = parse_reforms("answer.csv", &text, d).unwrap();
        assert_eq!(
            before - unknown_count(reforms),
            top.settled_if[side],
            "{}",
            answer.label
        );
    }
    // The workspace is left as it was found.
    assert!(workspace.snapshot.reforms().is_empty());
}
