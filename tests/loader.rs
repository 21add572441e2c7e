//! The loader accepts the shipped datasets and reports every class of bad input at its exact
//! place, with a hint.

use crate::util::*;
use lacuna::data;
use lacuna::model::*;

#[test]
fn example_dataset_loads_and_says_it_is_illustrative() {
    let loaded = load_examples();
    assert!(loaded.dataset.manifest.illustrative);
    assert_eq!(loaded.dataset.jurisdictions.len(), 6);
    // The two Estmere reviews disagree and are marked contested: a warning, not an error.
    assert_eq!(loaded.warnings.len(), 1);
    assert!(loaded.warnings[0]
        .message
        .starts_with("contested: XES csam_possession"));
}

#[test]
fn world_dataset_loads_from_the_binary_and_from_disk() {
    let embedded = data::load_world().expect("embedded world dataset is valid");
    let on_disk =
        data::load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/world"))
            .expect("world dataset on disk is valid");
    assert!(!embedded.dataset.manifest.illustrative);
    assert_eq!(
        embedded.dataset.jurisdictions.len(),
        on_disk.dataset.jurisdictions.len()
    );
    assert_eq!(
        embedded.dataset.parties.len(),
        on_disk.dataset.parties.len()
    );
}

#[test]
fn entry_into_force_is_derived_from_the_treaty_rule() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let pact = d.instrument_id("ex_pact").unwrap();
    let caledra = d.jurisdiction_id("XCA").unwrap();
    let party = d
        .parties
        .iter()
        .find(|p| p.instrument == pact && p.jurisdiction == caledra)
        .unwrap();
    assert!(party.in_force_derived);
    assert_eq!(party.in_force_on.unwrap().to_string(), "2020-02-01");
}

#[test]
fn unknown_country_code_names_the_alpha3_to_use() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "parties.csv",
        "ex_pact,XE,,2012-01-05,accession,,,ex_treaty_office,",
    );
    let error = single_error(
        &scratch.errors(),
        "parties.csv",
        line,
        Some("jurisdiction"),
        "unknown jurisdiction code `XE`",
    );
    assert_eq!(error.column.unwrap().0, 2);
    assert!(
        error
            .hint
            .contains("`XE` is not an alpha-3 code: use `XES` (Estmere)"),
        "{}",
        error.hint
    );
}

#[test]
fn impossible_day_is_refused_with_its_position() {
    let scratch = Scratch::new();
    let line = scratch.replace("parties.csv", "2009-11-18", "1976-06-40");
    let error = single_error(
        &scratch.errors(),
        "parties.csv",
        line,
        Some("consented_on"),
        "`1976-06-40` has day 40, but 1976-06 has 30 days",
    );
    assert_eq!(error.column.unwrap().0, 4);
}

#[test]
fn entry_into_force_before_opening_for_signature_is_refused() {
    let scratch = Scratch::new();
    let line = scratch.replace(
        "instruments.csv",
        "2007-10-25,2010-07-01",
        "2007-10-25,2006-01-01",
    );
    let errors = scratch.errors();
    // The instrument row is wrong; the party rows that now predate nothing stay valid.
    let error = errors
        .iter()
        .find(|e| e.file.ends_with("instruments.csv"))
        .expect("instrument error");
    assert_eq!(error.line, Some(line));
    assert_eq!(error.column.as_ref().unwrap().1, "in_force_on");
    assert!(error
        .message
        .contains("entry into force (2006-01-01) is before opening for signature (2007-10-25)"));
}

#[test]
fn party_entry_into_force_before_ratification_is_refused() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "parties.csv",
        "ex_cyber,XBO,2002-01-10,2010-05-01,ratification,2009-01-01,,ex_treaty_office,",
    );
    single_error(
        &scratch.errors(),
        "parties.csv",
        line,
        Some("in_force_on"),
        "entry into force before ratification: 2009-01-01 is before 2010-05-01",
    );
}

#[test]
fn contradictory_overlapping_periods_are_refused() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "criminalisation.csv",
        "XDU,livestream_attending,criminalised,,,,2015-01-01,,statute,,,ex_dunmark_act,",
    );
    let error = single_error(&scratch.errors(), "criminalisation.csv", line, None, "contradictory: XDU livestream_attending is `criminalised` for from 2015-01-01 here but `not_criminalised` for always on line");
    assert!(error.hint.contains("contested=yes"));
}

#[test]
fn consecutive_periods_are_accepted() {
    // Borovia's two livestream_attending rows meet on 2019-07-01 without overlapping.
    let loaded = load_examples();
    let d = &loaded.dataset;
    let borovia = d.jurisdiction_id("XBO").unwrap();
    let facts = d
        .criminalisation
        .iter()
        .filter(|f| f.jurisdiction == borovia)
        .count();
    assert_eq!(facts, 2);
}

#[test]
fn duplicate_party_rows_are_refused() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "parties.csv",
        "ex_pact,XAL,2007-10-25,2009-11-18,ratification,2010-07-01,,ex_treaty_office,",
    );
    single_error(
        &scratch.errors(),
        "parties.csv",
        line,
        Some("jurisdiction"),
        "duplicate: XAL is already a party row for ex_pact on line",
    );
}

#[test]
fn duplicate_facts_are_refused() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "jurisdiction_rules.csv",
        "XAL,,extradites_nationals,no,,,,statute,,,ex_aldoria_code,",
    );
    single_error(
        &scratch.errors(),
        "jurisdiction_rules.csv",
        line,
        None,
        "duplicate: XAL extradites_nationals is already stated on line",
    );
}

#[test]
fn a_fact_without_a_source_is_refused() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "criminalisation.csv",
        "XCA,csam_access,criminalised,,,,,,statute,,,,",
    );
    let error = single_error(
        &scratch.errors(),
        "criminalisation.csv",
        line,
        Some("sources"),
        "this fact has no source",
    );
    assert!(error.hint.contains("sources.csv"));
}

