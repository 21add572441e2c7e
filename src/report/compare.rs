//! Two states side by side (`lacuna compare A B` and the atlas's pair pages): each state's
//! criminalisation facts and rules with their citations, the cooperation channels both ways,
//! and the verdict on the pair for every offence and scenario, in both directions, with the
//! same explanation `lacuna case` gives for that case. As text, JSON and HTML.

use crate::analysis::gaps::PairQuestion;
use crate::graph::CooperationGraph;
use crate::model::*;
use crate::report::escape::{escape_html, source_html};
use crate::rules::Verdict;
use crate::rules::{describe_fact, evaluate, explain, CaseExplanation, FactExplanation, Law};
use serde::Serialize;
use std::fmt::Write;

/// One state's side of a comparison.
#[derive(Clone, Debug, Serialize)]
pub struct StateSide {
    pub code: String,
    pub name: String,
    pub region: String,
    /// One line per offence: what the law says and the facts behind it.
    pub offences: Vec<KnownLine>,
    /// One line per rule stated for all offences, known or not.
    pub rules: Vec<KnownLine>,
}

/// What is known of one offence or rule in a state.
#[derive(Clone, Debug, Serialize)]
pub struct KnownLine {
    /// The offence code or the rule name.
    pub item: String,
    /// The value on the day (`unknown` when no fact says).
    pub value: String,
    pub facts: Vec<FactExplanation>,
}

/// One cooperation channel from one state to the other.
#[derive(Clone, Debug, Serialize)]
pub struct ChannelLine {
    pub from: String,
    pub to: String,
    pub channel: String,
    pub status: Truth,
    /// Instruments (or `domestic_law:RULE`) that open it.
    pub via: Vec<String>,
}

/// The verdict on one case of the pair: an offence, a scenario and a direction.
#[derive(Clone, Debug, Serialize)]
pub struct PairCase {
    pub scenario: String,
    pub offence: String,
    pub offender_state: String,
    pub victim_state: String,
    pub verdict: Verdict,
    pub explanation: CaseExplanation,
}

/// Two states side by side.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub schema: &'static str,
    pub dataset: String,
    pub illustrative: bool,
    pub as_of: String,
    pub min_evidence: EvidenceLevel,
    pub states: [StateSide; 2],
    pub channels: Vec<ChannelLine>,
    pub cases: Vec<PairCase>,
}

fn side(law: &Law<'_, '_>, state: JurisdictionId) -> StateSide {
    let snapshot = law.conduct;
    let d = snapshot.dataset;
    let j = d.jurisdiction(state);
    let offences = d
        .offence_ids()
        .map(|offence| {
            let resolved = snapshot.criminalisation(state, offence);
            KnownLine {
                item: d.offence(offence).code.clone(),
                value: resolved.value.status.to_string(),
                facts: resolved
                    .basis
                    .iter()
                    .map(|f| describe_fact(snapshot, *f))
                    .collect(),
            }
        })
        .collect();
    let rules = RuleKind::ALL
        .into_iter()
        .map(|rule| {
            let resolved = snapshot.general_rule(state, rule);
            KnownLine {
                item: rule.to_string(),
                value: if resolved.value.is_known() {
                    resolved
                        .basis
                        .first()
                        .map(|f| describe_fact(snapshot, *f).statement)
                        .unwrap_or_else(|| "known".to_string())
                } else {
                    "unknown".to_string()
                },
                facts: resolved
                    .basis
                    .iter()
                    .map(|f| describe_fact(snapshot, *f))
                    .collect(),
            }
        })
        .collect();
    StateSide {
        code: j.code.clone(),
        name: j.name.clone(),
        region: j.region.clone(),
        offences,
        rules,
    }
}

