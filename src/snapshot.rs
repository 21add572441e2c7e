//! The dataset resolved as of one day and one minimum evidence level: for every jurisdiction
//! and offence, the criminalisation status and each jurisdiction rule that applies, with the
//! facts behind it; and which parties each instrument binds.
//!
//! Resolution follows docs/model.md: a direct fact (statute, assessment) wins over one inferred
//! from a treaty obligation; a sub-national unit inherits what it does not state itself,
//! and an offence is criminal there if its own law *or* its state's makes it so; several
//! contested facts that disagree resolve to `unknown`. Everything is precomputed into flat
//! arrays so that the case engine reads, never searches.
//!
//! **Invariant:** no I/O, no failure: a snapshot can be built for any validated dataset.

use crate::model::*;
use chrono::NaiveDate;
use std::collections::HashMap;

/// One fact a resolved value rests on, for explanations and citations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FactRef {
    /// A row of [`Dataset::criminalisation`].
    Criminalisation(usize),
    /// A row of [`Dataset::rules`].
    Rule(usize),
    /// An obligation binding a jurisdiction through its party row (a row of
    /// [`Dataset::parties`]), or through a reform that made it a party (`party: None`).
    Obligation {
        obligation: ObligationId,
        jurisdiction: JurisdictionId,
        party: Option<usize>,
    },
    /// A party row whose status is itself uncertain (e.g. an imprecise date).
    Party(usize),
    /// A reservation (a row of [`Dataset::reservations`]).
    Reservation(usize),
    /// A hypothetical reform applied to the snapshot (index into [`Snapshot::reforms`]).
    Reform(usize),
}

/// A resolved value and what it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved<T> {
    pub value: T,
    /// The facts behind the value (empty when nothing is known).
    pub basis: Vec<FactRef>,
    /// The weakest evidence level among the facts used; `None` when nothing is known.
    pub evidence: Option<EvidenceLevel>,
    /// Set when the value was inherited from an ancestor jurisdiction.
    pub inherited_from: Option<JurisdictionId>,
}

impl<T> Resolved<T> {
    fn nothing(value: T) -> Self {
        Resolved {
            value,
            basis: Vec::new(),
            evidence: None,
            inherited_from: None,
        }
    }
}

/// A resolved criminalisation status with its conditions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criminalisation {
    pub status: CriminalisationStatus,
    pub child_age: u8,
    pub condition: Option<String>,
    pub condition_from_age: Option<u8>,
}

impl Criminalisation {
    const UNKNOWN: Criminalisation = Criminalisation {
        status: CriminalisationStatus::Unknown,
        child_age: DEFAULT_CHILD_AGE,
        condition: None,
        condition_from_age: None,
    };

    /// Whether the conduct against a victim of `victim_age` is a crime here. A `partial`
    /// status is `Unknown` unless the victim is younger than the age its condition starts at.
    pub fn covers(&self, victim_age: u8) -> Truth {
        let status = match self.status {
            CriminalisationStatus::Criminalised => Truth::Yes,
            CriminalisationStatus::NotCriminalised => Truth::No,
            CriminalisationStatus::Unknown => Truth::Unknown,
            CriminalisationStatus::Partial => match self.condition_from_age {
                Some(from) if victim_age < from => Truth::Yes,
                _ => Truth::Unknown,
            },
        };
        if victim_age >= self.child_age {
            // Not a child for this law: only a known status can say so.
            return status.and(Truth::No);
        }
        status
    }
}

