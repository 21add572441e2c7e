//! Writing a dataset back to the folder format of `datasets/README.md`: the inverse of
//! [`load`](super::load). Used to normalise a dataset (`lacuna validate --write DIR`) and, in
//! tests, to check that nothing is lost between the files and the model.
//!
//! **Invariant:** `load(write(d)) == d` for every dataset `d` the loader accepts (a property
//! test checks it). Values the loader derives (a party's entry into force from the
//! instrument's rule) are left empty so that they are derived again.

use super::files::FILE_NAMES;
use crate::model::*;
use std::path::Path;

/// The texts of the dataset's files, in [`FILE_NAMES`] order.
pub fn write_dataset(dataset: &Dataset) -> Vec<(&'static str, String)> {
    let writer = Writer { dataset };
    FILE_NAMES
        .iter()
        .map(|&name| {
            let text = match name {
                "manifest.json" => {
                    let mut json = serde_json::to_string_pretty(&dataset.manifest)
                        .expect("a manifest serialises");
                    json.push('\n');
                    json
                }
                "sources.csv" => writer.sources(),
                "jurisdictions.csv" => writer.jurisdictions(),
                "offences.csv" => writer.offences(),
                "instruments.csv" => writer.instruments(),
                "obligations.csv" => writer.obligations(),
                "parties.csv" => writer.parties(),
                "reservations.csv" => writer.reservations(),
                "criminalisation.csv" => writer.criminalisation(),
                "jurisdiction_rules.csv" => writer.rules(),
                other => unreachable!("FILE_NAMES has no {other}"),
            };
            (name, text)
        })
        .collect()
}

/// Writes the dataset into `dir` (created if needed), each file atomically.
pub fn write_dataset_dir(dataset: &Dataset, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in write_dataset(dataset) {
        crate::report::write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

struct Writer<'d> {
    dataset: &'d Dataset,
}

/// The columns every dated fact (criminalisation and rule rows) ends with.
const FACT_COLUMNS: [&str; 7] = [
    "from",
    "until",
    "evidence",
    "citation",
    "contested",
    "sources",
    "note",
];

/// What [`FACT_COLUMNS`] hold, borrowed from a criminalisation or rule fact.
struct FactCells<'f> {
    period: &'f Period,
    evidence: EvidenceLevel,
    citation: &'f str,
    contested: bool,
    sources: &'f [SourceId],
    note: &'f str,
}

