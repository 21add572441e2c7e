//! Turning an [`Evaluation`] into what users read and cite: for every candidate state, why it
//! can or cannot prosecute, with the facts, their evidence level and their sources. The
//! explanation is the product, not a debug aid; its JSON form is the versioned schema
//! `lacuna.case/1` (docs/case-json.md).

use super::*;
use crate::graph::Opening;
use crate::snapshot::FactRef;
use serde::Serialize;
use std::fmt::Write;

/// The JSON schema name and version of [`CaseExplanation`].
pub const CASE_SCHEMA: &str = "lacuna.case/1";

/// One fact an explanation rests on.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FactExplanation {
    /// `criminalisation`, `rule`, `obligation`, `party` or `reservation`.
    pub kind: &'static str,
    pub jurisdiction: String,
    /// The fact in plain words.
    pub statement: String,
    pub evidence: EvidenceLevel,
    /// The article or law cited, if any.
    pub citation: String,
    pub sources: Vec<String>,
}

/// One barrier, explained.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct BarrierExplanation {
    pub code: BarrierCode,
    /// True when the barrier certainly stands; false when it depends on unknown facts.
    pub certain: bool,
    pub state: String,
    pub other: Option<String>,
    pub basis: Option<Basis>,
    pub explanation: String,
    pub facts: Vec<FactExplanation>,
}

