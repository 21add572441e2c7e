//! Turns analysis results into chart inputs (titles, values, footers).

use super::charts::{
    Footer, HeatmapInput, MapInput, Milestone, NetworkEdge, NetworkInput, ReformBar, TimelineInput,
    TimelineSeries, BLUE, CHANNEL_COLOURS, IMPUNITY_COLOURS, VERMILLION,
};
use crate::analysis::gaps::{GapMatrix, PairQuestion};
use crate::analysis::reforms::Effect;
use crate::analysis::time::YearPoint;
use crate::analysis::zones::Zones;
use crate::graph::CooperationGraph;
use crate::model::*;
use crate::rules::Verdict;
use crate::snapshot::Snapshot;
use plotters::style::RGBColor;
use std::collections::{BTreeMap, HashMap};

/// The footer of every chart made from this snapshot: dataset, day, evidence, sources.
/// A scenario in a few words, for chart footers and legends: "remote: offender of A acting in
/// A, found in A; child of B in B; evidence in USA".
pub fn scenario_words(dataset: &Dataset, question: &PairQuestion) -> String {
    let s = &question.scenario;
    let role = |role: Role| match role {
        Role::A => "A".to_string(),
        Role::B => "B".to_string(),
        Role::E => question
            .evidence_in
            .map_or("A".to_string(), |j| dataset.jurisdiction(j).code.clone()),
        Role::None => "none".to_string(),
    };
    format!(
        "{}: offender of {} acting in {}, found in {}; child of {} in {}; evidence in {}",
        s.name,
        role(s.offender_nationality),
        role(s.offender_location),
        role(s.custody_location),
        role(s.victim_nationality),
        role(s.victim_location),
        role(s.evidence_location)
    )
}

pub fn footer(snapshot: &Snapshot<'_>) -> Footer {
    let dataset = snapshot.dataset;
    let mut publishers: BTreeMap<&str, usize> = BTreeMap::new();
    for source in &dataset.sources {
        *publishers.entry(source.publisher.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = publishers.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let names: Vec<&str> = ranked.iter().take(4).map(|(p, _)| *p).collect();
    Footer {
        dataset: dataset.manifest.name.clone(),
        version: dataset.manifest.version.clone(),
        as_of: snapshot.day.to_string(),
        evidence: snapshot.min_evidence.to_string(),
        sources: format!(
            "{} sources in datasets/{}/sources.csv, among them {}",
            dataset.sources.len(),
            dataset.manifest.name,
            names.join(", ")
        ),
        illustrative: dataset.manifest.illustrative,
        scenario: None,
        inferred: snapshot.min_evidence == EvidenceLevel::TreatyObligation,
    }
}

/// Which exposure bound a map shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExposureBound {
    /// Certain impunity only.
    Lower,
    /// Certain or possible impunity.
    Upper,
    /// Three classes side by side: every pair certainly prosecutable; some pair certainly in
    /// impunity; otherwise some pair unknown.
    Classes,
}

/// The classes of a three-valued map, in legend order, with their colours.
pub const MAP_CLASSES: [(&str, RGBColor); 3] = [
    ("certainly prosecutable with every partner", BLUE),
    (
        "some pairs depend on unknown facts (none certainly in impunity)",
        GREY_CLASS,
    ),
    ("some pairs certainly in impunity", VERMILLION),
];

/// A mid grey for the "unknown" class (distinct from the hatched grey of "not assessed").
const GREY_CLASS: RGBColor = RGBColor(0x9E, 0x9E, 0x9E);

/// Which side of the pairs a map measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapSide {
    /// Exposure: the share of partner states whose offenders leave this state's children
    /// unprotected.
    Victim,
    /// Offender side: the share of partner states whose children this state's offenders leave
    /// unprotected.
    Offender,
}

