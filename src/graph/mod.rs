//! The cooperation graph of docs/model.md section 2: for one day, a directed edge A→B carries the
//! channels through which A can ask B for help, and what opens each.
//!
//! A channel exists if some instrument opening it binds both A and B that day, links them (a
//! hub arrangement links only its hub with each other party) and no reservation of either
//! cuts it, or if B's own law grants it without a treaty
//! (`extradition_needs_treaty` / `mla_needs_treaty` = no). Channels are three-valued: an
//! incomplete party list or an imprecise date makes a channel `unknown`, not absent, and so
//! does an instrument's `channel_condition` (a case does not say whether it meets it).
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
    /// A hypothetical reform of the snapshot (index into its reforms).
    Reform(usize),
}

/// The channels of one directed edge, each with its truth (never `No`: such channels are
/// left out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub channels: Vec<(Channel, Truth)>,
}

/// The cooperation graph for one day.
#[derive(Clone)]
pub struct CooperationGraph {
    /// Nodes are the sovereign jurisdictions (states and territories); edges carry the
    /// channels that are open or may be open.
    pub graph: DiGraph<JurisdictionId, Link>,
    pub nodes: Vec<Option<NodeIndex>>,
    n_jurisdictions: usize,
    /// `(from * n + to) * 4 + channel`, over sovereigns.
    matrix: Vec<Truth>,
    sovereign: Vec<JurisdictionId>,
    sovereigns: Vec<JurisdictionId>,
    /// `(instrument * 4 + channel) * n + state`: the state is bound by the instrument and no
    /// reservation of its cuts the channel.
    standing: Vec<Truth>,
    /// `channel * n + state`: the state's own law grants the channel without a treaty.
    grants: Vec<Truth>,
}

impl CooperationGraph {
    /// Builds the graph from a snapshot (including the bilateral treaties of its reforms).
    pub fn build(snapshot: &Snapshot<'_>) -> CooperationGraph {
        let mut graph = CooperationGraph::build_matrix(snapshot);
        graph.rebuild_edges();
        graph
    }

    /// Builds only the channel matrix, without the petgraph edges (for bulk evaluation,
    /// which reads the matrix: [`CooperationGraph::channel`]).
    pub fn build_matrix(snapshot: &Snapshot<'_>) -> CooperationGraph {
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
        let mut graph = CooperationGraph {
            graph: DiGraph::new(),
            nodes: vec![None; n],
            n_jurisdictions: n,
            matrix: vec![Truth::No; n * n * 4],
            sovereign,
            sovereigns,
            standing: vec![Truth::No; dataset.instruments.len() * 4 * n],
            grants: vec![Truth::No; 4 * n],
        };
        let all = graph.sovereigns.clone();
        graph.recompute_standing(snapshot, &all);
        for &from in &all {
            for &to in &all {
                graph.recompute_pair(snapshot, from, to);
            }
        }
        graph
    }

    /// Re-derives the channels of the given states (after reforms changed their facts):
    /// their standing in every instrument, their own law, and every pair they are part of.
    /// The petgraph edges are not rebuilt; the channel matrix, which the case engine reads, is.
    pub fn recompute_states(&mut self, snapshot: &Snapshot<'_>, states: &[JurisdictionId]) {
        let mut touched: Vec<JurisdictionId> =
            states.iter().map(|s| self.sovereign[s.index()]).collect();
        touched.sort();
        touched.dedup();
        self.recompute_standing(snapshot, &touched);
        let all = self.sovereigns.clone();
        for &state in &touched {
            for &other in &all {
                self.recompute_pair(snapshot, state, other);
                self.recompute_pair(snapshot, other, state);
            }
        }
    }

    /// Re-derives the channels of the given ordered pairs (after a bilateral reform).
    pub fn recompute_pairs(
        &mut self,
        snapshot: &Snapshot<'_>,
        pairs: &[(JurisdictionId, JurisdictionId)],
    ) {
        for &(from, to) in pairs {
            let (from, to) = (self.sovereign[from.index()], self.sovereign[to.index()]);
            self.recompute_pair(snapshot, from, to);
            self.recompute_pair(snapshot, to, from);
        }
    }