/// One candidate state, explained.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StateExplanation {
    pub state: String,
    pub name: String,
    /// The grounds it has in this case: territorial, nationality, passive_personality, residence.
    pub bases: Vec<Basis>,
    pub can_prosecute: Truth,
    pub conditions: Vec<(Condition, Truth)>,
    pub barriers: Vec<BarrierExplanation>,
    /// For a state that can (or may) prosecute: the facts that carry it.
    pub support: Vec<FactExplanation>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DatasetInfo {
    pub name: String,
    pub version: String,
    pub illustrative: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CaseInfo {
    pub offence: String,
    pub offender_nationality: String,
    pub offender_location: String,
    /// Where the offender is found when prosecution starts.
    pub custody_location: String,
    pub offender_residence: Option<String>,
    pub victim_nationality: String,
    pub victim_location: String,
    pub victim_age: u8,
    pub facilitator_location: Option<String>,
    pub evidence_location: Option<String>,
    pub conduct_date: String,
    pub prosecution_date: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SourceInfo {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub read_on: String,
    pub verified_on: String,
}

/// A case, its verdict and the reasons, ready to print or serialise.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CaseExplanation {
    pub schema: &'static str,
    pub dataset: DatasetInfo,
    pub min_evidence: EvidenceLevel,
    pub case: CaseInfo,
    pub verdict: Verdict,
    pub prosecuting_states: Vec<String>,
    pub possibly_prosecuting_states: Vec<String>,
    pub states: Vec<StateExplanation>,
    /// Every source cited above, once.
    pub sources: Vec<SourceInfo>,
}

fn code(dataset: &Dataset, id: JurisdictionId) -> String {
    dataset.jurisdiction(id).code.clone()
}

fn rule_value_text(dataset: &Dataset, value: &RuleValue) -> String {
    match value {
        RuleValue::Truth(truth) => truth.to_string(),
        RuleValue::OnlyToPartiesOf(instruments) => format!(
            "only to parties of {}",
            instruments
                .iter()
                .map(|i| dataset.instrument(*i).code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        RuleValue::Years(years) => format!("{years} years"),
        RuleValue::NoLimitation => "no limitation".to_string(),
    }
}

/// Describes one fact.
pub fn describe_fact(snapshot: &Snapshot<'_>, fact: FactRef) -> FactExplanation {
    let d = snapshot.dataset;
    let sources = |ids: &[SourceId]| {
        d.source_codes(ids)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    match fact {
        FactRef::Criminalisation(row) => {
            let f = &d.criminalisation[row];
            let mut statement = format!(
                "{} {}: {}",
                d.jurisdiction(f.jurisdiction).code,
                d.offence(f.offence).code,
                f.status
            );
            if let Some(condition) = &f.condition {
                let _ = write!(statement, " ({condition})");
            }
            if f.child_age != DEFAULT_CHILD_AGE {
                let _ = write!(statement, ", victims under {}", f.child_age);
            }
            let _ = write!(statement, ", {}", f.period.describe_on(snapshot.day));
            if f.contested {
                statement.push_str(", contested");
            }
            FactExplanation {
                kind: "criminalisation",
                jurisdiction: d.jurisdiction(f.jurisdiction).code.clone(),
                statement,
                evidence: f.evidence,
                citation: f.citation.clone(),
                sources: sources(&f.sources),
            }
        }
        FactRef::Rule(row) => {
            let f = &d.rules[row];
            let offence = f
                .offence
                .map(|o| format!(" for {}", d.offence(o).code))
                .unwrap_or_default();
            let mut statement = format!(
                "{} {}{offence}: {}, {}",
                d.jurisdiction(f.jurisdiction).code,
                f.rule,
                rule_value_text(d, &f.value),
                f.period.describe_on(snapshot.day)
            );
            if f.contested {
                statement.push_str(", contested");
            }
            if !f.note.is_empty() {
                let _ = write!(statement, " ({})", f.note);
            }
            FactExplanation {
                kind: "rule",
                jurisdiction: d.jurisdiction(f.jurisdiction).code.clone(),
                statement,
                evidence: f.evidence,
                citation: f.citation.clone(),
                sources: sources(&f.sources),
            }
        }
        FactRef::Obligation {
            obligation,
            jurisdiction,
            party,
        } => {
            let o = d.obligation(obligation);
            let duty = match &o.effect {
                ObligationEffect::Criminalise => "to criminalise the offence".to_string(),
                ObligationEffect::Rule(rule, value) => {
                    format!("to have {rule} = {}", rule_value_text(d, value))
                }
            };
            let party = party.map(|row| &d.parties[row]);
            let in_force = match party {
                Some(p) => p
                    .in_force_on
                    .map(|date| format!(" (in force for it {date})"))
                    .unwrap_or_default(),
                None => " (by a hypothetical reform)".to_string(),
            };
            let mut all_sources = sources(&o.sources);
            for source in party.map(|p| sources(&p.sources)).unwrap_or_default() {
                if !all_sources.contains(&source) {
                    all_sources.push(source);
                }
            }
            FactExplanation {
                kind: "obligation",
                jurisdiction: d.jurisdiction(jurisdiction).code.clone(),
                statement: format!(
                    "{} is bound by {}{in_force}, which obliges it {duty}",
                    d.jurisdiction(jurisdiction).code,
                    d.instrument(o.instrument).code
                ),
                evidence: EvidenceLevel::TreatyObligation,
                citation: format!("{} {}", d.instrument(o.instrument).code, o.article),
                sources: all_sources,
            }
        }
        FactRef::Party(row) => {
            let p = &d.parties[row];
            let when = match (p.in_force_on, p.consented_on) {
                (Some(date), _) => format!(
                    "in force for it {date}{}",
                    if p.in_force_derived {
                        " (derived by the treaty's rule)"
                    } else {
                        ""
                    }
                ),
                (None, Some(date)) => format!("consented {date}, entry into force not known"),
                (None, None) => "signed only".to_string(),
            };
            FactExplanation {
                kind: "party",
                jurisdiction: d.jurisdiction(p.jurisdiction).code.clone(),
                statement: format!(
                    "{} party to {}: {when}",
                    d.jurisdiction(p.jurisdiction).code,
                    d.instrument(p.instrument).code
                ),
                evidence: EvidenceLevel::Statute,
                citation: d.instrument(p.instrument).name.clone(),
                sources: sources(&p.sources),
            }
        }
        FactRef::Reform(index) => {
            let reform = &snapshot.reforms()[index];
            FactExplanation {
                kind: "reform",
                jurisdiction: reform
                    .jurisdictions()
                    .first()
                    .map(|j| d.jurisdiction(*j).code.clone())
                    .unwrap_or_default(),
                statement: format!("hypothetical reform: {}", reform.label),
                evidence: EvidenceLevel::Statute,
                citation: String::new(),
                sources: Vec::new(),
            }
        }
        FactRef::Reservation(row) => {
            let r = &d.reservations[row];
            FactExplanation {
                kind: "reservation",
                jurisdiction: d.jurisdiction(r.jurisdiction).code.clone(),
                statement: format!(
                    "{} reservation to {} {}: {}",
                    d.jurisdiction(r.jurisdiction).code,
                    d.instrument(r.instrument).code,
                    r.article,
                    r.summary
                ),
                evidence: EvidenceLevel::Statute,
                citation: format!("{} {}", d.instrument(r.instrument).code, r.article),
                sources: sources(&r.sources),
            }
        }
    }
}

fn describe_all(snapshot: &Snapshot<'_>, facts: &[FactRef]) -> Vec<FactExplanation> {
    let mut out: Vec<FactExplanation> = Vec::new();
    for fact in facts {
        let described = describe_fact(snapshot, *fact);
        if !out.contains(&described) {
            out.push(described);
        }
    }
    out
}

fn status_text(
    resolved: &crate::snapshot::Resolved<crate::snapshot::Criminalisation>,
    dataset: &Dataset,
) -> String {
    let value = &resolved.value;
    let mut text = value.status.to_string();
    if let Some(condition) = &value.condition {
        let _ = write!(text, " ({condition}");
        if let Some(age) = value.condition_from_age {
            let _ = write!(text, ", for victims aged {age} or more");
        }
        text.push(')');
    }
    text.push_str(&provenance(
        resolved.inherited_from,
        resolved.evidence,
        dataset,
    ));
    text
}

/// Where a resolved value comes from: its ancestor, if inherited, and its evidence level.
fn provenance(
    inherited_from: Option<JurisdictionId>,
    evidence: Option<EvidenceLevel>,
    dataset: &Dataset,
) -> String {
    let mut text = String::new();
    if let Some(parent) = inherited_from {
        let _ = write!(
            text,
            ", inherited from {}",
            dataset.jurisdiction(parent).code
        );
    }
    match evidence {
        Some(level) => {
            let _ = write!(text, " [{level}]");
        }
        None => text.push_str(" [no fact]"),
    }
    text
}

fn rule_text(resolved: &crate::snapshot::Resolved<RuleValue>, dataset: &Dataset) -> String {
    let mut text = rule_value_text(dataset, &resolved.value);
    text.push_str(&provenance(
        resolved.inherited_from,
        resolved.evidence,
        dataset,
    ));
    text
}

fn channel_text(
    law: &Law<'_, '_>,
    from: JurisdictionId,
    to: JurisdictionId,
    channel: Channel,
) -> (String, Vec<FactRef>) {
    let d = law.dataset();
    let openings = law.graph.openings(law.prosecution, from, to, channel);
    let mut parts = Vec::new();
    let mut facts = Vec::new();
    for opening in openings {
        match opening {
            Opening::Instrument(id, truth) => {
                parts.push(format!(
                    "{}{}",
                    d.instrument(id).code,
                    if truth.is_yes() {
                        ""
                    } else {
                        " (party status unknown)"
                    }
                ));
                for state in [from, to] {
                    facts.extend(law.prosecution.bound_by(id, state).basis.iter().copied());
                }
            }
            Opening::DomesticLaw(rule, truth, basis) => {
                parts.push(format!(
                    "{}'s own law ({rule} = {}{})",
                    code(d, to),
                    truth.negate(),
                    if basis.is_empty() { ", no fact" } else { "" }
                ));
                facts.extend(basis);
            }
            Opening::SameState => parts.push("same state".to_string()),
            Opening::Reform(index) => {
                parts.push(format!(
                    "reform: {}",
                    law.prosecution.reforms()[index].label
                ));
                facts.push(FactRef::Reform(index));
            }
        }
    }
    let text = if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    };
    (text, facts)
}

fn barrier_explanation(law: &Law<'_, '_>, case: &Case, barrier: &Barrier) -> BarrierExplanation {
    let d = law.dataset();
    let offence = &d.offence(case.offence).code;
    let state = code(d, barrier.state);
    let other = barrier.other.map(|o| code(d, o));
    let day = |s: &Snapshot<'_>| s.day;
    let (explanation, facts): (String, Vec<FactRef>) = match barrier.code {
        BarrierCode::NotCriminalised => {
            let resolved = law.conduct.criminalisation(barrier.state, case.offence);
            (format!("{offence} in {state} on {}: {}", day(law.conduct), status_text(resolved, d)), resolved.basis.clone())
        }
        BarrierCode::AgeThreshold => {
            let resolved = law.conduct.criminalisation(barrier.state, case.offence);
            (
                format!("{state} treats victims of {offence} as children only under {}; the victim is {}", resolved.value.child_age, case.victim_age),
                resolved.basis.clone(),
            )
        }
        BarrierCode::NoJurisdiction => match barrier.basis.and_then(Basis::rules) {
            Some((open, _)) => {
                let resolved = law.conduct.rule(barrier.state, case.offence, open);
                (format!("{state} {open} for {offence}: {}", rule_text(resolved, d)), resolved.basis.clone())
            }
            None => (format!("{state} has no territorial, nationality, passive-personality or residence link to this case"), Vec::new()),
        },
        BarrierCode::DoubleCriminality => {
            let (_, dc_rule) = barrier.basis.and_then(Basis::rules).unwrap_or((RuleKind::ActiveNationality, RuleKind::ActiveNationalityDoubleCriminality));
            let rule = law.conduct.rule(barrier.state, case.offence, dc_rule);
            let place = barrier.other.unwrap_or(case.offender_location);
            let crim = law.conduct.criminalisation(place, case.offence);
            let mut facts = rule.basis.clone();
            facts.extend(crim.basis.iter().copied());
            (
                format!(
                    "{state} {dc_rule}: {}; {offence} where the offender acted ({}): {}",
                    rule_text(rule, d),
                    code(d, place),
                    status_text(crim, d)
                ),
                facts,
            )
        }
        BarrierCode::NoExtraditionChannel => {
            let to = barrier.other.unwrap_or(case.offender_location);
            let (text, facts) = channel_text(law, barrier.state, to, Channel::Extradition);
            (format!("extradition from {} to {state} on {}: opened by {text}", code(d, to), day(law.prosecution)), facts)
        }
        BarrierCode::ExtraditionDoubleCriminality => {
            let resolved = law.conduct.criminalisation(barrier.state, case.offence);
            (format!("extradition needs {offence} to be a crime in the requested state {state} too: {}", status_text(resolved, d)), resolved.basis.clone())
        }
        BarrierCode::NationalsNotExtradited => {
            let resolved = law.prosecution.rule(barrier.state, case.offence, RuleKind::ExtraditesNationals);
            let requesting = other.clone().unwrap_or_default();
            (format!("the offender is a national of {state}, which extradites its nationals: {} (requested by {requesting})", rule_text(resolved, d)), resolved.basis.clone())
        }
        BarrierCode::NoMlaChannel => {
            let to = barrier.other.unwrap_or(barrier.state);
            let (text, facts) = channel_text(law, barrier.state, to, Channel::Mla);
            (format!("mutual legal assistance from {} to {state} on {}: opened by {text}", code(d, to), day(law.prosecution)), facts)
        }
        BarrierCode::MlaDoubleCriminality => {
            let rule = law.prosecution.rule(barrier.state, case.offence, RuleKind::MlaDoubleCriminality);
            let crim = law.conduct.criminalisation(barrier.state, case.offence);
            let mut facts = rule.basis.clone();
            facts.extend(crim.basis.iter().copied());
            (format!("{state} mla_double_criminality: {}; {offence} in {state}: {}", rule_text(rule, d), status_text(crim, d)), facts)
        }
        BarrierCode::TimeBarred => {
            let years = law.prosecution.rule(barrier.state, case.offence, RuleKind::LimitationYears);
            let majority = law.prosecution.rule(barrier.state, case.offence, RuleKind::LimitationFromMajority);
            let mut facts = years.basis.clone();
            facts.extend(majority.basis.iter().copied());
            (
                format!("{state} limitation period: {}; runs from the victim's majority: {}", rule_text(years, d), rule_text(majority, d)),
                facts,
            )
        }
    };
    BarrierExplanation {
        code: barrier.code,
        certain: barrier.certain(),
        state,
        other,
        basis: barrier.basis,
        explanation,
        facts: describe_all(law.conduct, &facts),
    }
}

fn support(law: &Law<'_, '_>, case: &Case, outcome: &StateOutcome) -> Vec<FactExplanation> {
    let mut facts: Vec<FactRef> = law
        .conduct
        .criminalisation(outcome.state, case.offence)
        .basis
        .clone();
    if !outcome.territorial {
        for (has, basis) in [
            (outcome.nationality, Basis::Nationality),
            (outcome.passive_personality, Basis::PassivePersonality),
            (outcome.residence, Basis::Residence),
            (outcome.universal, Basis::Universal),
        ] {
            if let (true, Some((open, dc))) = (has, basis.rules()) {
                facts.extend(
                    law.conduct
                        .rule(outcome.state, case.offence, open)
                        .basis
                        .iter()
                        .copied(),
                );
                facts.extend(
                    law.conduct
                        .rule(outcome.state, case.offence, dc)
                        .basis
                        .iter()
                        .copied(),
                );
            }
        }
    }
    if law.sovereign(case.custody_location) != law.sovereign(outcome.state) {
        facts.extend(
            channel_text(
                law,
                outcome.state,
                case.custody_location,
                Channel::Extradition,
            )
            .1,
        );
    }
    if let Some(place) = case.evidence_location {
        if law.sovereign(place) != law.sovereign(outcome.state) {
            facts.extend(channel_text(law, outcome.state, place, Channel::Mla).1);
        }
    }
    describe_all(law.conduct, &facts)
}

/// Explains an evaluation: every candidate state with its barriers or support, and every
/// source cited.
pub fn explain(law: &Law<'_, '_>, case: &Case, evaluation: &Evaluation) -> CaseExplanation {
    let d = law.dataset();
    let states: Vec<StateExplanation> = evaluation
        .states
        .iter()
        .map(|outcome| {
            let mut bases = Vec::new();
            for (has, basis) in [
                (outcome.territorial, Basis::Territorial),
                (outcome.nationality, Basis::Nationality),
                (outcome.passive_personality, Basis::PassivePersonality),
                (outcome.residence, Basis::Residence),
                // Universal jurisdiction only matters where no other basis does.
                (
                    outcome.universal
                        && !outcome.territorial
                        && !outcome.nationality
                        && !outcome.passive_personality
                        && !outcome.residence,
                    Basis::Universal,
                ),
            ] {
                if has {
                    bases.push(basis);
                }
            }
            StateExplanation {
                state: code(d, outcome.state),
                name: d.jurisdiction(outcome.state).name.clone(),
                bases,
                can_prosecute: outcome.can_prosecute,
                conditions: Condition::ALL
                    .into_iter()
                    .map(|c| (c, outcome.condition(c)))
                    .collect(),
                barriers: outcome
                    .barriers
                    .iter()
                    .map(|b| barrier_explanation(law, case, b))
                    .collect(),
                support: if outcome.can_prosecute.is_no() {
                    Vec::new()
                } else {
                    support(law, case, outcome)
                },
            }
        })
        .collect();
    let mut cited: Vec<String> = Vec::new();
    for state in &states {
        for fact in state
            .barriers
            .iter()
            .flat_map(|b| b.facts.iter())
            .chain(state.support.iter())
        {
            for source in &fact.sources {
                if !cited.contains(source) {
                    cited.push(source.clone());
                }
            }
        }
    }
    let sources = cited
        .iter()
        .filter_map(|id| d.source_id(id))
        .map(|id| {
            let s = d.source(id);
            SourceInfo {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                url: s.url.clone(),
                read_on: s.read_on.to_string(),
                verified_on: s.verified_on.to_string(),
            }
        })
        .collect();
    CaseExplanation {
        schema: CASE_SCHEMA,
        dataset: DatasetInfo {
            name: d.manifest.name.clone(),
            version: d.manifest.version.clone(),
            illustrative: d.manifest.illustrative,
        },
        min_evidence: law.conduct.min_evidence,
        case: CaseInfo {
            offence: d.offence(case.offence).code.clone(),
            offender_nationality: code(d, case.offender_nationality),
            offender_location: code(d, case.offender_location),
            custody_location: code(d, case.custody_location),
            offender_residence: case.offender_residence.map(|j| code(d, j)),
            victim_nationality: code(d, case.victim_nationality),
            victim_location: code(d, case.victim_location),
            victim_age: case.victim_age,
            facilitator_location: case.facilitator_location.map(|j| code(d, j)),
            evidence_location: case.evidence_location.map(|j| code(d, j)),
            conduct_date: case.conduct_date.to_string(),
            prosecution_date: case.prosecution_date.to_string(),
        },
        verdict: evaluation.verdict,
        prosecuting_states: evaluation.prosecuting().map(|j| code(d, j)).collect(),
        possibly_prosecuting_states: evaluation
            .possibly_prosecuting()
            .map(|j| code(d, j))
            .collect(),
        states,
        sources,
    }
}

impl FactExplanation {
    /// The fact as one line of text: statement, evidence level, citation, sources (as
    /// `lacuna case` prints it, and the atlas's pair picker shows it).
    pub fn line(&self) -> String {
        let citation = if self.citation.is_empty() {
            String::new()
        } else {
            format!(", {}", self.citation)
        };
        format!(
            "{} ({}{citation}){}",
            self.statement,
            self.evidence,
            cite(&self.sources)
        )
    }
}

fn cite(sources: &[String]) -> String {
    if sources.is_empty() {
        String::new()
    } else {
        format!(" [{}]", sources.join(", "))
    }
}

impl CaseExplanation {
    /// The explanation in plain text, every claim followed by its sources.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let c = &self.case;
        if self.dataset.illustrative {
            out.push_str("ILLUSTRATIVE DATASET: fictional states, not real law.\n");
        }
        let _ = writeln!(
            out,
            "Case: {} (dataset {} {}, evidence: {} and stronger)",
            c.offence, self.dataset.name, self.dataset.version, self.min_evidence
        );
        let _ = write!(
            out,
            "  offender: national of {}, in {}",
            c.offender_nationality, c.offender_location
        );
        if c.custody_location != c.offender_location {
            let _ = write!(
                out,
                ", found in {} when prosecution starts",
                c.custody_location
            );
        }
        if let Some(residence) = &c.offender_residence {
            let _ = write!(out, ", resident in {residence}");
        }
        let _ = write!(
            out,
            "; victim: national of {}, in {}, aged {}",
            c.victim_nationality, c.victim_location, c.victim_age
        );
        if let Some(place) = &c.facilitator_location {
            let _ = write!(out, "; facilitator in {place}");
        }
        if let Some(place) = &c.evidence_location {
            let _ = write!(out, "; evidence in {place}");
        }
        let _ = writeln!(
            out,
            "\n  conduct {}, prosecution {}",
            c.conduct_date, c.prosecution_date
        );
        let verdict = match self.verdict {
            Verdict::Prosecutable => format!(
                "PROSECUTABLE: {} can prosecute",
                self.prosecuting_states.join(", ")
            ),
            Verdict::Impunity => "IMPUNITY: no candidate state can prosecute".to_string(),
            Verdict::Unknown => format!(
                "UNKNOWN: it depends on unknown facts whether {} can prosecute",
                self.possibly_prosecuting_states.join(" or ")
            ),
        };
        let _ = writeln!(out, "Verdict: {verdict}\n");
        for state in &self.states {
            let bases = state
                .bases
                .iter()
                .map(|b| b.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            match state.can_prosecute {
                Truth::Yes => {
                    let _ = writeln!(out, "{} can prosecute ({bases}):", state.state);
                    for fact in &state.support {
                        let _ = writeln!(out, "  + {}", fact.line());
                    }
                }
                truth => {
                    let verb = if truth.is_no() {
                        "cannot prosecute"
                    } else {
                        "may be unable to prosecute"
                    };
                    let _ = writeln!(
                        out,
                        "{} {verb} ({}):",
                        state.state,
                        if bases.is_empty() {
                            "no basis".to_string()
                        } else {
                            bases
                        }
                    );
                    for barrier in &state.barriers {
                        let _ = writeln!(
                            out,
                            "  - {}{}: {}",
                            barrier.code,
                            if barrier.certain { "" } else { " (unknown)" },
                            barrier.explanation
                        );
                        for fact in &barrier.facts {
                            let _ = writeln!(out, "      because {}", fact.line());
                        }
                    }
                }
            }
        }
        if !self.sources.is_empty() {
            out.push_str("\nSources:\n");
            for s in &self.sources {
                let _ = writeln!(
                    out,
                    "  [{}] {}. {}. {} (read {}, verified {})",
                    s.id, s.title, s.publisher, s.url, s.read_on, s.verified_on
                );
            }
        }
        out
    }
}