/// A world map of exposure (victim side) or of offenders' impunity (offender side), certain
/// or as an upper bound, said in the title. States outside the matrix are shown as unknown.
pub fn exposure_map(
    snapshot: &Snapshot<'_>,
    zones: &Zones,
    offence_label: &str,
    bound: ExposureBound,
    side: MapSide,
) -> MapInput {
    let dataset = snapshot.dataset;
    let values = zones
        .exposure
        .iter()
        .map(|e| {
            let (certain, possible) = match side {
                MapSide::Victim => (e.impunity, e.impunity + e.unknown),
                MapSide::Offender => (
                    e.as_offender_impunity,
                    e.as_offender_impunity + e.as_offender_unknown,
                ),
            };
            let value = match bound {
                ExposureBound::Lower => certain as f64 / e.pairs.max(1) as f64,
                ExposureBound::Upper => possible as f64 / e.pairs.max(1) as f64,
                // Class index, as a position on the legend.
                ExposureBound::Classes => {
                    if certain > 0 {
                        2.0
                    } else if possible > 0 {
                        1.0
                    } else {
                        0.0
                    }
                }
            };
            (
                dataset.jurisdiction(e.state).code.clone(),
                (e.pairs > 0).then_some(value),
            )
        })
        .collect();
    let what = match bound {
        ExposureBound::Lower => "certain",
        ExposureBound::Upper => "possible",
        ExposureBound::Classes => "three-valued",
    };
    let resolution = match bound {
        ExposureBound::Lower => "impunity that holds whatever the unknown facts",
        ExposureBound::Upper => "unknown facts resolved against prosecution",
        ExposureBound::Classes => "certain findings and unknowns kept apart",
    };
    // An upper bound is a bound, not a finding about a state: the title says which it is.
    let kind = match bound {
        ExposureBound::Lower => "certain",
        ExposureBound::Upper => "upper bound",
        ExposureBound::Classes => "certain and unknown",
    };
    let (title, mut subtitle, measure) = match side {
        MapSide::Victim => (
            format!("Exposure of children, {kind}: {offence_label}"),
            format!("{what} exposure: share of partner states whose offenders may go unpunished for offences against this state's children, as of {}", snapshot.day),
            format!("{what} exposure ({resolution})"),
        ),
        MapSide::Offender => (
            format!("Impunity of each state's offenders, {kind}: {offence_label}"),
            format!("{what} impunity of each state's offenders: share of partner states whose children they can harm unpunished, as of {}", snapshot.day),
            format!("{what} impunity of the state's offenders ({resolution})"),
        ),
    };
    if bound == ExposureBound::Classes {
        subtitle = match side {
            MapSide::Victim => format!("for this state's children: offenders from every partner state certainly prosecutable, from some certainly left in impunity, or unknown; as of {}", snapshot.day),
            MapSide::Offender => format!("this state's offenders: certainly prosecutable against every partner state's children, certainly left in impunity against some, or unknown; as of {}", snapshot.day),
        };
    }
    MapInput {
        title,
        subtitle,
        values,
        measure,
        classes: (bound == ExposureBound::Classes).then(|| {
            MAP_CLASSES
                .iter()
                .map(|(label, colour)| (label.to_string(), *colour))
                .collect()
        }),
        footer: footer(snapshot),
    }
}

/// The verdict heatmap of one offence, states ordered by region, sub-region and code.
pub fn heatmap(snapshot: &Snapshot<'_>, matrix: &GapMatrix, offence: OffenceId) -> HeatmapInput {
    let dataset = snapshot.dataset;
    let mut states = matrix.states.clone();
    states.sort_by_key(|s| {
        let j = dataset.jurisdiction(*s);
        (j.region.clone(), j.sub_region.clone(), j.code.clone())
    });
    let index: HashMap<JurisdictionId, usize> =
        states.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let n = states.len();
    let mut verdicts = vec![vec![None; n]; n];
    for pair in matrix.pairs.iter().filter(|p| p.offence == offence) {
        if let (Some(&a), Some(&b)) = (
            index.get(&pair.offender_state),
            index.get(&pair.victim_state),
        ) {
            verdicts[a][b] = Some(pair.verdict);
        }
    }
    HeatmapInput {
        title: format!("Prosecutable, or not: {}", dataset.offence(offence).code),
        subtitle: format!(
            "{} — every ordered pair of {} states, as of {}",
            dataset.offence(offence).conduct,
            n,
            snapshot.day
        ),
        states: states
            .iter()
            .map(|s| {
                (
                    dataset.jurisdiction(*s).code.clone(),
                    dataset.jurisdiction(*s).region.clone(),
                )
            })
            .collect(),
        verdicts,
        footer: Footer {
            scenario: Some(scenario_words(dataset, &matrix.question)),
            ..footer(snapshot)
        },
    }
}

/// The bars of the top `k` reforms.
/// The top `k` reform groups as bars: reforms with the same action and gains are one bar
/// ("any one of 12 states ratifies lanzarote (BRB, KNA, …)"), never a row of ties.
pub fn reform_bars(effects: &[Effect], k: usize) -> Vec<ReformBar> {
    crate::analysis::reforms::group_effects(effects)
        .iter()
        .take(k)
        .map(|group| ReformBar {
            label: group.label(4),
            impunity_closed: group.effect().impunity_closed,
            made_prosecutable: group.effect().made_prosecutable,
        })
        .collect()
}

/// The top `k` research questions as bars (upper half: verdicts settled if the answer is yes;
/// lower half: if no). Questions of the same kind with the same effect in several states are
/// one bar ("each of 12 states: is livestream_attending a crime? (AFG, AGO, …)"), never a row
/// of ties.
pub fn priority_bars(
    dataset: &Dataset,
    priorities: &[crate::analysis::priorities::Priority],
    k: usize,
) -> Vec<ReformBar> {
    let mut bars = Vec::new();
    let mut index = 0;
    while index < priorities.len() && bars.len() < k {
        let first = &priorities[index];
        let same: Vec<&crate::analysis::priorities::Priority> = priorities[index..]
            .iter()
            .take_while(|p| {
                p.settled_if == first.settled_if
                    && p.weighted == first.weighted
                    && p.fact == first.fact
                    && p.offence == first.offence
            })
            .collect();
        index += same.len();
        let label = if same.len() == 1 {
            first.question.clone()
        } else {
            let asked = match first.offence {
                Some(offence) if first.fact == "criminalisation" => {
                    format!("is {} a crime?", dataset.offence(offence).code)
                }
                _ => format!("{}?", first.fact),
            };
            let shown: Vec<&str> = same
                .iter()
                .take(4)
                .map(|p| dataset.jurisdiction(p.jurisdiction).code.as_str())
                .collect();
            let more = if same.len() > shown.len() {
                format!(", and {} more", same.len() - shown.len())
            } else {
                String::new()
            };
            format!(
                "each of {} states: {asked} ({}{more})",
                same.len(),
                shown.join(", ")
            )
        };
        bars.push(ReformBar {
            label,
            made_prosecutable: first.settled_if[0],
            impunity_closed: first.settled_if[1],
        });
    }
    bars
}

