//! How much of the legal picture a dataset knows: counts, and the share of facts known per
//! offence, per rule and per region, by evidence level.

use crate::model::*;
use crate::snapshot::Snapshot;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Share of known values among a set of (jurisdiction, question) cells.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Known {
    pub total: usize,
    pub statute: usize,
    pub assessment: usize,
    pub treaty_obligation: usize,
}

impl Known {
    fn add(&mut self, evidence: Option<EvidenceLevel>) {
        self.total += 1;
        match evidence {
            Some(EvidenceLevel::Statute) => self.statute += 1,
            Some(EvidenceLevel::Assessment) => self.assessment += 1,
            Some(EvidenceLevel::TreatyObligation) => self.treaty_obligation += 1,
            None => {}
        }
    }

    pub fn known(&self) -> usize {
        self.statute + self.assessment + self.treaty_obligation
    }

    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.known() as f64 / self.total as f64
        }
    }
}

/// The coverage report of a dataset as of one day.
#[derive(Clone, Debug, Serialize)]
pub struct Coverage {
    pub dataset: String,
    pub version: String,
    pub as_of: String,
    pub min_evidence: EvidenceLevel,
    pub counts: BTreeMap<&'static str, usize>,
    /// Instrument code → parties bound on the day (certain, possible).
    pub parties_in_force: Vec<(String, usize, usize)>,
    pub criminalisation_by_offence: Vec<(String, Known)>,
    pub rules_by_kind: Vec<(String, Known)>,
    pub criminalisation_by_region: Vec<(String, Known)>,
    pub rules_by_region: Vec<(String, Known)>,
    pub sources: Vec<(String, String)>,
}

/// Computes coverage over the states and territories of the snapshot's dataset.
pub fn coverage(snapshot: &Snapshot<'_>) -> Coverage {
    let dataset = snapshot.dataset;
    let states: Vec<JurisdictionId> = dataset
        .jurisdiction_ids()
        .filter(|j| dataset.jurisdiction(*j).parent.is_none())
        .collect();
    let mut counts = BTreeMap::new();
    counts.insert("jurisdictions", dataset.jurisdictions.len());
    counts.insert(
        "states",
        dataset
            .jurisdictions
            .iter()
            .filter(|j| j.kind == JurisdictionKind::State)
            .count(),
    );
    counts.insert(
        "territories",
        dataset
            .jurisdictions
            .iter()
            .filter(|j| j.kind == JurisdictionKind::Territory)
            .count(),
    );
    counts.insert(
        "subnational_units",
        dataset
            .jurisdictions
            .iter()
            .filter(|j| j.kind == JurisdictionKind::Subnational)
            .count(),
    );
    counts.insert("offences", dataset.offences.len());
    counts.insert("instruments", dataset.instruments.len());
    counts.insert("obligations", dataset.obligations.len());
    counts.insert("party_rows", dataset.parties.len());
    counts.insert("reservations", dataset.reservations.len());
    counts.insert("criminalisation_facts", dataset.criminalisation.len());
    counts.insert("rule_facts", dataset.rules.len());
    counts.insert("sources", dataset.sources.len());

    let parties_in_force = dataset
        .instruments
        .iter()
        .enumerate()
        .map(|(index, instrument)| {
            let id = InstrumentId(index as u32);
            let (mut certain, mut possible) = (0, 0);
            for party in dataset.parties_of(id) {
                match party.in_force(snapshot.day) {
                    Truth::Yes => certain += 1,
                    Truth::Unknown => possible += 1,
                    Truth::No => {}
                }
            }
            (instrument.code.clone(), certain, possible)
        })
        .collect();

    let criminalisation_by_offence = dataset
        .offence_ids()
        .map(|offence| {
            let mut known = Known::default();
            for &state in &states {
                let resolved = snapshot.criminalisation(state, offence);
                known.add(
                    resolved
                        .value
                        .status
                        .is_known()
                        .then_some(resolved.evidence)
                        .flatten(),
                );
            }
            (dataset.offence(offence).code.clone(), known)
        })
        .collect();

    let rules_by_kind = RuleKind::ALL
        .into_iter()
        .map(|rule| {
            let mut known = Known::default();
            for &state in &states {
                for offence in dataset.offence_ids() {
                    let resolved = snapshot.rule(state, offence, rule);
                    known.add(
                        resolved
                            .value
                            .is_known()
                            .then_some(resolved.evidence)
                            .flatten(),
                    );
                }
            }
            (rule.as_str().to_string(), known)
        })
        .collect();

    let mut by_region: BTreeMap<String, Known> = BTreeMap::new();
    let mut rules_by_region: BTreeMap<String, Known> = BTreeMap::new();
    for &state in &states {
        let region = &dataset.jurisdiction(state).region;
        for offence in dataset.offence_ids() {
            let resolved = snapshot.criminalisation(state, offence);
            by_region
                .entry(region.clone())
                .or_default()
                .add(known_evidence(
                    resolved.value.status.is_known(),
                    resolved.evidence,
                ));
            for rule in RuleKind::ALL {
                let resolved = snapshot.rule(state, offence, rule);
                rules_by_region
                    .entry(region.clone())
                    .or_default()
                    .add(known_evidence(resolved.value.is_known(), resolved.evidence));
            }
        }
    }

    Coverage {
        dataset: dataset.manifest.name.clone(),
        version: dataset.manifest.version.clone(),
        as_of: snapshot.day.to_string(),
        min_evidence: snapshot.min_evidence,
        counts,
        parties_in_force,
        criminalisation_by_offence,
        rules_by_kind,
        criminalisation_by_region: by_region.into_iter().collect(),
        rules_by_region: rules_by_region.into_iter().collect(),
        sources: dataset
            .sources
            .iter()
            .map(|s| (s.id.clone(), s.verified_on.to_string()))
            .collect(),
    }
}

