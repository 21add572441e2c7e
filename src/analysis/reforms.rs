//! Reform simulation (docs/model.md, section 4): every single reform the data makes
//! meaningful, ranked by the impunity pairs it closes (reforms with the same effect grouped),
//! and a greedy plan of K reforms.
//!
//! A reform touching a state's facts can only change the pairs that state is part of (a
//! scenario's pair reads the facts of its two states, the channels between them, and those of
//! the evidence state E if the scenario names one: then every pair is re-evaluated), so each
//! reform is applied in place on a [`Workspace`], only the pairs it can change are
//! re-evaluated, and the reform is taken back.

use super::gaps::PairQuestion;
use super::weights::Weights;
use crate::graph::CooperationGraph;
use crate::model::*;
use crate::rules::{can_prosecute, Law, Verdict};
use crate::snapshot::Snapshot;
use std::collections::HashMap;

/// A snapshot and its graph, mutable by reforms.
#[derive(Clone)]
pub struct Workspace<'d> {
    pub snapshot: Snapshot<'d>,
    pub graph: CooperationGraph,
}

impl<'d> Workspace<'d> {
    pub fn new(snapshot: Snapshot<'d>) -> Workspace<'d> {
        let graph = CooperationGraph::build(&snapshot);
        Workspace { snapshot, graph }
    }

    /// Applies a reform (keep it with [`Workspace::apply`], take it back with [`Workspace::undo`]).
    pub fn apply(&mut self, reform: Reform) {
        let pairs = reform.bilateral_pairs();
        let touched = self.snapshot.push_reform(reform);
        self.refresh(&touched, &pairs);
    }

    /// Takes back the last reform applied.
    pub fn undo(&mut self) -> Option<Reform> {
        let (reform, touched) = self.snapshot.pop_reform()?;
        self.refresh(&touched, &reform.bilateral_pairs());
        Some(reform)
    }

    fn refresh(&mut self, touched: &[JurisdictionId], pairs: &[(JurisdictionId, JurisdictionId)]) {
        if !touched.is_empty() {
            self.graph.recompute_states(&self.snapshot, touched);
        }
        if !pairs.is_empty() {
            self.graph.recompute_pairs(&self.snapshot, pairs);
        }
    }

    pub(crate) fn law(&self) -> Law<'_, 'd> {
        Law::on(&self.snapshot, &self.graph)
    }
}

/// The offences and states a ranking works over.
#[derive(Clone, Debug)]
pub struct Scope {
    pub offences: Vec<OffenceId>,
    pub states: Vec<JurisdictionId>,
    /// The scenario every pair is asked about.
    pub question: PairQuestion,
}

/// The verdict of the scope's scenario for every pair of the scope.
#[derive(Clone, Debug)]
pub struct Verdicts {
    n: usize,
    offence_index: HashMap<OffenceId, usize>,
    state_index: HashMap<JurisdictionId, usize>,
    values: Vec<Verdict>,
}

impl Verdicts {
    fn slot(&self, offence: OffenceId, a: JurisdictionId, b: JurisdictionId) -> usize {
        (self.offence_index[&offence] * self.n + self.state_index[&a]) * self.n
            + self.state_index[&b]
    }

    pub fn get(&self, offence: OffenceId, a: JurisdictionId, b: JurisdictionId) -> Verdict {
        self.values[self.slot(offence, a, b)]
    }

    /// Pairs in impunity (certain) and in impunity or unknown.
    pub fn impunity_bounds(&self) -> (usize, usize) {
        let certain = self
            .values
            .iter()
            .filter(|v| **v == Verdict::Impunity)
            .count();
        let possible = self
            .values
            .iter()
            .filter(|v| **v != Verdict::Prosecutable)
            .count();
        (certain, possible)
    }
}

/// The verdict of the scenario's case for one pair, without recording barriers.
pub fn pair_verdict(
    law: &Law<'_, '_>,
    question: &PairQuestion,
    offence: OffenceId,
    a: JurisdictionId,
    b: JurisdictionId,
) -> Verdict {
    let case = question.case(offence, a, b, law.conduct.day);
    Verdict::from_truth(can_prosecute(law, &case, a).or(can_prosecute(law, &case, b)))
}

/// The verdicts of every ordered pair (the diagonal is `Prosecutable` and never counted).
pub fn verdicts(law: &Law<'_, '_>, scope: &Scope) -> Verdicts {
    let n = scope.states.len();
    let mut values = vec![Verdict::Prosecutable; scope.offences.len() * n * n];
    for (o, &offence) in scope.offences.iter().enumerate() {
        for (i, &a) in scope.states.iter().enumerate() {
            for (j, &b) in scope.states.iter().enumerate() {
                if i != j {
                    values[(o * n + i) * n + j] = pair_verdict(law, &scope.question, offence, a, b);
                }
            }
        }
    }
    Verdicts {
        n,
        offence_index: scope
            .offences
            .iter()
            .enumerate()
            .map(|(i, o)| (*o, i))
            .collect(),
        state_index: scope
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i))
            .collect(),
        values,
    }
}

