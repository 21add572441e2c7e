//! The advocacy brief: key findings in plain sentences, each followed by its citations, a
//! data-coverage caveat, and the dataset version and as-of date; as Markdown and as one
//! self-contained HTML file (charts embedded). All dataset text is escaped in HTML.

use crate::analysis::gaps::GapMatrix;
use crate::analysis::reforms::Effect;
use crate::analysis::zones::Zones;
use crate::model::*;
use crate::report::coverage::Coverage;
use crate::rules::{evaluate, explain, Law, Verdict};
use std::fmt::Write;

/// One finding: a sentence and the sources it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub text: String,
    /// Source ids (of the dataset) or `analysis` for computed figures.
    pub citations: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub findings: Vec<Finding>,
}

/// A brief, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Brief {
    pub title: String,
    pub dataset: String,
    pub as_of: String,
    pub evidence: EvidenceLevel,
    pub illustrative: bool,
    /// The scenario asked of every pair, in words.
    pub scenario: String,
    pub sections: Vec<Section>,
    /// (id, title, publisher, url, read_on) of every source cited.
    pub references: Vec<(String, String, String, String, String)>,
}

/// What a brief is built from.
pub struct BriefInput<'a, 's, 'd> {
    pub law: &'a Law<'s, 'd>,
    pub offences: &'a [OffenceId],
    pub matrix: &'a GapMatrix,
    pub zones: &'a Zones,
    pub effects: &'a [Effect],
    /// Unknown facts ranked by the verdicts answering them would settle.
    pub priorities: &'a [crate::analysis::priorities::Priority],
    pub coverage: &'a Coverage,
    /// Case-volume weights: findings are ordered by the weight of the pairs they concern.
    pub weights: Option<&'a crate::analysis::weights::Weights>,
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "0%".to_string()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

const ANALYSIS: &str = "analysis";

/// A case-volume figure as text: whole numbers without decimals.
fn format_volume(volume: f64) -> String {
    if volume.fract() == 0.0 {
        format!("{volume:.0}")
    } else {
        format!("{volume:.1}")
    }
}

