//! The cooperation graph of MODEL.md section 2: for one day, a directed edge A→B carries the
//! channels through which A can ask B for help, and what opens each.
//!
//! A channel exists if some instrument opening it binds both A and B that day and no
//! reservation of either cuts it, or if B's own law grants it without a treaty
//! (`extradition_needs_treaty` / `mla_needs_treaty` = no). Channels are three-valued: an
//! incomplete party list or an imprecise date makes a channel `unknown`, not absent.
//! Sub-national units cooperate through their state; units of one state are one legal space.
//!
//! **Invariant:** no I/O; the dense channel matrix is what the case engine reads.

use crate::model::*;
use crate::snapshot::{FactRef, Snapshot};
use petgraph::graph::{DiGraph, NodeIndex};

/// What opens a channel from A to B.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opening {
    /// An instrument binding both, with the truth of that (unknown when a party status is).
    Instrument(InstrumentId, Truth),
    /// The requested state's own law, by this rule, with the facts behind it.
    DomesticLaw(RuleKind, Truth, Vec<FactRef>),
    /// Both are, or belong to, the same state.
    SameState,
}

/// The channels of one directed edge, each with its truth (never `No`: such channels are
/// left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub channels: Vec<(Channel, Truth)>,
}

/// The cooperation graph for one day.
pub struct CooperationGraph {
    /// Nodes are the sovereign jurisdictions (states and territories); edges carry the
    /// channels that are open or may be open.
    pub graph: DiGraph<JurisdictionId, Link>,
    pub nodes: Vec<Option<NodeIndex>>,
    n_jurisdictions: usize,
    /// `(from * n + to) * 4 + channel`, over sovereigns.
    matrix: Vec<Truth>,
    sovereign: Vec<JurisdictionId>,
}

impl CooperationGraph {
    /// Builds the graph from a snapshot.
    pub fn build(snapshot: &Snapshot<'_>) -> CooperationGraph {
        let dataset = snapshot.dataset;
        let n = dataset.jurisdictions.len();
        let sovereign: Vec<JurisdictionId> = dataset
            .jurisdiction_ids()
            .map(|j| dataset.sovereign(j))
            .collect();
        let sovereigns: Vec<JurisdictionId> = dataset
            .jurisdiction_ids()
            .filter(|j| dataset.jurisdiction(*j).parent.is_none())
            .collect();
        let mut matrix = vec![Truth::No; n * n * 4];
        let slot = |from: JurisdictionId, to: JurisdictionId, channel: Channel| {
            (from.index() * n + to.index()) * 4 + channel as usize
        };

        for (index, instrument) in dataset.instruments.iter().enumerate() {
            let instrument_id = InstrumentId(index as u32);
            for channel in instrument.channels.iter() {
                // Each sovereign's standing for this channel: bound, and not cut by reservation.
                let standing: Vec<(JurisdictionId, Truth)> = sovereigns
                    .iter()
                    .map(|&j| (j, channel_standing(snapshot, instrument_id, j, channel)))
                    .filter(|(_, t)| !t.is_no())
                    .collect();
                for &(from, from_truth) in &standing {
                    for &(to, to_truth) in &standing {
                        if from == to {
                            continue;
                        }
                        let cell = &mut matrix[slot(from, to, channel)];
                        *cell = cell.or(from_truth.and(to_truth));
                    }
                }
            }
        }
        // The requested state's own law.
        for &to in &sovereigns {
            for (channel, rule) in [
                (Channel::Extradition, RuleKind::ExtraditionNeedsTreaty),
                (Channel::Mla, RuleKind::MlaNeedsTreaty),
            ] {
                let grants = snapshot.general_rule(to, rule).value.truth().negate();
                if grants.is_no() {
                    continue;
                }
                for &from in &sovereigns {
                    if from != to {
                        let cell = &mut matrix[slot(from, to, channel)];
                        *cell = cell.or(grants);
                    }
                }
            }
        }
        for &state in &sovereigns {
            for channel in Channel::ALL {
                matrix[slot(state, state, channel)] = Truth::Yes;
            }
        }

        let mut graph = DiGraph::new();
        let mut nodes = vec![None; n];
        for &j in &sovereigns {
            nodes[j.index()] = Some(graph.add_node(j));
        }
        for &from in &sovereigns {
            for &to in &sovereigns {
                if from == to {
                    continue;
                }
                let channels: Vec<(Channel, Truth)> = Channel::ALL
                    .into_iter()
                    .map(|c| (c, matrix[slot(from, to, c)]))
                    .filter(|(_, t)| !t.is_no())
                    .collect();
                if !channels.is_empty() {
                    let (Some(a), Some(b)) = (nodes[from.index()], nodes[to.index()]) else {
                        continue;
                    };
                    graph.add_edge(a, b, Link { channels });
                }
            }
        }
        CooperationGraph {
            graph,
            nodes,
            n_jurisdictions: n,
            matrix,
            sovereign,
        }
    }

