//! Cooperation-graph edges of the example dataset, checked by hand against its files.

use crate::util::*;
use lacuna::graph::{CooperationGraph, Opening};
use lacuna::model::*;
use lacuna::snapshot::Snapshot;

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn channel(d: &Dataset, graph: &CooperationGraph, from: &str, to: &str, channel: Channel) -> Truth {
    graph.channel(
        d.jurisdiction_id(from).unwrap(),
        d.jurisdiction_id(to).unwrap(),
        channel,
    )
}

#[test]
fn pact_channels_open_between_its_parties_in_2012() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let snapshot = Snapshot::new(d, day("2012-01-01"), EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    // Aldoria and Borovia: both bound by the Pact since 2010-07-01.
    for c in [Channel::Mla, Channel::Extradition, Channel::Preservation] {
        assert_eq!(channel(d, &graph, "XAL", "XBO", c), Truth::Yes, "{c}");
        assert_eq!(channel(d, &graph, "XBO", "XAL", c), Truth::Yes, "{c}");
    }
    // Caledra joins the Pact only in 2020. The Cyber Accord's party list is partial and does
    // not name Caledra, so preservation through it is unknown, not absent.
    assert_eq!(
        channel(d, &graph, "XAL", "XCA", Channel::Preservation),
        Truth::Unknown
    );
    let pact = d.instrument_id("ex_pact").unwrap();
    let openings = graph.openings(
        &snapshot,
        d.jurisdiction_id("XAL").unwrap(),
        d.jurisdiction_id("XCA").unwrap(),
        Channel::Preservation,
    );
    assert!(openings
        .iter()
        .all(|o| !matches!(o, Opening::Instrument(id, _) if *id == pact)));
    // The Pact alone opens extradition; Caledra's own law on extradition is unknown.
    assert_eq!(
        channel(d, &graph, "XAL", "XBO", Channel::Extradition),
        Truth::Yes
    );
    assert_eq!(
        channel(d, &graph, "XAL", "XCA", Channel::Extradition),
        Truth::Unknown
    );
    // Dunmark extradites on its own law, to anyone.
    assert_eq!(
        channel(d, &graph, "XCA", "XDU", Channel::Extradition),
        Truth::Yes
    );
    // But asking the other way depends on Caledra's unknown law.
    assert_eq!(
        channel(d, &graph, "XDU", "XCA", Channel::Extradition),
        Truth::Unknown
    );
    // Aldoria's Cyber Accord ratification is dated only to 2011: still unknown on 2012-01-01.
    assert_eq!(
        channel(d, &graph, "XAL", "XDU", Channel::DirectDisclosure),
        Truth::Unknown
    );
}

#[test]
fn caledra_joins_on_the_derived_date_without_extradition() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let before = Snapshot::new(d, day("2020-01-31"), EvidenceLevel::TreatyObligation);
    let after = Snapshot::new(d, day("2020-02-01"), EvidenceLevel::TreatyObligation);
    let before_graph = CooperationGraph::build(&before);
    let after_graph = CooperationGraph::build(&after);
    assert_eq!(
        channel(d, &before_graph, "XAL", "XCA", Channel::Preservation),
        Truth::Unknown
    );
    assert_eq!(
        channel(d, &after_graph, "XAL", "XCA", Channel::Preservation),
        Truth::Yes
    );
    assert_eq!(
        channel(d, &after_graph, "XBO", "XCA", Channel::Mla),
        Truth::Yes
    );
    // Caledra's reservation cuts the Pact's extradition channel; what remains is its own
    // (unknown) law.
    let pact = d.instrument_id("ex_pact").unwrap();
    let openings = after_graph.openings(
        &after,
        d.jurisdiction_id("XAL").unwrap(),
        d.jurisdiction_id("XCA").unwrap(),
        Channel::Extradition,
    );
    assert!(!openings.contains(&Opening::Instrument(pact, Truth::Yes)));
    assert_eq!(
        channel(d, &after_graph, "XAL", "XCA", Channel::Extradition),
        Truth::Unknown
    );
}