/// The timeline of the given points, with the instruments' entries into force as milestones.
pub fn timeline(snapshot: &Snapshot<'_>, points: &[YearPoint], day_of_year: &str) -> TimelineInput {
    let dataset = snapshot.dataset;
    let mut series: BTreeMap<String, Vec<(i32, usize, usize)>> = BTreeMap::new();
    for p in points {
        series.entry(p.offence.clone()).or_default().push((
            p.year,
            p.tally.impunity,
            p.tally.impunity + p.tally.unknown,
        ));
    }
    let milestones = dataset
        .instruments
        .iter()
        .filter_map(|i| {
            i.in_force_on.map(|d| Milestone {
                year: d.year(),
                label: format!("{} in force", i.code),
            })
        })
        .collect();
    let first = points.iter().map(|p| p.year).min().unwrap_or_default();
    let last = points.iter().map(|p| p.year).max().unwrap_or_default();
    let mut footer = footer(snapshot);
    footer.as_of = format!("{day_of_year} of each year {first}–{last}");
    TimelineInput {
        title: "Impunity over time".to_string(),
        subtitle: format!("ordered pairs of states in impunity, {first}–{last}, law as of {day_of_year} each year"),
        series: series.into_iter().map(|(offence, points)| TimelineSeries { offence, points }).collect(),
        milestones,
        footer,
    }
}

/// The cooperation graph of a set of states: certain channels, coloured by channel.
pub fn cooperation_network(
    snapshot: &Snapshot<'_>,
    graph: &CooperationGraph,
    states: &[JurisdictionId],
    region_label: &str,
) -> NetworkInput {
    let dataset = snapshot.dataset;
    let mut edges = Vec::new();
    for (i, &a) in states.iter().enumerate() {
        for (j, &b) in states.iter().enumerate() {
            if i == j {
                continue;
            }
            for (category, channel) in Channel::ALL.into_iter().enumerate() {
                let truth = graph.channel(a, b, channel);
                if truth.is_yes() {
                    edges.push(NetworkEdge {
                        from: i,
                        to: j,
                        category,
                        certain: true,
                    });
                }
            }
        }
    }
    NetworkInput {
        title: format!("Cooperation channels: {region_label}"),
        subtitle: format!(
            "who can ask whom for help, through which channel, as of {} (certain channels only)",
            snapshot.day
        ),
        nodes: states
            .iter()
            .map(|s| dataset.jurisdiction(*s).code.clone())
            .collect(),
        edges,
        categories: Channel::ALL
            .iter()
            .zip(CHANNEL_COLOURS)
            .map(|(c, colour)| (c.to_string(), colour))
            .collect(),
        footer: footer(snapshot),
    }
}

/// The impunity graph of a set of states for an offence: edges A → B where offenders of A
/// leave children of B in impunity (certain, or possible).
pub fn impunity_network(
    snapshot: &Snapshot<'_>,
    matrix: &GapMatrix,
    states: &[JurisdictionId],
    offence: OffenceId,
    region_label: &str,
) -> NetworkInput {
    let dataset = snapshot.dataset;
    let index: HashMap<JurisdictionId, usize> =
        states.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let edges = matrix
        .pairs
        .iter()
        .filter(|p| p.offence == offence && p.verdict != Verdict::Prosecutable)
        .filter_map(|p| {
            let (from, to) = (*index.get(&p.offender_state)?, *index.get(&p.victim_state)?);
            let certain = p.verdict == Verdict::Impunity;
            Some(NetworkEdge {
                from,
                to,
                category: usize::from(!certain),
                certain,
            })
        })
        .collect();
    NetworkInput {
        title: format!(
            "Impunity: {} in {region_label}",
            dataset.offence(offence).code
        ),
        subtitle: format!(
            "A → B: offenders of A leave children of B unprotected, as of {}",
            snapshot.day
        ),
        nodes: states
            .iter()
            .map(|s| dataset.jurisdiction(*s).code.clone())
            .collect(),
        edges,
        categories: vec![
            ("impunity (certain)".to_string(), IMPUNITY_COLOURS[0]),
            (
                "impunity possible (unknown)".to_string(),
                IMPUNITY_COLOURS[1],
            ),
        ],
        footer: footer(snapshot),
    }
}
