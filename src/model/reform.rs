//! Reforms: hypothetical changes of facts (docs/model.md section 4), applied on top of a dataset.

use super::*;

/// One change of one fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The jurisdiction's law gives the offence this status.
    Criminalisation {
        jurisdiction: JurisdictionId,
        offence: OffenceId,
        status: CriminalisationStatus,
    },
    /// The jurisdiction becomes bound by the instrument (or stops being bound).
    Party {
        jurisdiction: JurisdictionId,
        instrument: InstrumentId,
        bound: bool,
    },
    /// The jurisdiction's rule takes this value, for one offence or (`None`) all of them.
    Rule {
        jurisdiction: JurisdictionId,
        offence: Option<OffenceId>,
        rule: RuleKind,
        value: RuleValue,
    },
    /// A bilateral mutual legal assistance treaty between two states (both directions).
    BilateralMla {
        a: JurisdictionId,
        b: JurisdictionId,
    },
}

/// What kind of reform, for ranking and display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReformKind {
    Criminalise,
    Ratify,
    DropDoubleCriminality,
    ExtraditeNationals,
    BilateralMla,
    /// Any other change, written by a user in a reform file.
    Custom,
}

impl ReformKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReformKind::Criminalise => "criminalise",
            ReformKind::Ratify => "ratify",
            ReformKind::DropDoubleCriminality => "drop_double_criminality",
            ReformKind::ExtraditeNationals => "extradite_nationals",
            ReformKind::BilateralMla => "bilateral_mla",
            ReformKind::Custom => "custom",
        }
    }
}

/// A reform: a named set of changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reform {
    pub kind: ReformKind,
    /// A short description, e.g. "PHL criminalises livestream_attending".
    pub label: String,
    pub changes: Vec<Change>,
}

/// The double-criminality rules a state drops in [`Reform::drop_double_criminality`].
pub const DOUBLE_CRIMINALITY_RULES: [RuleKind; 4] = [
    RuleKind::ActiveNationalityDoubleCriminality,
    RuleKind::PassivePersonalityDoubleCriminality,
    RuleKind::ResidenceDoubleCriminality,
    RuleKind::UniversalDoubleCriminality,
];

impl Reform {
    pub fn criminalise(
        dataset: &Dataset,
        jurisdiction: JurisdictionId,
        offence: OffenceId,
    ) -> Reform {
        Reform {
            kind: ReformKind::Criminalise,
            label: format!(
                "{} criminalises {}",
                dataset.jurisdiction(jurisdiction).code,
                dataset.offence(offence).code
            ),
            changes: vec![Change::Criminalisation {
                jurisdiction,
                offence,
                status: CriminalisationStatus::Criminalised,
            }],
        }
    }

    pub fn ratify(
        dataset: &Dataset,
        jurisdiction: JurisdictionId,
        instrument: InstrumentId,
    ) -> Reform {
        Reform {
            kind: ReformKind::Ratify,
            label: format!(
                "{} ratifies {}",
                dataset.jurisdiction(jurisdiction).code,
                dataset.instrument(instrument).code
            ),
            changes: vec![Change::Party {
                jurisdiction,
                instrument,
                bound: true,
            }],
        }
    }

    pub fn drop_double_criminality(dataset: &Dataset, jurisdiction: JurisdictionId) -> Reform {
        Reform {
            kind: ReformKind::DropDoubleCriminality,
            label: format!(
                "{} drops double criminality for its extraterritorial jurisdiction",
                dataset.jurisdiction(jurisdiction).code
            ),
            changes: DOUBLE_CRIMINALITY_RULES
                .into_iter()
                .map(|rule| Change::Rule {
                    jurisdiction,
                    offence: None,
                    rule,
                    value: RuleValue::Truth(Truth::No),
                })
                .collect(),
        }
    }

    pub fn extradite_nationals(dataset: &Dataset, jurisdiction: JurisdictionId) -> Reform {
        Reform {
            kind: ReformKind::ExtraditeNationals,
            label: format!(
                "{} extradites its nationals",
                dataset.jurisdiction(jurisdiction).code
            ),
            changes: vec![Change::Rule {
                jurisdiction,
                offence: None,
                rule: RuleKind::ExtraditesNationals,
                value: RuleValue::Truth(Truth::Yes),
            }],
        }
    }

    pub fn bilateral_mla(dataset: &Dataset, a: JurisdictionId, b: JurisdictionId) -> Reform {
        Reform {
            kind: ReformKind::BilateralMla,
            label: format!(
                "{} and {} conclude a bilateral MLA treaty",
                dataset.jurisdiction(a).code,
                dataset.jurisdiction(b).code
            ),
            changes: vec![Change::BilateralMla { a, b }],
        }
    }

    /// The jurisdictions whose facts the reform changes.
    pub fn jurisdictions(&self) -> Vec<JurisdictionId> {
        let mut out = Vec::new();
        for change in &self.changes {
            let touched: &[JurisdictionId] = match change {
                Change::Criminalisation { jurisdiction, .. }
                | Change::Party { jurisdiction, .. }
                | Change::Rule { jurisdiction, .. } => std::slice::from_ref(jurisdiction),
                Change::BilateralMla { a, b } => &[*a, *b][..],
            };
            for j in touched {
                if !out.contains(j) {
                    out.push(*j);
                }
            }
        }
        out
    }

    /// The jurisdictions whose own facts change (a bilateral treaty changes none: only the
    /// channel between its two states).
    pub fn fact_jurisdictions(&self) -> Vec<JurisdictionId> {
        let mut out = Vec::new();
        for change in &self.changes {
            if let Change::Criminalisation { jurisdiction, .. }
            | Change::Party { jurisdiction, .. }
            | Change::Rule { jurisdiction, .. } = change
            {
                if !out.contains(jurisdiction) {
                    out.push(*jurisdiction);
                }
            }
        }
        out
    }

    /// The pairs of states between which the reform opens a bilateral channel.
    pub fn bilateral_pairs(&self) -> Vec<(JurisdictionId, JurisdictionId)> {
        self.changes
            .iter()
            .filter_map(|change| match change {
                Change::BilateralMla { a, b } => Some((*a, *b)),
                _ => None,
            })
            .collect()
    }

    /// The offences the reform can affect (`None`: all of them).
    pub fn offences(&self) -> Option<Vec<OffenceId>> {
        let mut out = Vec::new();
        for change in &self.changes {
            match change {
                Change::Criminalisation { offence, .. }
                | Change::Rule {
                    offence: Some(offence),
                    ..
                } => {
                    if !out.contains(offence) {
                        out.push(*offence);
                    }
                }
                _ => return None,
            }
        }
        Some(out)
    }
}
