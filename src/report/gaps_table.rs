//! The gap matrix and its summary as tables (CSV and Parquet share the same columns).

use super::table::Table;
use crate::analysis::gaps::{GapMatrix, SummaryRow};
use crate::model::Dataset;

/// One row per ordered pair and offence. Columns are documented in docs/outputs.md.
pub fn pairs_table(dataset: &Dataset, matrix: &GapMatrix) -> Table {
    let codes = |ids: Vec<crate::model::JurisdictionId>| {
        ids.iter()
            .map(|j| dataset.jurisdiction(*j).code.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    let pairs = &matrix.pairs;
    let mut table = Table::default();
    table.text(
        "offence",
        pairs
            .iter()
            .map(|p| dataset.offence(p.offence).code.clone())
            .collect(),
    );
    table.text(
        "offender_state",
        pairs
            .iter()
            .map(|p| dataset.jurisdiction(p.offender_state).code.clone())
            .collect(),
    );
    table.text(
        "offender_region",
        pairs
            .iter()
            .map(|p| dataset.jurisdiction(p.offender_state).region.clone())
            .collect(),
    );
    table.text(
        "victim_state",
        pairs
            .iter()
            .map(|p| dataset.jurisdiction(p.victim_state).code.clone())
            .collect(),
    );
    table.text(
        "victim_region",
        pairs
            .iter()
            .map(|p| dataset.jurisdiction(p.victim_state).region.clone())
            .collect(),
    );
    table.text(
        "verdict",
        pairs.iter().map(|p| p.verdict.to_string()).collect(),
    );
    table.text(
        "prosecuting_states",
        pairs.iter().map(|p| codes(p.prosecuting())).collect(),
    );
    table.text(
        "possibly_prosecuting_states",
        pairs
            .iter()
            .map(|p| codes(p.possibly_prosecuting()))
            .collect(),
    );
    table.text(
        "offender_state_can",
        pairs
            .iter()
            .map(|p| p.offender_state_can.to_string())
            .collect(),
    );
    table.text(
        "victim_state_can",
        pairs
            .iter()
            .map(|p| p.victim_state_can.to_string())
            .collect(),
    );
    table.text(
        "offender_state_barriers",
        pairs
            .iter()
            .map(|p| p.offender_state_barriers.joined())
            .collect(),
    );
    table.text(
        "offender_state_possible_barriers",
        pairs
            .iter()
            .map(|p| p.offender_state_possible_barriers.joined())
            .collect(),
    );
    table.text(
        "victim_state_barriers",
        pairs
            .iter()
            .map(|p| p.victim_state_barriers.joined())
            .collect(),
    );
    table.text(
        "victim_state_possible_barriers",
        pairs
            .iter()
            .map(|p| p.victim_state_possible_barriers.joined())
            .collect(),
    );
    let n = pairs.len();
    table.text("scenario", vec![matrix.question.scenario.name.clone(); n]);
    table.text(
        "evidence_in",
        vec![
            matrix
                .question
                .evidence_in
                .map(|j| dataset.jurisdiction(j).code.clone())
                .unwrap_or_default();
            n
        ],
    );
    table.text("as_of", vec![matrix.day.to_string(); n]);
    table.text("min_evidence", vec![matrix.min_evidence.to_string(); n]);
    table.text(
        "dataset",
        vec![format!("{} {}", dataset.manifest.name, dataset.manifest.version); n],
    );
    table
}

/// The summary: counts per offence, overall and per region, with the bounds on impunity.
pub fn summary_table(rows: &[SummaryRow]) -> Table {
    let mut table = Table::default();
    table.text("offence", rows.iter().map(|r| r.offence.clone()).collect());
    table.text("group", rows.iter().map(|r| r.group.to_string()).collect());
    table.text("region", rows.iter().map(|r| r.region.clone()).collect());
    let column = |f: fn(&SummaryRow) -> usize| rows.iter().map(|r| f(r) as i64).collect::<Vec<_>>();
    table.integer("pairs", column(|r| r.tally.pairs));
    table.integer("prosecutable", column(|r| r.tally.prosecutable));
    table.integer("impunity", column(|r| r.tally.impunity));
    table.integer("unknown", column(|r| r.tally.unknown));
    table.integer("impunity_lower", column(|r| r.tally.impunity_lower()));
    table.integer("impunity_upper", column(|r| r.tally.impunity_upper()));
    table
}

/// The summary as an aligned text table for a terminal.
pub fn summary_text(rows: &[SummaryRow]) -> String {
    let mut out = format!(
        "{:<26} {:<16} {:<10} {:>7} {:>13} {:>9} {:>8} {:>17}\n",
        "offence",
        "group",
        "region",
        "pairs",
        "prosecutable",
        "impunity",
        "unknown",
        "impunity bounds"
    );
    for row in rows {
        let t = &row.tally;
        out.push_str(&format!(
            "{:<26} {:<16} {:<10} {:>7} {:>13} {:>9} {:>8} {:>17}\n",
            row.offence,
            row.group,
            row.region,
            t.pairs,
            t.prosecutable,
            t.impunity,
            t.unknown,
            format!("{}..{}", t.impunity_lower(), t.impunity_upper())
        ));
    }
    out
}