/// Builds the brief.
pub fn build_brief(input: &BriefInput<'_, '_, '_>) -> Brief {
    let law = input.law;
    let d = law.dataset();
    let day = law.conduct.day;
    let code = |j: JurisdictionId| d.jurisdiction(j).code.clone();
    let name =
        |j: JurisdictionId| format!("{} ({})", d.jurisdiction(j).name, d.jurisdiction(j).code);
    let offence_names: Vec<String> = input
        .offences
        .iter()
        .map(|o| d.offence(*o).code.clone())
        .collect();
    let mut sections = Vec::new();

    // Headline.
    let pairs = &input.matrix.pairs;
    let total = pairs.len();
    let impunity = pairs
        .iter()
        .filter(|p| p.verdict == Verdict::Impunity)
        .count();
    let unknown = pairs
        .iter()
        .filter(|p| p.verdict == Verdict::Unknown)
        .count();
    let prosecutable = total - impunity - unknown;
    sections.push(Section {
        title: "Headline".to_string(),
        findings: vec![Finding {
            text: format!(
                "Of {total} cross-border cases — every ordered pair of {} states, for {} — {prosecutable} ({}) are certainly prosecutable somewhere, {impunity} ({}) are certainly left in impunity, and {unknown} ({}) depend on facts that no source in the dataset establishes; impunity therefore lies between {} and {} of the pairs.",
                input.matrix.states.len(),
                offence_names.join(", "),
                percent(prosecutable, total),
                percent(impunity, total),
                percent(unknown, total),
                percent(impunity, total),
                percent(impunity + unknown, total)
            ),
            citations: vec![ANALYSIS.to_string()],
        }],
    });

    // Weakest zones.
    let mut exposed: Vec<_> = input.zones.exposure.iter().collect();
    exposed.sort_by(|a, b| {
        (b.lower, b.upper)
            .partial_cmp(&(a.lower, a.upper))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| code(a.state).cmp(&code(b.state)))
    });
    // States with the same exposure are one finding: ties are not a ranking.
    let mut tied: Vec<Vec<&crate::analysis::zones::Exposure>> = Vec::new();
    for e in &exposed {
        match tied.last_mut() {
            Some(group)
                if group[0].impunity == e.impunity
                    && group[0].unknown == e.unknown
                    && group[0].pairs == e.pairs =>
            {
                group.push(e)
            }
            _ => tied.push(vec![e]),
        }
    }
    let mut zone_findings: Vec<Finding> = tied
        .iter()
        .filter(|group| group[0].impunity + group[0].unknown > 0)
        .take(3)
        .map(|group| {
            let e = group[0];
            let who = if group.len() == 1 {
                name(e.state)
            } else {
                let codes: Vec<String> = group.iter().take(12).map(|g| code(g.state)).collect();
                let more = group.len().saturating_sub(12);
                format!(
                    "{} states alike ({}{})",
                    group.len(),
                    codes.join(", "),
                    if more > 0 { format!(", and {more} more") } else { String::new() }
                )
            };
            Finding {
                text: format!(
                    "{who}: offenders from {} of the {} partner states certainly go unpunished for offences against the state's children (a finding), and from up to {} if every unknown fact went against prosecution (an upper bound, not a finding).",
                    percent(e.impunity, e.pairs),
                    e.pairs,
                    percent(e.impunity + e.unknown, e.pairs)
                ),
                citations: vec![ANALYSIS.to_string()],
            }
        })
        .collect();
    if let Some(worst) = input.zones.regions.iter().max_by(|a, b| {
        a.mean_upper
            .partial_cmp(&b.mean_upper)
            .unwrap_or(std::cmp::Ordering::Equal)
    }) {
        zone_findings.push(Finding {
            text: format!(
                "By region, {} is the most exposed: on average its states' children are unprotected from {:.1}% to {:.1}% of partner states.",
                worst.region,
                100.0 * worst.mean_lower,
                100.0 * worst.mean_upper
            ),
            citations: vec![ANALYSIS.to_string()],
        });
    }
    sections.push(Section {
        title: "The weakest zones".to_string(),
        findings: zone_findings,
    });

    // Pairs that fail, and why: certain impunity only (a finding); unknown pairs are counted
    // after it, not listed (listing them would order ties). One finding per offence and
    // offender state (its failing pairs share their reason): the first pair stands for the
    // others. Findings are ordered by case volume when weights are given, else by the number
    // of pairs they concern; equal ones are said to be tied.
    let failing: Vec<_> = pairs
        .iter()
        .filter(|p| p.verdict == Verdict::Impunity)
        .collect();
    let mut groups: Vec<(
        OffenceId,
        JurisdictionId,
        Vec<&crate::analysis::gaps::PairResult>,
    )> = Vec::new();
    let mut group_of: std::collections::HashMap<(OffenceId, JurisdictionId), usize> =
        std::collections::HashMap::new();
    for pair in &failing {
        let key = (pair.offence, pair.offender_state);
        match group_of.get(&key) {
            Some(&at) => groups[at].2.push(pair),
            None => {
                group_of.insert(key, groups.len());
                groups.push((pair.offence, pair.offender_state, vec![pair]));
            }
        }
    }
    let volume = |members: &[&crate::analysis::gaps::PairResult]| -> f64 {
        match input.weights {
            Some(weights) => members
                .iter()
                .map(|p| weights.of_pair(p.offender_state, p.victim_state))
                .sum(),
            None => members.len() as f64,
        }
    };
    groups.sort_by(|x, y| {
        volume(&y.2)
            .partial_cmp(&volume(&x.2))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| y.2.len().cmp(&x.2.len()))
            .then_with(|| code(x.1).cmp(&code(y.1)))
    });
    let mut why = Vec::new();
    let mut previous_volume: Option<f64> = None;
    for (_, _, members) in groups.iter().take(5) {
        let pair = members[0];
        let partners = members.len();
        let this_volume = volume(members);
        let tie = match (previous_volume == Some(this_volume), input.weights) {
            (false, _) => "",
            (true, Some(_)) => " It weighs as much as the finding before: a tie, not a rank.",
            (true, None) => " It concerns as many pairs as the finding before: a tie, not a rank.",
        };
        previous_volume = Some(this_volume);
        let case =
            input
                .matrix
                .question
                .case(pair.offence, pair.offender_state, pair.victim_state, day);
        let evaluation = evaluate(law, &case);
        let explained = explain(law, &case, &evaluation);
        let mut citations: Vec<String> = Vec::new();
        let mut reasons = Vec::new();
        for state in &explained.states {
            let certain: Vec<String> = state
                .barriers
                .iter()
                .filter(|b| b.certain)
                .map(|b| b.code.to_string())
                .collect();
            let possible: Vec<String> = state
                .barriers
                .iter()
                .filter(|b| !b.certain)
                .map(|b| b.code.to_string())
                .collect();
            let mut parts = Vec::new();
            if !certain.is_empty() {
                parts.push(certain.join(", "));
            }
            if !possible.is_empty() {
                parts.push(format!("possibly {}", possible.join(", ")));
            }
            let verb = if state.can_prosecute.is_no() {
                "cannot prosecute"
            } else {
                "may be unable to prosecute"
            };
            reasons.push(format!("{} {verb} ({})", state.state, parts.join("; ")));
            for barrier in &state.barriers {
                for fact in &barrier.facts {
                    for source in &fact.sources {
                        if !citations.contains(source) {
                            citations.push(source.clone());
                        }
                    }
                }
            }
        }
        if citations.is_empty() {
            citations.push(ANALYSIS.to_string());
        }
        let others = if partners > 1 {
            format!(
                " (and likewise against children of {} other states)",
                partners - 1
            )
        } else {
            String::new()
        };
        let weight = match input.weights {
            Some(weights) => match weights.side {
                crate::analysis::weights::WeightSide::Offender => format!(
                    " Case volume: {} weighs {} in {}.",
                    code(pair.offender_state),
                    format_volume(weights.of(pair.offender_state)),
                    weights.name
                ),
                crate::analysis::weights::WeightSide::Victim => format!(
                    " Case volume: the {} children's states weigh {} together in {}.",
                    partners,
                    format_volume(this_volume),
                    weights.name
                ),
            },
            None => String::new(),
        };
        why.push(Finding {
            text: format!(
                "{} by a national of {} against a child of {}{others} is left in impunity: {}.{weight}{tie}",
                d.offence(pair.offence).code,
                name(pair.offender_state),
                name(pair.victim_state),
                reasons.join("; ")
            ),
            citations,
        });
    }
    if groups.len() > why.len() {
        why.push(Finding {
            text: format!(
                "These are {} of {} such findings (an offence and an offender state whose nationals certainly escape), the heaviest by {}; findings of equal weight are listed by state code.",
                why.len(),
                groups.len(),
                match input.weights {
                    Some(weights) => format!("case volume ({})", weights.name),
                    None => "the number of pairs they concern (no case-volume weights given: `--weights`)".to_string(),
                }
            ),
            citations: vec![ANALYSIS.to_string()],
        });
    }
    if why.is_empty() {
        why.push(Finding {
            text: "No pair is certainly left in impunity.".to_string(),
            citations: vec![ANALYSIS.to_string()],
        });
    }
    let unknown_pairs = pairs
        .iter()
        .filter(|p| p.verdict == Verdict::Unknown)
        .count();
    if unknown_pairs > 0 {
        why.push(Finding {
            text: format!(
                "{unknown_pairs} more pairs are not certainly prosecutable: the answer depends on facts no source in the dataset gives (`lacuna priorities` ranks the facts whose answer would settle most of them)."
            ),
            citations: vec![ANALYSIS.to_string()],
        });
    }
    sections.push(Section {
        title: "Pairs that fail, and why".to_string(),
        findings: why,
    });

    // Reforms.
    // Reforms with the same effect are one finding ("any one of 12 states ..."): ties are not
    // a ranking.
    let mut reforms: Vec<Finding> = crate::analysis::reforms::group_effects(input.effects)
        .iter()
        .filter(|g| g.effect().impunity_closed > 0 || g.effect().made_prosecutable > 0)
        .take(5)
        .map(|group| {
            let e = group.effect();
            let mut citations: Vec<String> = Vec::new();
            for change in &e.reform.changes {
                if let Change::Party { instrument, .. } = change {
                    citations.extend(d.source_codes(&d.instrument(*instrument).sources).into_iter().map(String::from));
                }
            }
            citations.push(ANALYSIS.to_string());
            let each = if group.members.len() > 1 { "each of them" } else { "this" };
            Finding {
                text: format!(
                    "{}: {each} would make {} pairs certainly prosecutable and take {} out of certain impunity.",
                    group.label(8), e.made_prosecutable, e.impunity_closed
                ),
                citations,
            }
        })
        .collect();
    if reforms.is_empty() {
        reforms.push(Finding {
            text: "No single reform changes any pair.".to_string(),
            citations: vec![ANALYSIS.to_string()],
        });
    }
    sections.push(Section {
        title: "The reforms that close most gaps".to_string(),
        findings: reforms,
    });

    // Coverage caveat.
    let mut caveats = Vec::new();
    for (offence, known) in &input.coverage.criminalisation_by_offence {
        if offence_names.contains(offence) {
            caveats.push(Finding {
                text: format!(
                    "Whether {offence} is a crime is known for {} of {} states and territories ({:.1}%): {} read in statutes, {} from published assessments, and {} only inferred from treaties the state is bound by — an obligation, not proof of implementation. Everything else is unknown, and reported as such.",
                    known.known(),
                    known.total,
                    100.0 * known.share(),
                    known.statute,
                    known.assessment,
                    known.treaty_obligation
                ),
                citations: vec![ANALYSIS.to_string()],
            });
        }
    }
    // What is not known, and where it matters most: questions that settle the same number of
    // verdicts are one finding.
    let mut questions: Vec<Finding> = Vec::new();
    let mut index = 0;
    while index < input.priorities.len() && questions.len() < 3 {
        let first = &input.priorities[index];
        let same: Vec<&crate::analysis::priorities::Priority> = input.priorities[index..]
            .iter()
            .take_while(|p| p.settled_if == first.settled_if)
            .collect();
        index += same.len();
        let asked: Vec<String> = same.iter().take(6).map(|p| p.question.clone()).collect();
        let more = same.len().saturating_sub(asked.len());
        let list = format!(
            "{}{}",
            asked.join("; "),
            if more > 0 {
                format!("; and {more} more like them")
            } else {
                String::new()
            }
        );
        questions.push(Finding {
            text: if same.len() == 1 {
                format!(
                    "Answering one question would settle {} of the unknown verdicts whichever the answer ({} if yes, {} if no): {list}",
                    first.settled_either_way(), first.settled_if[0], first.settled_if[1]
                )
            } else {
                format!(
                    "Answering any one of {} questions would settle {} of the unknown verdicts whichever the answer ({} if yes, {} if no): {list}",
                    same.len(), first.settled_either_way(), first.settled_if[0], first.settled_if[1]
                )
            },
            citations: vec![ANALYSIS.to_string()],
        });
    }
    if !questions.is_empty() {
        sections.push(Section {
            title: "What is not known, and where it matters most".to_string(),
            findings: questions,
        });
    }

    sections.push(Section {
        title: "How much is known".to_string(),
        findings: caveats,
    });

    let mut cited: Vec<String> = Vec::new();
    for finding in sections.iter().flat_map(|s| s.findings.iter()) {
        for c in &finding.citations {
            if c != ANALYSIS && !cited.contains(c) {
                cited.push(c.clone());
            }
        }
    }
    let references = cited
        .iter()
        .filter_map(|id| d.source_id(id))
        .map(|id| {
            let s = d.source(id);
            (
                s.id.clone(),
                s.title.clone(),
                s.publisher.clone(),
                s.url.clone(),
                s.read_on.to_string(),
            )
        })
        .collect();
    Brief {
        title: format!(
            "Where the law lets child sexual exploitation fall through the cracks: {}",
            offence_names.join(", ")
        ),
        dataset: format!("{} {}", d.manifest.name, d.manifest.version),
        as_of: day.to_string(),
        evidence: law.conduct.min_evidence,
        illustrative: d.manifest.illustrative,
        scenario: {
            let question = &input.matrix.question;
            let evidence = match question.evidence_in {
                Some(state) => d.jurisdiction(state).code.clone(),
                None => "A, the offender's state".to_string(),
            };
            format!(
                "`{}` ({}; E = {evidence})",
                question.scenario.name, question.scenario.description
            )
        },
        sections,
        references,
    }
}

