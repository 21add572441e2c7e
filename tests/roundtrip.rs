//! Writing a dataset and reading it back gives the same dataset: the shipped ones exactly, and
//! randomly edited copies of the example dataset (every free-text, date, status, value and
//! flag column) as a property.

use crate::util::*;
use lacuna::data::{load, write_dataset, DatasetFiles, Loaded};
use lacuna::model::*;
use proptest::prelude::*;
use std::collections::HashMap;

fn reload(dataset: &Dataset) -> Loaded {
    let texts = write_dataset(dataset);
    let files: Vec<(&'static str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    match load(&DatasetFiles::from_texts("written", &files)) {
        Ok(loaded) => loaded,
        Err(error) => panic!(
            "the written dataset does not load:\n{error}\n{}",
            texts
                .iter()
                .map(|(n, t)| format!("== {n}\n{t}"))
                .collect::<String>()
        ),
    }
}

#[test]
fn the_shipped_datasets_round_trip_exactly() {
    for loaded in [lacuna::data::load_world().unwrap(), load_examples()] {
        let again = reload(&loaded.dataset);
        assert_eq!(
            again.dataset, loaded.dataset,
            "{}",
            loaded.dataset.manifest.name
        );
        // Writing is a fixed point: the written files, read and written again, are the same.
        assert_eq!(
            write_dataset(&again.dataset),
            write_dataset(&loaded.dataset)
        );
    }
}

#[test]
fn a_written_dataset_folder_loads_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load_examples();
    lacuna::data::write_dataset_dir(&loaded.dataset, dir.path()).unwrap();
    let again = lacuna::data::load_dir(dir.path()).unwrap();
    assert_eq!(again.dataset, loaded.dataset);
    // Illustrative data says so in every CSV file it writes.
    let parties = std::fs::read_to_string(dir.path().join("parties.csv")).unwrap();
    assert!(
        parties.starts_with("# ILLUSTRATIVE DATA ONLY."),
        "{parties}"
    );
}

/// Free text as the format keeps it: any characters, including separators, quotes and tabs,
/// but no line break (a cell never spans lines), trimmed (cells are trimmed on reading).
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;:\"'#()\\té€ç—]{0,24}".prop_map(|s| s.trim().to_string())
}

/// A date of any precision; `open_start` allows `..D` (known only to be by D).
fn legal_date(years: std::ops::Range<i32>, open_start: bool) -> impl Strategy<Value = LegalDate> {
    let kinds = if open_start { 5u8 } else { 4u8 };
    (years, 1u32..=12, 1u32..=28, 0..kinds).prop_map(|(year, month, day, precision)| {
        let text = match precision {
            0 => format!("{year:04}-{month:02}-{day:02}"),
            1 => format!("{year:04}-{month:02}"),
            2 => format!("{year:04}"),
            3 => format!("{year:04}-{month:02}-{day:02}..{:04}-12-31", year + 1),
            _ => format!("..{year:04}-{month:02}-{day:02}"),
        };
        LegalDate::parse(&text).expect("a well-formed date")
    })
}

fn period() -> impl Strategy<Value = Period> {
    (
        prop::option::of(legal_date(1990..2005, true)),
        prop::option::of(legal_date(2008..2030, false)),
    )
        .prop_map(|(from, until)| Period { from, until })
}

/// One edit of each kind of row, drawn at random.
#[derive(Debug, Clone)]
struct Edits {
    texts: Vec<String>,
    periods: Vec<Period>,
    picks: Vec<u8>,
}

fn edits() -> impl Strategy<Value = Edits> {
    (
        prop::collection::vec(text(), 64),
        prop::collection::vec(period(), 32),
        prop::collection::vec(any::<u8>(), 64),
    )
        .prop_map(|(texts, periods, picks)| Edits {
            texts,
            periods,
            picks,
        })
}

