//! The atlas: a static, self-contained website of every state's law, pair and weak zone. It
//! works from `file://` and any static host: no server, no CDN, no request to any other
//! site (links to sources are plain links a reader may follow). Pages are semantic HTML,
//! readable without JavaScript; a small script adds the state search and the pair picker.
//!
//! **Invariant:** every dataset string is escaped ([`super::escape`]); only http(s) links are
//! live; every page states the dataset version, the as-of date and the evidence level.

use crate::analysis::gaps::{GapMatrix, PairQuestion};
use crate::analysis::priorities::Priority;
use crate::analysis::reforms::{group_effects, Effect};
use crate::graph::CooperationGraph;
use crate::model::*;
use crate::report::compare::{compare, page_head};
use crate::report::coverage::Coverage;
use crate::report::escape::{escape_html, source_html};
use crate::rules::{describe_fact, FactExplanation, Law, Verdict};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// Everything the atlas shows, computed by the caller (see `lacuna site`).
pub struct SiteInput<'a, 's, 'd> {
    pub law: &'a Law<'s, 'd>,
    pub graph: &'a CooperationGraph,
    /// The scenarios, each asked of every pair.
    pub questions: &'a [PairQuestion],
    /// Per question, one gap matrix per offence (in dataset order) over `states`.
    pub matrices: &'a [Vec<GapMatrix>],
    /// Per question, every single reform ranked over all offences.
    pub effects: &'a [Vec<Effect>],
    /// Per question, the research priorities over all offences.
    pub priorities: &'a [Vec<Priority>],
    pub coverage: &'a Coverage,
    pub states: &'a [JurisdictionId],
    /// Pairs that get a full pair page (every explanation), as (A, B).
    pub featured: &'a [(JurisdictionId, JurisdictionId)],
    /// The map of each (question, offence), as PNG bytes, keyed `OFFENCE_SCENARIO`
    /// (`all_SCENARIO` for every offence together); drawn by the caller.
    pub maps: &'a BTreeMap<String, Vec<u8>>,
}

/// Why the site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Table(#[from] crate::report::table::TableError),
}

/// What was written.
#[derive(Debug, Default)]
pub struct SiteSummary {
    pub files: usize,
    pub bytes: u64,
    pub state_pages: usize,
    pub pair_pages: usize,
}

struct Writer<'p> {
    dir: &'p Path,
    summary: SiteSummary,
}

impl Writer<'_> {
    fn file(&mut self, relative: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let path = self.dir.join(relative);
        let io = |source| SiteError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
        self.summary.files += 1;
        self.summary.bytes += bytes.len() as u64;
        Ok(())
    }
}

/// Per state and side, the verdict counts of one gap matrix.
#[derive(Clone, Copy, Default)]
struct Tally {
    prosecutable: usize,
    impunity: usize,
    unknown: usize,
}

impl Tally {
    fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Prosecutable => self.prosecutable += 1,
            Verdict::Impunity => self.impunity += 1,
            Verdict::Unknown => self.unknown += 1,
        }
    }

    fn cells(&self) -> String {
        format!(
            "<td class=\"prosecutable\">{}</td><td class=\"impunity\">{}</td><td class=\"unknown\">{}</td>",
            self.prosecutable, self.impunity, self.unknown
        )
    }
}

/// The footer line every page carries.
fn provenance(input: &SiteInput<'_, '_, '_>) -> String {
    let d = input.law.dataset();
    format!(
        "{}{} {} · law as of {} · evidence: {} and stronger (facts inferred from treaties show an obligation, not proof of implementation)",
        if d.manifest.illustrative {
            "ILLUSTRATIVE DATASET (fictional states, not real law) · "
        } else {
            ""
        },
        escape_html(&d.manifest.name),
        escape_html(&d.manifest.version),
        input.law.conduct.day,
        input.law.conduct.min_evidence
    )
}

fn page(title: &str, input: &SiteInput<'_, '_, '_>, depth: usize, body: &str) -> String {
    let up = "../".repeat(depth);
    format!(
        "{}<header><nav><a href=\"{up}index.html\">Atlas home</a> · <a href=\"{up}pair.html\">Compare two states</a> · <a href=\"{up}downloads/index.html\">Downloads</a></nav><p class=\"meta\">{}</p></header>\n<main>\n{body}\n</main>\n<footer><p class=\"meta\">{}</p><p class=\"meta\">Made with lacuna. Verdicts are three-valued: <span class=\"prosecutable\">prosecutable</span> (certain), <span class=\"impunity\">impunity</span> (certain) and <span class=\"unknown\">unknown</span> (depends on facts no source in the dataset gives).</p></footer>\n<script src=\"{up}site.js\"></script>\n</body>\n</html>\n",
        page_head(title),
        provenance(input),
        provenance(input),
    )
}