fn citation_text(citations: &[String], dataset: &str) -> String {
    let parts: Vec<String> = citations
        .iter()
        .map(|c| {
            if c == ANALYSIS {
                format!("lacuna analysis of {dataset}")
            } else {
                c.clone()
            }
        })
        .collect();
    format!("[{}]", parts.join("; "))
}

impl Brief {
    fn preamble(&self) -> String {
        let mut text = format!(
            "Dataset {}, law as of {}, facts of evidence level {} and stronger. Scenario {}; the child is 14.",
            self.dataset, self.as_of, self.evidence, self.scenario
        );
        if self.illustrative {
            text.push_str(" ILLUSTRATIVE DATASET: the states are fictional; nothing here is a fact about any real country.");
        }
        text
    }

    /// The brief as Markdown.
    pub fn to_markdown(&self, charts: &[(String, String)]) -> String {
        // Every string that may come from the dataset is escaped; links only for http(s).
        let m = escape_markdown;
        let mut out = format!("# {}\n\n{}\n", m(&self.title), m(&self.preamble()));
        for section in &self.sections {
            let _ = write!(out, "\n## {}\n\n", m(&section.title));
            for finding in &section.findings {
                let _ = writeln!(
                    out,
                    "- {} {}",
                    m(&finding.text),
                    m(&citation_text(&finding.citations, &self.dataset))
                );
            }
        }
        if !charts.is_empty() {
            out.push_str("\n## Charts\n\n");
            for (title, file) in charts {
                let _ = writeln!(out, "![{}]({file})\n", m(title));
            }
        }
        out.push_str("\n## References\n\n");
        for (id, title, publisher, url, read_on) in &self.references {
            let link = match safe_link(url) {
                Some(url) => format!("<{url}>"),
                None => m(url),
            };
            let _ = writeln!(
                out,
                "- \\[{}\\] {}. {}. {link} (read {})",
                m(id),
                m(title),
                m(publisher),
                m(read_on)
            );
        }
        let _ = writeln!(out, "- \\[lacuna analysis of {}\\] computed by lacuna from the dataset's sources (datasets/{}/sources.csv), as of {}.", m(&self.dataset), m(self.dataset.split(' ').next().unwrap_or_default()), m(&self.as_of));
        out
    }