    /// Whether `from` can ask `to` for help through `channel` (units act through their state).
    pub fn channel(&self, from: JurisdictionId, to: JurisdictionId, channel: Channel) -> Truth {
        let from = self.sovereign[from.index()];
        let to = self.sovereign[to.index()];
        self.matrix[(from.index() * self.n_jurisdictions + to.index()) * 4 + channel as usize]
    }

    /// Replaces whether `from` can ask `to` through `channel` (both sovereigns). The petgraph
    /// edges are not updated: this serves reforms and tests, which read the matrix.
    pub fn set_channel(
        &mut self,
        from: JurisdictionId,
        to: JurisdictionId,
        channel: Channel,
        value: Truth,
    ) {
        let from = self.sovereign[from.index()];
        let to = self.sovereign[to.index()];
        self.matrix[(from.index() * self.n_jurisdictions + to.index()) * 4 + channel as usize] =
            value;
    }

    /// Resolves every unknown channel for which `choose` returns `Some(open)`.
    pub fn resolve_unknowns(&mut self, mut choose: impl FnMut() -> Option<bool>) {
        for cell in &mut self.matrix {
            if cell.is_unknown() {
                if let Some(open) = choose() {
                    *cell = Truth::from_bool(open);
                }
            }
        }
    }

    /// What opens `channel` from `from` to `to`, for explanations.
    pub fn openings(
        &self,
        snapshot: &Snapshot<'_>,
        from: JurisdictionId,
        to: JurisdictionId,
        channel: Channel,
    ) -> Vec<Opening> {
        let dataset = snapshot.dataset;
        let from = self.sovereign[from.index()];
        let to = self.sovereign[to.index()];
        if from == to {
            return vec![Opening::SameState];
        }
        let mut openings = Vec::new();
        for (index, instrument) in dataset.instruments.iter().enumerate() {
            let id = InstrumentId(index as u32);
            if !instrument.channels.contains(channel) {
                continue;
            }
            let truth = channel_standing(snapshot, id, from, channel)
                .and(channel_standing(snapshot, id, to, channel));
            if !truth.is_no() {
                openings.push(Opening::Instrument(id, truth));
            }
        }
        let rule = match channel {
            Channel::Extradition => Some(RuleKind::ExtraditionNeedsTreaty),
            Channel::Mla => Some(RuleKind::MlaNeedsTreaty),
            _ => None,
        };
        if let Some(rule) = rule {
            let resolved = snapshot.general_rule(to, rule);
            let grants = resolved.value.truth().negate();
            if !grants.is_no() {
                openings.push(Opening::DomesticLaw(rule, grants, resolved.basis.clone()));
            }
        }
        openings
    }

    /// Number of directed edges with at least one channel that is certainly open.
    pub fn certain_edge_count(&self) -> usize {
        self.graph
            .edge_weights()
            .filter(|link| link.channels.iter().any(|(_, t)| t.is_yes()))
            .count()
    }
}

/// Whether a state stands in an instrument for a channel: bound by it, and not cut by its
/// own reservation.
fn channel_standing(
    snapshot: &Snapshot<'_>,
    instrument: InstrumentId,
    state: JurisdictionId,
    channel: Channel,
) -> Truth {
    let bound = snapshot.bound_by(instrument, state).value;
    if bound.is_no() {
        return Truth::No;
    }
    let cut = Truth::any(
        snapshot
            .dataset
            .reservations
            .iter()
            .filter(|r| {
                r.instrument == instrument
                    && r.jurisdiction == state
                    && r.effect == ReservationEffect::CutsChannel(channel)
            })
            .map(|r| r.period.covers(snapshot.day)),
    );
    bound.and(cut.negate())
}