/// The evidence level of a value if it is known, for [`Known::add`].
fn known_evidence(known: bool, evidence: Option<EvidenceLevel>) -> Option<EvidenceLevel> {
    if known {
        evidence
    } else {
        None
    }
}

fn percent(known: &Known) -> String {
    format!("{:.1}%", 100.0 * known.share())
}

fn known_row(name: &str, known: &Known) -> String {
    format!(
        "| {name} | {} / {} | {} | {} | {} | {} |\n",
        known.known(),
        known.total,
        percent(known),
        known.statute,
        known.assessment,
        known.treaty_obligation
    )
}

impl Coverage {
    /// The report as Markdown (also readable as plain text on a terminal).
    pub fn to_markdown(&self, with_sources: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Coverage of `{}` {} as of {}\n",
            self.dataset, self.version, self.as_of
        );
        let _ = writeln!(
            out,
            "Minimum evidence level: `{}`. A value counts as known when it is not `unknown`; columns split the known values by the weakest evidence they rest on (treaty_obligation = inferred from a treaty the state is bound by: obligation, not proof of implementation).\n",
            self.min_evidence
        );
        out.push_str("## Counts\n\n| what | count |\n|---|---:|\n");
        for (what, count) in &self.counts {
            let _ = writeln!(out, "| {what} | {count} |");
        }
        out.push_str("\n## Parties bound on the day\n\n| instrument | certainly bound | possibly bound (imprecise date) |\n|---|---:|---:|\n");
        for (code, certain, possible) in &self.parties_in_force {
            let _ = writeln!(out, "| {code} | {certain} | {possible} |");
        }
        let header = "| {} | known | share | statute | assessment | treaty_obligation |\n|---|---:|---:|---:|---:|---:|\n";
        let _ = write!(
            out,
            "\n## Criminalisation known, per offence (states and territories)\n\n{}",
            header.replace("{}", "offence")
        );
        for (offence, known) in &self.criminalisation_by_offence {
            out.push_str(&known_row(offence, known));
        }
        let _ = write!(
            out,
            "\n## Jurisdiction rules known, per rule (states and territories × offences)\n\n{}",
            header.replace("{}", "rule")
        );
        for (rule, known) in &self.rules_by_kind {
            out.push_str(&known_row(rule, known));
        }
        let _ = write!(
            out,
            "\n## Criminalisation known, per region (states and territories × offences)\n\n{}",
            header.replace("{}", "region")
        );
        for (region, known) in &self.criminalisation_by_region {
            out.push_str(&known_row(region, known));
        }
        let _ = write!(out, "\n## Jurisdiction rules known, per region (states and territories × offences × rules)\n\n{}", header.replace("{}", "region"));
        for (region, known) in &self.rules_by_region {
            out.push_str(&known_row(region, known));
        }
        if with_sources {
            out.push_str("\n## Sources and the day each was last verified\n\n| source | verified_on |\n|---|---|\n");
            for (id, verified) in &self.sources {
                let _ = writeln!(out, "| {id} | {verified} |");
            }
        }
        out
    }
}
