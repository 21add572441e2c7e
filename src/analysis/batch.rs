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
    MAX_CANDIDATES,
};
use crate::snapshot::{epoch_boundaries, epoch_of, Snapshot};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// One candidate state's outcome in a batch result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateResult {
    pub state: JurisdictionId,
    pub can_prosecute: Truth,
    pub certain: BarrierSet,
    pub possible: BarrierSet,
}

/// The candidate states of a case (at most [`MAX_CANDIDATES`]), without allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct States {
    items: [StateResult; MAX_CANDIDATES],
    len: usize,
}

impl States {
    fn collect(iter: impl Iterator<Item = StateResult>) -> States {
        let empty = StateResult {
            state: JurisdictionId(0),
            can_prosecute: Truth::No,
            certain: BarrierSet::default(),
            possible: BarrierSet::default(),
        };
        let mut states = States {
            items: [empty; MAX_CANDIDATES],
            len: 0,
        };
        for item in iter.take(MAX_CANDIDATES) {
            states.items[states.len] = item;
            states.len += 1;
        }
        states
    }

    pub fn as_slice(&self) -> &[StateResult] {
        &self.items[..self.len]
    }

    fn as_mut_slice(&mut self) -> &mut [StateResult] {
        &mut self.items[..self.len]
    }
}

/// The result of one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseResult {
    pub verdict: Verdict,
    pub states: States,
}