/// The dataset as of one day.
#[derive(Clone)]
pub struct Snapshot<'d> {
    pub dataset: &'d Dataset,
    pub day: NaiveDate,
    pub min_evidence: EvidenceLevel,
    n_offences: usize,
    criminalisation: Vec<Resolved<Criminalisation>>,
    /// Indexed by `(jurisdiction * (n_offences + 1) + offence) * N_RULES + rule`; offence
    /// `n_offences` holds the general rules (stated for all offences).
    rules: Vec<Resolved<RuleValue>>,
    /// Indexed by `instrument * n_jurisdictions + jurisdiction` (sovereigns only; units map
    /// to their state): is the instrument binding for that state?
    bound: Vec<Resolved<Truth>>,
    direct_criminalisation: HashMap<(JurisdictionId, OffenceId), Vec<usize>>,
    direct_rules: HashMap<(JurisdictionId, Option<OffenceId>, RuleKind), Vec<usize>>,
    party_rows: HashMap<(InstrumentId, JurisdictionId), usize>,
    /// Hypothetical reforms applied on top of the dataset; their changes win over any fact.
    reforms: Vec<Reform>,
    /// The state of each jurisdiction (itself, or the top of its parent chain).
    sovereign: Vec<JurisdictionId>,
}

const N_RULES: usize = RuleKind::ALL.len();

impl<'d> Snapshot<'d> {
    /// Resolves every fact of `dataset` as of `day`, using facts of at least `min_evidence`.
    pub fn new(dataset: &'d Dataset, day: NaiveDate, min_evidence: EvidenceLevel) -> Snapshot<'d> {
        Snapshot::with_reforms(dataset, day, min_evidence, Vec::new())
    }

    /// As [`Snapshot::new`], with hypothetical reforms applied on top.
    pub fn with_reforms(
        dataset: &'d Dataset,
        day: NaiveDate,
        min_evidence: EvidenceLevel,
        reforms: Vec<Reform>,
    ) -> Snapshot<'d> {
        let n_jurisdictions = dataset.jurisdictions.len();
        let n_offences = dataset.offences.len();
        let mut direct_criminalisation: HashMap<(JurisdictionId, OffenceId), Vec<usize>> =
            HashMap::new();
        for (index, fact) in dataset.criminalisation.iter().enumerate() {
            if fact.evidence >= min_evidence {
                direct_criminalisation
                    .entry((fact.jurisdiction, fact.offence))
                    .or_default()
                    .push(index);
            }
        }
        let mut direct_rules: HashMap<(JurisdictionId, Option<OffenceId>, RuleKind), Vec<usize>> =
            HashMap::new();
        for (index, fact) in dataset.rules.iter().enumerate() {
            if fact.evidence >= min_evidence {
                direct_rules
                    .entry((fact.jurisdiction, fact.offence, fact.rule))
                    .or_default()
                    .push(index);
            }
        }
        let mut snapshot = Snapshot {
            dataset,
            day,
            min_evidence,
            n_offences,
            criminalisation: vec![
                Resolved::nothing(Criminalisation::UNKNOWN);
                n_jurisdictions * n_offences
            ],
            rules: vec![
                Resolved::nothing(RuleValue::UNKNOWN);
                n_jurisdictions * (n_offences + 1) * N_RULES
            ],
            bound: vec![
                Resolved::nothing(Truth::Unknown);
                dataset.instruments.len() * n_jurisdictions
            ],
            direct_criminalisation,
            direct_rules,
            party_rows: dataset
                .parties
                .iter()
                .enumerate()
                .map(|(index, party)| ((party.instrument, party.jurisdiction), index))
                .collect(),
            reforms,
            sovereign: dataset
                .jurisdiction_ids()
                .map(|j| dataset.sovereign(j))
                .collect(),
        };
        // Parents before their units.
        let mut order: Vec<JurisdictionId> = dataset.jurisdiction_ids().collect();
        order.sort_by_key(|id| dataset.lineage(*id).len());
        for jurisdiction in order {
            snapshot.resolve_jurisdiction(jurisdiction);
        }
        snapshot
    }

    /// The state a jurisdiction belongs to (precomputed [`Dataset::sovereign`]).
    pub fn sovereign(&self, id: JurisdictionId) -> JurisdictionId {
        self.sovereign[id.index()]
    }

    /// The reforms applied to this snapshot.
    pub fn reforms(&self) -> &[Reform] {
        &self.reforms
    }

    /// Applies a reform on top of the snapshot and re-resolves what it touches; returns the
    /// jurisdictions whose channels may have changed (the graph must recompute them).
    pub fn push_reform(&mut self, reform: Reform) -> Vec<JurisdictionId> {
        let touched = reform.fact_jurisdictions();
        let only_criminalisation = reform
            .changes
            .iter()
            .all(|c| matches!(c, Change::Criminalisation { .. }));
        self.reforms.push(reform);
        self.re_resolve(&touched, only_criminalisation)
    }

