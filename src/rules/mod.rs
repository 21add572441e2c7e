//! The case engine (docs/model.md section 3): for a cross-border case, which candidate state can
//! prosecute, and for every other candidate the barriers that stop it.
//!
//! A state S can prosecute iff, in three-valued logic, all hold:
//! 1. **criminal** in S on the conduct date, for a victim of that age;
//! 2. **jurisdiction**: S is territorial (offender, victim or facilitator located in S), or
//!    the offender's nationality state with active-nationality jurisdiction, or the victim's
//!    with passive-personality jurisdiction, or the offender's residence with residence
//!    jurisdiction; where that basis requires double criminality, the offence is also
//!    criminal where the offender acted;
//! 3. **custody**: the offender is in S, or S has an extradition channel to the state where
//!    he is, the offence is criminal in both, and that state extradites him (its nationals
//!    only if its law allows, possibly only to parties of named instruments);
//! 4. **evidence**: the evidence is in S, or S has an `mla` channel to the evidence state and,
//!    if that state requires double criminality for assistance, the offence is criminal there;
//! 5. **not time-barred** in S on the prosecution date.
//!
//! Criminalisation and jurisdiction rules are read as of the conduct date (no retroactive
//! criminal law); cooperation channels, extradition and limitation as of the prosecution date.
//!
//! Every formula is monotone in each fact (a fact only ever helps or only ever hinders
//! prosecution), so Kleene evaluation is exact: a verdict that is not `unknown` is what every
//! resolution of the unknown facts gives, and the bounds of the gap matrix are exact.
//!
//! **Invariant:** no I/O, no allocation per condition: a [`StateOutcome`] is `Copy`, so the gap
//! matrix evaluates millions of cases; [`explain`] turns outcomes into facts and sources.

mod explain;

pub use explain::{
    describe_fact, explain, BarrierExplanation, CaseExplanation, FactExplanation, SourceInfo,
    StateExplanation,
};

use crate::graph::CooperationGraph;
use crate::model::*;
use crate::snapshot::Snapshot;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// A cross-border case (docs/model.md section 3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub offence: OffenceId,
    pub offender_nationality: JurisdictionId,
    pub offender_location: JurisdictionId,
    /// Where the offender habitually resides, if known; the residence basis is only
    /// considered when it is given.
    pub offender_residence: Option<JurisdictionId>,
    /// Where the offender is found when prosecution starts (the custody state): extradition
    /// is asked of it, and it may try him under universal jurisdiction. Usually where he
    /// acted; a man who abused a child abroad and flew home is found in his own state.
    pub custody_location: JurisdictionId,
    pub victim_nationality: JurisdictionId,
    pub victim_location: JurisdictionId,
    pub victim_age: u8,
    /// Where a facilitator (e.g. the one streaming) acted, if any.
    pub facilitator_location: Option<JurisdictionId>,
    /// Where the evidence is held (platform, payment provider), if any is needed from abroad.
    pub evidence_location: Option<JurisdictionId>,
    pub conduct_date: NaiveDate,
    pub prosecution_date: NaiveDate,
}

/// The verdict on a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No candidate state can prosecute.
    Impunity,
    /// The answer depends on unknown facts.
    Unknown,
    /// Some state can prosecute.
    Prosecutable,
}

