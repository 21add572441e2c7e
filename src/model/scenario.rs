//! Scenarios (docs/model.md, section 4): templates that turn an ordered pair of states (A, B)
//! and an offence into a case, so that the pairwise analyses ask a question in which
//! extraterritoriality, double criminality, extradition and mutual assistance decide cells.
//! They are data (`datasets/scenarios.csv`, read by `data::scenario_file`; a user can add rows).

/// Which state of the pair (or the chosen evidence state) a role of the case takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The offender's side of the pair (rows of the gap matrix).
    A,
    /// The child's side of the pair (columns).
    B,
    /// The state chosen for the evidence (`--evidence-in`, default A).
    E,
    /// No one, nowhere.
    None,
}

impl Role {
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "A" => Some(Role::A),
            "B" => Some(Role::B),
            "E" => Some(Role::E),
            "none" => Some(Role::None),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::A => "A",
            Role::B => "B",
            Role::E => "E",
            Role::None => "none",
        }
    }
}

/// A scenario: who is where, as roles of the pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub name: String,
    /// In words: what happens, for outputs and charts.
    pub description: String,
    pub offender_nationality: Role,
    pub offender_location: Role,
    pub custody_location: Role,
    pub victim_nationality: Role,
    pub victim_location: Role,
    pub facilitator_location: Role,
    pub evidence_location: Role,
}

impl Scenario {
    /// The state a role stands for in the pair (A, B), with `evidence` for E.
    pub fn state(
        role: Role,
        a: super::JurisdictionId,
        b: super::JurisdictionId,
        evidence: Option<super::JurisdictionId>,
    ) -> Option<super::JurisdictionId> {
        match role {
            Role::A => Some(a),
            Role::B => Some(b),
            Role::E => Some(evidence.unwrap_or(a)),
            Role::None => None,
        }
    }
}
