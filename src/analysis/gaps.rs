//! The gap matrix: for one offence, day and scenario, the scenario's case over every ordered
//! pair of states (offender's side A, child's side B) and its verdict. Scenarios
//! (`model::Scenario`, data) say who is where: `remote` (the offender acts from A against a
//! child in B), `travelling` (he offends in B and is back in A), `fled` (a national of B
//! offends in B and is found in A). The child is 14.
//!
//! Every scenario places the offender and the child in A or B, so the candidates are A and B. Because every rule is monotone in each fact, the share of pairs in
//! impunity lies between `impunity` (all unknown facts resolved in favour of prosecution) and
//! `impunity + unknown` (all resolved against it): those are the bounds reported.

use crate::model::*;
use crate::rules::{assess, BarrierSet, Case, Law, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;

/// The victim's age in the standard case.
pub const STANDARD_VICTIM_AGE: u8 = 14;

/// Which jurisdictions form the rows and columns of the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// UN member and observer states.
    States,
    /// States and territories (every sovereign jurisdiction with an M49 region).
    StatesAndTerritories,
}

/// The jurisdictions of a scope, in dataset order.
pub fn scope_members(dataset: &Dataset, scope: Scope) -> Vec<JurisdictionId> {
    dataset
        .jurisdiction_ids()
        .filter(|&j| {
            let jurisdiction = dataset.jurisdiction(j);
            match scope {
                Scope::States => jurisdiction.kind == JurisdictionKind::State,
                Scope::StatesAndTerritories => {
                    jurisdiction.parent.is_none() && jurisdiction.region != "Unassigned"
                }
            }
        })
        .collect()
}

/// The question the pairwise analyses ask of every ordered pair: a scenario (who is where),
/// and for scenarios that say so, the state holding the evidence (`E`; default A).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairQuestion {
    pub scenario: Scenario,
    pub evidence_in: Option<JurisdictionId>,
}

impl PairQuestion {
    /// The `remote` scenario with the evidence in the offender's state: the standard case.
    pub fn remote() -> PairQuestion {
        PairQuestion::new(crate::data::remote_scenario(), None)
    }

    pub fn new(scenario: Scenario, evidence_in: Option<JurisdictionId>) -> PairQuestion {
        PairQuestion {
            scenario,
            evidence_in,
        }
    }

    /// The case of the scenario for an ordered pair (A = offender's side, B = child's side).
    pub fn case(
        &self,
        offence: OffenceId,
        a: JurisdictionId,
        b: JurisdictionId,
        day: chrono::NaiveDate,
    ) -> Case {
        let s = &self.scenario;
        let place = |role| Scenario::state(role, a, b, self.evidence_in);
        // Scenarios are checked to give the offender and the child a state each.
        let place_of = |role| place(role).unwrap_or(a);
        Case {
            offence,
            offender_nationality: place_of(s.offender_nationality),
            offender_location: place_of(s.offender_location),
            custody_location: place_of(s.custody_location),
            offender_residence: None,
            victim_nationality: place_of(s.victim_nationality),
            victim_location: place_of(s.victim_location),
            victim_age: STANDARD_VICTIM_AGE,
            facilitator_location: place(s.facilitator_location),
            evidence_location: place(s.evidence_location),
            conduct_date: day,
            prosecution_date: day,
        }
    }
}

/// The verdict of one ordered pair, with what each candidate state meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairResult {
    pub offence: OffenceId,
    pub offender_state: JurisdictionId,
    pub victim_state: JurisdictionId,
    pub verdict: Verdict,
    pub offender_state_can: Truth,
    pub victim_state_can: Truth,
    pub offender_state_barriers: BarrierSet,
    pub offender_state_possible_barriers: BarrierSet,
    pub victim_state_barriers: BarrierSet,
    pub victim_state_possible_barriers: BarrierSet,
}

impl PairResult {
    /// The states that can prosecute.
    pub fn prosecuting(&self) -> Vec<JurisdictionId> {
        let mut states = Vec::new();
        if self.offender_state_can.is_yes() {
            states.push(self.offender_state);
        }
        if self.victim_state_can.is_yes() {
            states.push(self.victim_state);
        }
        states
    }

    /// The states that may be able to, depending on unknown facts.
    pub fn possibly_prosecuting(&self) -> Vec<JurisdictionId> {
        let mut states = Vec::new();
        if self.offender_state_can.is_unknown() {
            states.push(self.offender_state);
        }
        if self.victim_state_can.is_unknown() {
            states.push(self.victim_state);
        }
        states
    }
}