impl Verdict {
    pub fn from_truth(truth: Truth) -> Verdict {
        match truth {
            Truth::Yes => Verdict::Prosecutable,
            Truth::No => Verdict::Impunity,
            Truth::Unknown => Verdict::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Prosecutable => "prosecutable",
            Verdict::Impunity => "impunity",
            Verdict::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a state may be unable to prosecute. The codes are stable: outputs and users rely on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BarrierCode {
    NotCriminalised,
    AgeThreshold,
    NoJurisdiction,
    DoubleCriminality,
    NoExtraditionChannel,
    ExtraditionDoubleCriminality,
    NationalsNotExtradited,
    NoMlaChannel,
    MlaDoubleCriminality,
    TimeBarred,
}

impl BarrierCode {
    pub const ALL: [BarrierCode; 10] = [
        BarrierCode::NotCriminalised,
        BarrierCode::AgeThreshold,
        BarrierCode::NoJurisdiction,
        BarrierCode::DoubleCriminality,
        BarrierCode::NoExtraditionChannel,
        BarrierCode::ExtraditionDoubleCriminality,
        BarrierCode::NationalsNotExtradited,
        BarrierCode::NoMlaChannel,
        BarrierCode::MlaDoubleCriminality,
        BarrierCode::TimeBarred,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BarrierCode::NotCriminalised => "NOT_CRIMINALISED",
            BarrierCode::AgeThreshold => "AGE_THRESHOLD",
            BarrierCode::NoJurisdiction => "NO_JURISDICTION",
            BarrierCode::DoubleCriminality => "DOUBLE_CRIMINALITY",
            BarrierCode::NoExtraditionChannel => "NO_EXTRADITION_CHANNEL",
            BarrierCode::ExtraditionDoubleCriminality => "EXTRADITION_DOUBLE_CRIMINALITY",
            BarrierCode::NationalsNotExtradited => "NATIONALS_NOT_EXTRADITED",
            BarrierCode::NoMlaChannel => "NO_MLA_CHANNEL",
            BarrierCode::MlaDoubleCriminality => "MLA_DOUBLE_CRIMINALITY",
            BarrierCode::TimeBarred => "TIME_BARRED",
        }
    }

    /// What the code means, in words (for readers of the atlas and the charts).
    pub fn meaning(self) -> &'static str {
        match self {
            BarrierCode::NotCriminalised => "the state's law does not make the conduct a crime",
            BarrierCode::AgeThreshold => "the state's offence covers only younger children than the victim",
            BarrierCode::NoJurisdiction => "no ground of jurisdiction (territory, nationality, passive personality, residence, universal) reaches the case",
            BarrierCode::DoubleCriminality => "the ground of jurisdiction needs the conduct to be a crime where the offender acted, and it is not",
            BarrierCode::NoExtraditionChannel => "no treaty or law lets the state ask for the offender's extradition",
            BarrierCode::ExtraditionDoubleCriminality => "extradition needs the offence to be a crime in both states, and it is not in one of them",
            BarrierCode::NationalsNotExtradited => "the requested state does not extradite its own nationals",
            BarrierCode::NoMlaChannel => "no treaty or law lets the state ask for the evidence held abroad",
            BarrierCode::MlaDoubleCriminality => "the state holding the evidence helps only for conduct it also treats as a crime",
            BarrierCode::TimeBarred => "the limitation period has run out",
        }
    }

    pub fn parse(text: &str) -> Option<BarrierCode> {
        BarrierCode::ALL
            .into_iter()
            .find(|code| code.as_str() == text)
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for BarrierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of barrier codes, as a bitset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BarrierSet(u16);

impl BarrierSet {
    pub fn insert(&mut self, code: BarrierCode) {
        self.0 |= code.bit();
    }

    pub fn contains(self, code: BarrierCode) -> bool {
        self.0 & code.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: BarrierSet) -> BarrierSet {
        BarrierSet(self.0 | other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = BarrierCode> {
        BarrierCode::ALL
            .into_iter()
            .filter(move |code| self.contains(*code))
    }

    /// The codes joined with `;`.
    pub fn joined(self) -> String {
        self.iter()
            .map(BarrierCode::as_str)
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// The five conditions of docs/model.md section 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Criminal,
    Jurisdiction,
    Custody,
    Evidence,
    NotTimeBarred,
}

impl Condition {
    pub const ALL: [Condition; 5] = [
        Condition::Criminal,
        Condition::Jurisdiction,
        Condition::Custody,
        Condition::Evidence,
        Condition::NotTimeBarred,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Criminal => "criminal",
            Condition::Jurisdiction => "jurisdiction",
            Condition::Custody => "custody",
            Condition::Evidence => "evidence",
            Condition::NotTimeBarred => "not_time_barred",
        }
    }
}

/// A ground on which a state may claim jurisdiction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Offender, victim or facilitator located in the state (ubiquity principle).
    Territorial,
    /// The offender is a national (active personality).
    Nationality,
    /// The victim is a national (passive personality).
    PassivePersonality,
    /// The offender habitually resides there.
    Residence,
    /// The offender is found there (universal jurisdiction).
    Universal,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Territorial => "territorial",
            Basis::Nationality => "nationality",
            Basis::PassivePersonality => "passive_personality",
            Basis::Residence => "residence",
            Basis::Universal => "universal",
        }
    }

    /// The rule that opens this basis and the rule saying whether it needs double criminality.
    pub fn rules(self) -> Option<(RuleKind, RuleKind)> {
        match self {
            Basis::Territorial => None,
            Basis::Nationality => Some((
                RuleKind::ActiveNationality,
                RuleKind::ActiveNationalityDoubleCriminality,
            )),
            Basis::PassivePersonality => Some((
                RuleKind::PassivePersonality,
                RuleKind::PassivePersonalityDoubleCriminality,
            )),
            Basis::Residence => Some((RuleKind::Residence, RuleKind::ResidenceDoubleCriminality)),
            Basis::Universal => Some((RuleKind::Universal, RuleKind::UniversalDoubleCriminality)),
        }
    }
}

/// One barrier met by one candidate state: what, how sure, and whose law or which link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Barrier {
    pub code: BarrierCode,
    /// `No` when the barrier certainly stands; `Unknown` when it may.
    pub truth: Truth,
    /// The state whose law or position the barrier is about.
    pub state: JurisdictionId,
    /// The other end (the state asked for extradition or assistance; the place where the
    /// offender acted, for double criminality).
    pub other: Option<JurisdictionId>,
    /// For jurisdiction barriers: the basis concerned.
    pub basis: Option<Basis>,
}

impl Barrier {
    pub fn certain(&self) -> bool {
        self.truth.is_no()
    }
}

const MAX_BARRIERS: usize = 14;

/// The barriers of one state, in a fixed array (no allocation).
#[derive(Clone, Copy, Debug)]
pub struct Barriers {
    items: [Option<Barrier>; MAX_BARRIERS],
    len: usize,
}

impl Barriers {
    const EMPTY: Barriers = Barriers {
        items: [None; MAX_BARRIERS],
        len: 0,
    };

