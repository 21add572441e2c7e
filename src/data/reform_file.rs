//! Reform files: hypothetical changes of facts, one reform per CSV row, applied with
//! `--reform FILE` on top of any dataset. `lacuna reforms --plan-out` writes the same format.
//!
//! Columns: `reform,jurisdiction,offence,instrument,other,rule,value,label` where `reform` is
//! one of `criminalise` (jurisdiction, offence), `set_criminalisation` (jurisdiction, offence,
//! value = a status), `ratify` / `withdraw` (jurisdiction, instrument),
//! `drop_double_criminality` (jurisdiction), `extradite_nationals` (jurisdiction), `rule`
//! (jurisdiction, optional offence, rule, value) and `bilateral_mla` (jurisdiction, other).

use super::diagnostic::{Diagnostic, LoadError};
use super::table::{optional, required, Column, Table};
use crate::model::*;

const COLUMNS: &[Column] = &[
    required("reform"),
    required("jurisdiction"),
    optional("offence"),
    optional("instrument"),
    optional("other"),
    optional("rule"),
    optional("value"),
    optional("label"),
];

/// The header of a reform file.
pub const REFORM_HEADER: &str = "reform,jurisdiction,offence,instrument,other,rule,value,label";

/// Parses a reform file against a dataset, reporting every problem with its position.
pub fn parse_reforms(file: &str, text: &str, dataset: &Dataset) -> Result<Vec<Reform>, LoadError> {
    let mut diagnostics = Vec::new();
    let Some(table) = Table::parse(file, text, COLUMNS, &mut diagnostics) else {
        return Err(LoadError {
            subject: "the reform file",
            diagnostics,
        });
    };
    let mut reforms = Vec::new();
    for row in &table.rows {
        let mut problem = |column: &str, message: String, hint: &str| {
            diagnostics.push(table.cell(row, column).error(message, hint))
        };
        let jurisdiction_code = table.get(row, "jurisdiction");
        let jurisdiction = dataset.jurisdiction_id(jurisdiction_code);
        if jurisdiction.is_none() {
            problem(
                "jurisdiction",
                format!("unknown jurisdiction code `{jurisdiction_code}`"),
                "use a code from the dataset's jurisdictions.csv (ISO 3166-1 alpha-3)",
            );
        }
        // An optional code: empty is none; a code the dataset lacks is reported.
        let mut optional = |column: &str,
                            lookup: &dyn Fn(&str) -> Option<u32>,
                            what: &str,
                            file: &str|
         -> (&str, Option<u32>) {
            let code = table.get(row, column);
            let id = if code.is_empty() { None } else { lookup(code) };
            if !code.is_empty() && id.is_none() {
                problem(
                    column,
                    format!("unknown {what} `{code}`"),
                    &format!("use a code from the dataset's {file}"),
                );
            }
            (code, id)
        };
        let (offence_code, offence) = optional(
            "offence",
            &|c| dataset.offence_id(c).map(|o| o.0),
            "offence",
            "offences.csv",
        );
        let (instrument_code, instrument) = optional(
            "instrument",
            &|c| dataset.instrument_id(c).map(|i| i.0),
            "instrument",
            "instruments.csv",
        );
        let (other_code, other) = optional(
            "other",
            &|c| dataset.jurisdiction_id(c).map(|j| j.0),
            "jurisdiction code",
            "jurisdictions.csv",
        );
        let offence = offence.map(OffenceId);
        let instrument = instrument.map(InstrumentId);
        let other = other.map(JurisdictionId);
        let kind = table.get(row, "reform");
        let value = table.get(row, "value");
        let rule_text = table.get(row, "rule");
        let Some(j) = jurisdiction else {
            continue;
        };
        let reform = match kind {
            "criminalise" => match offence {
                Some(o) => Some(Reform::criminalise(dataset, j, o)),
                None if !offence_code.is_empty() => None,
                None => {
                    problem(
                        "offence",
                        "criminalise needs an offence".to_string(),
                        "give the offence code",
                    );
                    None
                }
            },
            "set_criminalisation" => match (offence, CriminalisationStatus::parse(value)) {
                (Some(o), Some(status)) => Some(Reform {
                    kind: ReformKind::Custom,
                    label: format!(
                        "{} {} becomes {status}",
                        dataset.jurisdiction(j).code,
                        dataset.offence(o).code
                    ),
                    changes: vec![Change::Criminalisation {
                        jurisdiction: j,
                        offence: o,
                        status,
                    }],
                }),
                (None, _) if !offence_code.is_empty() => None,
                (None, _) => {
                    problem(
                        "offence",
                        "set_criminalisation needs an offence".to_string(),
                        "give the offence code",
                    );
                    None
                }
                (_, None) => {
                    problem(
                        "value",
                        format!("`{value}` is not a criminalisation status"),
                        "write criminalised, partial, not_criminalised or unknown",
                    );
                    None
                }
            },
            "ratify" | "withdraw"
                if dataset.jurisdiction(j).kind == JurisdictionKind::Subnational =>
            {
                // The same rule as parties.csv: a unit is bound by its state's treaties.
                problem(
                    "jurisdiction",
                    format!(
                        "{} is a sub-national unit: it cannot {kind} a treaty itself",
                        dataset.jurisdiction(j).code
                    ),
                    "name its state; its units are bound by the state's treaties",
                );
                None
            }
            "ratify" | "withdraw" => match instrument {
                Some(i) if kind == "ratify" => Some(Reform::ratify(dataset, j, i)),
                Some(i) => Some(Reform {
                    kind: ReformKind::Custom,
                    label: format!(
                        "{} withdraws from {}",
                        dataset.jurisdiction(j).code,
                        dataset.instrument(i).code
                    ),
                    changes: vec![Change::Party {
                        jurisdiction: j,
                        instrument: i,
                        bound: false,
                    }],
                }),
                None if !instrument_code.is_empty() => None,
                None => {
                    problem(
                        "instrument",
                        format!("{kind} needs an instrument"),
                        "give the instrument code",
                    );
                    None
                }
            },
            "drop_double_criminality" => Some(Reform::drop_double_criminality(dataset, j)),
            "extradite_nationals" => Some(Reform::extradite_nationals(dataset, j)),
            "bilateral_mla" => match other {
                Some(b) if b != j => Some(Reform::bilateral_mla(dataset, j, b)),
                // An unknown code was reported above.
                None if !other_code.is_empty() => None,
                Some(_) => {
                    problem(
                        "other",
                        format!("bilateral_mla between `{other_code}` and itself"),
                        "give the partner state's code in `other`",
                    );
                    None
                }
                _ => {
                    problem(
                        "other",
                        "bilateral_mla needs the other state".to_string(),
                        "give the other state's code in `other`",
                    );
                    None
                }
            },
            "rule" => match RuleKind::parse(rule_text) {
                None => {
                    problem(
                        "rule",
                        format!("`{rule_text}` is not a rule"),
                        "use a rule name of jurisdiction_rules.csv (see datasets/README.md)",
                    );
                    None
                }
                Some(rule) => {
                    let instruments: Vec<InstrumentId> = instrument.into_iter().collect();
                    match rule.parse_value(value, instruments) {
                        Some(parsed) => Some(Reform {
                            kind: ReformKind::Custom,
                            label: format!(
                                "{} {rule}{} = {value}",
                                dataset.jurisdiction(j).code,
                                offence
                                    .map(|o| format!(" for {}", dataset.offence(o).code))
                                    .unwrap_or_default()
                            ),
                            changes: vec![Change::Rule {
                                jurisdiction: j,
                                offence,
                                rule,
                                value: parsed,
                            }],
                        }),
                        None => {
                            problem(
                                "value",
                                format!("`{value}` is not a value for {rule}"),
                                rule.value_syntax(),
                            );
                            None
                        }
                    }
                }
            },
            other => {
                problem(
                    "reform",
                    format!("`{other}` is not a reform"),
                    "write criminalise, set_criminalisation, ratify, withdraw, drop_double_criminality, extradite_nationals, rule or bilateral_mla",
                );
                None
            }
        };
        if let Some(mut reform) = reform {
            let label = table.get(row, "label");
            if !label.is_empty() {
                reform.label = label.to_string();
            }
            reforms.push(reform);
        }
    }
    if diagnostics.is_empty() {
        Ok(reforms)
    } else {
        Err(LoadError {
            subject: "the reform file",
            diagnostics,
        })
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The day a reform file says its plan was made for: a comment line `# as-of: YYYY-MM-DD`
/// (written by `lacuna reforms --plan`). Analyses with the file and no `--as-of` of their own
/// read the law as of that day, so a plan is applied to the law it was made against.
pub fn plan_date(text: &str) -> Option<chrono::NaiveDate> {
    text.lines()
        .take_while(|line| line.starts_with('#') || line.trim().is_empty())
        .find_map(|line| line.trim_start_matches('#').trim().strip_prefix("as-of:"))
        .and_then(|day| chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok())
}

/// Writes reforms as a reform file (readable back by [`parse_reforms`]).
pub fn write_reforms(dataset: &Dataset, reforms: &[Reform]) -> String {
    let mut out = format!("{REFORM_HEADER}\n");
    for reform in reforms {
        let j = |id: JurisdictionId| dataset.jurisdiction(id).code.clone();
        let rows: Vec<[String; 7]> = match (reform.kind, reform.changes.as_slice()) {
            (
                ReformKind::Criminalise,
                [Change::Criminalisation {
                    jurisdiction,
                    offence,
                    ..
                }],
            ) => {
                vec![[
                    "criminalise".into(),
                    j(*jurisdiction),
                    dataset.offence(*offence).code.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]]
            }
            (
                ReformKind::Ratify,
                [Change::Party {
                    jurisdiction,
                    instrument,
                    ..
                }],
            ) => {
                vec![[
                    "ratify".into(),
                    j(*jurisdiction),
                    String::new(),
                    dataset.instrument(*instrument).code.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]]
            }
            (ReformKind::DropDoubleCriminality, changes) => match changes.first() {
                Some(Change::Rule { jurisdiction, .. }) => vec![[
                    "drop_double_criminality".into(),
                    j(*jurisdiction),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]],
                _ => Vec::new(),
            },
            (ReformKind::ExtraditeNationals, [Change::Rule { jurisdiction, .. }]) => {
                vec![[
                    "extradite_nationals".into(),
                    j(*jurisdiction),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]]
            }
            (ReformKind::BilateralMla, [Change::BilateralMla { a, b }]) => vec![[
                "bilateral_mla".into(),
                j(*a),
                String::new(),
                String::new(),
                j(*b),
                String::new(),
                String::new(),
            ]],
            _ => reform
                .changes
                .iter()
                .map(|change| match change {
                    Change::Criminalisation {
                        jurisdiction,
                        offence,
                        status,
                    } => [
                        "set_criminalisation".into(),
                        j(*jurisdiction),
                        dataset.offence(*offence).code.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                        status.to_string(),
                    ],
                    Change::Party {
                        jurisdiction,
                        instrument,
                        bound,
                    } => [
                        if *bound { "ratify" } else { "withdraw" }.into(),
                        j(*jurisdiction),
                        String::new(),
                        dataset.instrument(*instrument).code.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                    Change::Rule {
                        jurisdiction,
                        offence,
                        rule,
                        value,
                    } => {
                        let (value_text, instrument) = match value {
                            RuleValue::Truth(t) => (t.to_string(), String::new()),
                            RuleValue::OnlyToPartiesOf(list) => (
                                "only_to_parties".to_string(),
                                list.first()
                                    .map(|i| dataset.instrument(*i).code.clone())
                                    .unwrap_or_default(),
                            ),
                            RuleValue::Years(y) => (y.to_string(), String::new()),
                            RuleValue::NoLimitation => ("none".to_string(), String::new()),
                        };
                        [
                            "rule".into(),
                            j(*jurisdiction),
                            offence
                                .map(|o| dataset.offence(o).code.clone())
                                .unwrap_or_default(),
                            instrument,
                            String::new(),
                            rule.to_string(),
                            value_text,
                        ]
                    }
                    Change::BilateralMla { a, b } => [
                        "bilateral_mla".into(),
                        j(*a),
                        String::new(),
                        String::new(),
                        j(*b),
                        String::new(),
                        String::new(),
                    ],
                })
                .collect(),
        };
        for row in rows {
            let fields: Vec<String> = row
                .iter()
                .map(|f| csv_field(f))
                .chain([csv_field(&reform.label)])
                .collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
    }
    out
}

/// Reads a reform file from disk.
pub fn load_reforms(path: &std::path::Path, dataset: &Dataset) -> Result<Vec<Reform>, LoadError> {
    let file = path.display().to_string();
    let failed = |diagnostic| LoadError {
        subject: "the reform file",
        diagnostics: vec![diagnostic],
    };
    let bytes = super::files::read_regular_file(path).map_err(|error| {
        failed(Diagnostic::error(
            &file,
            format!("cannot read the reform file: {error}"),
            "give the path of a CSV reform file (see docs/reforms.md)",
        ))
    })?;
    let text = super::files::decode_utf8(&file, bytes).map_err(|d| failed(*d))?;
    parse_reforms(&file, &text, dataset)
}