    /// Takes back the last reform applied; returns it and the jurisdictions whose channels may
    /// have changed.
    pub fn pop_reform(&mut self) -> Option<(Reform, Vec<JurisdictionId>)> {
        let reform = self.reforms.pop()?;
        let touched = reform.fact_jurisdictions();
        let only_criminalisation = reform
            .changes
            .iter()
            .all(|c| matches!(c, Change::Criminalisation { .. }));
        let resolved = self.re_resolve(&touched, only_criminalisation);
        Some((reform, resolved))
    }

    /// Re-resolves the given jurisdictions and all their units, parents first. Criminalisation
    /// changes touch neither rules nor treaty status nor channels, so then only criminalisation
    /// is re-resolved and no jurisdiction is returned for the graph.
    fn re_resolve(
        &mut self,
        jurisdictions: &[JurisdictionId],
        only_criminalisation: bool,
    ) -> Vec<JurisdictionId> {
        let dataset = self.dataset;
        let mut affected: Vec<JurisdictionId> = dataset
            .jurisdiction_ids()
            .filter(|unit| {
                dataset
                    .lineage(*unit)
                    .iter()
                    .any(|j| jurisdictions.contains(j))
            })
            .collect();
        affected.sort_by_key(|id| dataset.lineage(*id).len());
        for &jurisdiction in &affected {
            if only_criminalisation {
                self.resolve_criminalisation(jurisdiction);
            } else {
                self.resolve_jurisdiction(jurisdiction);
            }
        }
        if only_criminalisation {
            Vec::new()
        } else {
            affected
        }
    }

    /// Resolves every value of one jurisdiction (its parent must be resolved already).
    fn resolve_jurisdiction(&mut self, jurisdiction: JurisdictionId) {
        let dataset = self.dataset;
        let n_jurisdictions = dataset.jurisdictions.len();
        for instrument in 0..dataset.instruments.len() {
            let instrument = InstrumentId(instrument as u32);
            let value = self.resolve_bound(instrument, jurisdiction);
            self.bound[instrument.index() * n_jurisdictions + jurisdiction.index()] = value;
        }
        self.resolve_criminalisation(jurisdiction);
        let parent = dataset.jurisdiction(jurisdiction).parent;
        for offence in dataset.offence_ids().map(Some).chain([None]) {
            for rule in RuleKind::ALL {
                let own = self.own_rule(jurisdiction, offence, rule);
                let resolved = match (own.value.is_known() || !own.basis.is_empty(), parent) {
                    (false, Some(parent)) => {
                        let inherited = self.rule_slot(parent, offence, rule).clone();
                        Resolved {
                            inherited_from: Some(inherited.inherited_from.unwrap_or(parent)),
                            ..inherited
                        }
                    }
                    _ => own,
                };
                let slot = self.rule_index(jurisdiction, offence, rule);
                self.rules[slot] = resolved;
            }
        }
    }

    /// Resolves the criminalisation of every offence in one jurisdiction.
    fn resolve_criminalisation(&mut self, jurisdiction: JurisdictionId) {
        let dataset = self.dataset;
        let parent = dataset.jurisdiction(jurisdiction).parent;
        for offence in dataset.offence_ids() {
            let own = self.own_criminalisation(jurisdiction, offence);
            let resolved = match parent {
                None => own,
                Some(parent) => {
                    let inherited = self.criminalisation(parent, offence).clone();
                    // Criminal if the unit's law or its state's makes it so; a unit that
                    // states nothing takes its state's status as it is.
                    if own.basis.is_empty() || inherited.value.status > own.value.status {
                        Resolved {
                            inherited_from: Some(inherited.inherited_from.unwrap_or(parent)),
                            ..inherited
                        }
                    } else {
                        own
                    }
                }
            };
            let slot = jurisdiction.index() * self.n_offences + offence.index();
            self.criminalisation[slot] = resolved;
        }
    }