    fn push(&mut self, barrier: Barrier) {
        if self.len < MAX_BARRIERS {
            self.items[self.len] = Some(barrier);
            self.len += 1;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Barrier> {
        self.items[..self.len].iter().flatten()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// How one candidate state fares.
#[derive(Clone, Copy, Debug)]
pub struct StateOutcome {
    pub state: JurisdictionId,
    /// The bases the state has in this case (before checking its rules).
    pub territorial: bool,
    pub nationality: bool,
    pub passive_personality: bool,
    pub residence: bool,
    /// The offender is found there (custody state), so universal jurisdiction may apply.
    pub universal: bool,
    /// The truth of each condition, in [`Condition::ALL`] order.
    pub conditions: [Truth; 5],
    /// Whether it can prosecute: all conditions.
    pub can_prosecute: Truth,
    pub barriers: Barriers,
}

impl StateOutcome {
    /// Codes of the barriers that certainly stand.
    pub fn certain_barriers(&self) -> BarrierSet {
        let mut set = BarrierSet::default();
        for barrier in self.barriers.iter().filter(|b| b.certain()) {
            set.insert(barrier.code);
        }
        set
    }

    /// Codes of the barriers that may stand (depend on unknown facts).
    pub fn possible_barriers(&self) -> BarrierSet {
        let mut set = BarrierSet::default();
        for barrier in self.barriers.iter().filter(|b| !b.certain()) {
            set.insert(barrier.code);
        }
        set
    }

    pub fn condition(&self, condition: Condition) -> Truth {
        self.conditions[condition as usize]
    }
}

/// The evaluation of a case: a verdict and every candidate state's outcome.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub verdict: Verdict,
    pub states: Vec<StateOutcome>,
}

impl Evaluation {
    /// The states that can prosecute.
    pub fn prosecuting(&self) -> impl Iterator<Item = JurisdictionId> + '_ {
        self.states
            .iter()
            .filter(|s| s.can_prosecute.is_yes())
            .map(|s| s.state)
    }

    /// The states that may be able to prosecute, depending on unknown facts.
    pub fn possibly_prosecuting(&self) -> impl Iterator<Item = JurisdictionId> + '_ {
        self.states
            .iter()
            .filter(|s| s.can_prosecute.is_unknown())
            .map(|s| s.state)
    }
}

/// The law a case is judged by: the dataset as of the conduct date and as of the prosecution
/// date, and the cooperation graph of the prosecution date.
pub struct Law<'s, 'd> {
    pub conduct: &'s Snapshot<'d>,
    pub prosecution: &'s Snapshot<'d>,
    pub graph: &'s CooperationGraph,
    /// Which day of the year-long window of the victim's 18th birthday to assume: unknown
    /// (the default), or resolved for the bounds the way unknown facts are.
    pub birthday: Birthday,
}

/// The victim's 18th birthday, known only to within a year (docs/model.md, "Readings lacuna follows").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Birthday {
    /// Any day of the window: answers that depend on it are unknown.
    #[default]
    Unknown,
    /// The first day of the window (a period running from majority ends soonest).
    Earliest,
    /// The last day of the window (the period ends latest).
    Latest,
}

impl<'s, 'd> Law<'s, 'd> {
    pub fn new(
        conduct: &'s Snapshot<'d>,
        prosecution: &'s Snapshot<'d>,
        graph: &'s CooperationGraph,
    ) -> Law<'s, 'd> {
        Law {
            conduct,
            prosecution,
            graph,
            birthday: Birthday::Unknown,
        }
    }