/// Compares `a` and `b` on the law's day for the given scenarios (each with its evidence
/// state, as `gaps` asks it), every offence, both directions.
pub fn compare(
    law: &Law<'_, '_>,
    graph: &CooperationGraph,
    questions: &[PairQuestion],
    a: JurisdictionId,
    b: JurisdictionId,
) -> Comparison {
    let snapshot = law.conduct;
    let d = snapshot.dataset;
    let day = law.conduct.day;
    let code = |j: JurisdictionId| d.jurisdiction(j).code.clone();
    let mut channels = Vec::new();
    for (from, to) in [(a, b), (b, a)] {
        for channel in Channel::ALL {
            let status = graph.channel(from, to, channel);
            if status.is_no() {
                continue;
            }
            let via = graph
                .openings(snapshot, from, to, channel)
                .into_iter()
                .map(|opening| match opening {
                    crate::graph::Opening::Instrument(id, _) => d.instrument(id).code.clone(),
                    crate::graph::Opening::DomesticLaw(rule, _, _) => {
                        format!("domestic_law:{rule}")
                    }
                    crate::graph::Opening::SameState => "same state".to_string(),
                    crate::graph::Opening::Reform(_) => "reform".to_string(),
                })
                .collect();
            channels.push(ChannelLine {
                from: code(from),
                to: code(to),
                channel: channel.to_string(),
                status,
                via,
            });
        }
    }
    let mut cases = Vec::new();
    for question in questions {
        for offence in d.offence_ids() {
            for (offender, victim) in [(a, b), (b, a)] {
                let case = question.case(offence, offender, victim, day);
                let evaluation = evaluate(law, &case);
                let explanation = explain(law, &case, &evaluation);
                cases.push(PairCase {
                    scenario: question.scenario.name.clone(),
                    offence: d.offence(offence).code.clone(),
                    offender_state: code(offender),
                    victim_state: code(victim),
                    verdict: explanation.verdict,
                    explanation,
                });
            }
        }
    }
    Comparison {
        schema: "lacuna.compare/1",
        dataset: format!("{} {}", d.manifest.name, d.manifest.version),
        illustrative: d.manifest.illustrative,
        as_of: day.to_string(),
        min_evidence: snapshot.min_evidence,
        states: [side(law, a), side(law, b)],
        channels,
        cases,
    }
}

impl Comparison {
    /// The comparison in plain text; each case's explanation is `lacuna case`'s.
    pub fn to_text(&self) -> String {
        let [a, b] = &self.states;
        let mut out = String::new();
        if self.illustrative {
            out.push_str("ILLUSTRATIVE DATASET: fictional states, not real law.\n");
        }
        let _ = writeln!(
            out,
            "{} ({}) and {} ({}), {} as of {} (evidence: {} and stronger)\n",
            a.name, a.code, b.name, b.code, self.dataset, self.as_of, self.min_evidence
        );
        let _ = writeln!(out, "{:<26} {:<22} {:<22}", "offence", a.code, b.code);
        for (x, y) in a.offences.iter().zip(&b.offences) {
            let _ = writeln!(out, "{:<26} {:<22} {:<22}", x.item, x.value, y.value);
        }
        let _ = writeln!(out, "\nChannels:");
        if self.channels.is_empty() {
            let _ = writeln!(out, "  none known");
        }
        for c in &self.channels {
            let _ = writeln!(
                out,
                "  {} -> {} {}: {} (via {})",
                c.from,
                c.to,
                c.channel,
                c.status,
                c.via.join(", ")
            );
        }
        let _ = writeln!(out, "\nVerdicts:");
        for case in &self.cases {
            let _ = writeln!(
                out,
                "  {:<10} {:<26} {} -> {}: {}",
                case.scenario,
                case.offence,
                case.offender_state,
                case.victim_state,
                case.verdict.as_str()
            );
        }
        for case in &self.cases {
            let _ = writeln!(
                out,
                "\n=== {} {}, {} -> {} ===\n{}",
                case.scenario,
                case.offence,
                case.offender_state,
                case.victim_state,
                case.explanation.to_text()
            );
        }
        out
    }

