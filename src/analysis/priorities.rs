//! Research priorities (docs/model.md, section 4): the dual of reform simulation. An unknown
//! fact is a question nobody has answered; answering it (either way) settles some of the
//! verdicts that are unknown today. Every unknown fact of the scope's states is tried both
//! ways in the reform workspace (a resolved fact is a reform) and ranked by the verdicts it
//! settles whichever the answer, then by the most it could settle.
//!
//! **Invariant:** no I/O; the workspace is left as it was found.

use super::reforms::{affected_pairs, on_every_core, pair_verdict, verdicts, Scope, Workspace};
use super::weights::Weights;
use crate::model::*;
use crate::rules::Verdict;

/// One unknown fact and what answering it would settle.
#[derive(Clone, Debug)]
pub struct Priority {
    /// The question, in words: "is livestream_attending a crime in KEN?".
    pub question: String,
    pub jurisdiction: JurisdictionId,
    /// The offence the fact is about, if it is about one.
    pub offence: Option<OffenceId>,
    /// The fact's kind: `criminalisation` or a rule name.
    pub fact: String,
    /// The answer as a reform, each way ("yes" first).
    pub answers: [Reform; 2],
    /// Unknown verdicts that become definite if the answer is yes / no.
    pub settled_if: [usize; 2],
    /// Weighted by the weights given (the smaller of the two answers).
    pub weighted: f64,
}

impl Priority {
    /// Verdicts settled whichever the answer.
    pub fn settled_either_way(&self) -> usize {
        self.settled_if[0].min(self.settled_if[1])
    }
}

/// The rules whose unknown value can leave a pair's verdict unknown, asked of every state.
const RULES: [RuleKind; 7] = [
    RuleKind::ActiveNationality,
    RuleKind::ActiveNationalityDoubleCriminality,
    RuleKind::PassivePersonality,
    RuleKind::ExtraditesNationals,
    RuleKind::ExtraditionNeedsTreaty,
    RuleKind::MlaNeedsTreaty,
    RuleKind::MlaDoubleCriminality,
];

/// Every unknown fact of the scope's states, with its two answers as reforms.
fn unknown_facts(workspace: &Workspace<'_>, scope: &Scope) -> Vec<Priority> {
    let snapshot = &workspace.snapshot;
    let dataset = snapshot.dataset;
    let mut facts = Vec::new();
    for &state in &scope.states {
        let code = &dataset.jurisdiction(state).code;
        for &offence in &scope.offences {
            if snapshot.criminalisation(state, offence).value.status
                != CriminalisationStatus::Unknown
            {
                continue;
            }
            let offence_code = &dataset.offence(offence).code;
            let answer = |status, word: &str| Reform {
                kind: ReformKind::Custom,
                label: format!("{code} {offence_code}: {word}"),
                changes: vec![Change::Criminalisation {
                    jurisdiction: state,
                    offence,
                    status,
                }],
            };
            facts.push(Priority {
                question: format!("is {offence_code} a crime in {code}?"),
                jurisdiction: state,
                offence: Some(offence),
                fact: "criminalisation".to_string(),
                answers: [
                    answer(CriminalisationStatus::Criminalised, "criminalised"),
                    answer(CriminalisationStatus::NotCriminalised, "not_criminalised"),
                ],
                settled_if: [0, 0],
                weighted: 0.0,
            });
        }
        for rule in RULES {
            if snapshot.general_rule(state, rule).value.is_known() {
                continue;
            }
            let answer = |value: bool| Reform {
                kind: ReformKind::Custom,
                label: format!("{code} {rule}: {}", if value { "yes" } else { "no" }),
                changes: vec![Change::Rule {
                    jurisdiction: state,
                    offence: None,
                    rule,
                    value: RuleValue::Truth(Truth::from_bool(value)),
                }],
            };
            facts.push(Priority {
                question: format!("{rule} in {code}?"),
                jurisdiction: state,
                offence: None,
                fact: rule.to_string(),
                answers: [answer(true), answer(false)],
                settled_if: [0, 0],
                weighted: 0.0,
            });
        }
    }
    facts
}

/// Ranks every unknown fact of the scope by the unknown verdicts answering it would settle.
/// `progress(done, total)` is called after each fact.
pub fn priorities(
    workspace: &mut Workspace<'_>,
    scope: &Scope,
    weights: Option<&Weights>,
    mut progress: impl FnMut(usize, usize),
) -> Vec<Priority> {
    let baseline = verdicts(&workspace.law(), scope);
    let mut facts = unknown_facts(workspace, scope);
    let settled = on_every_core(
        workspace,
        &facts,
        |workspace, fact| {
            let mut settled_if = [0usize; 2];
            let mut weighted = [0.0f64; 2];
            for (side, answer) in fact.answers.iter().enumerate() {
                let pairs = affected_pairs(workspace, scope, answer);
                workspace.apply(answer.clone());
                {
                    let law = workspace.law();
                    for (offence, a, b) in pairs {
                        if baseline.get(offence, a, b) != Verdict::Unknown {
                            continue;
                        }
                        if pair_verdict(&law, &scope.question, offence, a, b) != Verdict::Unknown {
                            settled_if[side] += 1;
                            if let Some(weights) = weights {
                                weighted[side] += weights.of_pair(a, b);
                            }
                        }
                    }
                }
                workspace.undo();
            }
            (settled_if, weighted[0].min(weighted[1]))
        },
        &mut progress,
    );
    for (fact, (settled_if, weighted)) in facts.iter_mut().zip(settled) {
        fact.settled_if = settled_if;
        fact.weighted = weighted;
    }
    facts.retain(|f| f.settled_if[0] > 0 || f.settled_if[1] > 0);
    facts.sort_by(|x, y| {
        let key = |p: &Priority| {
            (
                p.settled_either_way(),
                (p.weighted * 1000.0) as i64,
                p.settled_if[0].max(p.settled_if[1]),
            )
        };
        key(y)
            .cmp(&key(x))
            .then_with(|| x.question.cmp(&y.question))
    });
    facts
}