    /// The law of a single day (conduct and prosecution on the same day, as in the gap matrix).
    pub fn on(snapshot: &'s Snapshot<'d>, graph: &'s CooperationGraph) -> Law<'s, 'd> {
        Law::new(snapshot, snapshot, graph)
    }

    pub fn dataset(&self) -> &'d Dataset {
        self.conduct.dataset
    }

    fn sovereign(&self, id: JurisdictionId) -> JurisdictionId {
        self.conduct.sovereign(id)
    }

    /// Whether someone or something located in `place` is located in `state` (a place inside
    /// a unit of the state is inside the state).
    fn located_in(&self, place: JurisdictionId, state: JurisdictionId) -> bool {
        let mut current = Some(place);
        while let Some(here) = current {
            if here == state {
                return true;
            }
            current = self.dataset().jurisdiction(here).parent;
        }
        false
    }

    /// Whether a national of `nationality` is a national of `state` (nationality is a
    /// sovereign's; a unit claims its state's nationals).
    fn national_of(&self, nationality: JurisdictionId, state: JurisdictionId) -> bool {
        self.sovereign(nationality) == self.sovereign(state)
    }

    fn criminal(&self, state: JurisdictionId, case: &Case) -> Truth {
        self.conduct
            .criminalisation(state, case.offence)
            .value
            .covers(case.victim_age)
    }
}

/// The most candidate states a case can have (one per place or nationality it names).
pub const MAX_CANDIDATES: usize = 7;