#[test]
fn an_unknown_source_id_suggests_the_near_one() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "criminalisation.csv",
        "XCA,csam_access,criminalised,,,,,,statute,,,ex_caledra_cod,",
    );
    let error = single_error(
        &scratch.errors(),
        "criminalisation.csv",
        line,
        Some("sources"),
        "unknown source `ex_caledra_cod`",
    );
    assert!(error.hint.contains("did you mean `ex_caledra_code`?"));
}

#[test]
fn unknown_offence_and_instrument_codes_are_refused() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "criminalisation.csv",
        "XCA,csam_posession,criminalised,,,,,,statute,,,ex_caledra_code,",
    );
    let error = single_error(
        &scratch.errors(),
        "criminalisation.csv",
        line,
        Some("offence"),
        "unknown offence `csam_posession`",
    );
    assert!(error.hint.contains("did you mean `csam_possession`?"));

    let scratch = Scratch::new();
    let line = scratch.append(
        "parties.csv",
        "ex_pakt,XES,,2012-01-05,accession,,,ex_treaty_office,",
    );
    single_error(
        &scratch.errors(),
        "parties.csv",
        line,
        Some("instrument"),
        "unknown instrument `ex_pakt`",
    );
}

#[test]
fn wrong_field_count_names_the_line() {
    let scratch = Scratch::new();
    let line = scratch.append(
        "jurisdiction_rules.csv",
        "XAL,,active_nationality,yes,statute,ex_aldoria_code",
    );
    single_error(
        &scratch.errors(),
        "jurisdiction_rules.csv",
        line,
        None,
        "this row has 6 fields but the header has 12",
    );
}

#[test]
fn unknown_column_suggests_the_documented_one() {
    let scratch = Scratch::new();
    let line = scratch.replace(
        "reservations.csv",
        "from_age,from,until",
        "from_age,form,until",
    );
    let error = single_error(
        &scratch.errors(),
        "reservations.csv",
        line,
        Some("form"),
        "unknown column `form`",
    );
    assert!(error.hint.contains("did you mean `from`?"));
}

#[test]
fn a_cycle_of_parents_is_refused() {
    let scratch = Scratch::new();
    scratch.append(
        "jurisdictions.csv",
        "XA-S,Aldoria South,,,subnational,XA-T,North,North-West,ex_regions",
    );
    let line = scratch.append(
        "jurisdictions.csv",
        "XA-T,Aldoria Tip,,,subnational,XA-S,North,North-West,ex_regions",
    );
    let errors = scratch.errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().all(|e| e
        .message
        .contains("the parents form a cycle through XA-S, XA-T")));
    assert_eq!(errors[1].line, Some(line));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_its_line() {
    let scratch = Scratch::new();
    let mut bytes = scratch.read("sources.csv").into_bytes();
    bytes.extend_from_slice(
        b"latin,Caf\xe9 review,NGO,https://example.org,2026-01-01,2026-01-01,\n",
    );
    std::fs::write(scratch.path().join("sources.csv"), &bytes).unwrap();
    let line = bytes.iter().filter(|b| **b == b'\n').count() as u64;
    single_error(
        &scratch.errors(),
        "sources.csv",
        line,
        None,
        "not valid UTF-8",
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let scratch = Scratch::new();
    let text = scratch.read("offences.csv");
    scratch.write("offences.csv", &format!("\u{feff}{text}"));
    assert!(scratch.load().is_ok());
}

#[test]
fn every_problem_is_reported_in_one_load() {
    let scratch = Scratch::new();
    scratch.append(
        "parties.csv",
        "ex_pact,TUN,,2019-10-15,accession,,,ex_treaty_office,",
    );
    scratch.replace("criminalisation.csv", "2018-01-01", "2018-02-30");
    scratch.append(
        "jurisdiction_rules.csv",
        "XES,,residence,maybe,,,,statute,,,ex_estmere_review_a,",
    );
    let errors = scratch.errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let files: Vec<&str> = errors
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "parties.csv",
            "criminalisation.csv",
            "jurisdiction_rules.csv"
        ]
    );
}

#[test]
fn year_only_ratification_is_unknown_within_its_year() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let cyber = d.instrument_id("ex_cyber").unwrap();
    let aldoria = d.jurisdiction_id("XAL").unwrap();
    let party = d
        .parties
        .iter()
        .find(|p| p.instrument == cyber && p.jurisdiction == aldoria)
        .unwrap();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(party.in_force(day("2011-03-01")), Truth::No);
    assert_eq!(party.in_force(day("2011-09-01")), Truth::Unknown);
    assert_eq!(party.in_force(day("2012-04-01")), Truth::Yes);
}

/// N copies of one rule row give N - 1 duplicate errors, each against the first copy (issue
/// 15: 4,000 rows gave 8 million errors, 1.7 GB).
#[test]
fn each_duplicate_row_is_reported_once_against_the_first() {
    let scratch = Scratch::new();
    let row = "XAL,,active_nationality,yes,,,,statute,Code art. 1 (fictional),,ex_aldoria_code,";
    let first = scratch.append("jurisdiction_rules.csv", row);
    let mut text = scratch.read("jurisdiction_rules.csv");
    for _ in 1..4_000 {
        text.push_str(row);
        text.push('\n');
    }
    scratch.write("jurisdiction_rules.csv", &text);
    let errors = scratch.errors();
    assert_eq!(errors.len(), 3_999);
    let against_first = format!("already stated on line {first}");
    assert!(
        errors.iter().all(|e| e.message.contains(&against_first)),
        "{:?}",
        errors.first()
    );
}
