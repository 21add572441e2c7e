//! One integration-test binary (see Cargo.toml `autotests = false`); each module is one area.

// Shared helpers: example dataset copies, seeded edits, running the binary.
mod util;

// The loader: accepts the shipped datasets, pins the location of every class of bad input.
mod loader;

// The cooperation graph: edges of the example dataset, checked by hand.
mod graph;

// Writing a dataset and reading it back: exact for the shipped ones, a property for edits.
mod roundtrip;

// The corpus of bad inputs: clear errors, no panics, no partial files.
mod bad_inputs;

// The world dataset: published headline figures recomputed from the data.
mod world;

// The case engine: worked cases checked by hand.
mod cases;

// Properties of the logic: Kleene monotonicity, exact bounds, inheritance.
mod properties;

// Analyses: weak zones, reforms, plans, timelines.
mod analysis;

// Charts: every kind, golden SVGs, the map join.
mod charts;

// Batch evaluation: rejects, row-by-row agreement, aggregates.
mod batch;

// The advocacy brief: golden Markdown, HTML escaping.
mod brief;

// The command line: what a user sees.
mod cli;

// The fuzz targets' checks replayed on the regression inputs and seed corpus.
mod fuzz_corpus;

// The atlas and `compare`: links, escaping, the pair view against `lacuna case`, and (with
// LACUNA_BROWSER_TESTS=1, as in CI) the pages in headless Chromium with networking disabled.
mod site;