/// What one reform does to the matrix.
#[derive(Clone, Debug)]
pub struct Effect {
    pub reform: Reform,
    /// Pairs that leave certain impunity (the lower bound of impunity drops by this much).
    pub impunity_closed: usize,
    /// Pairs not certainly prosecutable before that are after (the upper bound drops by this).
    pub made_prosecutable: usize,
    /// Weighted `impunity_closed + made_prosecutable` pairs, by the weights given.
    pub weighted: f64,
}

impl Effect {
    /// The gains a ranking orders by: certain pairs closed, then possible, then weight.
    pub fn key(&self) -> (usize, usize, i64) {
        (
            self.impunity_closed,
            self.made_prosecutable,
            (self.weighted * 1000.0) as i64,
        )
    }
}

/// Reforms with the same effect: the same action taken by any of several states (e.g. "any of
/// 12 states ratifying Lanzarote"), each closing as many pairs as the others. Rankings show
/// groups, never a list of ties.
#[derive(Clone, Debug)]
pub struct EffectGroup {
    /// What each member does, without the state: "ratifies lanzarote".
    pub action: String,
    /// The members, in label order.
    pub members: Vec<Effect>,
}

impl EffectGroup {
    /// The gain every member shares.
    pub fn effect(&self) -> &Effect {
        &self.members[0]
    }

    /// "BRB ratifies lanzarote", or "any of 12 states ratifies lanzarote (BRB, KNA, …)".
    pub fn label(&self, listed: usize) -> String {
        if self.members.len() == 1 {
            return self.members[0].reform.label.clone();
        }
        let states: Vec<&str> = self
            .members
            .iter()
            .map(|m| split_label(&m.reform.label).0)
            .collect();
        let shown = states.len().min(listed);
        let more = if states.len() > shown {
            format!(", and {} more", states.len() - shown)
        } else {
            String::new()
        };
        format!(
            "any one of {} states {} ({}{more})",
            states.len(),
            self.action,
            states[..shown].join(", ")
        )
    }
}

/// (state, action) of a reform label "STATE action"; a label of another shape is all action.
fn split_label(label: &str) -> (&str, &str) {
    match label.split_once(' ') {
        Some((state, action)) if state.chars().all(|c| c.is_ascii_uppercase() || c == '-') => {
            (state, action)
        }
        _ => ("", label),
    }
}

/// Groups ranked effects: members of a group take the same action and have the same gains.
/// The groups keep the ranking's order (by certain pairs closed, then possible, then weight).
pub fn group_effects(effects: &[Effect]) -> Vec<EffectGroup> {
    let mut groups: Vec<EffectGroup> = Vec::new();
    let mut index: HashMap<(String, usize, usize, i64), usize> = HashMap::new();
    for effect in effects {
        let (state, action) = split_label(&effect.reform.label);
        let key = if state.is_empty() {
            // Not a state's action: never grouped.
            (
                effect.reform.label.clone(),
                usize::MAX,
                usize::MAX,
                i64::MAX,
            )
        } else {
            let (closed, made, weighted) = effect.key();
            (
                format!("{:?}:{action}", effect.reform.kind),
                closed,
                made,
                weighted,
            )
        };
        match index.get(&key) {
            Some(&at) if !state.is_empty() => groups[at].members.push(effect.clone()),
            _ => {
                index.insert(key, groups.len());
                groups.push(EffectGroup {
                    action: action.to_string(),
                    members: vec![effect.clone()],
                });
            }
        }
    }
    groups
}