    /// Whether an instrument binds a jurisdiction: a reform's word, else the party row of its
    /// state, else the instrument's party list.
    fn resolve_bound(
        &self,
        instrument: InstrumentId,
        jurisdiction: JurisdictionId,
    ) -> Resolved<Truth> {
        let dataset = self.dataset;
        let sovereign = dataset.sovereign(jurisdiction);
        let inherited_from = (sovereign != jurisdiction).then_some(sovereign);
        for (index, reform) in self.reforms.iter().enumerate().rev() {
            for change in &reform.changes {
                if let Change::Party {
                    jurisdiction: j,
                    instrument: i,
                    bound,
                } = change
                {
                    if *j == sovereign
                        && *i == instrument
                        && dataset.instrument(instrument).in_force_on.is_some()
                    {
                        return Resolved {
                            value: Truth::from_bool(*bound),
                            basis: vec![FactRef::Reform(index)],
                            evidence: Some(EvidenceLevel::Statute),
                            inherited_from,
                        };
                    }
                }
            }
        }
        match self.party_rows.get(&(instrument, sovereign)) {
            Some(&row) => Resolved {
                value: dataset.parties[row].in_force(self.day),
                basis: vec![FactRef::Party(row)],
                evidence: Some(EvidenceLevel::Statute),
                inherited_from,
            },
            None => {
                let info = dataset.instrument(instrument);
                let value = match info.party_list {
                    PartyList::Complete => Truth::No,
                    PartyList::Partial => info.opened_on.map_or(Truth::Unknown, |opened| {
                        opened.reached_by(self.day).and(Truth::Unknown)
                    }),
                };
                Resolved::nothing(value)
            }
        }
    }

    fn rule_index(
        &self,
        jurisdiction: JurisdictionId,
        offence: Option<OffenceId>,
        rule: RuleKind,
    ) -> usize {
        let offence = offence.map_or(self.n_offences, OffenceId::index);
        (jurisdiction.index() * (self.n_offences + 1) + offence) * N_RULES + rule as usize
    }

    fn rule_slot(
        &self,
        jurisdiction: JurisdictionId,
        offence: Option<OffenceId>,
        rule: RuleKind,
    ) -> &Resolved<RuleValue> {
        &self.rules[self.rule_index(jurisdiction, offence, rule)]
    }

    /// The criminalisation status of an offence in a jurisdiction.
    pub fn criminalisation(
        &self,
        jurisdiction: JurisdictionId,
        offence: OffenceId,
    ) -> &Resolved<Criminalisation> {
        &self.criminalisation[jurisdiction.index() * self.n_offences + offence.index()]
    }

    /// A jurisdiction rule for an offence (falling back to the rule stated for all offences).
    pub fn rule(
        &self,
        jurisdiction: JurisdictionId,
        offence: OffenceId,
        rule: RuleKind,
    ) -> &Resolved<RuleValue> {
        self.rule_slot(jurisdiction, Some(offence), rule)
    }

    /// A jurisdiction rule stated for all offences (used for the cooperation graph).
    pub fn general_rule(
        &self,
        jurisdiction: JurisdictionId,
        rule: RuleKind,
    ) -> &Resolved<RuleValue> {
        self.rule_slot(jurisdiction, None, rule)
    }

    /// Whether an instrument binds a jurisdiction (through its state, for a unit).
    pub fn bound_by(
        &self,
        instrument: InstrumentId,
        jurisdiction: JurisdictionId,
    ) -> &Resolved<Truth> {
        &self.bound[instrument.index() * self.dataset.jurisdictions.len() + jurisdiction.index()]
    }

