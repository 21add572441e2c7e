//! The gap matrix and its summary as tables (CSV and Parquet share the same columns).

use super::table::{CodedColumn, Table};
use crate::analysis::gaps::{GapMatrix, SummaryRow};
use crate::model::{Dataset, JurisdictionId};
use crate::rules::BarrierSet;

/// One row per ordered pair and offence. Columns are documented in docs/outputs.md.
///
/// A million rows are common (every scenario × offence × pair of the world), so each column
/// stores its distinct values once ([`CodedColumn`]) and the constant columns once.
pub fn pairs_table(dataset: &Dataset, matrix: &GapMatrix) -> Table {
    let pairs = &matrix.pairs;
    let n = pairs.len();
    let code = |j: &JurisdictionId| dataset.jurisdiction(*j).code.clone();
    let region = |j: &JurisdictionId| dataset.jurisdiction(*j).region.clone();
    let codes = |ids: &Vec<JurisdictionId>| {
        ids.iter()
            .map(|j| dataset.jurisdiction(*j).code.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    let joined = |set: &BarrierSet| set.joined();
    let mut offence = CodedColumn::with_capacity(n);
    let mut offender_state = CodedColumn::with_capacity(n);
    let mut offender_region = CodedColumn::with_capacity(n);
    let mut victim_state = CodedColumn::with_capacity(n);
    let mut victim_region = CodedColumn::with_capacity(n);
    let mut verdict = CodedColumn::with_capacity(n);
    let mut prosecuting = CodedColumn::with_capacity(n);
    let mut possibly_prosecuting = CodedColumn::with_capacity(n);
    let mut offender_can = CodedColumn::with_capacity(n);
    let mut victim_can = CodedColumn::with_capacity(n);
    let mut barriers: [CodedColumn<BarrierSet>; 4] =
        std::array::from_fn(|_| CodedColumn::with_capacity(n));
    for p in pairs {
        offence.push(p.offence, |o| dataset.offence(*o).code.clone());
        offender_state.push(p.offender_state, code);
        offender_region.push(p.offender_state, region);
        victim_state.push(p.victim_state, code);
        victim_region.push(p.victim_state, region);
        verdict.push(p.verdict, |v| v.to_string());
        prosecuting.push(p.prosecuting(), codes);
        possibly_prosecuting.push(p.possibly_prosecuting(), codes);
        offender_can.push(p.offender_state_can, |t| t.to_string());
        victim_can.push(p.victim_state_can, |t| t.to_string());
        let sets = [
            p.offender_state_barriers,
            p.offender_state_possible_barriers,
            p.victim_state_barriers,
            p.victim_state_possible_barriers,
        ];
        for (column, set) in barriers.iter_mut().zip(sets) {
            column.push(set, joined);
        }
    }
    let mut table = Table::default();
    table.coded("offence", offence);
    table.coded("offender_state", offender_state);
    table.coded("offender_region", offender_region);
    table.coded("victim_state", victim_state);
    table.coded("victim_region", victim_region);
    table.coded("verdict", verdict);
    table.coded("prosecuting_states", prosecuting);
    table.coded("possibly_prosecuting_states", possibly_prosecuting);
    table.coded("offender_state_can", offender_can);
    table.coded("victim_state_can", victim_can);
    let [offender_barriers, offender_possible, victim_barriers, victim_possible] = barriers;
    table.coded("offender_state_barriers", offender_barriers);
    table.coded("offender_state_possible_barriers", offender_possible);
    table.coded("victim_state_barriers", victim_barriers);
    table.coded("victim_state_possible_barriers", victim_possible);
    table.repeated("scenario", matrix.question.scenario.name.clone(), n);
    table.repeated(
        "evidence_in",
        matrix
            .question
            .evidence_in
            .map(|j| dataset.jurisdiction(j).code.clone())
            .unwrap_or_default(),
        n,
    );
    table.repeated("as_of", matrix.day.to_string(), n);
    table.repeated("min_evidence", matrix.min_evidence.to_string(), n);
    table.repeated(
        "dataset",
        format!("{} {}", dataset.manifest.name, dataset.manifest.version),
        n,
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