/// Every single reform the data makes meaningful for the scope.
pub fn candidates(workspace: &Workspace<'_>, scope: &Scope, baseline: &Verdicts) -> Vec<Reform> {
    let snapshot = &workspace.snapshot;
    let dataset = snapshot.dataset;
    let mut reforms = Vec::new();
    for &state in &scope.states {
        for &offence in &scope.offences {
            if snapshot.criminalisation(state, offence).value.status
                != CriminalisationStatus::Criminalised
            {
                reforms.push(Reform::criminalise(dataset, state, offence));
            }
        }
        for (index, instrument) in dataset.instruments.iter().enumerate() {
            let id = InstrumentId(index as u32);
            let useful = !instrument.channels.is_empty()
                || dataset.obligations.iter().any(|o| o.instrument == id);
            if instrument.in_force_on.is_some()
                && instrument.open_for_accession
                && useful
                && !snapshot.bound_by(id, state).value.is_yes()
            {
                reforms.push(Reform::ratify(dataset, state, id));
            }
        }
        let double_criminality = scope.offences.iter().any(|&offence| {
            DOUBLE_CRIMINALITY_RULES.iter().any(|&rule| {
                snapshot.rule(state, offence, rule).value != RuleValue::Truth(Truth::No)
            })
        });
        if double_criminality {
            reforms.push(Reform::drop_double_criminality(dataset, state));
        }
        if scope.offences.iter().any(|&offence| {
            snapshot
                .rule(state, offence, RuleKind::ExtraditesNationals)
                .value
                != RuleValue::Truth(Truth::Yes)
        }) {
            reforms.push(Reform::extradite_nationals(dataset, state));
        }
    }
    // A bilateral MLA treaty matters for a pair whose victim state cannot certainly ask the
    // offender state (where the evidence is) for assistance, and whose verdict is not settled.
    for (i, &a) in scope.states.iter().enumerate() {
        for &b in &scope.states[i + 1..] {
            let needed = |offender: JurisdictionId, victim: JurisdictionId| {
                !workspace
                    .graph
                    .channel(victim, offender, Channel::Mla)
                    .is_yes()
                    && scope
                        .offences
                        .iter()
                        .any(|&o| baseline.get(o, offender, victim) != Verdict::Prosecutable)
            };
            if needed(a, b) || needed(b, a) {
                reforms.push(Reform::bilateral_mla(dataset, a, b));
            }
        }
    }
    reforms
}

/// The pairs of the scope a reform can change: rows and columns of the states whose facts it
/// changes, and the pairs of its bilateral treaties.
pub(crate) fn affected_pairs(
    workspace: &Workspace<'_>,
    scope: &Scope,
    reform: &Reform,
) -> Vec<(OffenceId, JurisdictionId, JurisdictionId)> {
    let dataset = workspace.snapshot.dataset;
    let offences = reform.offences().unwrap_or_else(|| scope.offences.clone());
    let offences: Vec<OffenceId> = offences
        .into_iter()
        .filter(|o| scope.offences.contains(o))
        .collect();
    let mut states: Vec<JurisdictionId> = reform
        .fact_jurisdictions()
        .into_iter()
        .map(|j| dataset.sovereign(j))
        .filter(|s| scope.states.contains(s))
        .collect();
    states.sort();
    states.dedup();
    // A change to the evidence state E (a scenario's chosen state) can change every pair.
    let evidence_state = scope.question.evidence_in.map(|e| dataset.sovereign(e));
    let touches_evidence = evidence_state.is_some_and(|e| {
        reform
            .fact_jurisdictions()
            .into_iter()
            .any(|j| dataset.sovereign(j) == e)
    });
    let mut pairs = Vec::new();
    for &offence in &offences {
        if touches_evidence {
            for &a in &scope.states {
                for &b in &scope.states {
                    if a != b {
                        pairs.push((offence, a, b));
                    }
                }
            }
        }
        for &state in &states {
            for &other in &scope.states {
                if other != state {
                    pairs.push((offence, state, other));
                    pairs.push((offence, other, state));
                }
            }
        }
        for (a, b) in reform.bilateral_pairs() {
            let (a, b) = (dataset.sovereign(a), dataset.sovereign(b));
            if a != b && scope.states.contains(&a) && scope.states.contains(&b) {
                pairs.push((offence, a, b));
                pairs.push((offence, b, a));
            }
        }
    }
    pairs.sort();
    pairs.dedup();
    pairs
}

/// What a reform does, applied on the workspace and taken back.
pub fn effect(
    workspace: &mut Workspace<'_>,
    scope: &Scope,
    baseline: &Verdicts,
    reform: &Reform,
    weights: Option<&Weights>,
) -> Effect {
    let pairs = affected_pairs(workspace, scope, reform);
    workspace.apply(reform.clone());
    let mut result = Effect {
        reform: reform.clone(),
        impunity_closed: 0,
        made_prosecutable: 0,
        weighted: 0.0,
    };
    {
        let law = workspace.law();
        for (offence, a, b) in pairs {
            let before = baseline.get(offence, a, b);
            if before == Verdict::Prosecutable {
                continue;
            }
            let after = pair_verdict(&law, &scope.question, offence, a, b);
            let closed = before == Verdict::Impunity && after != Verdict::Impunity;
            let made = after == Verdict::Prosecutable;
            result.impunity_closed += usize::from(closed);
            result.made_prosecutable += usize::from(made);
            if let (Some(weights), true) = (weights, closed || made) {
                result.weighted += weights.of_pair(a, b);
            }
        }
    }
    workspace.undo();
    result
}

