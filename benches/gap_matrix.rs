//! Benchmarks on the world dataset: the gap matrix of every offence over every ordered pair
//! of states, and the ranking of every single reform over all offences. Prints Markdown table
//! rows (best of several runs) for the README's performance table.
//!
//! Run: `cargo bench --bench gap_matrix`

use lacuna::analysis::gaps::{gap_matrix, scope_members, Scope};
use lacuna::analysis::reforms::{rank, Scope as ReformScope, Workspace};
use lacuna::graph::CooperationGraph;
use lacuna::model::EvidenceLevel;
use lacuna::rules::Law;
use lacuna::snapshot::Snapshot;
use std::time::{Duration, Instant};

fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = work();
        best = best.min(start.elapsed());
        result = Some(value);
    }
    (best, result.expect("at least one run"))
}

fn main() {
    let (load, loaded) = best_of(3, || {
        lacuna::data::load_world().expect("world dataset loads")
    });
    let dataset = &loaded.dataset;
    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid day");
    let (snapshot_time, snapshot) = best_of(5, || {
        Snapshot::new(dataset, day, EvidenceLevel::TreatyObligation)
    });
    let (graph_time, graph) = best_of(5, || CooperationGraph::build(&snapshot));
    let law = Law::on(&snapshot, &graph);
    let offences: Vec<_> = dataset.offence_ids().collect();
    let states = scope_members(dataset, Scope::States);
    let (matrix_time, matrix) = best_of(5, || {
        gap_matrix(
            &law,
            &lacuna::analysis::gaps::PairQuestion::remote(),
            &offences,
            &states,
        )
    });
    let pairs = matrix.pairs.len();
    println!("| benchmark | figure |");
    println!("|---|---|");
    println!(
        "| load + validate the world dataset (embedded) | {:.1} ms |",
        load.as_secs_f64() * 1e3
    );
    println!(
        "| resolve the world as of a day (snapshot) | {:.1} ms |",
        snapshot_time.as_secs_f64() * 1e3
    );
    println!(
        "| build the cooperation graph | {:.1} ms |",
        graph_time.as_secs_f64() * 1e3
    );
    println!(
        "| gap matrix, {} offences × {} ordered pairs ({} cases) | {:.1} ms, {:.2} M pairs/s |",
        offences.len(),
        states.len() * (states.len() - 1),
        pairs,
        matrix_time.as_secs_f64() * 1e3,
        pairs as f64 / matrix_time.as_secs_f64() / 1e6
    );
    // Every scenario: the question decides which cases are evaluated.
    for scenario in lacuna::data::built_in_scenarios() {
        let name = scenario.name.clone();
        let question = lacuna::analysis::gaps::PairQuestion::new(scenario, None);
        let (time, matrix) = best_of(5, || gap_matrix(&law, &question, &offences, &states));
        println!(
            "| gap matrix, scenario `{name}`, all offences ({} cases) | {:.1} ms |",
            matrix.pairs.len(),
            time.as_secs_f64() * 1e3
        );
    }
    let scope = ReformScope {
        question: lacuna::analysis::gaps::PairQuestion::remote(),
        offences: offences.clone(),
        states: states.clone(),
    };
    let mut workspace = Workspace::new(snapshot.clone());
    let (rank_time, (_, effects)) = best_of(3, || rank(&mut workspace, &scope, None, |_, _| {}));
    println!(
        "| rank every single reform, all offences ({} candidate reforms) | {:.0} ms, {:.0} reforms/s |",
        effects.len(),
        rank_time.as_secs_f64() * 1e3,
        effects.len() as f64 / rank_time.as_secs_f64()
    );
    let (priorities_time, priorities) = best_of(3, || {
        lacuna::analysis::priorities::priorities(&mut workspace, &scope, None, |_, _| {})
    });
    println!(
        "| research priorities, all offences, scenario `remote` ({} unknown facts that settle a verdict) | {:.0} ms |",
        priorities.len(),
        priorities_time.as_secs_f64() * 1e3
    );
}
