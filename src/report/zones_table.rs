//! Weak zones as tables and as text for a terminal.

use super::table::Table;
use crate::analysis::zones::Zones;
use crate::model::Dataset;
use std::fmt::Write;

/// One row per state: exposure with bounds, pairs as offender state, components.
pub fn states_table(dataset: &Dataset, zones: &Zones) -> Table {
    let e = &zones.exposure;
    let mut t = Table::default();
    t.text(
        "state",
        e.iter()
            .map(|x| dataset.jurisdiction(x.state).code.clone())
            .collect(),
    );
    t.text(
        "name",
        e.iter()
            .map(|x| dataset.jurisdiction(x.state).name.clone())
            .collect(),
    );
    t.text(
        "region",
        e.iter()
            .map(|x| dataset.jurisdiction(x.state).region.clone())
            .collect(),
    );
    t.text(
        "sub_region",
        e.iter()
            .map(|x| dataset.jurisdiction(x.state).sub_region.clone())
            .collect(),
    );
    t.integer("pairs", e.iter().map(|x| x.pairs as i64).collect());
    t.integer("impunity", e.iter().map(|x| x.impunity as i64).collect());
    t.integer("unknown", e.iter().map(|x| x.unknown as i64).collect());
    t.real("exposure_lower", e.iter().map(|x| x.lower).collect());
    t.real("exposure_upper", e.iter().map(|x| x.upper).collect());
    t.integer(
        "as_offender_impunity",
        e.iter().map(|x| x.as_offender_impunity as i64).collect(),
    );
    t.integer(
        "as_offender_unknown",
        e.iter().map(|x| x.as_offender_unknown as i64).collect(),
    );
    t.integer("component", e.iter().map(|x| x.component as i64).collect());
    t.integer(
        "possible_component",
        e.iter().map(|x| x.possible_component as i64).collect(),
    );
    t
}

/// One row per region.
pub fn regions_table(zones: &Zones) -> Table {
    let r = &zones.regions;
    let mut t = Table::default();
    t.text("region", r.iter().map(|x| x.region.clone()).collect());
    t.integer("states", r.iter().map(|x| x.states as i64).collect());
    t.real(
        "mean_exposure_lower",
        r.iter().map(|x| x.mean_lower).collect(),
    );
    t.real(
        "mean_exposure_upper",
        r.iter().map(|x| x.mean_upper).collect(),
    );
    t.real(
        "weighted_exposure_lower",
        r.iter()
            .map(|x| x.weighted_lower.unwrap_or(f64::NAN))
            .collect(),
    );
    t.real(
        "weighted_exposure_upper",
        r.iter()
            .map(|x| x.weighted_upper.unwrap_or(f64::NAN))
            .collect(),
    );
    t
}

/// One row per component member.
pub fn components_table(dataset: &Dataset, zones: &Zones) -> Table {
    let rows: Vec<(&str, usize, usize, String)> = zones
        .components
        .iter()
        .flat_map(|c| {
            c.states.iter().map(move |s| {
                (
                    c.kind,
                    c.id,
                    c.states.len(),
                    dataset.jurisdiction(*s).code.clone(),
                )
            })
        })
        .collect();
    let mut t = Table::default();
    t.text("kind", rows.iter().map(|r| r.0.to_string()).collect());
    t.integer("component", rows.iter().map(|r| r.1 as i64).collect());
    t.integer("size", rows.iter().map(|r| r.2 as i64).collect());
    t.text("state", rows.iter().map(|r| r.3.clone()).collect());
    t
}

/// A readable summary: the most exposed states, the states on most impunity pairs, regions
/// and components.
pub fn zones_text(dataset: &Dataset, zones: &Zones, top: usize) -> String {
    let mut out = String::new();
    let mut by_exposure: Vec<_> = zones.exposure.iter().collect();
    by_exposure.sort_by(|a, b| {
        (b.lower, b.upper)
            .partial_cmp(&(a.lower, a.upper))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                dataset
                    .jurisdiction(a.state)
                    .code
                    .cmp(&dataset.jurisdiction(b.state).code)
            })
    });
    let _ = writeln!(out, "Most exposed states (share of partner states whose offenders leave its children in impunity; certain..possible):");
    let _ = writeln!(
        out,
        "  {:<6} {:<32} {:<10} {:>17}",
        "state", "name", "region", "exposure"
    );
    for e in by_exposure.iter().take(top) {
        let j = dataset.jurisdiction(e.state);
        let _ = writeln!(
            out,
            "  {:<6} {:<32} {:<10} {:>7.1}%..{:>6.1}%",
            j.code,
            truncate(&j.name, 32),
            j.region,
            100.0 * e.lower,
            100.0 * e.upper
        );
    }
    let mut by_pairs: Vec<_> = zones.exposure.iter().collect();
    by_pairs.sort_by_key(|e| {
        (
            std::cmp::Reverse(e.pairs_on()),
            dataset.jurisdiction(e.state).code.clone(),
        )
    });
    let _ = writeln!(
        out,
        "\nStates on the most impunity pairs (as offender or victim state; certain + possible):"
    );
    for e in by_pairs.iter().take(top) {
        let (certain, possible) = e.pairs_on();
        let _ = writeln!(
            out,
            "  {:<6} {:>6} certain {:>6} possible",
            dataset.jurisdiction(e.state).code,
            certain,
            possible
        );
    }
    let _ = writeln!(
        out,
        "\nRegions (mean exposure of their states, certain..possible):"
    );
    for r in &zones.regions {
        let weighted = match (r.weighted_lower, r.weighted_upper) {
            (Some(l), Some(u)) => format!("   weighted {:.1}%..{:.1}%", 100.0 * l, 100.0 * u),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {:<12} {:>4} states {:>6.1}%..{:>5.1}%{weighted}",
            r.region,
            r.states,
            100.0 * r.mean_lower,
            100.0 * r.mean_upper
        );
    }
    for kind in ["certain", "possible"] {
        let groups: Vec<_> = zones.components.iter().filter(|c| c.kind == kind).collect();
        let sizes: Vec<String> = groups
            .iter()
            .take(10)
            .map(|c| c.states.len().to_string())
            .collect();
        let _ = writeln!(
            out,
            "\nConnected groups of the {kind}-impunity graph: {}{}",
            groups.len(),
            if sizes.is_empty() {
                String::new()
            } else {
                format!(" (sizes {})", sizes.join(", "))
            }
        );
    }
    out
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}