/// Ranks every candidate reform, best first: by impunity pairs closed, then pairs made
/// certainly prosecutable, then weighted gain, then label.
pub fn rank(
    workspace: &mut Workspace<'_>,
    scope: &Scope,
    weights: Option<&Weights>,
    mut progress: impl FnMut(usize, usize),
) -> (Verdicts, Vec<Effect>) {
    let baseline = verdicts(&workspace.law(), scope);
    let candidates = candidates(workspace, scope, &baseline);
    let mut effects = on_every_core(
        workspace,
        &candidates,
        |workspace, reform| effect(workspace, scope, &baseline, reform, weights),
        &mut progress,
    );
    sort_effects(&mut effects);
    (baseline, effects)
}

/// `work(workspace, item)` for every item, in item order, on one workspace per core: the
/// caller's, and clones of it on other threads. Items are handed out one at a time;
/// `progress(done, total)` is called on the caller's thread. `work` must leave its
/// workspace as it found it (apply, then undo), as [`effect`] does.
pub(crate) fn on_every_core<T: Sync, R: Send>(
    workspace: &mut Workspace<'_>,
    items: &[T],
    work: impl Fn(&mut Workspace<'_>, &T) -> R + Sync,
    progress: &mut impl FnMut(usize, usize),
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let total = items.len();
    let helpers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(total.max(1))
        - 1;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let run = |workspace: &mut Workspace<'_>, report: &mut dyn FnMut(usize)| {
        let mut results = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            results.push((i, work(workspace, item)));
            report(done.fetch_add(1, Ordering::Relaxed) + 1);
        }
        results
    };
    let mut results = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| {
                let mut copy = workspace.clone();
                let run = &run;
                scope.spawn(move || run(&mut copy, &mut |_| {}))
            })
            .collect();
        let mut mine = run(workspace, &mut |done| progress(done, total));
        for handle in handles {
            mine.extend(handle.join().expect("a reform worker panicked"));
        }
        mine
    });
    progress(total, total);
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

fn sort_effects(effects: &mut [Effect]) {
    effects.sort_by(|x, y| {
        y.key()
            .cmp(&x.key())
            .then_with(|| x.reform.label.cmp(&y.reform.label))
    });
}

/// One step of a greedy plan: the reform chosen and its marginal gain given the steps before.
#[derive(Clone, Debug)]
pub struct PlanStep {
    /// The reform the plan applies (the first of its group, by label).
    pub effect: Effect,
    /// Every reform with the same action and the same gain at this step, the applied one
    /// first: any one of them would do, so a step is reported as "any one of N states".
    pub group: EffectGroup,
    /// Reforms of another action that gain exactly as much at this step: the plan had to
    /// pick one, and says so.
    pub other_ties: usize,
    /// Impunity bounds (certain, possible) after this step.
    pub impunity_after: (usize, usize),
}

/// A greedy plan of up to `k` reforms: at each step, the reform with the largest marginal
/// gain; stops early when no reform gains anything. Reforms can complement each other (a
/// state may need to criminalise *and* extradite), so a later step can gain more than an
/// earlier one.
pub fn greedy_plan(
    workspace: &mut Workspace<'_>,
    scope: &Scope,
    weights: Option<&Weights>,
    k: usize,
    mut progress: impl FnMut(usize, usize),
) -> Vec<PlanStep> {
    let mut steps = Vec::new();
    for step in 0..k {
        let (_, effects) = rank(workspace, scope, weights, |_, _| {});
        progress(step + 1, k);
        let Some(best) = effects.first().cloned() else {
            break;
        };
        if best.impunity_closed == 0 && best.made_prosecutable == 0 {
            break;
        }
        let tied: Vec<Effect> = effects
            .iter()
            .take_while(|e| e.key() == best.key())
            .cloned()
            .collect();
        let group = group_effects(&tied)
            .into_iter()
            .find(|g| {
                g.members
                    .iter()
                    .any(|m| m.reform.label == best.reform.label)
            })
            .expect("the best reform is in a group of the ties");
        let other_ties = tied.len() - group.members.len();
        workspace.apply(best.reform.clone());
        let after = verdicts(&workspace.law(), scope).impunity_bounds();
        steps.push(PlanStep {
            effect: best,
            group,
            other_ties,
            impunity_after: after,
        });
    }
    steps
}
