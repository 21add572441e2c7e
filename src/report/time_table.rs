//! Timelines and diffs as tables.

use super::table::Table;
use crate::analysis::time::{PairChange, YearPoint};
use crate::model::Dataset;

pub fn timeline_table(points: &[YearPoint]) -> Table {
    let mut t = Table::default();
    t.integer("year", points.iter().map(|p| i64::from(p.year)).collect());
    t.text("as_of", points.iter().map(|p| p.day.clone()).collect());
    t.text(
        "offence",
        points.iter().map(|p| p.offence.clone()).collect(),
    );
    t.integer(
        "pairs",
        points.iter().map(|p| p.tally.pairs as i64).collect(),
    );
    t.integer(
        "prosecutable",
        points.iter().map(|p| p.tally.prosecutable as i64).collect(),
    );
    t.integer(
        "impunity",
        points.iter().map(|p| p.tally.impunity as i64).collect(),
    );
    t.integer(
        "unknown",
        points.iter().map(|p| p.tally.unknown as i64).collect(),
    );
    t.real(
        "mean_exposure_lower",
        points.iter().map(|p| p.mean_exposure_lower).collect(),
    );
    t.real(
        "mean_exposure_upper",
        points.iter().map(|p| p.mean_exposure_upper).collect(),
    );
    t
}

pub fn timeline_text(points: &[YearPoint]) -> String {
    let mut out = format!(
        "{:<6} {:<26} {:>8} {:>13} {:>9} {:>8} {:>17}\n",
        "year", "offence", "pairs", "prosecutable", "impunity", "unknown", "mean exposure"
    );
    for p in points {
        out.push_str(&format!(
            "{:<6} {:<26} {:>8} {:>13} {:>9} {:>8} {:>7.1}%..{:>5.1}%\n",
            p.year,
            p.offence,
            p.tally.pairs,
            p.tally.prosecutable,
            p.tally.impunity,
            p.tally.unknown,
            100.0 * p.mean_exposure_lower,
            100.0 * p.mean_exposure_upper
        ));
    }
    out
}

pub fn diff_table(dataset: &Dataset, changes: &[PairChange]) -> Table {
    let code = |j| dataset.jurisdiction(j).code.clone();
    let mut t = Table::default();
    t.text(
        "offence",
        changes
            .iter()
            .map(|c| dataset.offence(c.before.offence).code.clone())
            .collect(),
    );
    t.text(
        "offender_state",
        changes
            .iter()
            .map(|c| code(c.before.offender_state))
            .collect(),
    );
    t.text(
        "victim_state",
        changes
            .iter()
            .map(|c| code(c.before.victim_state))
            .collect(),
    );
    t.text(
        "verdict_before",
        changes
            .iter()
            .map(|c| c.before.verdict.to_string())
            .collect(),
    );
    t.text(
        "verdict_after",
        changes
            .iter()
            .map(|c| c.after.verdict.to_string())
            .collect(),
    );
    t.text(
        "offender_state_barriers_gone",
        changes.iter().map(|c| c.removed().0.joined()).collect(),
    );
    t.text(
        "victim_state_barriers_gone",
        changes.iter().map(|c| c.removed().1.joined()).collect(),
    );
    t.text(
        "offender_state_barriers_new",
        changes.iter().map(|c| c.added().0.joined()).collect(),
    );
    t.text(
        "victim_state_barriers_new",
        changes.iter().map(|c| c.added().1.joined()).collect(),
    );
    t
}
