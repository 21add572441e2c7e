//! Worked cases on the example dataset, checked by hand: each entry of
//! `tests/cases/worked_cases.json` gives a case, a day, and the verdict, prosecuting states and
//! every candidate state's barriers (`?` = depends on unknown facts), with the reasoning.

use crate::util::*;
use lacuna::data::CaseInput;
use lacuna::graph::CooperationGraph;
use lacuna::model::EvidenceLevel;
use lacuna::rules::{evaluate, explain, Law};
use lacuna::snapshot::Snapshot;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Worked {
    name: String,
    #[allow(dead_code)]
    why: String,
    as_of: String,
    case: CaseInput,
    verdict: String,
    prosecuting: Vec<String>,
    barriers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    bases: BTreeMap<String, Vec<String>>,
}

#[test]
fn worked_cases_match_their_hand_checked_verdicts() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let cases: Vec<Worked> = serde_json::from_str(include_str!("cases/worked_cases.json")).unwrap();
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for worked in &cases {
        let day = lacuna::data::parse_day("as_of", &worked.as_of).unwrap();
        let case = worked
            .case
            .resolve(d, day)
            .unwrap_or_else(|e| panic!("{}: {e}", worked.name));
        let conduct = Snapshot::new(d, case.conduct_date, EvidenceLevel::TreatyObligation);
        let prosecution = Snapshot::new(d, case.prosecution_date, EvidenceLevel::TreatyObligation);
        let graph = CooperationGraph::build(&prosecution);
        let law = Law::new(&conduct, &prosecution, &graph);
        let evaluation = evaluate(&law, &case);
        let explanation = explain(&law, &case, &evaluation);
        let mut actual_barriers = BTreeMap::new();
        let mut actual_bases = BTreeMap::new();
        for state in &explanation.states {
            let mut codes: Vec<String> = state
                .barriers
                .iter()
                .map(|b| format!("{}{}", b.code, if b.certain { "" } else { "?" }))
                .collect();
            codes.sort();
            codes.dedup();
            actual_barriers.insert(state.state.clone(), codes);
            actual_bases.insert(
                state.state.clone(),
                state
                    .bases
                    .iter()
                    .map(|b| b.as_str().to_string())
                    .collect::<Vec<_>>(),
            );
        }
        let mut expected_barriers = worked.barriers.clone();
        for codes in expected_barriers.values_mut() {
            codes.sort();
        }
        let verdict = explanation.verdict.to_string();
        if verdict != worked.verdict
            || explanation.prosecuting_states != worked.prosecuting
            || actual_barriers != expected_barriers
        {
            failures.push(format!(
                "{}\n  expected {} {:?} {:?}\n  actual   {} {:?} {:?}\n{}",
                worked.name,
                worked.verdict,
                worked.prosecuting,
                expected_barriers,
                verdict,
                explanation.prosecuting_states,
                actual_barriers,
                explanation.to_text()
            ));
        }
        for (state, bases) in &worked.bases {
            if actual_bases.get(state) != Some(bases) {
                failures.push(format!(
                    "{}: bases of {state}: expected {bases:?}, got {:?}",
                    worked.name,
                    actual_bases.get(state)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_barrier_code_and_basis_is_exercised_by_a_worked_case() {
    let cases: Vec<Worked> = serde_json::from_str(include_str!("cases/worked_cases.json")).unwrap();
    let seen: Vec<String> = cases
        .iter()
        .flat_map(|c| {
            c.barriers
                .values()
                .flatten()
                .map(|b| b.trim_end_matches('?').to_string())
        })
        .collect();
    for code in lacuna::rules::BarrierCode::ALL {
        assert!(
            seen.contains(&code.to_string()),
            "no worked case for {code}"
        );
    }
    let bases: Vec<&String> = cases
        .iter()
        .flat_map(|c| c.bases.values().flatten())
        .collect();
    for basis in [
        "territorial",
        "nationality",
        "passive_personality",
        "residence",
    ] {
        assert!(
            bases.iter().any(|b| *b == basis),
            "no worked case for the {basis} basis"
        );
    }
}

/// The custody state (issue 14): extradition is asked of the state where the offender is
/// found, and that state may try him under universal jurisdiction. An Aldorian national abuses
/// a Borovian child in Borovia and is found in Dunmark.
#[test]
fn the_custody_state_is_asked_to_extradite_and_may_try_under_universal_jurisdiction() {
    let scratch = Scratch::new();
    let input = CaseInput {
        offence: "csam_production".into(),
        offender_nationality: "XAL".into(),
        offender_location: Some("XBO".into()),
        custody_location: Some("XDU".into()),
        victim_nationality: "XBO".into(),
        victim_location: Some("XBO".into()),
        victim_age: Some(12),
        conduct_date: Some("2021-01-01".into()),
        ..CaseInput::default()
    };
    let run = |scratch: &Scratch| {
        let loaded = scratch.load().expect("valid");
        let d = &loaded.dataset;
        let day = lacuna::data::parse_day("as_of", "2021-01-01").unwrap();
        let case = input.resolve(d, day).unwrap();
        let snapshot = Snapshot::new(d, day, EvidenceLevel::TreatyObligation);
        let graph = CooperationGraph::build(&snapshot);
        let law = Law::on(&snapshot, &graph);
        let evaluation = evaluate(&law, &case);
        explain(&law, &case, &evaluation)
    };
    // Without a universal rule, Dunmark is a candidate (the offender is there) but has no
    // basis; Borovia must ask Dunmark, not Borovia itself, to surrender him.
    let before = run(&scratch);
    let dunmark = before
        .states
        .iter()
        .find(|s| s.state == "XDU")
        .expect("a candidate");
    assert!(dunmark
        .barriers
        .iter()
        .any(|b| b.code.to_string() == "NO_JURISDICTION"));
    let borovia = before.states.iter().find(|s| s.state == "XBO").unwrap();
    assert!(
        borovia
            .barriers
            .iter()
            .all(|b| b.code.to_string() != "NATIONALS_NOT_EXTRADITED"),
        "Dunmark does not refuse Aldorian nationals: {:?}",
        borovia.barriers
    );
    assert!(before
        .to_text()
        .contains("found in XDU when prosecution starts"));
    // Dunmark takes universal jurisdiction without double criminality: it can now try him.
    scratch.append(
        "jurisdiction_rules.csv",
        "XDU,,universal,yes,,,,statute,Code s. 6 (fictional),,ex_dunmark_act,",
    );
    scratch.append(
        "jurisdiction_rules.csv",
        "XDU,,universal_double_criminality,no,,,,statute,Code s. 6 (fictional),,ex_dunmark_act,",
    );
    let after = run(&scratch);
    assert!(
        after.prosecuting_states.contains(&"XDU".to_string()),
        "{}",
        after.to_text()
    );
    let dunmark = after.states.iter().find(|s| s.state == "XDU").unwrap();
    assert_eq!(
        dunmark.bases.iter().map(|b| b.as_str()).collect::<Vec<_>>(),
        ["universal"]
    );
}