    /// The comparison as one self-contained HTML page (no script, no external request);
    /// `home` is the link back to the atlas's home page, if any. Every dataset string is
    /// escaped and only http(s) links are live.
    pub fn to_html(&self, home: Option<&str>) -> String {
        let [a, b] = &self.states;
        let e = escape_html;
        let mut out = String::new();
        let title = format!("{} and {}: lacuna pair view", a.name, b.name);
        out.push_str(&page_head(&title));
        if let Some(home) = home {
            let _ = writeln!(
                out,
                "<nav><a href=\"{}\">Atlas home</a> · <a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></nav>",
                e(home),
                e(&format!("../states/{}.html", a.code)),
                e(&a.name),
                e(&format!("../states/{}.html", b.code)),
                e(&b.name)
            );
        }
        let _ = writeln!(
            out,
            "<main><h1>{} ({}) and {} ({})</h1>",
            e(&a.name),
            e(&a.code),
            e(&b.name),
            e(&b.code)
        );
        let _ = writeln!(
            out,
            "<p class=\"meta\">{}{} · law as of {} · evidence: {} and stronger</p>",
            if self.illustrative {
                "ILLUSTRATIVE DATASET (fictional states) · "
            } else {
                ""
            },
            e(&self.dataset),
            e(&self.as_of),
            self.min_evidence
        );
        let _ = writeln!(out, "<h2>Verdicts</h2><table><thead><tr><th scope=\"col\">scenario</th><th scope=\"col\">offence</th><th scope=\"col\">{} offender, {} child</th><th scope=\"col\">{} offender, {} child</th></tr></thead><tbody>", e(&a.code), e(&b.code), e(&b.code), e(&a.code));
        for pair in self.cases.chunks(2) {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"{}\"><a href=\"#{}\">{}</a></td><td class=\"{}\"><a href=\"#{}\">{}</a></td></tr>",
                e(&pair[0].scenario),
                e(&pair[0].offence),
                pair[0].verdict.as_str(),
                anchor(&pair[0]),
                pair[0].verdict.as_str(),
                pair[1].verdict.as_str(),
                anchor(&pair[1]),
                pair[1].verdict.as_str()
            );
        }
        out.push_str("</tbody></table>\n");
        let _ = writeln!(out, "<h2>The law side by side</h2><table><thead><tr><th scope=\"col\">offence or rule</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>", e(&a.name), e(&b.name));
        for (x, y) in a
            .offences
            .iter()
            .zip(&b.offences)
            .chain(a.rules.iter().zip(&b.rules))
        {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                e(&x.item),
                known_html(x),
                known_html(y)
            );
        }
        out.push_str("</tbody></table>\n<h2>Cooperation channels, both ways</h2>\n");
        if self.channels.is_empty() {
            out.push_str("<p>No channel is known to be open either way.</p>\n");
        } else {
            out.push_str("<table><thead><tr><th scope=\"col\">from</th><th scope=\"col\">to</th><th scope=\"col\">channel</th><th scope=\"col\">open</th><th scope=\"col\">via</th></tr></thead><tbody>\n");
            for c in &self.channels {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    e(&c.from),
                    e(&c.to),
                    e(&c.channel),
                    c.status,
                    e(&c.via.join(", "))
                );
            }
            out.push_str("</tbody></table>\n");
        }
        out.push_str("<h2>Each case explained</h2>\n<p>Each explanation is the one <code>lacuna case</code> gives for the scenario's case; the sources they cite are listed once, at the end of the page.</p>\n");
        let mut sources: Vec<&crate::rules::SourceInfo> = Vec::new();
        for case in &self.cases {
            let text = case.explanation.to_text();
            let explanation = text.split("\nSources:\n").next().unwrap_or_default();
            let _ = writeln!(
                out,
                "<section id=\"{}\"><h3>{} · {} · {} offender, {} child: {}</h3>\n<pre>{}</pre></section>",
                anchor(case),
                e(&case.scenario),
                e(&case.offence),
                e(&case.offender_state),
                e(&case.victim_state),
                case.verdict.as_str(),
                e(explanation)
            );
            for source in &case.explanation.sources {
                if !sources.iter().any(|s| s.id == source.id) {
                    sources.push(source);
                }
            }
        }
        out.push_str("<h2>Sources</h2>\n");
        out.push_str(&source_list_html(&sources));
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

fn anchor(case: &PairCase) -> String {
    format!(
        "{}-{}-{}-{}",
        case.scenario, case.offence, case.offender_state, case.victim_state
    )
    .chars()
    .map(|c| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '_'
        }
    })
    .collect()
}

fn known_html(line: &KnownLine) -> String {
    let mut out = format!("<strong>{}</strong>", escape_html(&line.value));
    for fact in &line.facts {
        let _ = write!(
            out,
            "<br><span class=\"fact\">{} ({}{}) [{}]</span>",
            escape_html(&fact.statement),
            fact.evidence,
            if fact.citation.is_empty() {
                String::new()
            } else {
                format!(", {}", escape_html(&fact.citation))
            },
            escape_html(&fact.sources.join(", "))
        );
    }
    out
}

/// Sources as a list with live links only for http(s).
fn source_list_html(sources: &[&crate::rules::SourceInfo]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let mut out = String::from("<ul class=\"sources\">");
    for s in sources {
        let _ = write!(
            out,
            "<li>{}</li>",
            source_html(&s.id, &s.title, &s.publisher, &s.url, &s.read_on)
        );
    }
    out.push_str("</ul>");
    out
}

/// The opening of every page lacuna writes as HTML: no script, no external request, a
/// colour-blind-safe palette for verdicts (blue prosecutable, vermillion impunity, grey
/// unknown, as in the charts).
pub fn page_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape_html(title),
        PAGE_STYLE
    )
}

/// The style every page carries inline (so a page saved on its own still reads well).
pub const PAGE_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:1rem auto;padding:0 1rem;color:#222;line-height:1.45}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}.prosecutable{background:#d6e9f8}.impunity{background:#f9d9c6}.unknown{background:#e6e6e6}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}.meta{color:#555}.fact{font-size:.9em;color:#444}a:focus{outline:3px solid #e69f00}nav{margin-bottom:1rem}img{max-width:100%;height:auto}.columns{columns:16rem}";