/// The candidate states of a case, in a stable order: offender location, victim location,
/// facilitator location, offender nationality, victim nationality, offender residence,
/// custody state.
pub fn candidates(case: &Case) -> Vec<JurisdictionId> {
    let mut states = Vec::with_capacity(MAX_CANDIDATES);
    for state in [
        Some(case.offender_location),
        Some(case.victim_location),
        case.facilitator_location,
        Some(case.offender_nationality),
        Some(case.victim_nationality),
        case.offender_residence,
        Some(case.custody_location),
    ]
    .into_iter()
    .flatten()
    {
        if !states.contains(&state) {
            states.push(state);
        }
    }
    states
}

/// Evaluates a case against the law.
pub fn evaluate(law: &Law<'_, '_>, case: &Case) -> Evaluation {
    let states: Vec<StateOutcome> = candidates(case)
        .into_iter()
        .map(|state| assess(law, case, state))
        .collect();
    let verdict = Verdict::from_truth(Truth::any(states.iter().map(|s| s.can_prosecute)));
    Evaluation { verdict, states }
}

/// How one state fares on a case, with its barriers.
pub fn assess(law: &Law<'_, '_>, case: &Case, state: JurisdictionId) -> StateOutcome {
    assess_with::<true>(law, case, state)
}

/// Whether one state can prosecute a case: [`assess`] without recording barriers, for
/// analyses that evaluate millions of cases.
pub fn can_prosecute(law: &Law<'_, '_>, case: &Case, state: JurisdictionId) -> Truth {
    assess_with::<false>(law, case, state).can_prosecute
}

