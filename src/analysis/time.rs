//! Change over time: the yearly series of a gap matrix, and the pairs whose verdict changed
//! between two days, with the barriers that appeared or went.

use super::gaps::{GapMatrix, PairResult, Tally};
use crate::model::*;
use crate::rules::{BarrierSet, Verdict};
use serde::Serialize;

/// One year of a timeline for one offence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearPoint {
    pub year: i32,
    pub day: String,
    pub offence: String,
    pub tally: Tally,
    /// Mean exposure of the states (share of partner states whose offenders leave their
    /// children in impunity), certain and possible.
    pub mean_exposure_lower: f64,
    pub mean_exposure_upper: f64,
}

/// Summarises one matrix (one day) per offence into timeline points.
pub fn year_points(dataset: &Dataset, year: i32, matrix: &GapMatrix) -> Vec<YearPoint> {
    let n = matrix.states.len().max(2);
    matrix
        .offences
        .iter()
        .map(|&offence| {
            let mut tally = Tally::default();
            for pair in matrix.pairs.iter().filter(|p| p.offence == offence) {
                tally.pairs += 1;
                match pair.verdict {
                    Verdict::Prosecutable => tally.prosecutable += 1,
                    Verdict::Impunity => tally.impunity += 1,
                    Verdict::Unknown => tally.unknown += 1,
                }
            }
            // Mean over states of impunity share = total impunity pairs / (n * (n - 1)).
            let per_state = (n * (n - 1)) as f64;
            YearPoint {
                year,
                day: matrix.day.to_string(),
                offence: dataset.offence(offence).code.clone(),
                mean_exposure_lower: tally.impunity as f64 / per_state,
                mean_exposure_upper: (tally.impunity + tally.unknown) as f64 / per_state,
                tally,
            }
        })
        .collect()
}

/// A pair whose verdict changed between two days.
#[derive(Clone, Debug, PartialEq)]
pub struct PairChange {
    pub before: PairResult,
    pub after: PairResult,
}

impl PairChange {
    /// Barrier codes (certain or possible) that went, per side: (offender state, victim state).
    pub fn removed(&self) -> (BarrierSet, BarrierSet) {
        let all = |p: &PairResult| {
            (
                p.offender_state_barriers
                    .union(p.offender_state_possible_barriers),
                p.victim_state_barriers
                    .union(p.victim_state_possible_barriers),
            )
        };
        let (before_a, before_b) = all(&self.before);
        let (after_a, after_b) = all(&self.after);
        (difference(before_a, after_a), difference(before_b, after_b))
    }

    /// Barrier codes that appeared, per side.
    pub fn added(&self) -> (BarrierSet, BarrierSet) {
        PairChange {
            before: self.after,
            after: self.before,
        }
        .removed()
    }
}

fn difference(a: BarrierSet, b: BarrierSet) -> BarrierSet {
    let mut out = BarrierSet::default();
    for code in a.iter().filter(|c| !b.contains(*c)) {
        out.insert(code);
    }
    out
}

/// The pairs whose verdict differs between two matrices over the same states and offences.
pub fn diff(before: &GapMatrix, after: &GapMatrix) -> Vec<PairChange> {
    before
        .pairs
        .iter()
        .zip(&after.pairs)
        .filter(|(b, a)| b.verdict != a.verdict)
        .map(|(b, a)| PairChange {
            before: *b,
            after: *a,
        })
        .collect()
}
