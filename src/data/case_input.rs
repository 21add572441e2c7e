//! A case as users write it (codes and dates, in JSON or as command-line flags), resolved
//! against a dataset into a [`Case`], with a clear error naming the field and the fix.

use super::diagnostic::shorten;
use crate::model::{Dataset, JurisdictionId, LegalDate, Precision};
use crate::rules::Case;
use chrono::NaiveDate;
use serde::Deserialize;

/// A case with codes, as in a case JSON file (see docs/case-json.md).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CaseInput {
    pub offence: String,
    pub offender_nationality: String,
    /// Defaults to the offender's nationality.
    #[serde(default)]
    pub offender_location: Option<String>,
    /// Where the offender is found when prosecution starts; default: where he acted.
    #[serde(default)]
    pub custody_location: Option<String>,
    #[serde(default)]
    pub offender_residence: Option<String>,
    pub victim_nationality: String,
    /// Defaults to the victim's nationality.
    #[serde(default)]
    pub victim_location: Option<String>,
    /// Defaults to 14 (the standard case).
    #[serde(default, deserialize_with = "age")]
    pub victim_age: Option<u8>,
    #[serde(default)]
    pub facilitator_location: Option<String>,
    #[serde(default)]
    pub evidence_location: Option<String>,
    /// YYYY-MM-DD; defaults to the analysis day.
    #[serde(default)]
    pub conduct_date: Option<String>,
    /// YYYY-MM-DD; defaults to the conduct date.
    #[serde(default)]
    pub prosecution_date: Option<String>,
}

/// Why a case could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CaseInputError {
    #[error("{field}: unknown jurisdiction code `{code}`; {hint}")]
    Jurisdiction {
        field: &'static str,
        code: String,
        hint: String,
    },
    #[error("offence: unknown offence `{code}`; use one of: {known}")]
    Offence { code: String, known: String },
    #[error("{field}: {message}")]
    Date {
        field: &'static str,
        message: String,
    },
    #[error("victim_age: {age} is not an age; give whole years from 0 to 120")]
    Age { age: u8 },
    #[error("prosecution_date {prosecution} is before conduct_date {conduct}")]
    Order {
        conduct: NaiveDate,
        prosecution: NaiveDate,
    },
    #[error("the case is not valid JSON: {0}")]
    Json(String),
    #[error("{0}")]
    Invalid(String),
    #[error("cannot read the case: {0}")]
    Read(String),
}

/// `victim_age` as whole years from 0 to 120, with that said when it is anything else.
fn age<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    match value {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) if n.as_u64().is_some_and(|a| a <= 120) => {
            Ok(n.as_u64().map(|a| a as u8))
        }
        Some(other) => Err(serde::de::Error::custom(format!(
            "victim_age must be whole years from 0 to 120, not {}",
            shorten(&other.to_string(), 40)
        ))),
    }
}

/// Every jurisdiction of the dataset as (code, alpha-2, name), for hints.
pub(crate) fn known_jurisdictions(
    dataset: &Dataset,
) -> impl Iterator<Item = (&str, Option<&str>, &str)> + Clone {
    dataset
        .jurisdictions
        .iter()
        .map(|j| (j.code.as_str(), j.alpha2.as_deref(), j.name.as_str()))
}

fn jurisdiction(
    dataset: &Dataset,
    field: &'static str,
    code: &str,
) -> Result<JurisdictionId, CaseInputError> {
    dataset.jurisdiction_id(code).ok_or_else(|| {
        let hint = super::table::jurisdiction_hint(code, known_jurisdictions(dataset));
        CaseInputError::Jurisdiction {
            field,
            code: shorten(code, 40).into_owned(),
            hint,
        }
    })
}

fn optional(
    dataset: &Dataset,
    field: &'static str,
    code: &Option<String>,
) -> Result<Option<JurisdictionId>, CaseInputError> {
    code.as_deref()
        .map(|c| jurisdiction(dataset, field, c))
        .transpose()
}

/// Parses a full day.
pub fn parse_day(field: &'static str, text: &str) -> Result<NaiveDate, CaseInputError> {
    let date = LegalDate::parse(text).map_err(|e| CaseInputError::Date {
        field,
        message: shorten(&e.to_string(), 200).into_owned(),
    })?;
    if date.precision() != Precision::Day {
        return Err(CaseInputError::Date {
            field,
            message: format!("`{text}` is not a single day: write YYYY-MM-DD"),
        });
    }
    Ok(date.earliest())
}

