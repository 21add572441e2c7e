//! What changed between two versions of a dataset, fact by fact: both are written in normal
//! form (`write_dataset`) and their rows compared, so a change of wording, date, value or
//! source shows, and nothing else does.

use crate::model::Dataset;
use std::collections::{BTreeMap, BTreeSet};

/// One fact row that differs between two datasets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactChange {
    /// The file the row belongs to, e.g. `criminalisation.csv`.
    pub file: &'static str,
    /// `added`, `removed` or `changed` (a row with the same key on both sides).
    pub kind: &'static str,
    /// The row's key: its first columns (jurisdiction, offence, rule or instrument).
    pub key: String,
    /// The row before (empty when added) and after (empty when removed).
    pub before: String,
    pub after: String,
}

/// The files compared and how many leading columns form a row's key.
const KEYED: [(&str, usize); 5] = [
    ("criminalisation.csv", 2),
    ("jurisdiction_rules.csv", 3),
    ("parties.csv", 2),
    ("instruments.csv", 1),
    ("reservations.csv", 3),
];

/// Every fact row added, removed or changed from `old` to `new`.
pub fn fact_changes(old: &Dataset, new: &Dataset) -> Vec<FactChange> {
    let rows =
        |dataset: &Dataset, file: &str, key_len: usize| -> BTreeMap<String, BTreeSet<String>> {
            let written = super::write_dataset(dataset);
            let text = written
                .iter()
                .find(|(name, _)| *name == file)
                .map(|(_, text)| text.clone())
                .unwrap_or_default();
            let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            let mut reader = csv::ReaderBuilder::new()
                .comment(Some(b'#'))
                .from_reader(text.as_bytes());
            for record in reader.records().flatten() {
                let key: Vec<&str> = record.iter().take(key_len).collect();
                let row: Vec<&str> = record.iter().collect();
                by_key
                    .entry(key.join(","))
                    .or_default()
                    .insert(row.join(","));
            }
            by_key
        };
    let mut changes = Vec::new();
    for (file, key_len) in KEYED {
        let before = rows(old, file, key_len);
        let after = rows(new, file, key_len);
        let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        for key in keys {
            let empty = BTreeSet::new();
            let b = before.get(key).unwrap_or(&empty);
            let a = after.get(key).unwrap_or(&empty);
            if a == b {
                continue;
            }
            let gone: Vec<&String> = b.difference(a).collect();
            let came: Vec<&String> = a.difference(b).collect();
            let kind = match (gone.is_empty(), came.is_empty()) {
                (true, false) => "added",
                (false, true) => "removed",
                _ => "changed",
            };
            let join = |rows: &[&String]| {
                rows.iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            changes.push(FactChange {
                file,
                kind,
                key: key.clone(),
                before: join(&gone),
                after: join(&came),
            });
        }
    }
    changes
}