    /// The brief as one self-contained HTML page; `charts` are (title, PNG bytes).
    pub fn to_html(&self, charts: &[(String, Vec<u8>)]) -> String {
        use base64::Engine;
        let e = escape_html;
        let mut out =
            String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        let _ = writeln!(out, "<title>{}</title>", e(&self.title));
        out.push_str("<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}.cite{color:#555;font-size:.9em}.note{background:#f4f4f4;padding:.6rem 1rem;border-left:4px solid #0072B2}img{max-width:100%}</style>\n</head>\n<body>\n");
        let _ = writeln!(
            out,
            "<h1>{}</h1>\n<p class=\"note\">{}</p>",
            e(&self.title),
            e(&self.preamble())
        );
        for section in &self.sections {
            let _ = writeln!(out, "<h2>{}</h2>\n<ul>", e(&section.title));
            for finding in &section.findings {
                let _ = writeln!(
                    out,
                    "<li>{} <span class=\"cite\">{}</span></li>",
                    e(&finding.text),
                    e(&citation_text(&finding.citations, &self.dataset))
                );
            }
            out.push_str("</ul>\n");
        }
        if !charts.is_empty() {
            out.push_str("<h2>Charts</h2>\n");
            for (title, png) in charts {
                let data = base64::engine::general_purpose::STANDARD.encode(png);
                let _ = writeln!(out, "<figure><img alt=\"{}\" src=\"data:image/png;base64,{data}\"><figcaption>{}</figcaption></figure>", e(title), e(title));
            }
        }
        out.push_str("<h2>References</h2>\n<ul>\n");
        for (id, title, publisher, url, read_on) in &self.references {
            let _ = writeln!(
                out,
                "<li>{}</li>",
                crate::report::escape::source_html(id, title, publisher, url, read_on)
            );
        }
        let _ = writeln!(out, "<li>[lacuna analysis of {}] computed by lacuna from the dataset's sources, as of {}.</li>\n</ul>\n</body>\n</html>", e(&self.dataset), e(&self.as_of));
        out
    }
}

pub use super::escape::escape_html;
use super::escape::{escape_markdown, safe_link};
