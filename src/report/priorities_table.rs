//! Research priorities as a table (CSV/Parquet) and as terminal text.

use super::table::Table;
use crate::analysis::priorities::Priority;
use crate::model::Dataset;
use std::fmt::Write;

/// One row per unknown fact, ranked; facts that settle the same verdicts share a rank.
pub fn priorities_table(dataset: &Dataset, priorities: &[Priority]) -> Table {
    let mut t = Table::default();
    t.integer("rank", ranks(priorities));
    t.text(
        "question",
        priorities.iter().map(|p| p.question.clone()).collect(),
    );
    t.text(
        "jurisdiction",
        priorities
            .iter()
            .map(|p| dataset.jurisdiction(p.jurisdiction).code.clone())
            .collect(),
    );
    t.text(
        "offence",
        priorities
            .iter()
            .map(|p| {
                p.offence
                    .map(|o| dataset.offence(o).code.clone())
                    .unwrap_or_default()
            })
            .collect(),
    );
    t.text("fact", priorities.iter().map(|p| p.fact.clone()).collect());
    t.integer(
        "settled_either_way",
        priorities
            .iter()
            .map(|p| p.settled_either_way() as i64)
            .collect(),
    );
    t.integer(
        "settled_if_yes",
        priorities.iter().map(|p| p.settled_if[0] as i64).collect(),
    );
    t.integer(
        "settled_if_no",
        priorities.iter().map(|p| p.settled_if[1] as i64).collect(),
    );
    t.real("weighted", priorities.iter().map(|p| p.weighted).collect());
    t
}

/// Ranks with ties sharing one (a list of equal counts is not an order).
fn ranks(priorities: &[Priority]) -> Vec<i64> {
    let mut ranks = Vec::with_capacity(priorities.len());
    for (index, p) in priorities.iter().enumerate() {
        let same = index > 0 && {
            let q = &priorities[index - 1];
            q.settled_either_way() == p.settled_either_way()
                && q.settled_if == p.settled_if
                && q.weighted == p.weighted
        };
        ranks.push(if same {
            ranks[index - 1]
        } else {
            index as i64 + 1
        });
    }
    ranks
}

/// The top `k` questions, with what answering each would settle.
pub fn priorities_text(priorities: &[Priority], k: usize) -> String {
    let mut out = format!(
        "What is not known, and where it matters most: {} unknown facts would settle at least one unknown verdict.\n",
        priorities.len()
    );
    let _ = writeln!(
        out,
        "\n{:>5}  {:<60} {:>12} {:>8} {:>8}",
        "rank", "question", "either way", "if yes", "if no"
    );
    for (p, rank) in priorities.iter().zip(ranks(priorities)).take(k) {
        let _ = writeln!(
            out,
            "{:>5}  {:<60} {:>12} {:>8} {:>8}",
            rank,
            p.question,
            p.settled_either_way(),
            p.settled_if[0],
            p.settled_if[1]
        );
    }
    out
}
