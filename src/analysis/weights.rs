//! Per-state weights (e.g. child population, CyberTipline reports) for weighted exposure and
//! reform gains. Unlisted states weigh 0.

use crate::model::JurisdictionId;
use std::collections::HashMap;

/// Which side of a pair a weight belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightSide {
    /// The victim state (e.g. its child population).
    Victim,
    /// The offender state (e.g. reports by country of the reported user).
    Offender,
}

/// Weights per jurisdiction.
#[derive(Clone, Debug)]
pub struct Weights {
    pub name: String,
    pub side: WeightSide,
    values: HashMap<JurisdictionId, f64>,
}

impl Weights {
    pub fn new(name: &str, side: WeightSide, values: HashMap<JurisdictionId, f64>) -> Weights {
        Weights {
            name: name.to_string(),
            side,
            values,
        }
    }

    pub fn of(&self, state: JurisdictionId) -> f64 {
        self.values.get(&state).copied().unwrap_or(0.0)
    }

    /// The weight of an ordered pair, by the configured side.
    pub fn of_pair(&self, offender_state: JurisdictionId, victim_state: JurisdictionId) -> f64 {
        match self.side {
            WeightSide::Victim => self.of(victim_state),
            WeightSide::Offender => self.of(offender_state),
        }
    }
}