impl CaseInputError {
    /// The case field the error is about, if it is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            CaseInputError::Jurisdiction { field, .. } | CaseInputError::Date { field, .. } => {
                Some(field)
            }
            CaseInputError::Offence { .. } => Some("offence"),
            CaseInputError::Age { .. } => Some("victim_age"),
            CaseInputError::Order { .. } => Some("prosecution_date"),
            _ => None,
        }
    }
}

/// Where a field's key stands in a case JSON text, as 1-based (line, column), for messages.
pub fn locate_field(text: &str, field: &str) -> Option<(usize, usize)> {
    let key = format!("\"{field}\"");
    let offset = text.find(&key)?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    Some((line, column))
}

impl CaseInput {
    /// Parses a case JSON document (a leading byte-order mark is allowed).
    pub fn from_json(text: &str) -> Result<CaseInput, CaseInputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if !text.trim_start().starts_with('{') {
            return Err(CaseInputError::Json(
                "a case is one JSON object, { \"offence\": ..., \"offender_nationality\": ..., \"victim_nationality\": ... } (see docs/case-json.md)".to_string(),
            ));
        }
        serde_json::from_str(text).map_err(|e| {
            let text = e.to_string();
            if e.is_eof() {
                return CaseInputError::Json(format!("the file ends before the JSON object does (was it cut short?) at line {} column {}", e.line(), e.column()));
            }
            if e.is_data() {
                // The JSON is well formed but a field is missing or holds the wrong kind of
                // value: say which, where.
                if let Some(field) = text
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split('`').next())
                {
                    return CaseInputError::Invalid(format!(
                        "the case is missing `{field}` (see docs/case-json.md)"
                    ));
                }
                return CaseInputError::Invalid(shorten(&text, 300).into_owned());
            }
            CaseInputError::Json(shorten(&text, 300).into_owned())
        })
    }

    /// Reads a case JSON file.
    pub fn read(path: &std::path::Path) -> Result<CaseInput, CaseInputError> {
        let bytes = super::files::read_regular_file(path)
            .map_err(|e| CaseInputError::Read(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            CaseInputError::Read(format!(
                "the file is not valid UTF-8 (from byte {}): save it as UTF-8",
                e.utf8_error().valid_up_to()
            ))
        })?;
        CaseInput::from_json(&text)
    }

    /// Resolves codes and dates against a dataset; `day` is the default conduct date.
    pub fn resolve(&self, dataset: &Dataset, day: NaiveDate) -> Result<Case, CaseInputError> {
        let offence = dataset
            .offence_id(&self.offence)
            .ok_or_else(|| CaseInputError::Offence {
                code: shorten(&self.offence, 40).into_owned(),
                known: dataset
                    .offences
                    .iter()
                    .map(|o| o.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        let offender_nationality =
            jurisdiction(dataset, "offender_nationality", &self.offender_nationality)?;
        let victim_nationality =
            jurisdiction(dataset, "victim_nationality", &self.victim_nationality)?;
        let victim_age = self.victim_age.unwrap_or(14);
        if victim_age > 120 {
            return Err(CaseInputError::Age { age: victim_age });
        }
        let conduct_date = match &self.conduct_date {
            Some(text) => parse_day("conduct_date", text)?,
            None => day,
        };
        let prosecution_date = match &self.prosecution_date {
            Some(text) => parse_day("prosecution_date", text)?,
            None => conduct_date,
        };
        if prosecution_date < conduct_date {
            return Err(CaseInputError::Order {
                conduct: conduct_date,
                prosecution: prosecution_date,
            });
        }
        let offender_location = optional(dataset, "offender_location", &self.offender_location)?
            .unwrap_or(offender_nationality);
        Ok(Case {
            offence,
            offender_nationality,
            offender_location,
            custody_location: optional(dataset, "custody_location", &self.custody_location)?
                .unwrap_or(offender_location),
            offender_residence: optional(dataset, "offender_residence", &self.offender_residence)?,
            victim_nationality,
            victim_location: optional(dataset, "victim_location", &self.victim_location)?
                .unwrap_or(victim_nationality),
            victim_age,
            facilitator_location: optional(
                dataset,
                "facilitator_location",
                &self.facilitator_location,
            )?,
            evidence_location: optional(dataset, "evidence_location", &self.evidence_location)?,
            conduct_date,
            prosecution_date,
        })
    }
}