    /// Reservations of a jurisdiction's state to an instrument, with whether each applies.
    fn reservations(
        &self,
        instrument: InstrumentId,
        sovereign: JurisdictionId,
    ) -> impl Iterator<Item = (usize, &Reservation, Truth)> {
        let day = self.day;
        self.dataset
            .reservations
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.instrument == instrument && r.jurisdiction == sovereign)
            .map(move |(index, r)| (index, r, r.period.covers(day)))
    }

    /// The latest reform that sets this jurisdiction's criminalisation of the offence.
    fn reformed_criminalisation(
        &self,
        jurisdiction: JurisdictionId,
        offence: OffenceId,
    ) -> Option<Resolved<Criminalisation>> {
        for (index, reform) in self.reforms.iter().enumerate().rev() {
            for change in &reform.changes {
                if let Change::Criminalisation {
                    jurisdiction: j,
                    offence: o,
                    status,
                } = change
                {
                    if *j == jurisdiction && *o == offence {
                        return Some(Resolved {
                            value: Criminalisation {
                                status: *status,
                                ..Criminalisation::UNKNOWN
                            },
                            basis: vec![FactRef::Reform(index)],
                            evidence: Some(EvidenceLevel::Statute),
                            inherited_from: None,
                        });
                    }
                }
            }
        }
        None
    }

    /// The latest reform that sets this rule (for the offence, or for all offences).
    fn reformed_rule(
        &self,
        jurisdiction: JurisdictionId,
        offence: Option<OffenceId>,
        rule: RuleKind,
    ) -> Option<Resolved<RuleValue>> {
        for (index, reform) in self.reforms.iter().enumerate().rev() {
            for change in &reform.changes {
                if let Change::Rule {
                    jurisdiction: j,
                    offence: o,
                    rule: r,
                    value,
                } = change
                {
                    if *j == jurisdiction && *r == rule && (o.is_none() || *o == offence) {
                        return Some(Resolved {
                            value: value.clone(),
                            basis: vec![FactRef::Reform(index)],
                            evidence: Some(EvidenceLevel::Statute),
                            inherited_from: None,
                        });
                    }
                }
            }
        }
        None
    }

    fn own_criminalisation(
        &self,
        jurisdiction: JurisdictionId,
        offence: OffenceId,
    ) -> Resolved<Criminalisation> {
        if let Some(reformed) = self.reformed_criminalisation(jurisdiction, offence) {
            return reformed;
        }
        let facts = &self.dataset.criminalisation;
        let candidates: Vec<Candidate<Criminalisation>> = self
            .direct_criminalisation
            .get(&(jurisdiction, offence))
            .into_iter()
            .flatten()
            .map(|&row| {
                let fact = &facts[row];
                Candidate {
                    value: Criminalisation {
                        status: fact.status,
                        child_age: fact.child_age,
                        condition: fact.condition.clone(),
                        condition_from_age: fact.condition_from_age,
                    },
                    applies: fact.period.covers(self.day),
                    fact: FactRef::Criminalisation(row),
                    evidence: fact.evidence,
                }
            })
            .collect();
        settle(candidates, Criminalisation::UNKNOWN, || {
            self.inferred_criminalisation(jurisdiction, offence)
        })
    }

    /// Criminalisation inferred from treaty obligations: each binding obligation is a floor.
    /// How an obligation binds a jurisdiction on the day: `None` when it does not (not bound,
    /// or no party row to infer from); otherwise whether it applies (bound and not removed
    /// by a reservation), the facts behind that, and a narrowing reservation if one covers
    /// (or may cover) the day.
    fn binding(&self, index: usize, jurisdiction: JurisdictionId) -> Option<Binding<'_>> {
        let obligation = &self.dataset.obligations[index];
        let obligation_id = ObligationId(index as u32);
        let bound = self.bound_by(obligation.instrument, jurisdiction);
        let party = match bound.basis.first() {
            Some(FactRef::Party(row)) => Some(*row),
            Some(FactRef::Reform(_)) => None,
            // No party row (incomplete party list): nothing to infer from.
            _ => return None,
        };
        if bound.value.is_no() {
            return None;
        }
        let mut reference = vec![FactRef::Obligation {
            obligation: obligation_id,
            jurisdiction,
            party,
        }];
        if party.is_none() {
            reference.extend(bound.basis.iter().copied());
        }
        let mut applies = bound.value;
        let mut narrowing = None;
        for (row, reservation, covers) in self.reservations(obligation.instrument, jurisdiction) {
            match &reservation.effect {
                ReservationEffect::RemovesObligation(target) if *target == obligation_id => {
                    reference.push(FactRef::Reservation(row));
                    applies = applies.and(covers.negate());
                }
                ReservationEffect::NarrowsObligation {
                    obligation: target,
                    condition,
                    from_age,
                } if *target == obligation_id => {
                    narrowing = match covers {
                        Truth::Yes => Some(Narrowing::Covers(row, condition, *from_age)),
                        Truth::Unknown => Some(Narrowing::Maybe(row)),
                        Truth::No => narrowing,
                    };
                }
                _ => {}
            }
        }
        Some(Binding {
            applies,
            reference,
            narrowing,
        })
    }

    fn inferred_criminalisation(
        &self,
        jurisdiction: JurisdictionId,
        offence: OffenceId,
    ) -> Resolved<Criminalisation> {
        if self.min_evidence > EvidenceLevel::TreatyObligation
            || self.dataset.jurisdiction(jurisdiction).parent.is_some()
        {
            return Resolved::nothing(Criminalisation::UNKNOWN);
        }
        let mut certain: Option<(Criminalisation, Vec<FactRef>)> = None;
        let mut possible: Vec<FactRef> = Vec::new();
        for (index, obligation) in self.dataset.obligations.iter().enumerate() {
            if obligation.effect != ObligationEffect::Criminalise
                || !obligation.offences.contains(&offence)
            {
                continue;
            }
            let Some(Binding {
                mut applies,
                mut reference,
                narrowing,
            }) = self.binding(index, jurisdiction)
            else {
                continue;
            };
            let mut value = Criminalisation {
                status: CriminalisationStatus::Criminalised,
                ..Criminalisation::UNKNOWN
            };
            match narrowing {
                Some(Narrowing::Covers(row, condition, from_age)) => {
                    reference.push(FactRef::Reservation(row));
                    value.status = CriminalisationStatus::Partial;
                    value.condition = Some(condition.clone());
                    value.condition_from_age = from_age;
                }
                Some(Narrowing::Maybe(row)) => {
                    reference.push(FactRef::Reservation(row));
                    applies = applies.and(Truth::Unknown);
                }
                None => {}
            }
            match applies {
                Truth::Yes => {
                    let better = certain
                        .as_ref()
                        .is_none_or(|(current, _)| value.status > current.status);
                    if better {
                        certain = Some((value, reference));
                    }
                }
                Truth::Unknown => possible.extend(reference),
                Truth::No => {}
            }
        }
        inferred(certain, possible, Criminalisation::UNKNOWN)
    }

    fn own_rule(
        &self,
        jurisdiction: JurisdictionId,
        offence: Option<OffenceId>,
        rule: RuleKind,
    ) -> Resolved<RuleValue> {
        if let Some(reformed) = self.reformed_rule(jurisdiction, offence, rule) {
            return reformed;
        }
        // An offence-specific fact wins over one stated for all offences, which wins over
        // what treaty obligations infer.
        let facts = &self.dataset.rules;
        let candidates = |key: Option<OffenceId>| -> Vec<Candidate<RuleValue>> {
            self.direct_rules
                .get(&(jurisdiction, key, rule))
                .into_iter()
                .flatten()
                .map(|&row| Candidate {
                    value: facts[row].value.clone(),
                    applies: facts[row].period.covers(self.day),
                    fact: FactRef::Rule(row),
                    evidence: facts[row].evidence,
                })
                .collect()
        };
        let general = || {
            settle(candidates(None), RuleValue::UNKNOWN, || {
                self.inferred_rule(jurisdiction, offence, rule)
            })
        };
        match offence {
            Some(offence) => settle(candidates(Some(offence)), RuleValue::UNKNOWN, general),
            None => general(),
        }
    }

    /// A rule inferred from treaty obligations, merged towards prosecution (each is a floor).
    fn inferred_rule(
        &self,
        jurisdiction: JurisdictionId,
        offence: Option<OffenceId>,
        rule: RuleKind,
    ) -> Resolved<RuleValue> {
        let Some(offence) = offence else {
            return Resolved::nothing(RuleValue::UNKNOWN);
        };
        if self.min_evidence > EvidenceLevel::TreatyObligation
            || self.dataset.jurisdiction(jurisdiction).parent.is_some()
        {
            return Resolved::nothing(RuleValue::UNKNOWN);
        }
        let mut certain: Option<(RuleValue, Vec<FactRef>)> = None;
        let mut possible = Vec::new();
        for (index, obligation) in self.dataset.obligations.iter().enumerate() {
            let ObligationEffect::Rule(kind, value) = &obligation.effect else {
                continue;
            };
            if *kind != rule || !obligation.offences.contains(&offence) {
                continue;
            }
            // A narrowing condition only concerns criminalisation; rules ignore it.
            let Some(Binding {
                applies, reference, ..
            }) = self.binding(index, jurisdiction)
            else {
                continue;
            };
            match applies {
                Truth::Yes => {
                    certain = Some(match certain {
                        None => (value.clone(), reference),
                        Some((current, current_basis)) => {
                            let merged = rule.stronger_obligation(current.clone(), value.clone());
                            if merged == current {
                                (current, current_basis)
                            } else {
                                (merged, reference)
                            }
                        }
                    });
                }
                Truth::Unknown => possible.extend(reference),
                Truth::No => {}
            }
        }
        inferred(certain, possible, RuleValue::UNKNOWN)
    }

    /// Resolves every unknown value of the snapshot for which `choose` returns `Some(favour)`:
    /// in favour of prosecution (`true`) or against it (`false`). A `partial` criminalisation
    /// counts as unknown (the case may or may not meet its condition).
    pub fn resolve_unknowns(&mut self, mut choose: impl FnMut() -> Option<bool>) {
        for slot in 0..self.criminalisation.len() {
            let value = &mut self.criminalisation[slot].value;
            if matches!(
                value.status,
                CriminalisationStatus::Unknown | CriminalisationStatus::Partial
            ) {
                if let Some(favour) = choose() {
                    // Against prosecution, a condition that only bites from an age leaves the
                    // younger victims covered: it acts as a lower age threshold.
                    let threshold = value
                        .condition_from_age
                        .filter(|_| value.status == CriminalisationStatus::Partial);
                    value.status = match (favour, threshold) {
                        (true, _) | (false, Some(_)) => CriminalisationStatus::Criminalised,
                        (false, None) => CriminalisationStatus::NotCriminalised,
                    };
                    if let (false, Some(age)) = (favour, threshold) {
                        value.child_age = value.child_age.min(age);
                    }
                    value.condition = None;
                    value.condition_from_age = None;
                }
            }
        }
        for slot in 0..self.rules.len() {
            let rule = RuleKind::ALL[slot % N_RULES];
            if !self.rules[slot].value.is_known() {
                if let Some(favour) = choose() {
                    self.rules[slot].value = if favour {
                        rule.favourable_value()
                    } else {
                        rule.unfavourable_value()
                    };
                }
            }
        }
        for cell in &mut self.bound {
            if cell.value.is_unknown() {
                if let Some(favour) = choose() {
                    cell.value = Truth::from_bool(favour);
                }
            }
        }
    }

    /// The sources behind a list of facts, deduplicated, in first-cited order.
    pub fn sources_of(&self, basis: &[FactRef]) -> Vec<SourceId> {
        let dataset = self.dataset;
        let mut sources: Vec<SourceId> = Vec::new();
        for fact in basis {
            let ids: &[SourceId] = match *fact {
                FactRef::Criminalisation(row) => &dataset.criminalisation[row].sources,
                FactRef::Rule(row) => &dataset.rules[row].sources,
                FactRef::Obligation {
                    obligation, party, ..
                } => {
                    for id in &dataset.obligation(obligation).sources {
                        if !sources.contains(id) {
                            sources.push(*id);
                        }
                    }
                    match party {
                        Some(row) => &dataset.parties[row].sources,
                        None => &[],
                    }
                }
                FactRef::Party(row) => &dataset.parties[row].sources,
                FactRef::Reservation(row) => &dataset.reservations[row].sources,
                FactRef::Reform(_) => &[],
            };
            for id in ids {
                if !sources.contains(id) {
                    sources.push(*id);
                }
            }
        }
        sources
    }
}

