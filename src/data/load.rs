//! Turning a dataset's files into a validated [`Dataset`], collecting every problem at once.

use super::diagnostic::{Diagnostic, LoadError, Severity};
use super::files::DatasetFiles;
use super::table::{closest, optional, required, Cell, Column, Row, Table};
use crate::model::*;
use std::collections::{HashMap, HashSet};

/// A loaded dataset and the warnings met on the way (e.g. contested facts).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Diagnostic>,
}

const SOURCES: &[Column] = &[
    required("id"),
    required("title"),
    required("publisher"),
    required("url"),
    required("read_on"),
    required("verified_on"),
    optional("note"),
];
const JURISDICTIONS: &[Column] = &[
    required("code"),
    required("name"),
    optional("alpha2"),
    optional("numeric"),
    required("kind"),
    optional("parent"),
    required("region"),
    required("sub_region"),
    required("sources"),
];
const OFFENCES: &[Column] = &[required("code"), required("conduct"), required("reference")];
const INSTRUMENTS: &[Column] = &[
    required("code"),
    required("name"),
    required("scope"),
    required("opened_on"),
    required("in_force_on"),
    required("channels"),
    optional("channel_articles"),
    optional("later_parties"),
    required("party_list"),
    optional("accession"),
    optional("hub"),
    optional("channel_condition"),
    required("sources"),
];
const OBLIGATIONS: &[Column] = &[
    required("id"),
    required("instrument"),
    required("offences"),
    required("effect"),
    optional("value"),
    required("article"),
    required("sources"),
];
const PARTIES: &[Column] = &[
    required("instrument"),
    required("jurisdiction"),
    required("signed_on"),
    required("consented_on"),
    optional("consent_kind"),
    required("in_force_on"),
    optional("withdrawn_on"),
    required("sources"),
    optional("note"),
];
const RESERVATIONS: &[Column] = &[
    required("instrument"),
    required("jurisdiction"),
    required("article"),
    required("effect"),
    optional("target"),
    optional("condition"),
    optional("from_age"),
    optional("from"),
    optional("until"),
    required("summary"),
    required("sources"),
];
const CRIMINALISATION: &[Column] = &[
    required("jurisdiction"),
    required("offence"),
    required("status"),
    optional("child_age"),
    optional("condition"),
    optional("condition_from_age"),
    optional("from"),
    optional("until"),
    required("evidence"),
    optional("citation"),
    optional("contested"),
    required("sources"),
    optional("note"),
];
const RULES: &[Column] = &[
    required("jurisdiction"),
    optional("offence"),
    required("rule"),
    required("value"),
    optional("instruments"),
    optional("from"),
    optional("until"),
    required("evidence"),
    optional("citation"),
    optional("contested"),
    required("sources"),
    optional("note"),
];

/// Loads and validates a dataset; on failure returns every problem found.
pub fn load(files: &DatasetFiles) -> Result<Loaded, LoadError> {
    let mut loader = Loader {
        files,
        diagnostics: files.problems.clone(),
        sources: HashMap::new(),
        jurisdictions: HashMap::new(),
        known: Vec::new(),
        offences: HashMap::new(),
        instruments: HashMap::new(),
        obligations: HashMap::new(),
        failed_files: HashSet::new(),
        bad_codes: HashSet::new(),
    };
    let manifest = loader.manifest();
    let sources = loader.sources();
    let jurisdictions = loader.jurisdictions();
    let offences = loader.offences();
    let instruments = loader.instruments();
    let obligations = loader.obligations();
    let parties = loader.parties(&jurisdictions, &instruments);
    let reservations = loader.reservations(&obligations);
    let criminalisation = loader.criminalisation();
    let rules = loader.rules();

    let has_errors = loader
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    match manifest {
        Some(manifest) if !has_errors => {
            let warnings = loader.diagnostics;
            Ok(Loaded {
                dataset: Dataset::assemble(
                    manifest,
                    sources,
                    jurisdictions,
                    offences,
                    instruments,
                    obligations,
                    parties,
                    reservations,
                    criminalisation,
                    rules,
                ),
                warnings,
            })
        }
        _ => Err(LoadError {
            subject: "the dataset",
            diagnostics: loader.diagnostics,
        }),
    }
}

struct Loader<'f> {
    files: &'f DatasetFiles,
    diagnostics: Vec<Diagnostic>,
    sources: HashMap<String, SourceId>,
    jurisdictions: HashMap<String, JurisdictionId>,
    /// Every jurisdiction read so far as (code, alpha-2, name), for hints.
    known: Vec<(String, Option<String>, String)>,
    offences: HashMap<String, OffenceId>,
    instruments: HashMap<String, InstrumentId>,
    obligations: HashMap<String, ObligationId>,
    /// Files that could not be read as tables: references into them are not reported again.
    failed_files: HashSet<&'static str>,
    /// Codes of rows that were reported as bad: references to them are not reported again.
    bad_codes: HashSet<String>,
}

/// A fact's key and period, kept to find duplicates and contradictions.
struct Dated<K> {
    key: K,
    period: Period,
    value: String,
    contested: bool,
    line: u64,
}