fn assess_with<const RECORD: bool>(
    law: &Law<'_, '_>,
    case: &Case,
    state: JurisdictionId,
) -> StateOutcome {
    let mut barriers = Barriers::EMPTY;
    let barrier = |barriers: &mut Barriers, code, truth: Truth, who, other, basis| {
        if RECORD && !truth.is_yes() {
            barriers.push(Barrier {
                code,
                truth,
                state: who,
                other,
                basis,
            });
        }
    };

    // 1. Criminal in S, with the victim under S's age threshold.
    let resolved = &law.conduct.criminalisation(state, case.offence).value;
    let criminal = resolved.covers(case.victim_age);
    if !criminal.is_yes() {
        let over_age = case.victim_age >= resolved.child_age
            && matches!(
                resolved.status,
                CriminalisationStatus::Criminalised | CriminalisationStatus::Partial
            );
        let code = if over_age {
            BarrierCode::AgeThreshold
        } else {
            BarrierCode::NotCriminalised
        };
        barrier(&mut barriers, code, criminal, state, None, None);
    }

    // 2. Jurisdiction.
    let territorial = [
        Some(case.offender_location),
        Some(case.victim_location),
        case.facilitator_location,
    ]
    .into_iter()
    .flatten()
    .any(|place| law.located_in(place, state));
    let nationality = law.national_of(case.offender_nationality, state);
    let passive = law.national_of(case.victim_nationality, state);
    let residence = case
        .offender_residence
        .is_some_and(|place| law.located_in(place, state));
    let universal = law.located_in(case.custody_location, state);
    let mut jurisdiction = Truth::from_bool(territorial);
    let mut extraterritorial: [(Basis, Truth, Truth); 4] =
        [(Basis::Territorial, Truth::No, Truth::No); 4];
    let mut n_extraterritorial = 0;
    if !territorial {
        let acted_criminal = law.criminal(case.offender_location, case);
        for (applies, basis) in [
            (nationality, Basis::Nationality),
            (passive, Basis::PassivePersonality),
            (residence, Basis::Residence),
            (universal, Basis::Universal),
        ] {
            if !applies {
                continue;
            }
            let (open_rule, dc_rule) = basis.rules().expect("extraterritorial bases have rules");
            let open = law
                .conduct
                .rule(state, case.offence, open_rule)
                .value
                .truth();
            let needs_dc = law.conduct.rule(state, case.offence, dc_rule).value.truth();
            let dc_met = needs_dc.negate().or(acted_criminal);
            extraterritorial[n_extraterritorial] = (basis, open, dc_met);
            n_extraterritorial += 1;
            jurisdiction = jurisdiction.or(open.and(dc_met));
        }
        if n_extraterritorial == 0 {
            barrier(
                &mut barriers,
                BarrierCode::NoJurisdiction,
                Truth::No,
                state,
                None,
                None,
            );
        }
        // One barrier per basis that fails, named by what fails: the basis itself
        // (NO_JURISDICTION) or the double-criminality test (DOUBLE_CRIMINALITY). A barrier is
        // certain only if the state certainly lacks jurisdiction on every basis.
        for &(basis, open, dc_met) in &extraterritorial[..n_extraterritorial] {
            let holds = open.and(dc_met);
            if holds.is_yes() {
                continue;
            }
            let code = if open.is_no() || (open.is_unknown() && !dc_met.is_no()) {
                BarrierCode::NoJurisdiction
            } else {
                BarrierCode::DoubleCriminality
            };
            let other = (code == BarrierCode::DoubleCriminality).then_some(case.offender_location);
            barrier(
                &mut barriers,
                code,
                holds.or(jurisdiction),
                state,
                other,
                Some(basis),
            );
        }
    }

    // 3. Custody: the offender is where he is found when prosecution starts.
    let custody = if law.located_in(case.custody_location, state)
        || law.sovereign(case.custody_location) == law.sovereign(state)
    {
        Truth::Yes
    } else {
        let held_in = case.custody_location;
        let channel = law.graph.channel(state, held_in, Channel::Extradition);
        barrier(
            &mut barriers,
            BarrierCode::NoExtraditionChannel,
            channel,
            state,
            Some(held_in),
            None,
        );
        let both_criminal = criminal.and(law.criminal(held_in, case));
        let held_criminal = law.criminal(held_in, case);
        barrier(
            &mut barriers,
            BarrierCode::ExtraditionDoubleCriminality,
            held_criminal,
            held_in,
            Some(state),
            None,
        );
        let surrenders = if law.national_of(case.offender_nationality, held_in) {
            extradites_national(law, case, held_in, state)
        } else {
            Truth::Yes
        };
        barrier(
            &mut barriers,
            BarrierCode::NationalsNotExtradited,
            surrenders,
            held_in,
            Some(state),
            None,
        );
        channel.and(both_criminal).and(surrenders)
    };

    // 4. Evidence.
    let evidence = match case.evidence_location {
        None => Truth::Yes,
        Some(place)
            if law.located_in(place, state) || law.sovereign(place) == law.sovereign(state) =>
        {
            Truth::Yes
        }
        Some(place) => {
            let channel = law.graph.channel(state, place, Channel::Mla);
            barrier(
                &mut barriers,
                BarrierCode::NoMlaChannel,
                channel,
                state,
                Some(place),
                None,
            );
            let needs_dc = law
                .prosecution
                .rule(place, case.offence, RuleKind::MlaDoubleCriminality)
                .value
                .truth();
            let dc_met = needs_dc.negate().or(law.criminal(place, case));
            barrier(
                &mut barriers,
                BarrierCode::MlaDoubleCriminality,
                dc_met,
                place,
                Some(state),
                None,
            );
            channel.and(dc_met)
        }
    };

    // 5. Not time-barred.
    let in_time = not_time_barred(law, case, state);
    barrier(
        &mut barriers,
        BarrierCode::TimeBarred,
        in_time,
        state,
        None,
        None,
    );

    let conditions = [criminal, jurisdiction, custody, evidence, in_time];
    StateOutcome {
        state,
        territorial,
        nationality,
        passive_personality: passive,
        residence,
        universal,
        conditions,
        can_prosecute: Truth::all(conditions),
        barriers,
    }
}