/// How an obligation binds a jurisdiction (see `Snapshot::binding`).
struct Binding<'a> {
    applies: Truth,
    reference: Vec<FactRef>,
    narrowing: Option<Narrowing<'a>>,
}

/// A narrowing reservation of an obligation, on the day.
enum Narrowing<'a> {
    /// It covers the day: the reservation row, its condition and the age it starts at.
    Covers(usize, &'a String, Option<u8>),
    /// It may cover the day (an imprecise period bound).
    Maybe(usize),
}

/// A direct fact that may hold on the day.
struct Candidate<T> {
    value: T,
    applies: Truth,
    fact: FactRef,
    evidence: EvidenceLevel,
}

/// Resolves direct facts against what holds without them (`fallback`, computed only when
/// needed). Facts that certainly apply decide, if they agree; facts that only may apply (an
/// imprecise period boundary) decide only if they agree with the fallback; any disagreement
/// — contested sources, or an unknown change — gives `unknown`.
fn settle<T: Clone + PartialEq>(
    candidates: Vec<Candidate<T>>,
    unknown: T,
    fallback: impl FnOnce() -> Resolved<T>,
) -> Resolved<T> {
    let applying: Vec<&Candidate<T>> = candidates.iter().filter(|c| !c.applies.is_no()).collect();
    if applying.is_empty() {
        return fallback();
    }
    let mut basis: Vec<FactRef> = applying.iter().map(|c| c.fact).collect();
    let mut evidence = applying.iter().map(|c| c.evidence).min();
    let first = &applying[0].value;
    let agree = applying.iter().all(|c| c.value == *first);
    let value = if applying.iter().any(|c| c.applies.is_yes()) {
        if agree {
            first.clone()
        } else {
            unknown
        }
    } else {
        let without = fallback();
        basis.extend(without.basis.iter().copied());
        evidence = evidence.min(without.evidence).or(evidence);
        if agree && without.value == *first {
            first.clone()
        } else {
            unknown
        }
    };
    Resolved {
        value,
        basis,
        evidence,
        inherited_from: None,
    }
}

