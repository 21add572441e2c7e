//! Batch evaluation of many cases (e.g. a year of reports): one snapshot per epoch of the
//! dataset (days between which no fact changes), and a cache of evaluations keyed by
//! everything but the exact days, with the limitation period checked per case.
//!
//! **Invariant:** the result of a case is exactly `rules::evaluate` on it (a test checks this
//! row by row); the caches only avoid recomputing it.

use crate::graph::CooperationGraph;
use crate::model::*;
use crate::rules::{
    assess, candidates, not_time_barred, BarrierCode, BarrierSet, Case, Law, Verdict,
};
use crate::snapshot::{epoch_boundaries, epoch_of, Snapshot};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One candidate state's outcome in a batch result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateResult {
    pub state: JurisdictionId,
    pub can_prosecute: Truth,
    pub certain: BarrierSet,
    pub possible: BarrierSet,
}

/// The result of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    pub verdict: Verdict,
    pub states: Vec<StateResult>,
}

impl CaseResult {
    /// Barrier codes met by any candidate state (certain or possible).
    pub fn barriers(&self) -> BarrierSet {
        self.states.iter().fold(BarrierSet::default(), |set, s| {
            set.union(s.certain).union(s.possible)
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    offence: OffenceId,
    offender_nationality: JurisdictionId,
    offender_location: JurisdictionId,
    offender_residence: Option<JurisdictionId>,
    victim_nationality: JurisdictionId,
    victim_location: JurisdictionId,
    victim_age: u8,
    facilitator_location: Option<JurisdictionId>,
    evidence_location: Option<JurisdictionId>,
    conduct_epoch: usize,
    prosecution_epoch: usize,
}

/// Evaluates cases, reusing snapshots and evaluations.
pub struct BatchEvaluator<'d> {
    dataset: &'d Dataset,
    evidence: EvidenceLevel,
    reforms: Vec<Reform>,
    boundaries: Vec<NaiveDate>,
    laws: HashMap<usize, (Snapshot<'d>, CooperationGraph)>,
    cache: HashMap<Key, Vec<StateResult>>,
    /// Cached evaluations kept at most (memory stays bounded whatever the input size).
    pub cache_limit: usize,
}

impl<'d> BatchEvaluator<'d> {
    pub fn new(
        dataset: &'d Dataset,
        evidence: EvidenceLevel,
        reforms: Vec<Reform>,
    ) -> BatchEvaluator<'d> {
        BatchEvaluator {
            dataset,
            evidence,
            reforms,
            boundaries: epoch_boundaries(dataset),
            laws: HashMap::new(),
            cache: HashMap::new(),
            cache_limit: 1_000_000,
        }
    }

    fn ensure_epoch(&mut self, day: NaiveDate) -> usize {
        let epoch = epoch_of(&self.boundaries, day);
        if !self.laws.contains_key(&epoch) {
            let snapshot =
                Snapshot::with_reforms(self.dataset, day, self.evidence, self.reforms.clone());
            let graph = CooperationGraph::build(&snapshot);
            self.laws.insert(epoch, (snapshot, graph));
        }
        epoch
    }

    /// Evaluates one case.
    pub fn evaluate(&mut self, case: &Case) -> CaseResult {
        let conduct_epoch = self.ensure_epoch(case.conduct_date);
        let prosecution_epoch = self.ensure_epoch(case.prosecution_date);
        let key = Key {
            offence: case.offence,
            offender_nationality: case.offender_nationality,
            offender_location: case.offender_location,
            offender_residence: case.offender_residence,
            victim_nationality: case.victim_nationality,
            victim_location: case.victim_location,
            victim_age: case.victim_age,
            facilitator_location: case.facilitator_location,
            evidence_location: case.evidence_location,
            conduct_epoch,
            prosecution_epoch,
        };
        let conduct = &self.laws[&conduct_epoch].0;
        let (prosecution, graph) = &self.laws[&prosecution_epoch];
        let law = Law::new(conduct, prosecution, graph);
        if !self.cache.contains_key(&key) {
            // Everything but the limitation period: evaluated as if prosecuted on the day of
            // the conduct (the snapshots already are those of the right days).
            let same_day = Case {
                prosecution_date: case.conduct_date,
                ..case.clone()
            };
            let states = candidates(&same_day)
                .into_iter()
                .map(|state| {
                    let outcome = assess(&law, &same_day, state);
                    StateResult {
                        state,
                        can_prosecute: outcome.can_prosecute,
                        certain: outcome.certain_barriers(),
                        possible: outcome.possible_barriers(),
                    }
                })
                .collect();
            if self.cache.len() >= self.cache_limit {
                self.cache.clear();
            }
            self.cache.insert(key, states);
        }
        let mut states = self.cache[&key].clone();
        if case.prosecution_date > case.conduct_date {
            for state in &mut states {
                let in_time = not_time_barred(&law, case, state.state);
                match in_time {
                    Truth::Yes => {}
                    Truth::No => state.certain.insert(BarrierCode::TimeBarred),
                    Truth::Unknown => state.possible.insert(BarrierCode::TimeBarred),
                }
                state.can_prosecute = state.can_prosecute.and(in_time);
            }
        }
        let verdict = Verdict::from_truth(Truth::any(states.iter().map(|s| s.can_prosecute)));
        CaseResult { verdict, states }
    }
}

/// Counts per offence, victim state (the victim's nationality), verdict and barrier.
#[derive(Clone, Debug, Default)]
pub struct Aggregate {
    counts: HashMap<(OffenceId, JurisdictionId, Verdict, Option<BarrierCode>), u64>,
    verdicts: HashMap<Verdict, u64>,
    pub cases: u64,
    pub rejected: u64,
}

/// One aggregate row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AggregateRow {
    pub offence: OffenceId,
    pub victim_state: JurisdictionId,
    pub verdict: Verdict,
    /// A barrier met by any candidate state (`None`: the row counts cases that met none).
    pub barrier: Option<BarrierCode>,
    pub cases: u64,
}

impl Aggregate {
    pub fn add(&mut self, case: &Case, result: &CaseResult) {
        self.cases += 1;
        *self.verdicts.entry(result.verdict).or_default() += 1;
        let barriers = result.barriers();
        if barriers.is_empty() {
            *self
                .counts
                .entry((case.offence, case.victim_nationality, result.verdict, None))
                .or_default() += 1;
        }
        for code in barriers.iter() {
            *self
                .counts
                .entry((
                    case.offence,
                    case.victim_nationality,
                    result.verdict,
                    Some(code),
                ))
                .or_default() += 1;
        }
    }

    pub fn merge(&mut self, other: Aggregate) {
        self.cases += other.cases;
        self.rejected += other.rejected;
        for (key, count) in other.counts {
            *self.counts.entry(key).or_default() += count;
        }
        for (verdict, count) in other.verdicts {
            *self.verdicts.entry(verdict).or_default() += count;
        }
    }

    /// Cases with this verdict.
    pub fn verdict_count(&self, verdict: Verdict) -> u64 {
        self.verdicts.get(&verdict).copied().unwrap_or(0)
    }

    /// The rows, sorted by offence, victim state, verdict and barrier.
    pub fn rows(&self) -> Vec<AggregateRow> {
        let mut rows: Vec<AggregateRow> = self
            .counts
            .iter()
            .map(
                |(&(offence, victim_state, verdict, barrier), &cases)| AggregateRow {
                    offence,
                    victim_state,
                    verdict,
                    barrier,
                    cases,
                },
            )
            .collect();
        rows.sort_by_key(|r| (r.offence, r.victim_state, r.verdict, r.barrier));
        rows
    }
}