/// Evaluates the scenario's case for one ordered pair.
pub fn evaluate_pair(
    law: &Law<'_, '_>,
    question: &PairQuestion,
    offence: OffenceId,
    offender_state: JurisdictionId,
    victim_state: JurisdictionId,
) -> PairResult {
    let case = question.case(offence, offender_state, victim_state, law.conduct.day);
    let a = assess(law, &case, offender_state);
    let b = assess(law, &case, victim_state);
    PairResult {
        offence,
        offender_state,
        victim_state,
        verdict: Verdict::from_truth(a.can_prosecute.or(b.can_prosecute)),
        offender_state_can: a.can_prosecute,
        victim_state_can: b.can_prosecute,
        offender_state_barriers: a.certain_barriers(),
        offender_state_possible_barriers: a.possible_barriers(),
        victim_state_barriers: b.certain_barriers(),
        victim_state_possible_barriers: b.possible_barriers(),
    }
}

/// The gap matrix of one or more offences.
#[derive(Clone, Debug)]
pub struct GapMatrix {
    /// The question asked of every pair (scenario and evidence state).
    pub question: PairQuestion,
    pub day: chrono::NaiveDate,
    pub min_evidence: EvidenceLevel,
    pub states: Vec<JurisdictionId>,
    pub offences: Vec<OffenceId>,
    /// Offence-major, then offender state, then victim state; the diagonal is left out.
    pub pairs: Vec<PairResult>,
}

/// Computes the gap matrix for the offences over the given states.
pub fn gap_matrix(
    law: &Law<'_, '_>,
    question: &PairQuestion,
    offences: &[OffenceId],
    states: &[JurisdictionId],
) -> GapMatrix {
    let mut pairs =
        Vec::with_capacity(offences.len() * states.len() * states.len().saturating_sub(1));
    for &offence in offences {
        for &a in states {
            for &b in states {
                if a != b {
                    pairs.push(evaluate_pair(law, question, offence, a, b));
                }
            }
        }
    }
    GapMatrix {
        question: question.clone(),
        day: law.conduct.day,
        min_evidence: law.conduct.min_evidence,
        states: states.to_vec(),
        offences: offences.to_vec(),
        pairs,
    }
}

/// Verdict counts, with the bounds on impunity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub pairs: usize,
    pub prosecutable: usize,
    pub impunity: usize,
    pub unknown: usize,
}

impl Tally {
    fn add(&mut self, verdict: Verdict) {
        self.pairs += 1;
        match verdict {
            Verdict::Prosecutable => self.prosecutable += 1,
            Verdict::Impunity => self.impunity += 1,
            Verdict::Unknown => self.unknown += 1,
        }
    }

    /// Pairs in impunity when every unknown fact is resolved in favour of prosecution.
    pub fn impunity_lower(&self) -> usize {
        self.impunity
    }

    /// Pairs in impunity when every unknown fact is resolved against prosecution.
    pub fn impunity_upper(&self) -> usize {
        self.impunity + self.unknown
    }
}

/// A summary line: an offence and a grouping (all, or one region as victim or offender side).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    pub offence: String,
    /// `all`, `victim_region` or `offender_region`.
    pub group: &'static str,
    /// The region, or `all`.
    pub region: String,
    pub tally: Tally,
}

/// Tallies per offence: overall, per victim region and per offender region.
pub fn summarise(dataset: &Dataset, matrix: &GapMatrix) -> Vec<SummaryRow> {
    let mut rows = Vec::new();
    for &offence in &matrix.offences {
        let code = dataset.offence(offence).code.clone();
        let mut all = Tally::default();
        let mut by_victim: BTreeMap<String, Tally> = BTreeMap::new();
        let mut by_offender: BTreeMap<String, Tally> = BTreeMap::new();
        for pair in matrix.pairs.iter().filter(|p| p.offence == offence) {
            all.add(pair.verdict);
            by_victim
                .entry(dataset.jurisdiction(pair.victim_state).region.clone())
                .or_default()
                .add(pair.verdict);
            by_offender
                .entry(dataset.jurisdiction(pair.offender_state).region.clone())
                .or_default()
                .add(pair.verdict);
        }
        rows.push(SummaryRow {
            offence: code.clone(),
            group: "all",
            region: "all".to_string(),
            tally: all,
        });
        for (group, map) in [
            ("victim_region", by_victim),
            ("offender_region", by_offender),
        ] {
            for (region, tally) in map {
                rows.push(SummaryRow {
                    offence: code.clone(),
                    group,
                    region,
                    tally,
                });
            }
        }
    }
    rows
}
