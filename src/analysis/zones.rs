//! Weak zones (docs/model.md section 4): per state, the share of partner states from which its
//! children are left in impunity (exposure, with bounds); per region; the connected groups of
//! the impunity graph; and the states that sit on the most impunity pairs.

use super::gaps::GapMatrix;
use super::weights::Weights;
use crate::model::*;
use crate::rules::Verdict;
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, HashMap};

/// How exposed one state's children are, for one offence (or all offences pooled).
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    pub state: JurisdictionId,
    /// Ordered pairs with this state as the victim state.
    pub pairs: usize,
    pub impunity: usize,
    pub unknown: usize,
    /// Share of pairs certainly in impunity (all unknown facts resolved for prosecution).
    pub lower: f64,
    /// Share of pairs possibly in impunity (all unknown facts resolved against prosecution).
    pub upper: f64,
    /// Pairs in impunity with this state as the offender state (certain, possible).
    pub as_offender_impunity: usize,
    pub as_offender_unknown: usize,
    /// Component of the impunity graph (certain edges) and of the possible-impunity graph.
    pub component: usize,
    pub possible_component: usize,
}

impl Exposure {
    /// Impunity pairs (certain + possible) the state sits on, as victim or offender state.
    pub fn pairs_on(&self) -> (usize, usize) {
        (
            self.impunity + self.as_offender_impunity,
            self.unknown + self.as_offender_unknown,
        )
    }
}

/// Exposure aggregated over a region.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionExposure {
    pub region: String,
    pub states: usize,
    /// Mean of the states' exposure bounds (each state counts once).
    pub mean_lower: f64,
    pub mean_upper: f64,
    /// Weighted mean, when weights are given (weight of each victim state).
    pub weighted_lower: Option<f64>,
    pub weighted_upper: Option<f64>,
}

/// A connected group of the impunity graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub id: usize,
    pub states: Vec<JurisdictionId>,
    /// `certain` (edges where impunity is certain) or `possible` (impunity or unknown).
    pub kind: &'static str,
}

/// Weak zones of a gap matrix.
#[derive(Clone, Debug)]
pub struct Zones {
    pub exposure: Vec<Exposure>,
    pub regions: Vec<RegionExposure>,
    pub components: Vec<Component>,
}

/// Computes the weak zones over the pairs of the matrix (all its offences pooled: a pair
/// counts once per offence).
pub fn zones(dataset: &Dataset, matrix: &GapMatrix, weights: Option<&Weights>) -> Zones {
    let index: HashMap<JurisdictionId, usize> = matrix
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i))
        .collect();
    let n = matrix.states.len();
    let mut exposure: Vec<Exposure> = matrix
        .states
        .iter()
        .map(|&state| Exposure {
            state,
            pairs: 0,
            impunity: 0,
            unknown: 0,
            lower: 0.0,
            upper: 0.0,
            as_offender_impunity: 0,
            as_offender_unknown: 0,
            component: 0,
            possible_component: 0,
        })
        .collect();
    let mut certain = UnGraph::<JurisdictionId, ()>::with_capacity(n, 0);
    let mut possible = UnGraph::<JurisdictionId, ()>::with_capacity(n, 0);
    for &state in &matrix.states {
        certain.add_node(state);
        possible.add_node(state);
    }
    for pair in &matrix.pairs {
        let (a, b) = (index[&pair.offender_state], index[&pair.victim_state]);
        exposure[b].pairs += 1;
        match pair.verdict {
            Verdict::Impunity => {
                exposure[b].impunity += 1;
                exposure[a].as_offender_impunity += 1;
                certain.update_edge(NodeIndex::new(a), NodeIndex::new(b), ());
                possible.update_edge(NodeIndex::new(a), NodeIndex::new(b), ());
            }
            Verdict::Unknown => {
                exposure[b].unknown += 1;
                exposure[a].as_offender_unknown += 1;
                possible.update_edge(NodeIndex::new(a), NodeIndex::new(b), ());
            }
            Verdict::Prosecutable => {}
        }
    }
    for e in &mut exposure {
        if e.pairs > 0 {
            e.lower = e.impunity as f64 / e.pairs as f64;
            e.upper = (e.impunity + e.unknown) as f64 / e.pairs as f64;
        }
    }
    let mut components = Vec::new();
    for (graph, kind) in [(&certain, "certain"), (&possible, "possible")] {
        let mut union = petgraph::unionfind::UnionFind::<usize>::new(n);
        for edge in graph.edge_indices() {
            let (a, b) = graph.edge_endpoints(edge).expect("edge exists");
            union.union(a.index(), b.index());
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..n {
            if graph.neighbors(NodeIndex::new(i)).next().is_some() {
                groups.entry(union.find(i)).or_default().push(i);
            }
        }
        let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
        for members in groups {
            let id = components
                .iter()
                .filter(|c: &&Component| c.kind == kind)
                .count()
                + 1;
            for &m in &members {
                if kind == "certain" {
                    exposure[m].component = id;
                } else {
                    exposure[m].possible_component = id;
                }
            }
            components.push(Component {
                id,
                states: members.iter().map(|&m| matrix.states[m]).collect(),
                kind,
            });
        }
    }
    let mut by_region: BTreeMap<String, Vec<&Exposure>> = BTreeMap::new();
    for e in &exposure {
        by_region
            .entry(dataset.jurisdiction(e.state).region.clone())
            .or_default()
            .push(e);
    }
    let regions = by_region
        .into_iter()
        .map(|(region, members)| {
            let count = members.len() as f64;
            let weighted = weights.map(|w| {
                let total: f64 = members.iter().map(|e| w.of(e.state)).sum();
                if total > 0.0 {
                    (
                        members.iter().map(|e| e.lower * w.of(e.state)).sum::<f64>() / total,
                        members.iter().map(|e| e.upper * w.of(e.state)).sum::<f64>() / total,
                    )
                } else {
                    (0.0, 0.0)
                }
            });
            RegionExposure {
                region,
                states: members.len(),
                mean_lower: members.iter().map(|e| e.lower).sum::<f64>() / count,
                mean_upper: members.iter().map(|e| e.upper).sum::<f64>() / count,
                weighted_lower: weighted.map(|w| w.0),
                weighted_upper: weighted.map(|w| w.1),
            }
        })
        .collect();
    Zones {
        exposure,
        regions,
        components,
    }
}