impl CaseResult {
    /// Barrier codes met by any candidate state (certain or possible).
    pub fn barriers(&self) -> BarrierSet {
        self.states
            .as_slice()
            .iter()
            .fold(BarrierSet::default(), |set, s| {
                set.union(s.certain).union(s.possible)
            })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    offence: OffenceId,
    offender_nationality: JurisdictionId,
    offender_location: JurisdictionId,
    custody_location: JurisdictionId,
    offender_residence: Option<JurisdictionId>,
    victim_nationality: JurisdictionId,
    victim_location: JurisdictionId,
    /// The victim's age class (see `Laws::age_thresholds`).
    victim_age: u8,
    facilitator_location: Option<JurisdictionId>,
    evidence_location: Option<JurisdictionId>,
    /// For each jurisdiction of the case (in field order), the epoch of its own facts on the
    /// conduct day and on the prosecution day: a case reads only the facts of its own
    /// jurisdictions and the channels between them, so two cases whose jurisdictions saw no
    /// change between their days have the same answer.
    epochs: [u16; 16],
}

/// The law of every epoch met so far: one snapshot and channel matrix per epoch, built the
/// first time a case needs it and then shared read-only by the workers.
pub struct Laws<'d> {
    dataset: &'d Dataset,
    evidence: EvidenceLevel,
    reforms: Vec<Reform>,
    boundaries: Vec<NaiveDate>,
    /// Per jurisdiction: the days on which a fact it depends on may change (its own facts,
    /// party rows and reservations, its ancestors', and every instrument's own dates).
    own_boundaries: Vec<Vec<NaiveDate>>,
    /// Every age at which some criminalisation fact changes its answer (child ages and the
    /// ages from which conditions bite): two victims between the same thresholds are treated
    /// alike, so the cache keys on the class, not the age.
    age_thresholds: Vec<u8>,
    /// Indexed by epoch (one more than there are boundaries).
    laws: Vec<OnceLock<(Snapshot<'d>, CooperationGraph)>>,
}

impl<'d> Laws<'d> {
    pub fn new(dataset: &'d Dataset, evidence: EvidenceLevel, reforms: Vec<Reform>) -> Laws<'d> {
        let boundaries = epoch_boundaries(dataset);
        Laws {
            dataset,
            evidence,
            reforms,
            laws: (0..=boundaries.len()).map(|_| OnceLock::new()).collect(),
            boundaries,
            own_boundaries: own_boundaries(dataset),
            age_thresholds: {
                let mut ages: Vec<u8> = vec![DEFAULT_CHILD_AGE];
                ages.extend(
                    dataset
                        .criminalisation
                        .iter()
                        .flat_map(|f| [Some(f.child_age), f.condition_from_age])
                        .flatten(),
                );
                ages.extend(dataset.reservations.iter().filter_map(|r| match &r.effect {
                    ReservationEffect::NarrowsObligation { from_age, .. } => *from_age,
                    _ => None,
                }));
                ages.sort();
                ages.dedup();
                ages
            },
        }
    }

    /// How many epochs have been resolved.
    pub fn len(&self) -> usize {
        self.laws.iter().filter(|l| l.get().is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The law of `day`'s epoch, resolved on first use.
    fn law(&self, day: NaiveDate) -> &(Snapshot<'d>, CooperationGraph) {
        self.laws[epoch_of(&self.boundaries, day)].get_or_init(|| {
            let snapshot =
                Snapshot::with_reforms(self.dataset, day, self.evidence, self.reforms.clone());
            let graph = CooperationGraph::build_matrix(&snapshot);
            (snapshot, graph)
        })
    }
}

/// Cached evaluations of one worker, bounded in size.
pub struct BatchCache {
    cache: HashMap<Key, States>,
    /// Cases evaluated in full (cache misses), for reporting.
    pub evaluated: u64,
    /// Cached evaluations kept at most (memory stays bounded whatever the input size).
    pub limit: usize,
}

impl Default for BatchCache {
    fn default() -> Self {
        BatchCache {
            cache: HashMap::default(),
            evaluated: 0,
            limit: 500_000,
        }
    }
}

impl BatchCache {
    /// Evaluates one case.
    pub fn evaluate(&mut self, laws: &Laws<'_>, case: &Case) -> CaseResult {
        let mut epochs = [u16::MAX; 16];
        let involved = [
            Some(case.offender_nationality),
            Some(case.offender_location),
            Some(case.custody_location),
            case.offender_residence,
            Some(case.victim_nationality),
            Some(case.victim_location),
            case.facilitator_location,
            case.evidence_location,
        ];
        for (slot, jurisdiction) in involved.into_iter().enumerate() {
            if let Some(j) = jurisdiction {
                let days = &laws.own_boundaries[j.index()];
                epochs[2 * slot] = epoch_of(days, case.conduct_date) as u16;
                epochs[2 * slot + 1] = epoch_of(days, case.prosecution_date) as u16;
            }
        }
        let key = Key {
            offence: case.offence,
            offender_nationality: case.offender_nationality,
            offender_location: case.offender_location,
            custody_location: case.custody_location,
            offender_residence: case.offender_residence,
            victim_nationality: case.victim_nationality,
            victim_location: case.victim_location,
            victim_age: laws
                .age_thresholds
                .partition_point(|t| *t <= case.victim_age) as u8,
            facilitator_location: case.facilitator_location,
            evidence_location: case.evidence_location,
            epochs,
        };
        let conduct = &laws.law(case.conduct_date).0;
        let (prosecution, graph) = laws.law(case.prosecution_date);
        let law = Law::new(conduct, prosecution, graph);
        let mut states = match self.cache.get(&key) {
            Some(states) => *states,
            None => {
                // Everything but the limitation period: evaluated as if prosecuted on the day of
                // the conduct (the snapshots already are those of the right days).
                let same_day = Case {
                    prosecution_date: case.conduct_date,
                    ..case.clone()
                };
                let states = States::collect(candidates(&same_day).into_iter().map(|state| {
                    let outcome = assess(&law, &same_day, state);
                    StateResult {
                        state,
                        can_prosecute: outcome.can_prosecute,
                        certain: outcome.certain_barriers(),
                        possible: outcome.possible_barriers(),
                    }
                }));
                self.evaluated += 1;
                if self.cache.len() >= self.limit {
                    self.cache.clear();
                }
                self.cache.insert(key, states);
                states
            }
        };
        if case.prosecution_date > case.conduct_date {
            for state in states.as_mut_slice() {
                let in_time = not_time_barred(&law, case, state.state);
                match in_time {
                    Truth::Yes => {}
                    Truth::No => state.certain.insert(BarrierCode::TimeBarred),
                    Truth::Unknown => state.possible.insert(BarrierCode::TimeBarred),
                }
                state.can_prosecute = state.can_prosecute.and(in_time);
            }
        }
        let verdict = Verdict::from_truth(Truth::any(
            states.as_slice().iter().map(|s| s.can_prosecute),
        ));
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

/// Per jurisdiction, the days on which any fact a case involving it may read can change.
fn own_boundaries(dataset: &Dataset) -> Vec<Vec<NaiveDate>> {
    let n = dataset.jurisdictions.len();
    let mut days: Vec<Vec<NaiveDate>> = vec![Vec::new(); n];
    let bounds = |date: Option<LegalDate>| -> Vec<NaiveDate> {
        date.iter().flat_map(LegalDate::change_days).collect()
    };
    let mut global = Vec::new();
    for instrument in &dataset.instruments {
        global.extend(bounds(instrument.opened_on));
        global.extend(bounds(instrument.in_force_on));
    }
    for party in &dataset.parties {
        let own = &mut days[party.jurisdiction.index()];
        for date in [party.consented_on, party.in_force_on, party.withdrawn_on] {
            own.extend(bounds(date));
        }
    }
    let period = |p: &Period| -> Vec<NaiveDate> {
        let mut out = bounds(p.from);
        out.extend(bounds(p.until));
        out
    };
    for fact in &dataset.criminalisation {
        days[fact.jurisdiction.index()].extend(period(&fact.period));
    }
    for fact in &dataset.rules {
        days[fact.jurisdiction.index()].extend(period(&fact.period));
    }
    for reservation in &dataset.reservations {
        days[reservation.jurisdiction.index()].extend(period(&reservation.period));
    }
    (0..n)
        .map(|j| {
            let mut own: Vec<NaiveDate> = global.clone();
            for ancestor in dataset.lineage(JurisdictionId(j as u32)) {
                own.extend(days[ancestor.index()].iter().copied());
            }
            own.sort();
            own.dedup();
            own
        })
        .collect()
}