fn source_links(d: &Dataset, ids: &[String], depth: usize) -> String {
    let up = "../".repeat(depth);
    ids.iter()
        .map(|id| {
            let title = d
                .sources
                .iter()
                .find(|s| &s.id == id)
                .map(|s| s.title.clone())
                .unwrap_or_default();
            format!(
                "<a href=\"{up}sources.html#{}\" title=\"{}\">{}</a>",
                escape_html(id),
                escape_html(&title),
                escape_html(id)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn fact_html(d: &Dataset, fact: &FactExplanation, depth: usize) -> String {
    format!(
        "{} <span class=\"meta\">({}{})</span> [{}]",
        escape_html(&fact.statement),
        fact.evidence,
        if fact.citation.is_empty() {
            String::new()
        } else {
            format!(", {}", escape_html(&fact.citation))
        },
        source_links(d, &fact.sources, depth)
    )
}

/// Writes the atlas into `dir` (which should be empty: the caller stages it).
pub fn write_site(input: &SiteInput<'_, '_, '_>, dir: &Path) -> Result<SiteSummary, SiteError> {
    let mut w = Writer {
        dir,
        summary: SiteSummary::default(),
    };
    let law = input.law;
    let snapshot = law.conduct;
    let d = snapshot.dataset;
    let e = escape_html;
    let offences: Vec<OffenceId> = d.offence_ids().collect();
    let n = d.jurisdictions.len();
    // tallies[q][o][state] = (as offender, as victim)
    let mut tallies = vec![
        vec![vec![(Tally::default(), Tally::default()); n]; offences.len()];
        input.questions.len()
    ];
    for (q, matrices) in input.matrices.iter().enumerate() {
        for (o, matrix) in matrices.iter().enumerate() {
            for p in &matrix.pairs {
                tallies[q][o][p.offender_state.index()].0.add(p.verdict);
                tallies[q][o][p.victim_state.index()].1.add(p.verdict);
            }
        }
    }
    let featured: Vec<(String, String)> = input
        .featured
        .iter()
        .map(|(a, b)| {
            (
                d.jurisdiction(*a).code.clone(),
                d.jurisdiction(*b).code.clone(),
            )
        })
        .collect();

    // Maps.
    for (name, bytes) in input.maps {
        w.file(&format!("maps/{name}.png"), bytes)?;
    }

    // Home page.
    let mut body = String::new();
    let _ = writeln!(body, "<h1>lacuna atlas: where the law lets child sexual exploitation fall between countries</h1>");
    let _ = writeln!(body, "<p>For every ordered pair of states (A, B) and each offence, lacuna asks a scenario's case (the offender from A, the child in B) and whether some state can certainly prosecute, certainly cannot, or it depends on facts no source in the dataset gives. Each state's page lists its law with the source of every fact; the pair view gives the verdict for any two states.</p>");
    let default_map = input
        .questions
        .first()
        .map(|q| format!("all_{}", q.scenario.name));
    if let Some(map) = default_map.as_ref().filter(|m| input.maps.contains_key(*m)) {
        let _ = writeln!(
            body,
            "<figure><img id=\"map\" src=\"maps/{}.png\" width=\"1400\" height=\"860\" alt=\"World map of the states whose offenders can be prosecuted with every partner, with some pairs unknown, or with some pairs certainly in impunity, all offences, scenario {}; the same figures are in the table below.\"><figcaption>Where each state's offenders can be prosecuted, all offences, scenario <em>{}</em>. Maps for each offence and scenario are linked in the table below.</figcaption></figure>",
            e(map),
            e(&input.questions[0].scenario.name),
            e(&input.questions[0].scenario.name)
        );
    }
    let _ = writeln!(body, "<h2>Headline figures</h2><p>Ordered pairs of states by verdict; each scenario's case is described under the table.</p><table><thead><tr><th scope=\"col\">offence</th>");
    for q in input.questions {
        let _ = write!(
            body,
            "<th scope=\"col\" colspan=\"3\">{}</th>",
            e(&q.scenario.name)
        );
    }
    body.push_str("</tr><tr><td></td>");
    for _ in input.questions {
        body.push_str("<td>prosecutable</td><td>impunity</td><td>unknown</td>");
    }
    body.push_str("</tr></thead><tbody>\n");
    for (o, offence) in offences.iter().enumerate() {
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{}</th>",
            e(&d.offence(*offence).code)
        );
        for (q, question) in input.questions.iter().enumerate() {
            let mut t = Tally::default();
            for p in &input.matrices[q][o].pairs {
                t.add(p.verdict);
            }
            let map = format!("{}_{}", d.offence(*offence).code, question.scenario.name);
            if input.maps.contains_key(&map) {
                let _ = write!(
                    body,
                    "<td class=\"prosecutable\">{}</td><td class=\"impunity\">{}</td><td class=\"unknown\">{} <a href=\"maps/{}.png\">map</a></td>",
                    t.prosecutable, t.impunity, t.unknown, e(&map)
                );
            } else {
                body.push_str(&t.cells());
            }
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</tbody></table>\n<dl>");
    for q in input.questions {
        let _ = write!(
            body,
            "<dt>{}</dt><dd>{}</dd>",
            e(&q.scenario.name),
            e(&q.scenario.description)
        );
    }
    body.push_str("</dl>\n");
    let _ = writeln!(body, "<h2>States</h2><p><label for=\"state-search\">Find a state: </label><input id=\"state-search\" type=\"search\" placeholder=\"name or code\" autocomplete=\"off\"></p><ul id=\"state-list\" class=\"columns\">");
    let mut sorted: Vec<JurisdictionId> = input.states.to_vec();
    sorted.sort_by(|a, b| d.jurisdiction(*a).name.cmp(&d.jurisdiction(*b).name));
    for s in &sorted {
        let j = d.jurisdiction(*s);
        let _ = writeln!(
            body,
            "<li data-search=\"{} {}\"><a href=\"states/{}.html\">{}</a> ({})</li>",
            e(&j.name.to_lowercase()),
            e(&j.code.to_lowercase()),
            e(&j.code),
            e(&j.name),
            e(&j.code)
        );
    }
    body.push_str("</ul>\n<h2>How much is known</h2><table><thead><tr><th scope=\"col\">offence</th><th scope=\"col\">known</th><th scope=\"col\">statute</th><th scope=\"col\">assessment</th><th scope=\"col\">treaty obligation only</th><th scope=\"col\">of</th></tr></thead><tbody>\n");
    for (offence, known) in &input.coverage.criminalisation_by_offence {
        let _ = writeln!(
            body,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(offence),
            known.known(),
            known.statute,
            known.assessment,
            known.treaty_obligation,
            known.total
        );
    }
    body.push_str("</tbody></table>\n");
    let _ = writeln!(
        body,
        "<h2>How to cite</h2><p>Cite the facts by their own sources (each state page lists them, with the address and the day each was read), and the analysis as: <q>lacuna atlas, dataset {} {}, law as of {}, evidence {} and stronger</q>. Verdicts marked unknown are not findings: they mark what no source in the dataset establishes.</p>",
        e(&d.manifest.name),
        e(&d.manifest.version),
        snapshot.day,
        snapshot.min_evidence
    );
    let home = page("lacuna atlas", input, 0, &body);
    w.file("index.html", home.as_bytes())?;

    // State pages.
    for &state in input.states {
        let page_body = state_page(input, state, &tallies, &featured);
        let j = d.jurisdiction(state);
        let html = page(
            &format!("{} ({}): lacuna atlas", j.name, j.code),
            input,
            1,
            &page_body,
        );
        w.file(&format!("states/{}.html", j.code), html.as_bytes())?;
        w.summary.state_pages += 1;
    }

    // Featured pair pages: every explanation, as `lacuna compare A B` gives it.
    for &(a, b) in input.featured {
        let comparison = compare(law, input.graph, input.questions, a, b);
        let html = comparison.to_html(Some("../index.html"));
        w.file(
            &format!(
                "pairs/{}-{}.html",
                d.jurisdiction(a).code,
                d.jurisdiction(b).code
            ),
            html.as_bytes(),
        )?;
        w.summary.pair_pages += 1;
    }

    // The pair picker and its data.
    let mut body = String::new();
    let _ = writeln!(body, "<h1>Compare two states</h1><p>Pick the offender's state (A), the child's state (B), an offence and a scenario: the picker shows the verdict and what stands in the way of each state. It needs JavaScript; without it, use the state pages, the full pair pages below, or <code>lacuna compare A B</code>.</p>");
    body.push_str("<form id=\"picker\" onsubmit=\"return false\"><p>");
    for (id, label) in [
        ("pick-a", "Offender's state (A)"),
        ("pick-b", "Child's state (B)"),
    ] {
        let _ = write!(
            body,
            "<label for=\"{id}\">{label} </label><select id=\"{id}\">"
        );
        for s in &sorted {
            let j = d.jurisdiction(*s);
            let _ = write!(
                body,
                "<option value=\"{}\">{} ({})</option>",
                e(&j.code),
                e(&j.name),
                e(&j.code)
            );
        }
        body.push_str("</select> ");
    }
    body.push_str("<label for=\"pick-offence\">Offence </label><select id=\"pick-offence\">");
    for o in &offences {
        let _ = write!(body, "<option>{}</option>", e(&d.offence(*o).code));
    }
    body.push_str(
        "</select> <label for=\"pick-scenario\">Scenario </label><select id=\"pick-scenario\">",
    );
    for q in input.questions {
        let _ = write!(body, "<option>{}</option>", e(&q.scenario.name));
    }
    body.push_str("</select></p></form>\n<section id=\"pair-result\" aria-live=\"polite\"><noscript><p>The picker needs JavaScript.</p></noscript></section>\n<h2>Full pair pages</h2><p>Every offence and scenario, both directions, each with the explanation <code>lacuna case</code> gives and its sources:</p><ul>");
    for (a, b) in &featured {
        let _ = write!(
            body,
            "<li><a href=\"pairs/{}-{}.html\">{} and {}</a></li>",
            e(a),
            e(b),
            e(a),
            e(b)
        );
    }
    if featured.is_empty() {
        body.push_str("<li>None in this atlas: build it with <code>--pair A-B</code> for full pages, or run <code>lacuna compare A B</code>.</li>");
    }
    body.push_str("</ul>\n<script src=\"data/verdicts.js\"></script>\n");
    let html = page("Compare two states: lacuna atlas", input, 0, &body);
    w.file("pair.html", html.as_bytes())?;
    w.file("data/verdicts.js", verdicts_js(input, &featured).as_bytes())?;
    w.file("site.js", SITE_JS.as_bytes())?;

    // Sources.
    let mut body = String::from("<h1>Sources</h1><p>Every fact of the dataset cites one or more of these; the day each was read is given.</p><ul>");
    for s in &d.sources {
        let _ = write!(
            body,
            "<li id=\"{}\">{}</li>",
            e(&s.id),
            source_html(
                &s.id,
                &s.title,
                &s.publisher,
                &s.url,
                &s.read_on.to_string()
            )
        );
    }
    body.push_str("</ul>");
    w.file(
        "sources.html",
        page("Sources: lacuna atlas", input, 0, &body).as_bytes(),
    )?;

    // Downloads.
    downloads(input, &mut w)?;
    Ok(w.summary)
}

fn state_page(
    input: &SiteInput<'_, '_, '_>,
    state: JurisdictionId,
    tallies: &[Vec<Vec<(Tally, Tally)>>],
    featured: &[(String, String)],
) -> String {
    let law = input.law;
    let snapshot = law.conduct;
    let d = snapshot.dataset;
    let e = escape_html;
    let j = d.jurisdiction(state);
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<h1>{} ({})</h1><p class=\"meta\">{} · {}</p>",
        e(&j.name),
        e(&j.code),
        e(&j.region),
        e(&j.sub_region)
    );
    // Exposure.
    let _ = writeln!(body, "<h2>Verdicts on its pairs</h2><p>Counts of partner states by verdict: with this state's nationals as offenders (A), and with its children as victims (B).</p><table><thead><tr><th scope=\"col\" rowspan=\"2\">offence</th>");
    for q in input.questions {
        let _ = write!(
            body,
            "<th scope=\"col\" colspan=\"6\">{}</th>",
            e(&q.scenario.name)
        );
    }
    body.push_str("</tr><tr>");
    for _ in input.questions {
        body.push_str("<th scope=\"col\" colspan=\"3\">as offender state</th><th scope=\"col\" colspan=\"3\">as child's state</th>");
    }
    body.push_str("</tr></thead><tbody>\n");
    for (o, offence) in d.offence_ids().enumerate() {
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{}</th>",
            e(&d.offence(offence).code)
        );
        for per_question in tallies {
            let (as_a, as_b) = per_question[o][state.index()];
            body.push_str(&as_a.cells());
            body.push_str(&as_b.cells());
        }
        body.push_str("</tr>\n");
    }
    body.push_str(
        "</tbody></table><p class=\"meta\">Cells: prosecutable · impunity · unknown.</p>\n",
    );
    // The law.
    let _ = writeln!(body, "<h2>The law</h2><table><thead><tr><th scope=\"col\">offence</th><th scope=\"col\">on {}</th><th scope=\"col\">facts and sources</th></tr></thead><tbody>", snapshot.day);
    for offence in d.offence_ids() {
        let resolved = snapshot.criminalisation(state, offence);
        let facts: Vec<String> = resolved
            .basis
            .iter()
            .map(|f| fact_html(d, &describe_fact(snapshot, *f), 1))
            .collect();
        let status = resolved.value.status.to_string();
        // A value inferred from a treaty obligation says so where it is shown, not only in
        // the fact beside it: an obligation is not proof of implementation.
        let inferred = if resolved.evidence == Some(EvidenceLevel::TreatyObligation) {
            "<br><span class=\"meta\">inferred from a treaty obligation, not read in its law</span>"
        } else {
            ""
        };
        let _ = writeln!(
            body,
            "<tr><th scope=\"row\">{}</th><td class=\"{}\">{}{inferred}</td><td>{}</td></tr>",
            e(&d.offence(offence).code),
            status_class(&status),
            e(&status),
            if facts.is_empty() {
                "no source in the dataset".to_string()
            } else {
                facts.join("<br>")
            }
        );
    }
    body.push_str("</tbody></table>\n<h2>Jurisdiction and cooperation rules</h2><table><thead><tr><th scope=\"col\">rule</th><th scope=\"col\">facts and sources</th></tr></thead><tbody>\n");
    for rule in RuleKind::ALL {
        let resolved = snapshot.general_rule(state, rule);
        let facts: Vec<String> = resolved
            .basis
            .iter()
            .map(|f| fact_html(d, &describe_fact(snapshot, *f), 1))
            .collect();
        let _ = writeln!(
            body,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            e(&rule.to_string()),
            if facts.is_empty() {
                "unknown: no source in the dataset".to_string()
            } else {
                facts.join("<br>")
            }
        );
    }
    body.push_str("</tbody></table>\n");
    // Treaties.
    let _ = writeln!(body, "<h2>Treaties and schemes</h2><table><thead><tr><th scope=\"col\">instrument</th><th scope=\"col\">consent</th><th scope=\"col\">in force for it</th><th scope=\"col\">bound on {}</th><th scope=\"col\">sources</th></tr></thead><tbody>", snapshot.day);
    let mut any = false;
    for party in d.parties.iter().filter(|p| p.jurisdiction == state) {
        any = true;
        let instrument = d.instrument(party.instrument);
        let sources: Vec<String> = d
            .source_codes(&party.sources)
            .into_iter()
            .map(String::from)
            .collect();
        let _ = writeln!(
            body,
            "<tr><td>{} <span class=\"meta\">({})</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&instrument.name),
            e(&instrument.code),
            match (party.consented_on, party.in_force_on) {
                (Some(consent), _) => consent.to_string(),
                (None, Some(_)) => "not recorded".to_string(),
                (None, None) => "signature only".to_string(),
            },
            party.in_force_on.map_or("not known".to_string(), |c| c.to_string()),
            snapshot.bound_by(party.instrument, state).value,
            source_links(d, &sources, 1)
        );
    }
    if !any {
        body.push_str("<tr><td colspan=\"5\">No party row in the dataset.</td></tr>");
    }
    body.push_str("</tbody></table>\n");
    // Channels.
    let _ = writeln!(body, "<h2>Cooperation channels on {}</h2><p>Partner states this state can certainly ask, by channel (a channel that depends on unknown facts is not counted).</p><ul>", snapshot.day);
    for channel in Channel::ALL {
        let partners: Vec<String> = input
            .states
            .iter()
            .filter(|b| **b != state && input.graph.channel(state, **b, channel).is_yes())
            .map(|b| d.jurisdiction(*b).code.clone())
            .collect();
        let _ = writeln!(
            body,
            "<li>{}: {} partner states{}</li>",
            e(&channel.to_string()),
            partners.len(),
            if partners.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"meta\">({})</span>", e(&partners.join(", ")))
            }
        );
    }
    body.push_str("</ul>\n");
    // Reforms and unknowns (first scenario).
    if let (Some(question), Some(effects), Some(priorities)) = (
        input.questions.first(),
        input.effects.first(),
        input.priorities.first(),
    ) {
        let mine: Vec<Effect> = effects
            .iter()
            .filter(|effect| {
                effect.reform.changes.iter().any(|c| match c {
                    Change::Criminalisation { jurisdiction, .. }
                    | Change::Party { jurisdiction, .. }
                    | Change::Rule { jurisdiction, .. } => *jurisdiction == state,
                    Change::BilateralMla { a, b } => *a == state || *b == state,
                })
            })
            .filter(|e| e.impunity_closed > 0 || e.made_prosecutable > 0)
            .cloned()
            .collect();
        let _ = writeln!(body, "<h2>Reforms by this state that would close most gaps</h2><p>Scenario <em>{}</em>, all offences: ordered pairs each reform would make certainly prosecutable, and take out of certain impunity. Reforms with the same gains share a line.</p><ul>", e(&question.scenario.name));
        let groups = group_effects(&mine);
        if groups.is_empty() {
            body.push_str("<li>No single reform by this state changes any pair.</li>");
        }
        let mut previous = None;
        for group in groups.iter().take(5) {
            let g = group.effect();
            let tie = if previous == Some(g.key()) {
                " (tied with the line before)"
            } else {
                ""
            };
            previous = Some(g.key());
            let _ = writeln!(
                body,
                "<li>{}: {} made prosecutable, {} out of impunity{tie}</li>",
                e(&group.label(8)),
                g.made_prosecutable,
                g.impunity_closed
            );
        }
        body.push_str("</ul>\n");
        let unknowns: Vec<&Priority> = priorities
            .iter()
            .filter(|p| p.jurisdiction == state)
            .take(5)
            .collect();
        let _ = writeln!(body, "<h2>What is not known about it, and where it matters most</h2><p>Scenario <em>{}</em>: unknown verdicts a source answering each question would settle, whichever the answer (if yes / if no).</p><ul>", e(&question.scenario.name));
        if unknowns.is_empty() {
            body.push_str("<li>No unknown fact about this state decides a verdict.</li>");
        }
        for p in unknowns {
            let _ = writeln!(
                body,
                "<li>{}: {} ({} / {})</li>",
                e(&p.question),
                p.settled_either_way(),
                p.settled_if[0],
                p.settled_if[1]
            );
        }
        body.push_str("</ul>\n");
    }
    // Pairs.
    let mine: Vec<&(String, String)> = featured
        .iter()
        .filter(|(a, b)| *a == j.code || *b == j.code)
        .collect();
    let _ = writeln!(
        body,
        "<h2>Pairs</h2><p>Any pair: <a href=\"../pair.html#{}\">the pair picker</a>.</p>",
        e(&j.code)
    );
    if !mine.is_empty() {
        body.push_str("<ul>");
        for (a, b) in mine {
            let _ = write!(
                body,
                "<li><a href=\"../pairs/{}-{}.html\">{} and {}, every explanation</a></li>",
                e(a),
                e(b),
                e(a),
                e(b)
            );
        }
        body.push_str("</ul>");
    }
    body
}

fn status_class(status: &str) -> &'static str {
    match status {
        "criminalised" => "prosecutable",
        "not_criminalised" => "impunity",
        "partial" => "partial",
        _ => "unknown",
    }
}

