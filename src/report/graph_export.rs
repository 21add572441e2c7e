//! The cooperation graph as CSV, Graphviz DOT or GraphML.

use crate::graph::{CooperationGraph, Opening};
use crate::model::*;
use crate::snapshot::Snapshot;
use std::fmt::Write;

/// One edge channel, flattened for output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelRow {
    pub from: String,
    pub to: String,
    pub channel: Channel,
    pub status: Truth,
    /// Instrument codes (and `domestic_law` for a requested state's own law) that open it.
    pub via: Vec<String>,
    /// The conditions of the instruments in `via` that open the channel only under one
    /// (e.g. UNTOC's "serious crime ... organized criminal group"), joined by `; `.
    pub condition: String,
}

/// Every channel of every edge, in node order; `unknown` channels only if asked for.
pub fn channel_rows(
    snapshot: &Snapshot<'_>,
    graph: &CooperationGraph,
    include_unknown: bool,
) -> Vec<ChannelRow> {
    let dataset = snapshot.dataset;
    let mut rows = Vec::new();
    let mut edges: Vec<_> = graph.graph.edge_indices().collect();
    edges.sort_by_key(|e| {
        let (a, b) = graph.graph.edge_endpoints(*e).expect("edge exists");
        (
            dataset.jurisdiction(graph.graph[a]).code.clone(),
            dataset.jurisdiction(graph.graph[b]).code.clone(),
        )
    });
    for edge in edges {
        let (a, b) = graph.graph.edge_endpoints(edge).expect("edge exists");
        let (from, to) = (graph.graph[a], graph.graph[b]);
        for &(channel, status) in &graph.graph[edge].channels {
            let openings = graph.openings(snapshot, from, to, channel);
            // An instrument binding both states for certain that opens the channel only under a
            // condition: the channel is `unknown` for a case that does not say, but it is there,
            // and a reader of the graph must see it with its condition.
            let conditional: Vec<InstrumentId> = openings
                .iter()
                .filter_map(|opening| match opening {
                    Opening::Instrument(id, _) => Some(*id),
                    _ => None,
                })
                .filter(|id| {
                    !dataset.instrument(*id).channel_condition.is_empty()
                        && snapshot.bound_by(*id, from).value.is_yes()
                        && snapshot.bound_by(*id, to).value.is_yes()
                })
                .collect();
            if status.is_unknown() && !include_unknown && conditional.is_empty() {
                continue;
            }
            let shown_only_for_its_condition = status.is_unknown() && !include_unknown;
            let via: Vec<String> = openings
                .into_iter()
                .filter_map(|opening| match opening {
                    Opening::Instrument(id, _) if shown_only_for_its_condition => conditional
                        .contains(&id)
                        .then(|| dataset.instrument(id).code.clone()),
                    Opening::Instrument(id, truth) if truth == status || status.is_unknown() => {
                        Some(dataset.instrument(id).code.clone())
                    }
                    Opening::DomesticLaw(rule, truth, _)
                        if !shown_only_for_its_condition
                            && (truth == status || status.is_unknown()) =>
                    {
                        Some(format!("domestic_law:{rule}"))
                    }
                    _ => None,
                })
                .collect();
            let condition = conditional
                .iter()
                .filter(|id| via.contains(&dataset.instrument(**id).code))
                .map(|id| {
                    format!(
                        "{}: {}",
                        dataset.instrument(*id).code,
                        dataset.instrument(*id).channel_condition
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(ChannelRow {
                from: dataset.jurisdiction(from).code.clone(),
                to: dataset.jurisdiction(to).code.clone(),
                channel,
                status,
                via,
                condition,
            });
        }
    }
    rows
}

/// CSV: `from,to,channel,status,via,condition` with `via` joined by `;`. A channel open only
/// under an instrument's condition is `unknown` with that condition (shown even without
/// `--include-unknown`); dataset text is neutralised for spreadsheets.
pub fn to_csv(rows: &[ChannelRow]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["from", "to", "channel", "status", "via", "condition"])?;
    for row in rows {
        writer.write_record([
            row.from.as_str(),
            row.to.as_str(),
            row.channel.as_str(),
            row.status.as_str(),
            row.via.join(";").as_str(),
            super::escape::spreadsheet_safe(&row.condition).as_ref(),
        ])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn escape_dot(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz DOT, one edge per channel, coloured by channel (Okabe–Ito palette), dashed when
/// the channel is only possibly open.
pub fn to_dot(snapshot: &Snapshot<'_>, rows: &[ChannelRow]) -> String {
    let dataset = snapshot.dataset;
    let mut out = String::new();
    let _ = writeln!(out, "digraph cooperation {{");
    let _ = writeln!(
        out,
        "  label=\"{} {}: cooperation channels as of {}\";",
        escape_dot(&dataset.manifest.name),
        escape_dot(&dataset.manifest.version),
        snapshot.day
    );
    let mut codes: Vec<&str> = rows
        .iter()
        .flat_map(|r| [r.from.as_str(), r.to.as_str()])
        .collect();
    codes.sort();
    codes.dedup();
    for code in codes {
        let name = dataset
            .jurisdiction_id(code)
            .map(|j| dataset.jurisdiction(j).name.clone())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  \"{}\" [tooltip=\"{}\"];",
            escape_dot(code),
            escape_dot(&name)
        );
    }
    for row in rows {
        let colour = channel_colour(row.channel);
        let style = if row.status.is_yes() {
            "solid"
        } else {
            "dashed"
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label=\"{}\", color=\"{colour}\", style={style}, tooltip=\"{}\"];",
            escape_dot(&row.from),
            escape_dot(&row.to),
            row.channel,
            escape_dot(&row.via.join(";"))
        );
    }
    out.push_str("}\n");
    out
}

/// Colour-blind-safe colours (Okabe–Ito) for channels.
pub fn channel_colour(channel: Channel) -> &'static str {
    match channel {
        Channel::Mla => "#0072B2",
        Channel::Extradition => "#D55E00",
        Channel::Preservation => "#009E73",
        Channel::DirectDisclosure => "#CC79A7",
    }
}

/// GraphML with node names and regions, one edge per channel.
pub fn to_graphml(snapshot: &Snapshot<'_>, rows: &[ChannelRow]) -> String {
    let dataset = snapshot.dataset;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (key, on, name) in [
        ("name", "node", "name"),
        ("region", "node", "region"),
        ("channel", "edge", "channel"),
        ("status", "edge", "status"),
        ("via", "edge", "via"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{key}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"string\"/>"
        );
    }
    let _ = writeln!(
        out,
        "  <graph id=\"cooperation_{}\" edgedefault=\"directed\">",
        snapshot.day
    );
    let mut codes: Vec<&str> = rows
        .iter()
        .flat_map(|r| [r.from.as_str(), r.to.as_str()])
        .collect();
    codes.sort();
    codes.dedup();
    for code in codes {
        let (name, region) = dataset
            .jurisdiction_id(code)
            .map(|j| {
                (
                    dataset.jurisdiction(j).name.clone(),
                    dataset.jurisdiction(j).region.clone(),
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    <node id=\"{}\"><data key=\"name\">{}</data><data key=\"region\">{}</data></node>",
            escape_xml(code),
            escape_xml(&name),
            escape_xml(&region)
        );
    }
    for row in rows {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\"><data key=\"channel\">{}</data><data key=\"status\">{}</data><data key=\"via\">{}</data></edge>",
            escape_xml(&row.from),
            escape_xml(&row.to),
            row.channel,
            row.status,
            escape_xml(&row.via.join(";"))
        );
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