fn date(date: &Option<LegalDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn flag(value: bool) -> String {
    if value { "yes" } else { "" }.to_string()
}

fn age(age: Option<u8>) -> String {
    age.map(|a| a.to_string()).unwrap_or_default()
}

impl Writer<'_> {
    /// A CSV file: a comment line for illustrative data, the header, the rows.
    fn csv(&self, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(header).expect("writing to memory");
        for row in rows {
            // A cell never spans lines (the loader refuses a quote left open at a line's
            // end); a line break that reached a dataset in memory is written as a space.
            let row = row.into_iter().map(|cell| {
                if cell.contains(['\n', '\r']) {
                    cell.replace(['\n', '\r'], " ")
                } else {
                    cell
                }
            });
            writer.write_record(row).expect("writing to memory");
        }
        let bytes = writer.into_inner().expect("writing to memory");
        let body = String::from_utf8(bytes).expect("every field is UTF-8");
        if self.dataset.manifest.illustrative {
            format!("# ILLUSTRATIVE DATA ONLY.\n{body}")
        } else {
            body
        }
    }

    fn sources_of(&self, ids: &[SourceId]) -> String {
        self.list(
            ids.iter()
                .map(|id| self.dataset.sources[id.index()].id.as_str()),
        )
    }

    fn list<'a>(&self, items: impl Iterator<Item = &'a str>) -> String {
        items.collect::<Vec<_>>().join(";")
    }

    fn jurisdiction(&self, id: JurisdictionId) -> String {
        self.dataset.jurisdiction(id).code.clone()
    }

    fn offence(&self, id: OffenceId) -> String {
        self.dataset.offence(id).code.clone()
    }

    fn instrument(&self, id: InstrumentId) -> String {
        self.dataset.instruments[id.index()].code.clone()
    }

    fn sources(&self) -> String {
        self.csv(
            &[
                "id",
                "title",
                "publisher",
                "url",
                "read_on",
                "verified_on",
                "note",
            ],
            self.dataset.sources.iter().map(|s| {
                vec![
                    s.id.clone(),
                    s.title.clone(),
                    s.publisher.clone(),
                    s.url.clone(),
                    s.read_on.to_string(),
                    s.verified_on.to_string(),
                    s.note.clone(),
                ]
            }),
        )
    }

    fn jurisdictions(&self) -> String {
        self.csv(
            &[
                "code",
                "name",
                "alpha2",
                "numeric",
                "kind",
                "parent",
                "region",
                "sub_region",
                "sources",
            ],
            self.dataset.jurisdictions.iter().map(|j| {
                vec![
                    j.code.clone(),
                    j.name.clone(),
                    j.alpha2.clone().unwrap_or_default(),
                    j.numeric.clone().unwrap_or_default(),
                    j.kind.as_str().to_string(),
                    j.parent.map(|p| self.jurisdiction(p)).unwrap_or_default(),
                    j.region.clone(),
                    j.sub_region.clone(),
                    self.sources_of(&j.sources),
                ]
            }),
        )
    }

    fn offences(&self) -> String {
        self.csv(
            &["code", "conduct", "reference"],
            self.dataset
                .offences
                .iter()
                .map(|o| vec![o.code.clone(), o.conduct.clone(), o.reference.clone()]),
        )
    }

    fn instruments(&self) -> String {
        self.csv(
            &[
                "code",
                "name",
                "scope",
                "opened_on",
                "in_force_on",
                "channels",
                "channel_articles",
                "later_parties",
                "party_list",
                "accession",
                "hub",
                "channel_condition",
                "sources",
            ],
            self.dataset.instruments.iter().map(|i| {
                let channels: Vec<String> = i.channels.iter().map(|c| c.to_string()).collect();
                vec![
                    i.code.clone(),
                    i.name.clone(),
                    i.scope.clone(),
                    date(&i.opened_on),
                    date(&i.in_force_on),
                    if channels.is_empty() {
                        "none".to_string()
                    } else {
                        channels.join(";")
                    },
                    i.channel_articles.clone(),
                    i.later_parties.map(|r| r.to_string()).unwrap_or_default(),
                    i.party_list.as_str().to_string(),
                    if i.open_for_accession {
                        "open"
                    } else {
                        "closed"
                    }
                    .to_string(),
                    i.hub
                        .map(|hub| self.dataset.jurisdiction(hub).code.clone())
                        .unwrap_or_default(),
                    i.channel_condition.clone(),
                    self.sources_of(&i.sources),
                ]
            }),
        )
    }

    fn obligations(&self) -> String {
        self.csv(
            &[
                "id",
                "instrument",
                "offences",
                "effect",
                "value",
                "article",
                "sources",
            ],
            self.dataset.obligations.iter().map(|o| {
                let (effect, value) = match &o.effect {
                    ObligationEffect::Criminalise => ("criminalise".to_string(), String::new()),
                    ObligationEffect::Rule(rule, value) => {
                        (rule.as_str().to_string(), self.rule_value(value).0)
                    }
                };
                vec![
                    o.id.clone(),
                    self.instrument(o.instrument),
                    self.list(
                        o.offences
                            .iter()
                            .map(|id| self.dataset.offence(*id).code.as_str()),
                    ),
                    effect,
                    value,
                    o.article.clone(),
                    self.sources_of(&o.sources),
                ]
            }),
        )
    }

    fn parties(&self) -> String {
        self.csv(
            &[
                "instrument",
                "jurisdiction",
                "signed_on",
                "consented_on",
                "consent_kind",
                "in_force_on",
                "withdrawn_on",
                "sources",
                "note",
            ],
            self.dataset.parties.iter().map(|p| {
                vec![
                    self.instrument(p.instrument),
                    self.jurisdiction(p.jurisdiction),
                    date(&p.signed_on),
                    date(&p.consented_on),
                    p.consent_kind.clone().unwrap_or_default(),
                    if p.in_force_derived {
                        String::new()
                    } else {
                        date(&p.in_force_on)
                    },
                    date(&p.withdrawn_on),
                    self.sources_of(&p.sources),
                    p.note.clone(),
                ]
            }),
        )
    }

    fn reservations(&self) -> String {
        self.csv(
            &[
                "instrument",
                "jurisdiction",
                "article",
                "effect",
                "target",
                "condition",
                "from_age",
                "from",
                "until",
                "summary",
                "sources",
            ],
            self.dataset.reservations.iter().map(|r| {
                let obligation =
                    |id: &ObligationId| self.dataset.obligations[id.index()].id.clone();
                let (effect, target, condition, from_age) = match &r.effect {
                    ReservationEffect::RemovesObligation(id) => {
                        ("removes_obligation", obligation(id), String::new(), None)
                    }
                    ReservationEffect::NarrowsObligation {
                        obligation: id,
                        condition,
                        from_age,
                    } => (
                        "narrows_obligation",
                        obligation(id),
                        condition.clone(),
                        *from_age,
                    ),
                    ReservationEffect::CutsChannel(channel) => {
                        ("cuts_channel", channel.to_string(), String::new(), None)
                    }
                    ReservationEffect::Recorded => ("recorded", String::new(), String::new(), None),
                };
                vec![
                    self.instrument(r.instrument),
                    self.jurisdiction(r.jurisdiction),
                    r.article.clone(),
                    effect.to_string(),
                    target,
                    condition,
                    age(from_age),
                    date(&r.period.from),
                    date(&r.period.until),
                    r.summary.clone(),
                    self.sources_of(&r.sources),
                ]
            }),
        )
    }

    fn criminalisation(&self) -> String {
        self.csv(
            &[
                "jurisdiction",
                "offence",
                "status",
                "child_age",
                "condition",
                "condition_from_age",
                FACT_COLUMNS[0],
                FACT_COLUMNS[1],
                FACT_COLUMNS[2],
                FACT_COLUMNS[3],
                FACT_COLUMNS[4],
                FACT_COLUMNS[5],
                FACT_COLUMNS[6],
            ],
            self.dataset.criminalisation.iter().map(|f| {
                let mut row = vec![
                    self.jurisdiction(f.jurisdiction),
                    self.offence(f.offence),
                    f.status.as_str().to_string(),
                    f.child_age.to_string(),
                    f.condition.clone().unwrap_or_default(),
                    age(f.condition_from_age),
                ];
                row.extend(self.fact_cells(FactCells {
                    period: &f.period,
                    evidence: f.evidence,
                    citation: &f.citation,
                    contested: f.contested,
                    sources: &f.sources,
                    note: &f.note,
                }));
                row
            }),
        )
    }

    /// The cells every dated fact ends with, in [`FACT_COLUMNS`] order.
    fn fact_cells(&self, fact: FactCells<'_>) -> [String; 7] {
        [
            date(&fact.period.from),
            date(&fact.period.until),
            fact.evidence.as_str().to_string(),
            fact.citation.to_string(),
            flag(fact.contested),
            self.sources_of(fact.sources),
            fact.note.to_string(),
        ]
    }

    /// A rule value as the `value` and `instruments` cells.
    fn rule_value(&self, value: &RuleValue) -> (String, String) {
        match value {
            RuleValue::Truth(truth) => (truth.as_str().to_string(), String::new()),
            RuleValue::OnlyToPartiesOf(instruments) => (
                "only_to_parties".to_string(),
                self.list(
                    instruments
                        .iter()
                        .map(|id| self.dataset.instruments[id.index()].code.as_str()),
                ),
            ),
            RuleValue::Years(years) => (years.to_string(), String::new()),
            RuleValue::NoLimitation => ("none".to_string(), String::new()),
        }
    }

    fn rules(&self) -> String {
        self.csv(
            &[
                "jurisdiction",
                "offence",
                "rule",
                "value",
                "instruments",
                FACT_COLUMNS[0],
                FACT_COLUMNS[1],
                FACT_COLUMNS[2],
                FACT_COLUMNS[3],
                FACT_COLUMNS[4],
                FACT_COLUMNS[5],
                FACT_COLUMNS[6],
            ],
            self.dataset.rules.iter().map(|f| {
                let (value, instruments) = self.rule_value(&f.value);
                let mut row = vec![
                    self.jurisdiction(f.jurisdiction),
                    f.offence.map(|o| self.offence(o)).unwrap_or_default(),
                    f.rule.as_str().to_string(),
                    value,
                    instruments,
                ];
                row.extend(self.fact_cells(FactCells {
                    period: &f.period,
                    evidence: f.evidence,
                    citation: &f.citation,
                    contested: f.contested,
                    sources: &f.sources,
                    note: &f.note,
                }));
                row
            }),
        )
    }
}