/// The picker's data: states, offences, scenarios, and for each (scenario, offence) the
/// matrix as a string of cell codes, each an index into `cells` (distinct verdicts with their
/// barriers). JSON inside a script, with `<` escaped so no dataset string can close it.
fn verdicts_js(input: &SiteInput<'_, '_, '_>, featured: &[(String, String)]) -> String {
    let d = input.law.dataset();
    let states: Vec<&str> = input
        .states
        .iter()
        .map(|s| d.jurisdiction(*s).code.as_str())
        .collect();
    let index: std::collections::HashMap<JurisdictionId, usize> = input
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i))
        .collect();
    let k = states.len();
    let mut cells: Vec<[String; 7]> = Vec::new();
    let mut cell_index: std::collections::HashMap<[String; 7], usize> = Default::default();
    let mut matrices: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (q, question) in input.questions.iter().enumerate() {
        for matrix in &input.matrices[q] {
            let mut grid = vec![usize::MAX; k * k];
            for p in &matrix.pairs {
                let cell = [
                    p.verdict.as_str().to_string(),
                    p.offender_state_can.to_string(),
                    p.victim_state_can.to_string(),
                    p.offender_state_barriers.joined(),
                    p.offender_state_possible_barriers.joined(),
                    p.victim_state_barriers.joined(),
                    p.victim_state_possible_barriers.joined(),
                ];
                let next = cells.len();
                let at = *cell_index.entry(cell.clone()).or_insert_with(|| {
                    cells.push(cell);
                    next
                });
                if let (Some(a), Some(b)) =
                    (index.get(&p.offender_state), index.get(&p.victim_state))
                {
                    grid[a * k + b] = at;
                }
            }
            let offence = &d.offence(matrix.offences[0]).code;
            matrices.insert(format!("{}|{}", question.scenario.name, offence), grid);
        }
    }
    let width = cell_width(cells.len());
    let encode = |grid: &[usize]| encode_grid(grid, width);
    // What each state's law says of each offence, as the state pages give it.
    let snapshot = input.law.conduct;
    let law_of: BTreeMap<&str, BTreeMap<String, Vec<String>>> = input
        .states
        .iter()
        .map(|s| {
            let by_offence = d
                .offence_ids()
                .map(|o| {
                    let lines = snapshot
                        .criminalisation(*s, o)
                        .basis
                        .iter()
                        .map(|f| describe_fact(snapshot, *f).line())
                        .collect();
                    (d.offence(o).code.clone(), lines)
                })
                .collect();
            (d.jurisdiction(*s).code.as_str(), by_offence)
        })
        .collect();
    let data = serde_json::json!({
        "law": law_of,
        "width": width,
        "dataset": format!("{} {}", d.manifest.name, d.manifest.version),
        "as_of": input.law.conduct.day.to_string(),
        "states": states,
        "names": input.states.iter().map(|s| d.jurisdiction(*s).name.clone()).collect::<Vec<_>>(),
        "cells": cells,
        "matrices": matrices.iter().map(|(key, grid)| (key.clone(), encode(grid))).collect::<BTreeMap<_, _>>(),
        "featured": featured.iter().map(|(a, b)| format!("{a}-{b}")).collect::<Vec<_>>(),
        "barriers": crate::rules::BarrierCode::ALL.iter().map(|b| (b.as_str(), b.meaning())).collect::<BTreeMap<_, _>>(),
    });
    let json = data.to_string().replace('<', "\\u003c");
    format!("window.LACUNA_DATA = {json};\n")
}