fn apply(dataset: &mut Dataset, edits: &Edits) {
    let mut texts = edits.texts.iter().cycle();
    let mut text = || texts.next().unwrap().clone();
    let mut picks = edits.picks.iter().copied().cycle();
    let mut pick = |n: u8| picks.next().unwrap() % n;
    let mut periods = edits.periods.iter().copied().cycle();

    for source in &mut dataset.sources {
        source.title = format!("T {}", text()).trim().to_string();
        source.note = text();
    }
    for jurisdiction in &mut dataset.jurisdictions {
        jurisdiction.name = format!("N {}", text()).trim().to_string();
    }
    for offence in &mut dataset.offences {
        offence.conduct = format!("C {}", text()).trim().to_string();
    }
    for instrument in &mut dataset.instruments {
        instrument.channel_articles = text();
        instrument.open_for_accession = pick(2) == 0;
        instrument.party_list = [PartyList::Complete, PartyList::Partial][pick(2) as usize];
    }
    for party in &mut dataset.parties {
        party.note = text();
    }
    for reservation in &mut dataset.reservations {
        reservation.summary = format!("S {}", text()).trim().to_string();
    }
    // Where a key has several facts (periods that follow each other, or contested facts), only
    // their free text is changed, so that no overlap or contradiction is created.
    let mut criminalisation_keys: HashMap<(JurisdictionId, OffenceId), usize> = HashMap::new();
    for fact in &dataset.criminalisation {
        *criminalisation_keys
            .entry((fact.jurisdiction, fact.offence))
            .or_default() += 1;
    }
    for fact in &mut dataset.criminalisation {
        fact.citation = text();
        fact.note = text();
        if criminalisation_keys[&(fact.jurisdiction, fact.offence)] > 1 {
            continue;
        }
        fact.period = periods.next().unwrap();
        let statuses = [
            CriminalisationStatus::Criminalised,
            CriminalisationStatus::Partial,
            CriminalisationStatus::NotCriminalised,
            CriminalisationStatus::Unknown,
        ];
        fact.status = statuses[pick(4) as usize];
        if fact.status == CriminalisationStatus::Partial {
            fact.condition = Some(format!("only if {}", text()).trim().to_string());
            fact.condition_from_age = [None, Some(14), Some(16)][pick(3) as usize];
        } else {
            fact.condition = None;
            fact.condition_from_age = None;
        }
        fact.child_age = 12 + pick(10);
        fact.evidence = [EvidenceLevel::Statute, EvidenceLevel::Assessment][pick(2) as usize];
        fact.contested = pick(2) == 0;
    }
    let mut rule_keys: HashMap<(JurisdictionId, Option<OffenceId>, RuleKind), usize> =
        HashMap::new();
    for fact in &dataset.rules {
        *rule_keys
            .entry((fact.jurisdiction, fact.offence, fact.rule))
            .or_default() += 1;
    }
    for fact in &mut dataset.rules {
        fact.citation = text();
        fact.note = text();
        if rule_keys[&(fact.jurisdiction, fact.offence, fact.rule)] > 1 {
            continue;
        }
        fact.period = periods.next().unwrap();
        fact.value = match (&fact.value, fact.rule) {
            (RuleValue::OnlyToPartiesOf(_), _) => fact.value.clone(),
            (_, RuleKind::LimitationYears) => [
                RuleValue::Years(u16::from(pick(40))),
                RuleValue::NoLimitation,
                RuleValue::UNKNOWN,
            ][pick(3) as usize]
                .clone(),
            _ => RuleValue::Truth([Truth::Yes, Truth::No, Truth::Unknown][pick(3) as usize]),
        };
        fact.evidence = [EvidenceLevel::Statute, EvidenceLevel::Assessment][pick(2) as usize];
        fact.contested = pick(2) == 0;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn edited_datasets_round_trip(edits in edits()) {
        let mut dataset = load_examples().dataset;
        apply(&mut dataset, &edits);
        let again = reload(&dataset);
        prop_assert_eq!(&again.dataset, &dataset);
    }
}