    fn recompute_standing(&mut self, snapshot: &Snapshot<'_>, states: &[JurisdictionId]) {
        let dataset = snapshot.dataset;
        let n = self.n_jurisdictions;
        for (index, instrument) in dataset.instruments.iter().enumerate() {
            let id = InstrumentId(index as u32);
            for channel in instrument.channels.iter() {
                for &state in states {
                    self.standing[(index * 4 + channel as usize) * n + state.index()] =
                        channel_standing(snapshot, id, state, channel);
                }
            }
        }
        for (channel, rule) in [
            (Channel::Extradition, RuleKind::ExtraditionNeedsTreaty),
            (Channel::Mla, RuleKind::MlaNeedsTreaty),
        ] {
            for &state in states {
                self.grants[channel as usize * n + state.index()] =
                    snapshot.general_rule(state, rule).value.truth().negate();
            }
        }
    }

    fn recompute_pair(
        &mut self,
        snapshot: &Snapshot<'_>,
        from: JurisdictionId,
        to: JurisdictionId,
    ) {
        let n = self.n_jurisdictions;
        for channel in Channel::ALL {
            let value = if from == to {
                Truth::Yes
            } else {
                let mut value = self.grants[channel as usize * n + to.index()];
                for (index, instrument) in snapshot.dataset.instruments.iter().enumerate() {
                    if value.is_yes() {
                        break; // nothing can open it more
                    }
                    if !instrument.channels.contains(channel) || !instrument.links(from, to) {
                        continue;
                    }
                    let row = (index * 4 + channel as usize) * n;
                    value = value.or(self.standing[row + from.index()]
                        .and(self.standing[row + to.index()])
                        .and(instrument.channel_cap()));
                }
                if channel == Channel::Mla && bilateral_mla(snapshot, from, to).is_some() {
                    value = Truth::Yes;
                }
                value
            };
            self.matrix[(from.index() * n + to.index()) * 4 + channel as usize] = value;
        }
    }

    fn rebuild_edges(&mut self) {
        let mut graph = DiGraph::new();
        let mut nodes = vec![None; self.n_jurisdictions];
        for &j in &self.sovereigns {
            nodes[j.index()] = Some(graph.add_node(j));
        }
        for &from in &self.sovereigns {
            for &to in &self.sovereigns {
                if from == to {
                    continue;
                }
                let channels: Vec<(Channel, Truth)> = Channel::ALL
                    .into_iter()
                    .map(|c| (c, self.channel(from, to, c)))
                    .filter(|(_, t)| !t.is_no())
                    .collect();
                if let (false, Some(a), Some(b)) =
                    (channels.is_empty(), nodes[from.index()], nodes[to.index()])
                {
                    graph.add_edge(a, b, Link { channels });
                }
            }
        }
        self.graph = graph;
        self.nodes = nodes;
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
            if !instrument.channels.contains(channel) || !instrument.links(from, to) {
                continue;
            }
            let truth = channel_standing(snapshot, id, from, channel)
                .and(channel_standing(snapshot, id, to, channel))
                .and(instrument.channel_cap());
            if !truth.is_no() {
                openings.push(Opening::Instrument(id, truth));
            }
        }
        if channel == Channel::Mla {
            if let Some(index) = bilateral_mla(snapshot, from, to) {
                openings.push(Opening::Reform(index));
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

/// The reform of the snapshot that opens a bilateral MLA channel between two states, if any.
fn bilateral_mla(
    snapshot: &Snapshot<'_>,
    from: JurisdictionId,
    to: JurisdictionId,
) -> Option<usize> {
    snapshot.reforms().iter().enumerate().rev().find_map(|(index, reform)| {
        reform
            .changes
            .iter()
            .any(|change| matches!(change, Change::BilateralMla { a, b } if (*a == from && *b == to) || (*a == to && *b == from)))
            .then_some(index)
    })
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