/// The digits of the picker's cell codes (base 64; `-` on the diagonal).
const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Digits per cell: two while there are at most 4,096 distinct cells, three beyond.
fn cell_width(distinct: usize) -> u32 {
    if distinct <= 64 * 64 {
        2
    } else {
        3
    }
}

/// A matrix of cell indices as a string of `width` digits per cell (`usize::MAX`: no cell).
fn encode_grid(grid: &[usize], width: u32) -> String {
    let mut s = String::with_capacity(grid.len() * width as usize);
    for &cell in grid {
        for place in (0..width).rev() {
            if cell == usize::MAX {
                s.push('-');
            } else {
                s.push(DIGITS[(cell / 64usize.pow(place)) % 64] as char);
            }
        }
    }
    s
}

fn downloads(input: &SiteInput<'_, '_, '_>, w: &mut Writer<'_>) -> Result<(), SiteError> {
    let d = input.law.dataset();
    let mut listed = Vec::new();
    for (name, text) in crate::data::write_dataset(d) {
        let Some(stem) = name.strip_suffix(".csv") else {
            continue;
        };
        w.file(&format!("downloads/{name}"), text.as_bytes())?;
        listed.push((
            name.to_string(),
            "the dataset file of that name (facts and their sources), as CSV".to_string(),
        ));
        // The same rows as Parquet (every column as text, `#` comment lines left out).
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(String::from).collect(),
            Err(_) => continue,
        };
        let mut columns: Vec<Vec<String>> = vec![Vec::new(); header.len()];
        for record in reader.records().flatten() {
            for (i, column) in columns.iter_mut().enumerate() {
                column.push(record.get(i).unwrap_or_default().to_string());
            }
        }
        let mut table = crate::report::table::Table::default();
        for (column, values) in header.iter().zip(columns) {
            table.text(column, values);
        }
        let parquet = format!("{stem}.parquet");
        w.file(&format!("downloads/{parquet}"), &table.to_parquet()?)?;
        listed.push((
            parquet,
            "the same rows as Parquet (every column as text)".to_string(),
        ));
    }
    for (q, question) in input.questions.iter().enumerate() {
        for matrix in &input.matrices[q] {
            let offence = &d.offence(matrix.offences[0]).code;
            let scenario = &question.scenario.name;
            let name = format!("gaps_{offence}_{scenario}.parquet");
            let table = crate::report::gaps_table::pairs_table(d, matrix);
            w.file(&format!("downloads/{name}"), &table.to_parquet()?)?;
            listed.push((name, format!("gap matrix, {offence}, scenario {scenario}: one row per ordered pair (columns as in `lacuna gaps`)")));
            // The matrix as a CSV grid: a row per offender state, a column per child's state.
            let verdicts: std::collections::HashMap<(JurisdictionId, JurisdictionId), Verdict> =
                matrix
                    .pairs
                    .iter()
                    .map(|p| ((p.offender_state, p.victim_state), p.verdict))
                    .collect();
            let mut grid = String::from("offender_state");
            for b in &matrix.states {
                grid.push(',');
                grid.push_str(&d.jurisdiction(*b).code);
            }
            grid.push('\n');
            for a in &matrix.states {
                grid.push_str(&d.jurisdiction(*a).code);
                for b in &matrix.states {
                    grid.push(',');
                    grid.push_str(match verdicts.get(&(*a, *b)) {
                        Some(Verdict::Prosecutable) => "P",
                        Some(Verdict::Impunity) => "I",
                        Some(Verdict::Unknown) => "U",
                        None => "",
                    });
                }
                grid.push('\n');
            }
            let grid_name = format!("verdicts_{offence}_{scenario}.csv");
            w.file(&format!("downloads/{grid_name}"), grid.as_bytes())?;
            listed.push((grid_name, "the same gap matrix as a grid: a row per offender state (A), a column per child's state (B); P prosecutable, I impunity, U unknown, empty on the diagonal".to_string()));
        }
    }
    let mut body = String::from("<h1>Downloads</h1><p>The facts as CSV (the dataset's own files) and Parquet; the gap matrices as Parquet (one row per ordered pair, every column of <code>lacuna gaps</code>) and as CSV grids of verdicts (one file per offence and scenario). Codebook of the gap-matrix columns:</p><dl>");
    for (column, meaning) in CODEBOOK {
        let _ = write!(body, "<dt><code>{column}</code></dt><dd>{meaning}</dd>");
    }
    body.push_str("</dl><h2>Files</h2><ul>");
    for (name, what) in &listed {
        let _ = write!(
            body,
            "<li><a href=\"{}\">{}</a>: {}</li>",
            escape_html(name),
            escape_html(name),
            escape_html(what)
        );
    }
    body.push_str("</ul>");
    w.file(
        "downloads/index.html",
        page("Downloads: lacuna atlas", input, 1, &body).as_bytes(),
    )?;
    Ok(())
}