/// Whether `held_in` surrenders its own national to `requesting` on the prosecution date.
fn extradites_national(
    law: &Law<'_, '_>,
    case: &Case,
    held_in: JurisdictionId,
    requesting: JurisdictionId,
) -> Truth {
    match &law
        .prosecution
        .rule(held_in, case.offence, RuleKind::ExtraditesNationals)
        .value
    {
        RuleValue::Truth(truth) => *truth,
        RuleValue::OnlyToPartiesOf(instruments) => {
            let dataset = law.dataset();
            let (a, b) = (law.sovereign(requesting), law.sovereign(held_in));
            Truth::any(
                instruments
                    .iter()
                    .filter(|&&instrument| dataset.instrument(instrument).links(a, b))
                    .map(|&instrument| {
                        law.prosecution
                            .bound_by(instrument, requesting)
                            .value
                            .and(law.prosecution.bound_by(instrument, held_in).value)
                    }),
            )
        }
        _ => Truth::Unknown,
    }
}

/// Whether the prosecution date is within S's limitation period for the offence.
///
/// A period that runs from the victim's majority starts on her 18th birthday, which is known
/// only to within a year: for age `a` on the conduct day it falls in
/// `(conduct + (17 - a) years, conduct + (18 - a) years]` (docs/model.md, "Readings lacuna follows").
/// Where the answer depends on where in that window the birthday falls, it is `Unknown`.
pub fn not_time_barred(law: &Law<'_, '_>, case: &Case, state: JurisdictionId) -> Truth {
    if case.prosecution_date <= case.conduct_date {
        return Truth::Yes;
    }
    let rule = |kind| &law.prosecution.rule(state, case.offence, kind).value;
    let from_majority = rule(RuleKind::LimitationFromMajority).truth();
    let (earliest_majority, latest_majority) = match (law.birthday, majority_window(case)) {
        (Birthday::Unknown, window) => window,
        (Birthday::Earliest, (earliest, _)) => (earliest, earliest),
        (Birthday::Latest, (_, latest)) => (latest, latest),
    };
    // A period that runs from the victim's majority has not started before it.
    if from_majority.is_yes() && case.prosecution_date < earliest_majority {
        return Truth::Yes;
    }
    let limit = match rule(RuleKind::LimitationYears) {
        RuleValue::NoLimitation => return Truth::Yes,
        RuleValue::Years(years) => *years,
        _ => return Truth::Unknown,
    };
    let in_time_from =
        |start: NaiveDate| case.prosecution_date < add_years(start, u32::from(limit));
    let from_conduct = Truth::from_bool(in_time_from(case.conduct_date));
    let from_majority_start = match (
        in_time_from(earliest_majority),
        in_time_from(latest_majority),
    ) {
        (true, true) => Truth::Yes,
        (false, false) => Truth::No,
        _ => Truth::Unknown,
    };
    // If the period runs from majority it is the later start; unknown → either.
    match from_majority {
        Truth::Yes => from_majority_start,
        Truth::No => from_conduct,
        Truth::Unknown => {
            if from_conduct == from_majority_start {
                from_conduct
            } else {
                Truth::Unknown
            }
        }
    }
}

/// The first and last day on which the victim may turn 18, never before the conduct (a
/// victim who is already an adult starts the period on the conduct day).
fn majority_window(case: &Case) -> (NaiveDate, NaiveDate) {
    let conduct = case.conduct_date;
    if case.victim_age >= 18 {
        return (conduct, conduct);
    }
    let latest = add_years(conduct, u32::from(18 - case.victim_age));
    let earliest = add_years(conduct, u32::from(17 - case.victim_age))
        .succ_opt()
        .unwrap_or(latest);
    (earliest.max(conduct), latest)
}

fn add_years(day: NaiveDate, years: u32) -> NaiveDate {
    let year = day.year() + years as i32;
    NaiveDate::from_ymd_opt(year, day.month(), day.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), 28))
        .unwrap_or(day)
}