fn inferred<T>(
    certain: Option<(T, Vec<FactRef>)>,
    possible: Vec<FactRef>,
    unknown: T,
) -> Resolved<T> {
    match certain {
        Some((value, basis)) => Resolved {
            value,
            basis,
            evidence: Some(EvidenceLevel::TreatyObligation),
            inherited_from: None,
        },
        None if !possible.is_empty() => Resolved {
            value: unknown,
            basis: possible,
            evidence: Some(EvidenceLevel::TreatyObligation),
            inherited_from: None,
        },
        None => Resolved::nothing(unknown),
    }
}

/// The days on which some fact of the dataset may change its truth: every bound of every
/// date (its `change_days`: the first day it may have come, and the first day it certainly has).
/// Between two consecutive boundaries every snapshot is the same, so batch jobs resolve one
/// snapshot per epoch, not per day.
pub fn epoch_boundaries(dataset: &Dataset) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut add =
        |date: Option<LegalDate>| days.extend(date.iter().flat_map(LegalDate::change_days));
    for instrument in &dataset.instruments {
        add(instrument.opened_on);
        add(instrument.in_force_on);
    }
    for party in &dataset.parties {
        add(party.consented_on);
        add(party.in_force_on);
        add(party.withdrawn_on);
    }
    let mut period = |p: &Period| {
        add(p.from);
        add(p.until);
    };
    for fact in &dataset.criminalisation {
        period(&fact.period);
    }
    for fact in &dataset.rules {
        period(&fact.period);
    }
    for reservation in &dataset.reservations {
        period(&reservation.period);
    }
    days.sort();
    days.dedup();
    days
}

/// The epoch of a day: the number of boundaries on or before it.
pub fn epoch_of(boundaries: &[NaiveDate], day: NaiveDate) -> usize {
    boundaries.partition_point(|b| *b <= day)
}