impl Loader<'_> {
    fn table(&mut self, name: &'static str, columns: &[Column]) -> Option<Table> {
        let file = self.files.path_of(name);
        let table = self
            .files
            .text(name)
            .and_then(|text| Table::parse(&file, text, columns, &mut self.diagnostics));
        match &table {
            None => {
                self.failed_files.insert(name);
            }
            Some(table) => self.bad_codes.extend(table.skipped.iter().cloned()),
        }
        table
    }

    /// Whether an unresolved reference should be reported: not when its target file could
    /// not be read, nor when the target row was itself reported as bad.
    fn report_unresolved(&self, file: &str, code: &str) -> bool {
        !self.failed_files.contains(file) && !self.bad_codes.contains(code)
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn manifest(&mut self) -> Option<Manifest> {
        let file = self.files.path_of("manifest.json");
        let text = self.files.text("manifest.json")?;
        // A byte-order mark is accepted in every file, this one included.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match serde_json::from_str::<Manifest>(text) {
            Ok(manifest) => Some(manifest),
            Err(error) => {
                self.push(
                    Diagnostic::error(
                        &file,
                        format!("the manifest is not valid: {error}"),
                        "it must be a JSON object with name, version, licence, description, illustrative (true/false) and optionally citation",
                    )
                    .at_line(error.line() as u64),
                );
                None
            }
        }
    }

    /// Records the codes of rows that were not registered (they were reported as bad).
    fn mark_unregistered(
        &mut self,
        table: &Table,
        column: &str,
        registered: impl Fn(&Self, &str) -> bool,
    ) {
        for row in &table.rows {
            let code = table.get(row, column);
            if !code.is_empty() && !registered(self, code) {
                self.bad_codes.insert(code.to_string());
            }
        }
    }

    // ---- cell parsers ------------------------------------------------------------------

    fn text(&mut self, table: &Table, row: &Row, column: &str) -> Option<String> {
        let value = table.get(row, column);
        if value.is_empty() {
            self.push(table.cell(row, column).error(
                format!("`{column}` is empty"),
                "give a value (write `unknown` where the source does not say)",
            ));
            None
        } else {
            Some(value.to_string())
        }
    }

    fn date(&mut self, table: &Table, row: &Row, column: &str) -> Option<LegalDate> {
        let value = table.get(row, column);
        if value.is_empty() {
            return None;
        }
        match LegalDate::parse(value) {
            Ok(date) => Some(date),
            Err(error) => {
                self.push(table.cell(row, column).error(
                    error.to_string(),
                    "write YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no day; leave empty if there is no such date",
                ));
                None
            }
        }
    }

    fn required_date(&mut self, table: &Table, row: &Row, column: &str) -> Option<LegalDate> {
        if table.get(row, column).is_empty() {
            self.push(table.cell(row, column).error(
                format!("`{column}` is empty"),
                "give the date as YYYY-MM-DD (or YYYY-MM / YYYY)",
            ));
            return None;
        }
        self.date(table, row, column)
    }

    fn period(&mut self, table: &Table, row: &Row) -> Period {
        let from = self.date(table, row, "from");
        let until = self.date(table, row, "until");
        if let (Some(start), Some(end)) = (from, until) {
            if !start.certainly_before(&end) {
                self.push(table.cell(row, "until").error(
                    format!("the period ends ({end}) before it starts ({start})"),
                    "`until` is the first day the fact no longer holds: it must come after `from`",
                ));
            }
        }
        Period { from, until }
    }

    fn age(&mut self, table: &Table, row: &Row, column: &str) -> Option<u8> {
        let value = table.get(row, column);
        if value.is_empty() {
            return None;
        }
        match value.parse::<u8>() {
            Ok(age) if (1..=21).contains(&age) => Some(age),
            _ => {
                self.push(table.cell(row, column).error(
                    format!("`{value}` is not an age"),
                    "give a whole number of years from 1 to 21",
                ));
                None
            }
        }
    }

    fn flag(&mut self, table: &Table, row: &Row, column: &str) -> bool {
        match table.get(row, column) {
            "" | "no" => false,
            "yes" => true,
            other => {
                let message = format!("`{other}` is not yes or no");
                self.push(
                    table
                        .cell(row, column)
                        .error(message, "write yes, or no (or leave it empty for no)"),
                );
                false
            }
        }
    }

    fn evidence(&mut self, table: &Table, row: &Row) -> Option<EvidenceLevel> {
        let value = table.get(row, "evidence");
        let level = EvidenceLevel::parse(value);
        match level {
            Some(EvidenceLevel::TreatyObligation) => {
                self.push(table.cell(row, "evidence").error(
                    "treaty_obligation facts are inferred by lacuna, never stored",
                    "store the obligation in obligations.csv and the party in parties.csv; a stored fact is statute or assessment",
                ));
                None
            }
            Some(level) => Some(level),
            None => {
                self.push(table.cell(row, "evidence").error(
                    format!("`{value}` is not an evidence level"),
                    "write statute (read in the law) or assessment (a published review)",
                ));
                None
            }
        }
    }

    fn source_list(&mut self, table: &Table, row: &Row) -> Vec<SourceId> {
        let value = table.get(row, "sources");
        let cell = table.cell(row, "sources");
        if value.is_empty() {
            self.push(cell.error(
                "this fact has no source",
                "every fact needs a source: give the id of a row of sources.csv (several separated by `;`)",
            ));
            return Vec::new();
        }
        let mut ids = Vec::new();
        for id in value.split(';').map(str::trim) {
            match self.sources.get(id) {
                Some(source) => ids.push(*source),
                None if !self.report_unresolved("sources.csv", id) => {}
                None => {
                    let hint = match closest(id, self.sources.keys().map(String::as_str)) {
                        Some(near) => format!("did you mean `{near}`? Otherwise add a row for `{id}` to sources.csv"),
                        None => format!("add a row for `{id}` to sources.csv (title, publisher, address, date read)"),
                    };
                    self.push(cell.error(format!("unknown source `{id}`"), hint));
                }
            }
        }
        ids
    }

    fn unknown_jurisdiction(&mut self, cell: Cell<'_>, code: &str) {
        let known: Vec<(&str, Option<&str>, &str)> = self
            .known
            .iter()
            .map(|(code, alpha2, name)| (code.as_str(), alpha2.as_deref(), name.as_str()))
            .collect();
        let hint = super::table::jurisdiction_hint(code, known.iter().copied());
        self.push(cell.error(format!("unknown jurisdiction code `{code}`"), hint));
    }

    fn jurisdiction_ref(
        &mut self,
        table: &Table,
        row: &Row,
        column: &str,
    ) -> Option<JurisdictionId> {
        let code = table.get(row, column);
        if code.is_empty() {
            self.push(table.cell(row, column).error(
                format!("`{column}` is empty"),
                "give the jurisdiction's code from jurisdictions.csv",
            ));
            return None;
        }
        match self.jurisdictions.get(code) {
            Some(id) => Some(*id),
            None => {
                if self.report_unresolved("jurisdictions.csv", code) {
                    self.unknown_jurisdiction(table.cell(row, column), code);
                }
                None
            }
        }
    }

    fn offence_code(&mut self, cell: Cell<'_>, code: &str) -> Option<OffenceId> {
        match self.offences.get(code) {
            Some(id) => Some(*id),
            None if !self.report_unresolved("offences.csv", code) => None,
            None => {
                let hint = match closest(code, self.offences.keys().map(String::as_str)) {
                    Some(near) => {
                        format!("did you mean `{near}`? Offences are listed in offences.csv")
                    }
                    None => "use a code from offences.csv, or add the offence there".to_string(),
                };
                self.push(cell.error(format!("unknown offence `{code}`"), hint));
                None
            }
        }
    }

    fn instrument_code(&mut self, cell: Cell<'_>, code: &str) -> Option<InstrumentId> {
        match self.instruments.get(code) {
            Some(id) => Some(*id),
            None if !self.report_unresolved("instruments.csv", code) => None,
            None => {
                let hint = match closest(code, self.instruments.keys().map(String::as_str)) {
                    Some(near) => {
                        format!("did you mean `{near}`? Instruments are listed in instruments.csv")
                    }
                    None => {
                        "use a code from instruments.csv, or add the instrument there".to_string()
                    }
                };
                self.push(cell.error(format!("unknown instrument `{code}`"), hint));
                None
            }
        }
    }

    fn instrument_ref(&mut self, table: &Table, row: &Row, column: &str) -> Option<InstrumentId> {
        let code = table.get(row, column).to_string();
        self.instrument_code(table.cell(row, column), &code)
    }

    /// Reports rows whose keys repeat, or whose periods overlap with another row of the same
    /// key, each once against the first such row. Rows marked contested on both sides are
    /// reported as warnings: the conflict is real, kept with both sources, and analyses treat
    /// the fact as unknown.
    fn check_overlaps<K: Eq + std::hash::Hash + Clone>(
        &mut self,
        file: &str,
        what: impl Fn(&K) -> String,
        facts: &[Dated<K>],
    ) {
        let mut by_key: HashMap<K, Vec<&Dated<K>>> = HashMap::new();
        for fact in facts {
            by_key.entry(fact.key.clone()).or_default().push(fact);
        }
        let mut groups: Vec<_> = by_key.into_values().collect();
        groups.sort_by_key(|group| group[0].line);
        for group in groups {
            for (index, later) in group.iter().enumerate() {
                // Each row is reported once, against the first earlier row it clashes with:
                // N copies of a row give N - 1 messages, not N(N - 1) / 2.
                let Some(earlier) = group[..index]
                    .iter()
                    .find(|earlier| earlier.period.certainly_overlaps(&later.period))
                else {
                    continue;
                };
                let subject = what(&later.key);
                if earlier.contested && later.contested {
                    self.push(
                        Diagnostic::warning(
                            file,
                            format!(
                                "contested: {subject} is `{}` here but `{}` on line {} ({} / {})",
                                later.value, earlier.value, earlier.line, later.period, earlier.period
                            ),
                            "both rows are kept with their sources; analyses treat this fact as unknown where they overlap",
                        )
                        .at_line(later.line),
                    );
                } else if earlier.value == later.value && earlier.period == later.period {
                    self.push(
                        Diagnostic::error(
                            file,
                            format!("duplicate: {subject} is already stated on line {}", earlier.line),
                            "delete one row; to cite several sources for one fact list them in one row's `sources`, separated by `;`",
                        )
                        .at_line(later.line),
                    );
                } else if earlier.value == later.value {
                    self.push(
                        Diagnostic::error(
                            file,
                            format!(
                                "overlapping: {subject} is `{}` for {} here and for {} on line {}",
                                later.value, later.period, earlier.period, earlier.line
                            ),
                            "merge the two rows into one (list both sources), or end one period where the other begins",
                        )
                        .at_line(later.line),
                    );
                } else {
                    self.push(
                        Diagnostic::error(
                            file,
                            format!(
                                "contradictory: {subject} is `{}` for {} here but `{}` for {} on line {}",
                                later.value, later.period, earlier.value, earlier.period, earlier.line
                            ),
                            "end one period where the other begins (`until` of the older row = `from` of the newer), or, if the sources disagree, keep both and mark both rows contested=yes",
                        )
                        .at_line(later.line),
                    );
                }
            }
        }
    }

    // ---- files ---------------------------------------------------------------------------

    fn sources(&mut self) -> Vec<Source> {
        let Some(table) = self.table("sources.csv", SOURCES) else {
            return Vec::new();
        };
        let mut sources = Vec::new();
        let mut lines: HashMap<String, u64> = HashMap::new();
        for row in &table.rows {
            let id = table.get(row, "id").to_string();
            if let Some(first) = lines.get(&id) {
                self.push(table.cell(row, "id").error(
                    format!("duplicate source id `{id}` (first on line {first})"),
                    "give each source its own id",
                ));
                continue;
            }
            let fields = (
                self.text(&table, row, "id"),
                self.text(&table, row, "title"),
                self.text(&table, row, "publisher"),
                self.text(&table, row, "url"),
                self.required_date(&table, row, "read_on"),
                self.required_date(&table, row, "verified_on"),
            );
            let (
                Some(id),
                Some(title),
                Some(publisher),
                Some(url),
                Some(read_on),
                Some(verified_on),
            ) = fields
            else {
                continue;
            };
            lines.insert(id.clone(), row.line);
            self.sources
                .insert(id.clone(), SourceId(sources.len() as u32));
            sources.push(Source {
                id,
                title,
                publisher,
                url,
                read_on,
                verified_on,
                note: table.get(row, "note").to_string(),
            });
        }
        sources
    }

    fn jurisdictions(&mut self) -> Vec<Jurisdiction> {
        let Some(table) = self.table("jurisdictions.csv", JURISDICTIONS) else {
            return Vec::new();
        };
        let mut jurisdictions = Vec::new();
        let mut lines = HashMap::new();
        let mut parents: Vec<(usize, &Row)> = Vec::new();
        // First pass: codes, so that parents may be listed after their children.
        for row in &table.rows {
            let code = table.get(row, "code").to_string();
            if code.is_empty() {
                self.push(table.cell(row, "code").error(
                    "`code` is empty",
                    "give the ISO 3166-1 alpha-3 (or ISO 3166-2) code",
                ));
                continue;
            }
            if let Some(first) = lines.get(&code) {
                self.push(table.cell(row, "code").error(
                    format!("duplicate jurisdiction `{code}` (first on line {first})"),
                    "list each jurisdiction once",
                ));
                continue;
            }
            let kind_text = table.get(row, "kind");
            let Some(kind) = JurisdictionKind::parse(kind_text) else {
                self.push(table.cell(row, "kind").error(
                    format!("`{kind_text}` is not a jurisdiction kind"),
                    format!("write one of: {}", JurisdictionKind::NAMES),
                ));
                continue;
            };
            let well_formed = match kind {
                JurisdictionKind::Subnational => {
                    code.split_once('-').is_some_and(|(state, unit)| {
                        state.len() == 2
                            && state.bytes().all(|b| b.is_ascii_uppercase())
                            && (1..=3).contains(&unit.len())
                            && unit
                                .bytes()
                                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    })
                }
                _ => code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()),
            };
            if !well_formed {
                self.push(table.cell(row, "code").error(
                    format!("`{code}` is not a valid code for a {}", kind.as_str()),
                    "states and territories use ISO 3166-1 alpha-3 (e.g. TUN); sub-national units ISO 3166-2 (e.g. US-TX)",
                ));
                continue;
            }
            let sources = self.source_list(&table, row);
            let (Some(name), Some(region), Some(sub_region)) = (
                self.text(&table, row, "name"),
                self.text(&table, row, "region"),
                self.text(&table, row, "sub_region"),
            ) else {
                continue;
            };
            let alpha2 = Some(table.get(row, "alpha2").to_string()).filter(|a| !a.is_empty());
            self.known
                .push((code.clone(), alpha2.clone(), name.clone()));
            lines.insert(code.clone(), row.line);
            self.jurisdictions
                .insert(code.clone(), JurisdictionId(jurisdictions.len() as u32));
            parents.push((jurisdictions.len(), row));
            jurisdictions.push(Jurisdiction {
                code,
                name,
                alpha2,
                numeric: Some(table.get(row, "numeric").to_string()).filter(|n| !n.is_empty()),
                kind,
                parent: None,
                region,
                sub_region,
                sources,
            });
        }
        self.mark_unregistered(&table, "code", |loader, code| {
            loader.jurisdictions.contains_key(code)
        });
        // Second pass: parents.
        for (index, row) in parents {
            let parent = table.get(row, "parent");
            let kind = jurisdictions[index].kind;
            if parent.is_empty() {
                if kind == JurisdictionKind::Subnational {
                    self.push(table.cell(row, "parent").error(
                        "a sub-national unit needs a parent",
                        "give the code of the state it belongs to (e.g. USA for US-TX)",
                    ));
                }
                continue;
            }
            if kind != JurisdictionKind::Subnational {
                self.push(table.cell(row, "parent").error(
                    format!(
                        "only sub-national units have a parent, but this is a {}",
                        kind.as_str()
                    ),
                    "leave `parent` empty, or set kind to subnational",
                ));
                continue;
            }
            match self.jurisdictions.get(parent) {
                Some(id) => jurisdictions[index].parent = Some(*id),
                None => self.unknown_jurisdiction(table.cell(row, "parent"), parent),
            }
        }
        // Cycles in the parent chain.
        for (index, jurisdiction) in jurisdictions.iter().enumerate() {
            let mut seen = HashSet::from([index]);
            let mut current = jurisdiction.parent;
            while let Some(parent) = current {
                if !seen.insert(parent.index()) {
                    let line = lines[&jurisdiction.code];
                    let chain: Vec<&str> = seen
                        .iter()
                        .map(|i| jurisdictions[*i].code.as_str())
                        .collect();
                    self.push(
                        Diagnostic::error(
                            &table.file,
                            format!(
                                "`{}` is its own ancestor: the parents form a cycle through {}",
                                jurisdiction.code,
                                {
                                    let mut chain = chain.clone();
                                    chain.sort();
                                    chain.join(", ")
                                }
                            ),
                            "a parent chain must end at a state with no parent",
                        )
                        .at_line(line),
                    );
                    break;
                }
                current = jurisdictions[parent.index()].parent;
            }
        }
        jurisdictions
    }

    fn offences(&mut self) -> Vec<Offence> {
        let Some(table) = self.table("offences.csv", OFFENCES) else {
            return Vec::new();
        };
        let mut offences = Vec::new();
        for row in &table.rows {
            let code = table.get(row, "code");
            if !code.is_empty()
                && !code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                self.push(table.cell(row, "code").error(
                    format!("`{code}` is not a valid offence code"),
                    "use lower-case letters, digits and underscores (e.g. csam_possession)",
                ));
                continue;
            }
            if self.offences.contains_key(code) {
                self.push(table.cell(row, "code").error(
                    format!("duplicate offence `{code}`"),
                    "list each offence once",
                ));
                continue;
            }
            let (Some(code), Some(conduct), Some(reference)) = (
                self.text(&table, row, "code"),
                self.text(&table, row, "conduct"),
                self.text(&table, row, "reference"),
            ) else {
                continue;
            };
            self.offences
                .insert(code.clone(), OffenceId(offences.len() as u32));
            offences.push(Offence {
                code,
                conduct,
                reference,
            });
        }
        offences
    }

    fn instruments(&mut self) -> Vec<Instrument> {
        let Some(table) = self.table("instruments.csv", INSTRUMENTS) else {
            return Vec::new();
        };
        let mut instruments = Vec::new();
        for row in &table.rows {
            let code = table.get(row, "code");
            if self.instruments.contains_key(code) {
                self.push(table.cell(row, "code").error(
                    format!("duplicate instrument `{code}`"),
                    "list each instrument once",
                ));
                continue;
            }
            let scope = table.get(row, "scope");
            if !["global", "regional", "bilateral"].contains(&scope) {
                self.push(table.cell(row, "scope").error(
                    format!("`{scope}` is not a scope"),
                    "write global, regional or bilateral",
                ));
            }
            let mut channels = ChannelSet::EMPTY;
            let channels_text = table.get(row, "channels");
            for name in channels_text
                .split(';')
                .map(str::trim)
                .filter(|n| !n.is_empty() && *n != "none")
            {
                match Channel::parse(name) {
                    Some(channel) => channels.insert(channel),
                    None => self.push(table.cell(row, "channels").error(
                        format!("unknown channel `{name}`"),
                        format!("use {} separated by `;`, or none", Channel::NAMES),
                    )),
                }
            }
            let later_text = table.get(row, "later_parties");
            let later_parties = if later_text.is_empty() {
                None
            } else {
                let rule = EntryIntoForceRule::parse(later_text);
                if rule.is_none() {
                    self.push(table.cell(row, "later_parties").error(
                        format!("`{later_text}` is not an entry-into-force rule"),
                        format!("write {}", EntryIntoForceRule::SYNTAX),
                    ));
                }
                rule
            };
            let party_list_text = table.get(row, "party_list");
            let party_list = PartyList::parse(party_list_text);
            if party_list.is_none() {
                self.push(table.cell(row, "party_list").error(
                    format!("`{party_list_text}` is not a party-list status"),
                    "write complete (a state with no row in parties.csv is not a party) or partial (its status is unknown)",
                ));
            }
            let accession = match table.get(row, "accession") {
                "" | "open" => true,
                "closed" => false,
                other => {
                    let message = format!("`{other}` is not an accession status");
                    self.push(table.cell(row, "accession").error(message, "write open (states may still join) or closed (e.g. membership of an organisation is required)"));
                    true
                }
            };
            let opened_on = self.date(&table, row, "opened_on");
            let in_force_on = self.date(&table, row, "in_force_on");
            if let (Some(opened), Some(in_force)) = (opened_on, in_force_on) {
                if in_force.certainly_before(&opened) {
                    self.push(table.cell(row, "in_force_on").error(
                        format!("entry into force ({in_force}) is before opening for signature ({opened})"),
                        "check both dates against the treaty's depositary",
                    ));
                }
            }
            let hub = match table.get(row, "hub") {
                "" => None,
                _ => self.jurisdiction_ref(&table, row, "hub"),
            };
            let sources = self.source_list(&table, row);
            let (Some(code), Some(name)) = (
                self.text(&table, row, "code"),
                self.text(&table, row, "name"),
            ) else {
                continue;
            };
            self.instruments
                .insert(code.clone(), InstrumentId(instruments.len() as u32));
            instruments.push(Instrument {
                code,
                name,
                scope: scope.to_string(),
                opened_on,
                in_force_on,
                channels,
                channel_articles: table.get(row, "channel_articles").to_string(),
                later_parties,
                party_list: party_list.unwrap_or(PartyList::Partial),
                open_for_accession: accession,
                hub,
                channel_condition: table.get(row, "channel_condition").to_string(),
                sources,
            });
        }
        self.mark_unregistered(&table, "code", |loader, code| {
            loader.instruments.contains_key(code)
        });
        instruments
    }

    fn obligations(&mut self) -> Vec<Obligation> {
        let Some(table) = self.table("obligations.csv", OBLIGATIONS) else {
            return Vec::new();
        };
        let mut obligations = Vec::new();
        for row in &table.rows {
            let id = table.get(row, "id").to_string();
            if self.obligations.contains_key(&id) {
                self.push(table.cell(row, "id").error(
                    format!("duplicate obligation `{id}`"),
                    "give each obligation its own id",
                ));
                continue;
            }
            let instrument = self.instrument_ref(&table, row, "instrument");
            let mut offences = Vec::new();
            let offences_text = table.get(row, "offences").to_string();
            for code in offences_text
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                if let Some(offence) = self.offence_code(table.cell(row, "offences"), code) {
                    offences.push(offence);
                }
            }
            if offences_text.is_empty() {
                self.push(table.cell(row, "offences").error(
                    "`offences` is empty",
                    "list the offence codes the obligation covers, separated by `;`",
                ));
            }
            let effect_text = table.get(row, "effect");
            let value_text = table.get(row, "value");
            let effect = if effect_text == "criminalise" {
                if !value_text.is_empty() {
                    self.push(table.cell(row, "value").error(
                        "a criminalise obligation takes no value",
                        "leave `value` empty",
                    ));
                }
                Some(ObligationEffect::Criminalise)
            } else if let Some(rule) = RuleKind::parse(effect_text) {
                match rule.parse_value(value_text, Vec::new()) {
                    Some(value) if value.is_known() => Some(ObligationEffect::Rule(rule, value)),
                    _ => {
                        self.push(table.cell(row, "value").error(
                            format!("`{value_text}` is not a value for {rule}"),
                            format!(
                                "write {} (an obligation is never unknown)",
                                rule.value_syntax()
                            ),
                        ));
                        None
                    }
                }
            } else {
                self.push(table.cell(row, "effect").error(
                    format!("`{effect_text}` is not an obligation effect"),
                    format!("write criminalise, or a rule: {}", RuleKind::names()),
                ));
                None
            };
            let sources = self.source_list(&table, row);
            let (Some(instrument), Some(effect), Some(article)) =
                (instrument, effect, self.text(&table, row, "article"))
            else {
                continue;
            };
            if id.is_empty() {
                self.push(table.cell(row, "id").error(
                    "`id` is empty",
                    "give the obligation an id, e.g. lanzarote.art20_1_e",
                ));
                continue;
            }
            self.obligations
                .insert(id.clone(), ObligationId(obligations.len() as u32));
            obligations.push(Obligation {
                id,
                instrument,
                offences,
                effect,
                article,
                sources,
            });
        }
        self.mark_unregistered(&table, "id", |loader, id| {
            loader.obligations.contains_key(id)
        });
        obligations
    }

    fn parties(
        &mut self,
        jurisdictions: &[Jurisdiction],
        instruments: &[Instrument],
    ) -> Vec<Party> {
        let Some(table) = self.table("parties.csv", PARTIES) else {
            return Vec::new();
        };
        let mut parties = Vec::new();
        let mut seen: HashMap<(InstrumentId, JurisdictionId), u64> = HashMap::new();
        for row in &table.rows {
            let instrument = self.instrument_ref(&table, row, "instrument");
            let jurisdiction = self.jurisdiction_ref(&table, row, "jurisdiction");
            let signed_on = self.date(&table, row, "signed_on");
            let consented_on = self.date(&table, row, "consented_on");
            let stated_in_force = self.date(&table, row, "in_force_on");
            let withdrawn_on = self.date(&table, row, "withdrawn_on");
            let sources = self.source_list(&table, row);
            let consent_kind = table.get(row, "consent_kind");
            if !consent_kind.is_empty()
                && ![
                    "ratification",
                    "accession",
                    "acceptance",
                    "approval",
                    "succession",
                    "definitive_signature",
                ]
                .contains(&consent_kind)
            {
                self.push(table.cell(row, "consent_kind").error(
                    format!("`{consent_kind}` is not a kind of consent"),
                    "write ratification, accession, acceptance, approval, succession or definitive_signature",
                ));
            }
            let (Some(instrument), Some(jurisdiction)) = (instrument, jurisdiction) else {
                continue;
            };
            if let Some(first) = seen.insert((instrument, jurisdiction), row.line) {
                self.push(table.cell(row, "jurisdiction").error(
                    format!(
                        "duplicate: {} is already a party row for {} on line {first}",
                        table.get(row, "jurisdiction"),
                        table.get(row, "instrument")
                    ),
                    "keep one row per instrument and jurisdiction; put every date on it",
                ));
                continue;
            }
            if signed_on.is_none() && consented_on.is_none() && stated_in_force.is_none() {
                self.push(table.cell(row, "signed_on").error(
                    "the row gives no date at all",
                    "give at least the signature or the deposit of ratification/accession",
                ));
            }
            let info = &instruments[instrument.index()];
            let mut order = |earlier: Option<LegalDate>,
                             later: Option<LegalDate>,
                             later_column: &str,
                             text: &str| {
                if let (Some(a), Some(b)) = (earlier, later) {
                    if b.certainly_before(&a) {
                        let message = format!("{text}: {b} is before {a}");
                        self.diagnostics.push(table.cell(row, later_column).error(
                            message,
                            "check the dates against the depositary's table of signatures and ratifications",
                        ));
                    }
                }
            };
            order(
                info.opened_on,
                signed_on,
                "signed_on",
                "signature before the instrument opened for signature",
            );
            order(
                signed_on,
                consented_on,
                "consented_on",
                "ratification before signature",
            );
            order(
                consented_on,
                stated_in_force,
                "in_force_on",
                "entry into force before ratification",
            );
            order(
                info.opened_on,
                stated_in_force,
                "in_force_on",
                "entry into force before opening for signature",
            );
            order(
                info.in_force_on,
                stated_in_force,
                "in_force_on",
                "entry into force for this party before the instrument itself entered into force",
            );
            order(
                stated_in_force,
                withdrawn_on,
                "withdrawn_on",
                "withdrawal before entry into force",
            );
            if stated_in_force.is_some() && info.in_force_on.is_none() {
                self.push(table.cell(row, "in_force_on").error(
                    format!("{} is not in force, so it cannot be in force for a party", info.code),
                    "leave `in_force_on` empty, or give the instrument's own `in_force_on` in instruments.csv",
                ));
            }
            // Entry into force for the party: as stated, or by the instrument's rule.
            let derived = match (consented_on, info.in_force_on, info.later_parties) {
                (Some(consent), Some(general), Some(rule)) => {
                    Some(consent.map(|d| rule.apply(d)).later_of(&general))
                }
                _ => None,
            };
            if let (Some(stated), Some(derived)) = (stated_in_force, derived) {
                if derived.precision() == Precision::Day
                    && stated.precision() == Precision::Day
                    && stated != derived
                {
                    self.push(
                        table.cell(row, "in_force_on").error(
                            format!("entry into force {stated} differs from {derived}, which {} gives for a deposit on {}", info.later_parties.map(|r| r.to_string()).unwrap_or_default(), consented_on.map(|d| d.to_string()).unwrap_or_default()),
                            "the stated date is kept; check it against the depositary, and add a note if the treaty was applied differently",
                        ).into_warning(),
                    );
                }
            }
            let (in_force_on, in_force_derived) = match stated_in_force {
                Some(stated) => (Some(stated), false),
                None => (derived, derived.is_some()),
            };
            if jurisdictions[jurisdiction.index()].kind == JurisdictionKind::Subnational {
                self.push(table.cell(row, "jurisdiction").error(
                    format!("{} is a sub-national unit: it is bound by its state's treaties, not as a party itself", jurisdictions[jurisdiction.index()].code),
                    "list the state as the party; its units inherit the party facts",
                ));
            }
            parties.push(Party {
                instrument,
                jurisdiction,
                signed_on,
                consented_on,
                consent_kind: Some(consent_kind.to_string()).filter(|k| !k.is_empty()),
                in_force_on,
                in_force_derived,
                withdrawn_on,
                instrument_in_force: info.in_force_on.is_some(),
                sources,
                note: table.get(row, "note").to_string(),
            });
        }
        parties
    }

    fn reservations(&mut self, obligations: &[Obligation]) -> Vec<Reservation> {
        let Some(table) = self.table("reservations.csv", RESERVATIONS) else {
            return Vec::new();
        };
        let mut reservations = Vec::new();
        for row in &table.rows {
            let instrument = self.instrument_ref(&table, row, "instrument");
            let jurisdiction = self.jurisdiction_ref(&table, row, "jurisdiction");
            let period = self.period(&table, row);
            let sources = self.source_list(&table, row);
            let from_age = self.age(&table, row, "from_age");
            let target = table.get(row, "target").to_string();
            let condition = table.get(row, "condition").to_string();
            let effect_text = table.get(row, "effect");
            let obligation = |loader: &mut Self| -> Option<ObligationId> {
                let found = loader.obligations.get(&target).copied();
                match found {
                    Some(id) => {
                        if instrument.is_some_and(|i| obligations[id.index()].instrument != i) {
                            loader.push(table.cell(row, "target").error(
                                format!("obligation `{target}` belongs to another instrument"),
                                "a reservation can only touch the obligations of its own instrument",
                            ));
                        }
                        Some(id)
                    }
                    None => {
                        let hint =
                            match closest(&target, loader.obligations.keys().map(String::as_str)) {
                                Some(near) => format!(
                                "did you mean `{near}`? Obligations are listed in obligations.csv"
                            ),
                                None => "give the id of a row of obligations.csv".to_string(),
                            };
                        loader.push(
                            table
                                .cell(row, "target")
                                .error(format!("unknown obligation `{target}`"), hint),
                        );
                        None
                    }
                }
            };
            let effect = match effect_text {
                "removes_obligation" => obligation(self).map(ReservationEffect::RemovesObligation),
                "narrows_obligation" => {
                    if condition.is_empty() {
                        self.push(table.cell(row, "condition").error(
                            "a narrowing reservation needs its condition",
                            "say under which condition the obligation still binds, e.g. \"not for consensual self-produced images of children above the age of consent\"",
                        ));
                    }
                    obligation(self).map(|obligation| ReservationEffect::NarrowsObligation {
                        obligation,
                        condition: condition.clone(),
                        from_age,
                    })
                }
                "cuts_channel" => match Channel::parse(&target) {
                    Some(channel) => Some(ReservationEffect::CutsChannel(channel)),
                    None => {
                        self.push(table.cell(row, "target").error(
                            format!("`{target}` is not a channel"),
                            format!("write one of: {}", Channel::NAMES),
                        ));
                        None
                    }
                },
                "recorded" => Some(ReservationEffect::Recorded),
                other => {
                    self.push(table.cell(row, "effect").error(
                        format!("`{other}` is not a reservation effect"),
                        "write removes_obligation, narrows_obligation, cuts_channel or recorded",
                    ));
                    None
                }
            };
            let (Some(instrument), Some(jurisdiction), Some(effect), Some(article), Some(summary)) = (
                instrument,
                jurisdiction,
                effect,
                self.text(&table, row, "article"),
                self.text(&table, row, "summary"),
            ) else {
                continue;
            };
            reservations.push(Reservation {
                instrument,
                jurisdiction,
                article,
                effect,
                period,
                summary,
                sources,
            });
        }
        reservations
    }

    fn criminalisation(&mut self) -> Vec<CriminalisationFact> {
        let Some(table) = self.table("criminalisation.csv", CRIMINALISATION) else {
            return Vec::new();
        };
        let mut facts = Vec::new();
        let mut dated = Vec::new();
        for row in &table.rows {
            let jurisdiction = self.jurisdiction_ref(&table, row, "jurisdiction");
            let offence_text = table.get(row, "offence").to_string();
            let offence = self.offence_code(table.cell(row, "offence"), &offence_text);
            let status_text = table.get(row, "status");
            let status = CriminalisationStatus::parse(status_text);
            if status.is_none() {
                self.push(table.cell(row, "status").error(
                    format!("`{status_text}` is not a criminalisation status"),
                    format!("write one of: {}", CriminalisationStatus::NAMES),
                ));
            }
            let child_age = self
                .age(&table, row, "child_age")
                .unwrap_or(DEFAULT_CHILD_AGE);
            let condition = Some(table.get(row, "condition").to_string()).filter(|c| !c.is_empty());
            let condition_from_age = self.age(&table, row, "condition_from_age");
            match (status, &condition) {
                (Some(CriminalisationStatus::Partial), None) => self.push(table.cell(row, "condition").error(
                    "a partial status needs its condition",
                    "say under which condition the conduct is criminal, e.g. \"only with intent to distribute\"",
                )),
                (Some(status), Some(_)) if status != CriminalisationStatus::Partial => self.push(table.cell(row, "condition").error(
                    format!("a condition is only meaningful for partial, but the status is {status}"),
                    "set status to partial, or move the text to `note`",
                )),
                _ => {}
            }
            let period = self.period(&table, row);
            let evidence = self.evidence(&table, row);
            let contested = self.flag(&table, row, "contested");
            let sources = self.source_list(&table, row);
            let (Some(jurisdiction), Some(offence), Some(status), Some(evidence)) =
                (jurisdiction, offence, status, evidence)
            else {
                continue;
            };
            dated.push(Dated {
                key: (jurisdiction, offence),
                period,
                value: format!(
                    "{status}{}",
                    condition
                        .as_ref()
                        .map(|c| format!(" ({c})"))
                        .unwrap_or_default()
                ),
                contested,
                line: row.line,
            });
            facts.push(CriminalisationFact {
                jurisdiction,
                offence,
                period,
                status,
                child_age,
                condition,
                condition_from_age,
                evidence,
                citation: table.get(row, "citation").to_string(),
                contested,
                sources,
                note: table.get(row, "note").to_string(),
            });
        }
        let jurisdictions = self
            .jurisdictions
            .iter()
            .map(|(c, id)| (*id, c.clone()))
            .collect::<HashMap<_, _>>();
        let offences = self
            .offences
            .iter()
            .map(|(c, id)| (*id, c.clone()))
            .collect::<HashMap<_, _>>();
        self.check_overlaps(
            &table.file,
            |(j, o)| format!("{} {}", jurisdictions[j], offences[o]),
            &dated,
        );
        facts
    }

    fn rules(&mut self) -> Vec<RuleFact> {
        let Some(table) = self.table("jurisdiction_rules.csv", RULES) else {
            return Vec::new();
        };
        let mut facts = Vec::new();
        let mut dated = Vec::new();
        for row in &table.rows {
            let jurisdiction = self.jurisdiction_ref(&table, row, "jurisdiction");
            let offence_text = table.get(row, "offence").to_string();
            let offence = if offence_text.is_empty() {
                Some(None)
            } else {
                self.offence_code(table.cell(row, "offence"), &offence_text)
                    .map(Some)
            };
            let rule_text = table.get(row, "rule");
            let rule = RuleKind::parse(rule_text);
            if rule.is_none() {
                self.push(table.cell(row, "rule").error(
                    format!("`{rule_text}` is not a rule"),
                    format!("write one of: {}", RuleKind::names()),
                ));
            }
            let mut instruments = Vec::new();
            let instruments_text = table.get(row, "instruments").to_string();
            for code in instruments_text
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                if let Some(id) = self.instrument_code(table.cell(row, "instruments"), code) {
                    instruments.push(id);
                }
            }
            let value_text = table.get(row, "value").to_string();
            let value = rule.and_then(|rule| {
                let value = rule.parse_value(&value_text, instruments.clone());
                if value.is_none() {
                    self.push(table.cell(row, "value").error(
                        format!("`{value_text}` is not a value for {rule}"),
                        format!("write {}", rule.value_syntax()),
                    ));
                }
                value
            });
            if !instruments_text.is_empty()
                && !matches!(value, Some(RuleValue::OnlyToPartiesOf(_)))
                && value.is_some()
            {
                self.push(table.cell(row, "instruments").error(
                    "`instruments` is only used with extradites_nationals = only_to_parties",
                    "leave it empty, or set the value to only_to_parties",
                ));
            }
            let period = self.period(&table, row);
            let evidence = self.evidence(&table, row);
            let contested = self.flag(&table, row, "contested");
            let sources = self.source_list(&table, row);
            let (Some(jurisdiction), Some(offence), Some(rule), Some(value), Some(evidence)) =
                (jurisdiction, offence, rule, value, evidence)
            else {
                continue;
            };
            dated.push(Dated {
                key: (jurisdiction, offence, rule),
                period,
                value: value_text.clone(),
                contested,
                line: row.line,
            });
            facts.push(RuleFact {
                jurisdiction,
                offence,
                rule,
                value,
                period,
                evidence,
                citation: table.get(row, "citation").to_string(),
                contested,
                sources,
                note: table.get(row, "note").to_string(),
            });
        }
        let jurisdictions = self
            .jurisdictions
            .iter()
            .map(|(c, id)| (*id, c.clone()))
            .collect::<HashMap<_, _>>();
        let offences = self
            .offences
            .iter()
            .map(|(c, id)| (*id, c.clone()))
            .collect::<HashMap<_, _>>();
        self.check_overlaps(
            &table.file,
            |(j, o, r): &(JurisdictionId, Option<OffenceId>, RuleKind)| {
                format!(
                    "{} {r}{}",
                    jurisdictions[j],
                    o.map(|o| format!(" for {}", offences[&o]))
                        .unwrap_or_default()
                )
            },
            &dated,
        );
        facts
    }
}

impl Diagnostic {
    fn into_warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }
}