#[test]
fn bilateral_treaty_adds_an_opening_from_2016() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let snapshot = Snapshot::new(d, day("2016-06-01"), EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    let openings = graph.openings(
        &snapshot,
        d.jurisdiction_id("XAL").unwrap(),
        d.jurisdiction_id("XBO").unwrap(),
        Channel::Mla,
    );
    let codes: Vec<&str> = openings
        .iter()
        .filter_map(|o| match o {
            Opening::Instrument(id, Truth::Yes) => Some(d.instrument(*id).code.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(codes, ["ex_pact", "ex_bilateral_ab"]);
}

#[test]
fn a_unit_cooperates_through_its_state() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let snapshot = Snapshot::new(d, day("2021-01-01"), EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    assert_eq!(channel(d, &graph, "XA-N", "XBO", Channel::Mla), Truth::Yes);
    assert_eq!(
        channel(d, &graph, "XA-N", "XAL", Channel::Extradition),
        Truth::Yes
    );
    // Units are not nodes of their own.
    assert!(graph.nodes[d.jurisdiction_id("XA-N").unwrap().index()].is_none());
}

#[test]
fn edges_are_directed_by_the_requested_states_law() {
    let loaded = load_examples();
    let d = &loaded.dataset;
    let snapshot = Snapshot::new(d, day("2012-01-01"), EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    // Estmere → Dunmark: Dunmark extradites without a treaty. Dunmark → Estmere: unknown.
    assert_eq!(
        channel(d, &graph, "XES", "XDU", Channel::Extradition),
        Truth::Yes
    );
    assert_eq!(
        channel(d, &graph, "XDU", "XES", Channel::Extradition),
        Truth::Unknown
    );
}

/// A hub arrangement (one party on one side, the others on the other) links the hub with each
/// other party, never two other parties with each other (issue 15: the UK–EU surrender scheme
/// linked EU states with each other). A channel condition makes the channel unknown, never
/// certain.
#[test]
fn hub_arrangements_link_only_the_hub_and_conditional_channels_stay_unknown() {
    let scratch = Scratch::new();
    scratch.replace(
        "instruments.csv",
        "later_parties,party_list,sources",
        "later_parties,party_list,hub,channel_condition,sources",
    );
    for code in ["ex_pact", "ex_cyber", "ex_bilateral_ab"] {
        let text = scratch.read("instruments.csv");
        let line = text
            .lines()
            .find(|l| l.starts_with(code))
            .unwrap()
            .to_string();
        let (head, sources) = line.rsplit_once(',').unwrap();
        scratch.replace("instruments.csv", &line, &format!("{head},,,{sources}"));
    }
    scratch.append(
        "instruments.csv",
        "ex_hub,Example surrender scheme (fictional),regional,2015-01-01,2016-01-01,extradition,art 1,,complete,XAL,,ex_treaty_office",
    );
    scratch.append(
        "instruments.csv",
        "ex_serious,Example organised-crime convention (fictional),global,2015-01-01,2016-01-01,mla,art 2,,complete,,serious organised crime only,ex_treaty_office",
    );
    for (instrument, state) in [
        ("ex_hub", "XAL"),
        ("ex_hub", "XCA"),
        ("ex_hub", "XES"),
        ("ex_serious", "XCA"),
        ("ex_serious", "XES"),
    ] {
        scratch.append(
            "parties.csv",
            &format!("{instrument},{state},,2015-06-01,ratification,2016-01-01,,ex_treaty_office,"),
        );
    }
    let loaded = scratch.load().expect("valid");
    let d = &loaded.dataset;
    let snapshot = Snapshot::new(d, day("2017-01-01"), EvidenceLevel::TreatyObligation);
    let graph = CooperationGraph::build(&snapshot);
    // Caledra and Estmere are both parties, but neither is the hub: the scheme opens nothing
    // between them (what remains is each state's own, unknown, extradition law).
    let hub = d.instrument_id("ex_hub").unwrap();
    for (from, to) in [("XCA", "XES"), ("XES", "XCA")] {
        let openings = graph.openings(
            &snapshot,
            d.jurisdiction_id(from).unwrap(),
            d.jurisdiction_id(to).unwrap(),
            Channel::Extradition,
        );
        assert!(
            openings
                .iter()
                .all(|o| !matches!(o, Opening::Instrument(id, _) if *id == hub)),
            "{from}->{to}: {openings:?}"
        );
    }
    assert_eq!(
        channel(d, &graph, "XCA", "XES", Channel::Extradition),
        Truth::Unknown
    );
    // The hub with each other party, both ways.
    assert_eq!(
        channel(d, &graph, "XAL", "XES", Channel::Extradition),
        Truth::Yes
    );
    assert_eq!(
        channel(d, &graph, "XES", "XAL", Channel::Extradition),
        Truth::Yes
    );
    // The conditional convention: a channel that may be open, never a certain one.
    assert_eq!(
        channel(d, &graph, "XCA", "XES", Channel::Mla),
        Truth::Unknown
    );
    // The written dataset keeps both columns.
    let files = lacuna::data::write_dataset(d);
    let written = &files
        .iter()
        .find(|(name, _)| *name == "instruments.csv")
        .unwrap()
        .1;
    assert!(written.contains(",XAL,,"), "{written}");
    assert!(
        written.contains("serious organised crime only"),
        "{written}"
    );
}