/// The gap-matrix columns, for the downloads page.
const CODEBOOK: [(&str, &str); 12] = [
    ("offence", "offence code (see offences.csv)"),
    ("offender_state", "A: the state of the offender's nationality (ISO 3166-1 alpha-3)"),
    ("victim_state", "B: the state of the child's nationality"),
    ("verdict", "prosecutable (some state certainly can), impunity (none can), unknown (depends on facts no source gives)"),
    ("prosecuting_states", "states that can certainly prosecute, `;`-separated"),
    ("possibly_prosecuting_states", "states that might, depending on unknown facts"),
    ("offender_state_can / victim_state_can", "yes, no or unknown"),
    ("*_barriers", "what certainly stops that state (codes, `;`-separated)"),
    ("*_possible_barriers", "what may stop it, depending on unknown facts"),
    ("scenario / evidence_in", "the scenario's case asked of every pair"),
    ("as_of / min_evidence", "the day the law is read as of, and the weakest evidence used"),
    ("dataset", "dataset name and version"),
];

/// Search and pair picker; the pages work without it.
const SITE_JS: &str = r#"(function () {
  // Marks each image once loaded (data-loaded="yes" or "no"): the browser test reads it.
  window.addEventListener('load', function () {
    document.querySelectorAll('img').forEach(function (img) {
      img.setAttribute('data-loaded', img.complete && img.naturalWidth > 0 ? 'yes' : 'no');
    });
  });
  var search = document.getElementById('state-search');
  if (search) {
    search.addEventListener('input', function () {
      var q = search.value.trim().toLowerCase();
      document.querySelectorAll('#state-list li').forEach(function (li) {
        li.hidden = q !== '' && li.getAttribute('data-search').indexOf(q) === -1;
      });
    });
  }
  var data = window.LACUNA_DATA;
  var result = document.getElementById('pair-result');
  if (!data || !result) { return; }
  var digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var pick = function (id) { return document.getElementById(id); };
  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) { el.className = cls; }
    return el;
  }
  function barriers(list, label) {
    var ul = document.createElement('ul');
    list.split(';').filter(Boolean).forEach(function (code) {
      ul.appendChild(text('li', code + (label ? ' (' + label + ')' : '') + ': ' + (data.barriers[code] || '')));
    });
    return ul;
  }
  function show() {
    var a = pick('pick-a').value, b = pick('pick-b').value;
    var offence = pick('pick-offence').value, scenario = pick('pick-scenario').value;
    location.hash = [a, b, offence, scenario].join('-');
    result.textContent = '';
    if (a === b) { result.appendChild(text('p', 'Pick two different states.')); return; }
    var i = data.states.indexOf(a), j = data.states.indexOf(b), k = data.states.length;
    var grid = data.matrices[scenario + '|' + offence];
    var width = data.width, at = width * (i * k + j), code = 0;
    for (var w = 0; w < width; w++) { code = code * 64 + digits.indexOf(grid[at + w]); }
    var cell = data.cells[code];
    if (!cell) { result.appendChild(text('p', 'No verdict for this pair.')); return; }
    result.appendChild(text('h2', offence + ', scenario ' + scenario + ': offender from ' + a + ', child of ' + b));
    result.appendChild(text('p', 'Verdict: ' + cell[0].toUpperCase(), 'verdict ' + cell[0]));
    [[a, cell[1], cell[3], cell[4]], [b, cell[2], cell[5], cell[6]]].forEach(function (side) {
      var words = side[1] === 'yes' ? 'can prosecute' : side[1] === 'no' ? 'cannot prosecute' : 'may be unable to prosecute';
      result.appendChild(text('h3', side[0] + ' ' + words));
      var law = (data.law[side[0]] || {})[offence] || [];
      result.appendChild(text('p', side[0] + "'s law on " + offence + ': ' + (law.length ? '' : 'no source in the dataset (unknown)')));
      if (law.length) {
        var facts = document.createElement('ul');
        law.forEach(function (line) { facts.appendChild(text('li', line)); });
        result.appendChild(facts);
      }
      if (side[2]) { result.appendChild(barriers(side[2], '')); }
      if (side[3]) { result.appendChild(barriers(side[3], 'unknown')); }
    });
    var links = document.createElement('p');
    [a, b].forEach(function (s) {
      var link = text('a', 'The law of ' + s + ', with sources');
      link.href = 'states/' + s + '.html';
      links.appendChild(link);
      links.appendChild(document.createTextNode(' · '));
    });
    var full = data.featured.indexOf(a + '-' + b) >= 0 ? a + '-' + b : (data.featured.indexOf(b + '-' + a) >= 0 ? b + '-' + a : null);
    if (full) {
      var page = text('a', 'Every explanation for ' + full.replace('-', ' and '));
      page.href = 'pairs/' + full + '.html';
      links.appendChild(page);
    } else {
      links.appendChild(text('span', 'Full explanation: lacuna compare ' + a + ' ' + b));
    }
    result.appendChild(links);
  }
  var parts = decodeURIComponent(location.hash.slice(1)).split('-');
  if (parts.length >= 2) {
    if (data.states.indexOf(parts[0]) >= 0) { pick('pick-a').value = parts[0]; }
    if (data.states.indexOf(parts[1]) >= 0) { pick('pick-b').value = parts[1]; }
    if (parts[2]) { pick('pick-offence').value = parts[2]; }
    if (parts[3]) { pick('pick-scenario').value = parts[3]; }
  }
  ['pick-a', 'pick-b', 'pick-offence', 'pick-scenario'].forEach(function (id) {
    pick(id).addEventListener('change', show);
  });
  show();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// What the picker's script does to read a cell, in Rust.
    fn decode(text: &str, width: u32, index: usize) -> usize {
        let at = width as usize * index;
        text.as_bytes()[at..at + width as usize]
            .iter()
            .fold(0, |code, digit| {
                code * 64 + DIGITS.iter().position(|d| d == digit).unwrap()
            })
    }

    #[test]
    fn cell_codes_round_trip_in_both_widths() {
        for distinct in [1, 376, 4096, 4097, 200_000] {
            let width = cell_width(distinct);
            let grid: Vec<usize> = (0..distinct).step_by(97.max(distinct / 500)).collect();
            let text = encode_grid(&grid, width);
            assert_eq!(text.len(), grid.len() * width as usize);
            for (i, cell) in grid.iter().enumerate() {
                assert_eq!(
                    decode(&text, width, i),
                    *cell,
                    "{distinct} cells, width {width}"
                );
            }
        }
        assert_eq!(encode_grid(&[usize::MAX], 2), "--");
    }
}
