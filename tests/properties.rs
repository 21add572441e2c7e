//! Properties of the logic: Kleene monotonicity (resolving unknown facts never flips a definite
//! verdict), exact bounds, and inheritance by sub-national units.

use crate::util::*;
use lacuna::graph::CooperationGraph;
use lacuna::model::*;
use lacuna::rules::{evaluate, Birthday, Case, Law, Verdict};
use lacuna::snapshot::Snapshot;
use proptest::prelude::*;

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A tiny deterministic generator for resolution choices.
struct Choices(u64);

impl Choices {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Leave about half the unknowns alone; resolve the rest either way.
    fn partial(&mut self) -> Option<bool> {
        match self.next() % 4 {
            0 | 1 => None,
            2 => Some(true),
            _ => Some(false),
        }
    }
}

const DAYS: [&str; 5] = [
    "2009-01-01",
    "2011-06-01",
    "2016-03-01",
    "2019-12-01",
    "2021-06-01",
];

prop_compose! {
    fn any_case()(
        offence in 0u32..9,
        places in proptest::collection::vec(0u32..6, 6),
        optional in proptest::collection::vec(any::<bool>(), 3),
        age in 10u8..18,
        conduct in 0usize..5,
        later in 0usize..5,
    ) -> Case {
        let j = |i: u32| JurisdictionId(i);
        let conduct_day = day(DAYS[conduct]);
        let prosecution_day = day(DAYS[conduct.max(later)]);
        Case {
            offence: OffenceId(offence),
            offender_nationality: j(places[0]),
            offender_location: j(places[1]),
            // Found where he acted, or back in his own state.
            custody_location: if later % 2 == 0 { j(places[1]) } else { j(places[0]) },
            offender_residence: optional[0].then_some(j(places[2])),
            victim_nationality: j(places[3]),
            victim_location: j(places[4]),
            victim_age: age,
            facilitator_location: optional[1].then_some(j(places[5])),
            evidence_location: optional[2].then_some(j(places[2])),
            conduct_date: conduct_day,
            prosecution_date: prosecution_day,
        }
    }
}

