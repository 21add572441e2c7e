//! lacuna finds where the law lets cross-border child sexual exploitation fall through the
//! cracks between countries.
//!
//! Data flows one way: [`data`] loads and validates a dataset into the [`model`]; a
//! [`snapshot::Snapshot`] resolves it as of one day; [`graph`] builds the cooperation graph
//! from that; [`report`] turns results into tables and text. The binary (`src/cli`) is a
//! thin layer over this library. See ARCHITECTURE.md for the map.
//!
//! ```
//! let loaded = lacuna::data::load_world().expect("the shipped dataset is valid");
//! let day = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
//! let snapshot = lacuna::snapshot::Snapshot::new(
//!     &loaded.dataset,
//!     day,
//!     lacuna::model::EvidenceLevel::TreatyObligation,
//! );
//! let graph = lacuna::graph::CooperationGraph::build(&snapshot);
//! assert!(graph.certain_edge_count() > 0);
//! ```

pub mod analysis;
pub mod batch_job;
pub mod data;
pub mod graph;
pub mod model;
pub mod report;
pub mod rules;
pub mod snapshot;
