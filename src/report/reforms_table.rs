//! Ranked reforms and greedy plans as tables and text.

use super::table::Table;
use crate::analysis::reforms::{group_effects, Effect, PlanStep};
use crate::model::{Change, Dataset};
use std::fmt::Write;

/// The facts a reform changes, in words.
pub fn changes_text(dataset: &Dataset, effect: &Effect) -> String {
    effect
        .reform
        .changes
        .iter()
        .map(|change| match change {
            Change::Criminalisation {
                jurisdiction,
                offence,
                status,
            } => format!(
                "criminalisation {} {} = {status}",
                dataset.jurisdiction(*jurisdiction).code,
                dataset.offence(*offence).code
            ),
            Change::Party {
                jurisdiction,
                instrument,
                bound,
            } => format!(
                "party {} {} = {}",
                dataset.jurisdiction(*jurisdiction).code,
                dataset.instrument(*instrument).code,
                if *bound { "bound" } else { "not bound" }
            ),
            Change::Rule {
                jurisdiction,
                offence,
                rule,
                ..
            } => format!(
                "rule {} {rule}{} changed",
                dataset.jurisdiction(*jurisdiction).code,
                offence
                    .map(|o| format!(" for {}", dataset.offence(o).code))
                    .unwrap_or_default()
            ),
            Change::BilateralMla { a, b } => format!(
                "mla channel {} <-> {}",
                dataset.jurisdiction(*a).code,
                dataset.jurisdiction(*b).code
            ),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One row per reform, best first.
pub fn effects_table(dataset: &Dataset, effects: &[Effect]) -> Table {
    let mut t = Table::default();
    // Reforms with the same action and gains share one rank (their group's), with the size of
    // the group beside it: ties are not ordered.
    let groups = group_effects(effects);
    let mut group_of: std::collections::HashMap<&str, (i64, i64)> = Default::default();
    for (rank, group) in groups.iter().enumerate() {
        for member in &group.members {
            group_of.insert(
                member.reform.label.as_str(),
                (rank as i64 + 1, group.members.len() as i64),
            );
        }
    }
    let of = |e: &Effect| {
        group_of
            .get(e.reform.label.as_str())
            .copied()
            .unwrap_or((0, 1))
    };
    t.integer("rank", effects.iter().map(|e| of(e).0).collect());
    t.integer("group_size", effects.iter().map(|e| of(e).1).collect());
    t.text(
        "kind",
        effects
            .iter()
            .map(|e| e.reform.kind.as_str().to_string())
            .collect(),
    );
    t.text(
        "reform",
        effects.iter().map(|e| e.reform.label.clone()).collect(),
    );
    t.text(
        "changes",
        effects.iter().map(|e| changes_text(dataset, e)).collect(),
    );
    t.integer(
        "impunity_closed",
        effects.iter().map(|e| e.impunity_closed as i64).collect(),
    );
    t.integer(
        "made_prosecutable",
        effects.iter().map(|e| e.made_prosecutable as i64).collect(),
    );
    t.real(
        "weighted_gain",
        effects.iter().map(|e| e.weighted).collect(),
    );
    t
}

/// One row per plan step.
pub fn plan_table(dataset: &Dataset, steps: &[PlanStep]) -> Table {
    let mut t = Table::default();
    t.integer("step", (1..=steps.len() as i64).collect());
    t.text(
        "reform",
        steps
            .iter()
            .map(|s| s.effect.reform.label.clone())
            .collect(),
    );
    t.text(
        "changes",
        steps
            .iter()
            .map(|s| changes_text(dataset, &s.effect))
            .collect(),
    );
    t.integer(
        "same_gain_reforms",
        steps.iter().map(|s| s.group.members.len() as i64).collect(),
    );
    t.text(
        "same_gain_members",
        steps
            .iter()
            .map(|s| {
                s.group
                    .members
                    .iter()
                    .map(|m| m.reform.label.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .collect(),
    );
    t.integer(
        "other_reforms_tied",
        steps.iter().map(|s| s.other_ties as i64).collect(),
    );
    t.integer(
        "marginal_impunity_closed",
        steps
            .iter()
            .map(|s| s.effect.impunity_closed as i64)
            .collect(),
    );
    t.integer(
        "marginal_made_prosecutable",
        steps
            .iter()
            .map(|s| s.effect.made_prosecutable as i64)
            .collect(),
    );
    t.real(
        "marginal_weighted_gain",
        steps.iter().map(|s| s.effect.weighted).collect(),
    );
    t.integer(
        "impunity_after",
        steps.iter().map(|s| s.impunity_after.0 as i64).collect(),
    );
    t.integer(
        "impunity_or_unknown_after",
        steps.iter().map(|s| s.impunity_after.1 as i64).collect(),
    );
    t
}

/// What a tied step means for the steps after it, or `None` when the step had no tie:
/// "the plan goes on as if AFG criminalises …; 3 reforms of other kinds gain as much".
pub fn plan_tie_note(step: &PlanStep) -> Option<String> {
    let mut parts = Vec::new();
    if step.group.members.len() > 1 {
        parts.push(format!(
            "the plan goes on as if {} (first by code)",
            step.effect.reform.label
        ));
    }
    if step.other_ties > 0 {
        parts.push(format!(
            "{} reform{} of another kind gain{} as much",
            step.other_ties,
            if step.other_ties == 1 { "" } else { "s" },
            if step.other_ties == 1 { "s" } else { "" }
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The top reforms and the plan, for a terminal.
pub fn reforms_text(
    effects: &[Effect],
    top: usize,
    plan: &[PlanStep],
    baseline: (usize, usize),
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Pairs in impunity now: {} certain, {} certain or possible.",
        baseline.0, baseline.1
    );
    // Reforms with the same action and gains form one group: a ranking of ties is no ranking.
    let groups = group_effects(effects);
    let _ = writeln!(out, "\nTop {} single reforms, those with the same effect grouped (pairs leaving certain impunity / pairs made certainly prosecutable / weighted):", top.min(groups.len()));
    for (rank, group) in groups.iter().take(top).enumerate() {
        let e = group.effect();
        let _ = writeln!(
            out,
            "  {:>3}. {:<70} {:>6} {:>7} {:>10.0}",
            rank + 1,
            group.label(8),
            e.impunity_closed,
            e.made_prosecutable,
            e.weighted
        );
    }
    if !plan.is_empty() {
        let _ = writeln!(
            out,
            "\nGreedy plan (marginal gains given the steps before):"
        );
        for (step, s) in plan.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {:>3}. {:<70} {:>6} {:>7}   impunity after: {} certain, {} possible",
                step + 1,
                s.group.label(8),
                s.effect.impunity_closed,
                s.effect.made_prosecutable,
                s.impunity_after.0,
                s.impunity_after.1
            );
            if let Some(note) = plan_tie_note(s) {
                let _ = writeln!(out, "       ({note})");
            }
        }
    }
    out
}