/// Evaluates a case with every unknown fact optionally resolved by `choose`.
fn verdicts(
    dataset: &Dataset,
    case: &Case,
    mut choose: impl FnMut() -> Option<bool>,
) -> (Verdict, Vec<Truth>) {
    let mut conduct = Snapshot::new(dataset, case.conduct_date, EvidenceLevel::TreatyObligation);
    let mut prosecution = Snapshot::new(
        dataset,
        case.prosecution_date,
        EvidenceLevel::TreatyObligation,
    );
    let mut graph = CooperationGraph::build(&prosecution);
    conduct.resolve_unknowns(&mut choose);
    prosecution.resolve_unknowns(&mut choose);
    graph.resolve_unknowns(&mut choose);
    let mut law = Law::new(&conduct, &prosecution, &graph);
    // The victim's 18th birthday is an unknown of the case, resolved like the facts: in
    // favour of prosecution, the latest day (a period from majority ends latest).
    law.birthday = match choose() {
        None => Birthday::Unknown,
        Some(true) => Birthday::Latest,
        Some(false) => Birthday::Earliest,
    };
    let evaluation = evaluate(&law, case);
    (
        evaluation.verdict,
        evaluation.states.iter().map(|s| s.can_prosecute).collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn resolving_unknown_facts_never_flips_a_definite_answer(case in any_case(), seed in 1u64..u64::MAX) {
        let loaded = load_examples();
        let d = &loaded.dataset;
        let (before, states_before) = verdicts(d, &case, || None);
        let mut choices = Choices(seed);
        let (after, states_after) = verdicts(d, &case, || choices.partial());
        if before != Verdict::Unknown {
            prop_assert_eq!(before, after);
        }
        for (b, a) in states_before.iter().zip(&states_after) {
            if !b.is_unknown() {
                prop_assert_eq!(b, a);
            }
        }
    }

    #[test]
    fn bounds_are_exact(case in any_case()) {
        let loaded = load_examples();
        let d = &loaded.dataset;
        let (kleene, _) = verdicts(d, &case, || None);
        let (favour, _) = verdicts(d, &case, || Some(true));
        let (against, _) = verdicts(d, &case, || Some(false));
        prop_assert_ne!(favour, Verdict::Unknown);
        prop_assert_ne!(against, Verdict::Unknown);
        prop_assert_eq!(favour == Verdict::Prosecutable, kleene != Verdict::Impunity);
        prop_assert_eq!(against == Verdict::Prosecutable, kleene == Verdict::Prosecutable);
    }
}

#[test]
fn a_unit_inherits_its_states_facts_unless_it_states_its_own() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let aldoria = d.jurisdiction_id("XAL").unwrap();
    let north = d.jurisdiction_id("XA-N").unwrap();
    let production = d.offence_id("csam_production").unwrap();
    let grooming = d.offence_id("grooming_online_only").unwrap();
    let snapshot = Snapshot::new(d, day("2021-01-01"), EvidenceLevel::TreatyObligation);
    // Treaty-inferred criminalisation and rules come from the state.
    let inherited = snapshot.criminalisation(north, production);
    assert_eq!(
        inherited.value,
        snapshot.criminalisation(aldoria, production).value
    );
    assert_eq!(inherited.inherited_from, Some(aldoria));
    let extradites = snapshot.rule(north, production, RuleKind::ExtraditesNationals);
    assert_eq!(extradites.value, RuleValue::Truth(Truth::No));
    assert_eq!(extradites.inherited_from, Some(aldoria));
    // Its own statute makes online-only grooming criminal where the state's law does not...
    assert_eq!(
        snapshot.criminalisation(aldoria, grooming).value.status,
        CriminalisationStatus::NotCriminalised
    );
    assert_eq!(
        snapshot.criminalisation(north, grooming).value.status,
        CriminalisationStatus::Criminalised
    );
    // ...but only from 2018; before, it inherits the state's not_criminalised.
    let before = Snapshot::new(d, day("2017-06-01"), EvidenceLevel::TreatyObligation);
    assert_eq!(
        before.criminalisation(north, grooming).value.status,
        CriminalisationStatus::NotCriminalised
    );
    assert_eq!(
        before.criminalisation(north, grooming).inherited_from,
        Some(aldoria)
    );
}

#[test]
fn a_direct_fact_wins_over_a_treaty_obligation() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    // Borovia is bound by the Pact (which obliges it to criminalise attending) but its own
    // law, per the review, did not until mid-2019.
    let borovia = d.jurisdiction_id("XBO").unwrap();
    let attending = d.offence_id("livestream_attending").unwrap();
    let snapshot = Snapshot::new(d, day("2018-01-01"), EvidenceLevel::TreatyObligation);
    let resolved = snapshot.criminalisation(borovia, attending);
    assert_eq!(
        resolved.value.status,
        CriminalisationStatus::NotCriminalised
    );
    assert_eq!(resolved.evidence, Some(EvidenceLevel::Assessment));
}

#[test]
fn the_minimum_evidence_level_drops_weaker_facts() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let caledra = d.jurisdiction_id("XCA").unwrap();
    let aldoria = d.jurisdiction_id("XAL").unwrap();
    let attending = d.offence_id("livestream_attending").unwrap();
    let all = Snapshot::new(d, day("2021-01-01"), EvidenceLevel::TreatyObligation);
    let statute = Snapshot::new(d, day("2021-01-01"), EvidenceLevel::Statute);
    assert_eq!(
        all.criminalisation(aldoria, attending).value.status,
        CriminalisationStatus::Criminalised
    );
    assert_eq!(
        statute.criminalisation(aldoria, attending).value.status,
        CriminalisationStatus::Unknown
    );
    let production = d.offence_id("csam_production").unwrap();
    assert_eq!(
        statute.criminalisation(caledra, production).value.status,
        CriminalisationStatus::Criminalised
    );
}
